"""The unified customer panel: profile header, identities by channel, the live timeline, a note composer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QListView, QVBoxLayout, QWidget

from app.domain import Customer, TimelineEvent, TimelinePage
from app.ui.background import BackgroundRunner
from app.ui.elided_label import ElidedLabel
from app.ui.error_messages import operation_error_text
from app.ui.identity_list import IdentityList
from app.ui.note_composer import NoteComposer
from app.ui.timeline_delegate import TimelineDelegate
from app.ui.timeline_model import TimelineModel

if TYPE_CHECKING:
    from app.sync.service import SyncService

REFETCH_KINDS = ("merge", "unmerge")


class CustomerPanel(QWidget):
    status_message = Signal(str)

    def __init__(self, service: SyncService, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._open_token = 0
        self._fresh = False
        self.customer: Customer | None = None
        self.model = TimelineModel(self._load_older, self)
        self._header = QFrame()
        self._header.setObjectName("panelHeader")
        self.name_label = ElidedLabel()  # a long name is shortened, not the window widened
        self.name_label.setObjectName("customerName")
        self.id_label = QLabel()
        self.id_label.setObjectName("customerId")
        self.identities = IdentityList()
        header_layout = QVBoxLayout(self._header)
        header_layout.setContentsMargins(16, 12, 16, 12)
        header_layout.setSpacing(6)
        header_layout.addWidget(self.name_label)
        header_layout.addWidget(self.id_label)
        header_layout.addWidget(self.identities)
        self._timeline_title = QLabel()
        self._timeline_title.setObjectName("muted")
        self._timeline_title.setWordWrap(True)  # a narrow panel wraps it instead of widening the window
        self.timeline = QListView()
        self.timeline.setObjectName("timeline")
        self.timeline.setModel(self.model)
        self.timeline.setItemDelegate(TimelineDelegate(self.timeline))
        self.timeline.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.timeline.setResizeMode(QListView.ResizeMode.Adjust)
        self.timeline.setLayoutMode(QListView.LayoutMode.Batched)
        self.timeline.setBatchSize(200)
        self.timeline.setWordWrap(True)
        self.composer = NoteComposer()
        self.composer.note_submitted.connect(self._add_note)
        self._empty = QLabel()
        self._empty.setObjectName("emptyState")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self._empty, 1)
        layout.addWidget(self._header)
        layout.addWidget(self._timeline_title)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(self.composer)
        self.retranslate_ui()

    def set_service(self, service: SyncService) -> None:
        self._service = service

    # --- opening ------------------------------------------------------------------------------
    def open_customer(self, customer_id: int) -> None:
        """Shows the cached copy at once (works offline), then replaces it with the server's."""
        self._open_token += 1
        token, self._fresh = self._open_token, False
        self.customer = None
        self.model.reset(customer_id, None)
        self._show_header()
        service = self._service
        self._runner.run(lambda: service.cached_customer(customer_id),
                         lambda found: self._on_cached(token, found))
        self._fetch(token, customer_id)

    def show_loaded(self, customer: Customer, page: TimelinePage) -> None:
        """Shows a customer someone else already fetched (the screen pop), without another round trip."""
        self._open_token += 1
        self._fresh = True
        self._show(customer, page)

    def clear_customer(self) -> None:
        self._open_token += 1
        self.customer = None
        self.model.reset(None, None)
        self._show_header()

    def _fetch(self, token: int, customer_id: int) -> None:
        service = self._service
        self._runner.run(lambda: service.fetch_customer(customer_id),
                         lambda result: self._on_fetched(token, result),
                         lambda exc: self._on_fetch_failed(token, exc))

    def _on_cached(self, token: int, found: tuple[Customer, TimelinePage] | None) -> None:
        if token == self._open_token and not self._fresh and found is not None:
            self._show(*found)

    def _on_fetched(self, token: int, result: tuple[Customer, TimelinePage]) -> None:
        if token != self._open_token:
            return
        self._fresh = True
        customer, page = result
        if customer.merged_into_id is not None:
            self.status_message.emit(self.tr("This customer was merged; showing the combined record."))
            self.open_customer(int(customer.merged_into_id))
            return
        self._show(customer, page)

    def _on_fetch_failed(self, token: int, exc: BaseException) -> None:
        if token == self._open_token:
            self.status_message.emit(operation_error_text(exc))
            if self.customer is None:
                self.name_label.setText(self.tr("Not available offline"))

    def _show(self, customer: Customer, page: TimelinePage) -> None:
        self.customer = customer
        self.model.reset(customer.id, page)
        self._show_header()
        self.timeline.scrollToTop()

    def _show_header(self) -> None:
        opened = self.model.customer_id is not None
        self._empty.setVisible(not opened)
        for widget in (self._header, self._timeline_title, self.timeline, self.composer):
            widget.setVisible(opened)
        if self.customer is None:
            self.name_label.setText(self.tr("Loading…") if self.model.customer_id else "")
            self.id_label.clear()
        else:
            self.name_label.setText(self.customer.display_name)
            self.id_label.setText(self.tr("Customer #%1").replace("%1", str(self.customer.id)))
        self.identities.set_customer(self.customer)

    # --- live and older events ----------------------------------------------------------------
    def on_event(self, event: TimelineEvent) -> None:
        current = self.model.customer_id
        if current is None:
            return
        mentioned = {event.customer_id, *(v for v in event.payload.values() if isinstance(v, int))}
        if event.kind in REFETCH_KINDS and current in mentioned:
            self._fetch(self._open_token, current)  # identities and events moved: re-read the whole record
        elif event.kind in ("identity", "profile") and event.customer_id == current:
            self.model.add_live(event)
            self._fetch(self._open_token, current)
        else:
            self.model.add_live(event)

    def _load_older(self, customer_id: int, before: int) -> None:
        service = self._service
        self._runner.run(lambda: service.older_events(customer_id, before),
                         lambda page: self.model.append_older(customer_id, page),
                         self._older_failed)

    def _older_failed(self, exc: BaseException) -> None:
        self.model.older_failed()
        self.status_message.emit(operation_error_text(exc))

    def _add_note(self, body: str) -> None:
        customer_id = self.model.customer_id
        if customer_id is None:
            return
        agent = self._service.agent
        local_key = self.model.add_pending_note(customer_id, body, agent.display_name if agent else None)
        self.timeline.scrollToTop()
        service = self._service
        self._runner.run(lambda: service.add_note(customer_id, body),
                         lambda client_id: self.model.bind_client_id(local_key, str(client_id)),
                         lambda exc: self.status_message.emit(operation_error_text(exc)))

    def retranslate_ui(self) -> None:
        self._timeline_title.setText(self.tr("Timeline — every channel, newest first"))
        self._empty.setText(self.tr("Search for a customer and open them to see their whole history "
                                    "across every channel."))
        self._show_header()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
