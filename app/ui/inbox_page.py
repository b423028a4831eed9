"""The Inbox page: conversations on the left, the open one in the middle, the customer's whole timeline on
the right. Live events (messages, state and delivery changes) update all three; replies go through the
durable outbox; new conversations and messages raise a desktop notification."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QSplitter, QVBoxLayout, QWidget

from app.domain import Agent, Interaction, Message, TimelineEvent
from app.sync.inbox import InboxFilter, InboxSync, interaction_of, is_inbound_message
from app.sync.inbox import InboxPage as InboxPageData
from app.sync.inbox_canned import CannedStore
from app.sync.inbox_typing import TYPING_IDLE, TypingThrottle
from app.sync.paths import default_cache_dir
from app.ui.background import BackgroundRunner
from app.ui.canned_defaults import default_replies
from app.ui.conversation_view import ConversationView
from app.ui.customer_panel import CustomerPanel
from app.ui.error_messages import operation_error_text
from app.ui.inbox_bridge import InboxBridge
from app.ui.inbox_counts import InboxCountsController
from app.ui.inbox_filters import InboxFilters
from app.ui.inbox_list import InboxList
from app.ui.inbox_model import InboxModel, InteractionRole
from app.ui.notifications import Notifier

if TYPE_CHECKING:
    from app.sync.service import SyncService

MESSAGE_KINDS = ("chat", "email", "sms", "social", "call", "note")
REFRESH_DELAY_MS = 30  # coalesce the bursts of events one change produces


class InboxPage(QWidget):
    status_message = Signal(str)

    def __init__(self, service: SyncService, runner: BackgroundRunner, window: QWidget,  # noqa: PLR0915
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service, self._runner = service, runner
        self.agent: Agent | None = None
        self._token = 0
        self._open_token = 0
        self._refresh_ids: set[int] = set()
        self._refresh_messages = False
        self._new_ids: set[int] = set()
        self._inbound: dict[int, str] = {}
        self.bridge = InboxBridge(self)
        self.notifier = Notifier(window)
        self.filters = InboxFilters()
        self.counts = InboxCountsController(self.filters, service, runner, self)  # the server's figures
        self.model = InboxModel(self._load_page, self)
        self.list = InboxList()  # fixed-height rows; keeps its place when conversations arrive live
        self.list.setObjectName("inboxList")
        self.list.setModel(self.model)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 12, 0, 12)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.list, 1)
        self.conversation = ConversationView()
        self.conversation.attach(lambda: self._service, runner)
        self.customer_panel = CustomerPanel(service, runner)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.conversation)
        splitter.addWidget(self.customer_panel)
        splitter.setSizes([340, 520, 380])
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._flush_refresh)
        self._idle_timer = QTimer(self, singleShot=True, interval=int(TYPING_IDLE * 1000))
        self._idle_timer.timeout.connect(self._typing_stopped)
        self.typing = TypingThrottle(self._send_typing)
        self.filters.changed.connect(lambda _f: self.reload())
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        # When rows go away Qt moves the selection to a neighbour; that must not open (and mark read) it.
        self._model_changing = False
        for about in (self.model.rowsAboutToBeRemoved, self.model.modelAboutToBeReset):
            about.connect(lambda *_: setattr(self, "_model_changing", True))
        for done in (self.model.rowsRemoved, self.model.modelReset):
            done.connect(lambda *_: setattr(self, "_model_changing", False))
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved,
                       self.model.dataChanged):
            signal.connect(lambda *_: self.filters.set_unread(self.model.total_unread))
        self.conversation.composer.submitted.connect(self._send)
        self.conversation.composer.typing.connect(self._typed)
        self.conversation.status_requested.connect(self._set_status)
        self.conversation.retry_requested.connect(self._retry)
        self.customer_panel.status_message.connect(self.status_message)
        self.bridge.message_sent.connect(self._message_sent)
        self.bridge.message_failed.connect(self._message_failed)
        self.bridge.typing.connect(self._typing_frame)
        self.notifier.activated.connect(self._notification_clicked)
        self.conversation.composer.set_canned_replies(
            CannedStore(default_cache_dir() / "canned_replies.json").load(default_replies()))
        service.add_inbox_listener(self.bridge)

    # --- session --------------------------------------------------------------------------------
    def set_service(self, service: SyncService) -> None:
        self._service = service
        self.customer_panel.set_service(service)
        service.add_inbox_listener(self.bridge)
        self.counts.set_service(service)

    def set_agent(self, agent: Agent | None) -> None:
        self.agent = agent
        self.counts.set_agent(agent)
        if agent is None:
            self._token += 1
            self.model.reset()
            self._open(None)
        else:
            self.reload()

    @property
    def filter(self) -> InboxFilter:
        return self.filters.current()

    def reload(self) -> None:
        """Start over with the current filter (first page now, older pages as the list scrolls)."""
        if self.agent is None:
            return
        self._token += 1
        token, flt, inbox = self._token, self.filter, self._service.inbox
        self.model.reset()
        self._runner.run(lambda: inbox.page(flt), lambda page: self._first_page(token, page),
                         lambda exc: self._page_failed(token, exc))

    def _first_page(self, token: int, page: InboxPageData) -> None:
        if token == self._token:
            self.model.reset(page.items, page.next_before)
            current = self.conversation.interaction
            if current is not None and self.model.get(current.id) is not None:
                self.list.setCurrentIndex(self.model.index(self.model.row_of(current.id), 0))

    def _load_page(self, before: int) -> None:
        token, flt, inbox = self._token, self.filter, self._service.inbox
        def done(page: InboxPageData) -> None:
            if token == self._token:
                self.model.append_page(page.items, page.next_before)

        self._runner.run(lambda: inbox.page(flt, before), done, lambda exc: self._page_failed(token, exc))

    def _page_failed(self, token: int, exc: BaseException) -> None:
        if token == self._token:
            self.model.page_failed()
            self.status_message.emit(operation_error_text(exc))

    # --- live events ------------------------------------------------------------------------------
    def on_event(self, event: TimelineEvent) -> None:
        self.customer_panel.on_event(event)
        iid = interaction_of(event)
        if iid is None or self.agent is None:
            return
        current = self.conversation.interaction
        if current is not None and iid == current.id:
            if event.kind == "delivery":
                message_id, state = event.payload.get("message_id"), event.payload.get("delivery")
                if isinstance(message_id, int) and isinstance(state, str):
                    self.conversation.model.set_delivery(message_id, state)
            elif event.kind in MESSAGE_KINDS:
                self.conversation.model.add_from_event(event)
                self._refresh_messages = True
        if is_inbound_message(event):
            self._inbound[iid] = event.body
        if event.kind == "interaction" and event.payload.get("action") == "created":
            self._new_ids.add(iid)
        self._refresh_ids.add(iid)
        self._refresh_timer.start()

    def _flush_refresh(self) -> None:
        ids, self._refresh_ids = self._refresh_ids, set()
        inbox, token = self._service.inbox, self._token
        for iid in ids:
            self._refresh_one(inbox, token, iid)
        current = self.conversation.interaction
        if self._refresh_messages and current is not None:
            self._refresh_messages = False
            self._fetch_messages(current.id, self._open_token, merge=True)

    def _refresh_one(self, inbox: InboxSync, token: int, interaction_id: int) -> None:
        self._runner.run(lambda: inbox.interaction(interaction_id), lambda item: self._refreshed(token, item),
                         lambda exc: self.status_message.emit(operation_error_text(exc)))

    def _refreshed(self, token: int, item: Interaction) -> None:
        if token != self._token:
            return
        agent_id = self.agent.id if self.agent else None
        result = self.model.upsert(item, belongs=self.filter.matches(item, agent_id))
        current = self.conversation.interaction
        is_open = current is not None and current.id == item.id
        if is_open:
            self.conversation.show_interaction(item)
            if item.unread and self._looking():
                self._mark_read(item)
        self._maybe_notify(item, result, looking_at_it=is_open and self._looking())

    def _looking(self) -> bool:
        return self.isVisible() and self.window().isActiveWindow()

    def _maybe_notify(self, item: Interaction, result: str, *, looking_at_it: bool) -> None:
        new = item.id in self._new_ids
        text = self._inbound.pop(item.id, None)
        self._new_ids.discard(item.id)
        if looking_at_it or (not new and text is None):
            return
        name = item.customer_name or self.tr("Customer #%1").replace("%1", str(item.customer_id))
        body = f"{name}: {' '.join((text or item.preview or item.subject).split())}"
        title = self.tr("New conversation") if new or (result == "added" and text is not None) \
            else self.tr("New message")
        self.notifier.notify(title, body, item.id)

    def _notification_clicked(self, key: object) -> None:
        if isinstance(key, int):
            row = self.model.row_of(key)
            if row >= 0:
                self.list.setCurrentIndex(self.model.index(row, 0))

    # --- opening a conversation ------------------------------------------------------------------
    def add_conversation_action(self, widget: QWidget) -> None:
        """Another feature's control beside Close / Reopen in the conversation header (routing's Transfer…);
        it reads `self.conversation.interaction` when used."""
        anchor = self.conversation.status_button
        header = anchor.parentWidget()
        outer = header.layout() if header is not None else None
        for i in range(outer.count() if outer is not None else 0):
            item = outer.itemAt(i) if outer is not None else None
            row = item.layout() if item is not None else None
            if isinstance(row, QBoxLayout) and row.indexOf(anchor) >= 0:
                row.insertWidget(row.indexOf(anchor), widget)
                return
        if outer is not None:
            outer.addWidget(widget)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes and not self._model_changing:
            item = indexes[0].data(InteractionRole)
            if isinstance(item, Interaction):
                self._open(item)

    def open_interaction(self, interaction_id: int) -> bool:
        row = self.model.row_of(interaction_id)
        if row < 0:
            return False
        self.list.setCurrentIndex(self.model.index(row, 0))
        return True

    def _open(self, item: Interaction | None) -> None:
        previous = self.conversation.interaction
        if previous is not None and (item is None or item.id != previous.id):
            self._typing_stopped()
        if item is not None and previous is not None and item.id == previous.id:
            self.conversation.show_interaction(item)
            return
        self._open_token += 1
        self.conversation.show_interaction(item)
        self.conversation.model.reset(item.id if item else None)
        if item is None:
            return
        self._fetch_messages(item.id, self._open_token, merge=False)
        self.customer_panel.open_customer(item.customer_id)
        if item.unread:
            self._mark_read(item)

    def _fetch_messages(self, interaction_id: int, token: int, *, merge: bool) -> None:
        inbox = self._service.inbox

        def load() -> tuple[list[Message], int | None, list[tuple[str, str, str, bool, str]]]:
            messages, before = inbox.messages(interaction_id)
            unsent = [(i.client_id, i.body, i.state, bool(i.payload.get("internal")), i.last_error or "")
                      for i in inbox.unsent_replies(interaction_id)]
            return messages, before, unsent

        def done(result: tuple[list[Message], int | None, list[tuple[str, str, str, bool, str]]]) -> None:
            if token != self._open_token:
                return
            messages, before, unsent = result
            model = self.conversation.model
            if merge:
                model.merge(messages)
            else:
                model.reset(interaction_id, messages, before)
            name = self.agent.display_name if self.agent else ""
            for client_id, body, state, internal, error in unsent:
                model.add_local(client_id, body, name, internal=internal,
                                state="failed" if state == "failed" else "sending", error=error)
            self.conversation.messages.scrollToBottom()

        self._runner.run(load, done, lambda exc: self.status_message.emit(operation_error_text(exc)))

    def _mark_read(self, item: Interaction) -> None:
        self.model.upsert(replace(item, unread=0), belongs=self.model.get(item.id) is not None)
        inbox = self._service.inbox
        self._runner.run(lambda: inbox.mark_read(item.id), None,
                         lambda exc: self.status_message.emit(operation_error_text(exc)))

    # --- replying ---------------------------------------------------------------------------------
    def _send(self, body: str, html: object, internal: bool) -> None:
        item = self.conversation.interaction
        if item is None:
            return
        self._typing_stopped()
        client_id = str(uuid.uuid4())
        name = self.agent.display_name if self.agent else ""
        html_text = html if isinstance(html, str) else None
        self.conversation.model.add_local(client_id, body, name, html=html_text, internal=internal)
        inbox = self._service.inbox
        self._runner.run(lambda: inbox.send_reply(item, body, html=html_text, internal=internal,
                                                  client_id=client_id), None,
                         lambda exc: self._message_failed(client_id, operation_error_text(exc)))

    def _message_sent(self, client_id: str, message: Message) -> None:
        current = self.conversation.interaction
        if current is not None and message.interaction_id == current.id:
            self.conversation.model.sent(client_id, message)

    def _message_failed(self, client_id: str, reason: str) -> None:
        self.conversation.model.refused(client_id, reason)
        self.status_message.emit(self.tr("A message could not be sent: %1").replace("%1", reason))

    def _retry(self, row: int) -> None:
        model = self.conversation.model
        message = model.message(row)
        inbox = self._service.inbox
        if model.is_local(row) and message.client_id:
            client_id = message.client_id
            model.retrying(client_id)
            self._runner.run(lambda: inbox.retry_unsent(client_id), None,
                             lambda exc: self._message_failed(client_id, operation_error_text(exc)))
        elif message.id > 0:
            self._runner.run(lambda: inbox.retry_delivery(message.id), lambda m: model.merge([m]),
                             lambda exc: self.status_message.emit(operation_error_text(exc)))

    def _set_status(self, status: str) -> None:
        item = self.conversation.interaction
        if item is None:
            return
        inbox, token = self._service.inbox, self._token
        self._runner.run(lambda: inbox.set_status(item.id, status),
                         lambda fresh: self._refreshed(token, fresh),
                         lambda exc: self.status_message.emit(operation_error_text(exc)))

    # --- typing -----------------------------------------------------------------------------------
    def _typed(self) -> None:
        item = self.conversation.interaction
        if item is not None and item.channel != "email":
            self.typing.keystroke(item.id)
            self._idle_timer.start()

    def _typing_stopped(self) -> None:
        self._idle_timer.stop()
        self.typing.stopped()

    def _send_typing(self, interaction_id: int, active: bool) -> None:
        inbox = self._service.inbox
        self._runner.run(lambda: inbox.typing(interaction_id, active))

    def _typing_frame(self, interaction_id: int, party: str, active: bool) -> None:
        current = self.conversation.interaction
        if current is not None and current.id == interaction_id and party != "agent":
            self.conversation.set_typing(active, party)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.list.viewport().update()
        super().changeEvent(event)

    def current_index(self) -> QModelIndex:
        return self.list.currentIndex()
