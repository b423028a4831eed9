"""The middle of the inbox: one conversation's header, its messages (bubbles or e-mail cards), the typing
indicator and the composer. InboxPage feeds the newest page of messages and talks to the server for replies;
the view itself pages in older messages when the agent scrolls to the top, and for e-mail shows the opened
message in an `EmailReader` (sanitised HTML, remote images on request, attachments) under the list."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain import Interaction, Message
from app.sync.email_files import EmailFiles
from app.sync.inbox import InboxSync
from app.ui.background import BackgroundRunner
from app.ui.composer import Composer
from app.ui.conversation_delegate import ConversationDelegate
from app.ui.conversation_email import attachment_lines
from app.ui.conversation_model import ConversationModel
from app.ui.conversation_quotes import split_quoted
from app.ui.elided_label import ElidedLabel
from app.ui.email_reader import EmailReader
from app.ui.error_messages import operation_error_text
from app.ui.inbox_labels import channel_name, status_label

if TYPE_CHECKING:
    from app.sync.service import SyncService

TYPING_TIMEOUT_MS = 8000  # a lost "stopped typing" frame must not leave the indicator on forever


class ConversationView(QWidget):
    status_requested = Signal(str)  # "active" | "closed"
    retry_requested = Signal(int)  # model row
    older_failed = Signal(str)  # a plain-words reason an older page could not be loaded

    def __init__(self, parent: QWidget | None = None) -> None:  # noqa: PLR0915 - one flat layout
        super().__init__(parent)
        self.interaction: Interaction | None = None
        self.model = ConversationModel(self)
        self._header = QFrame()
        self._header.setObjectName("panelHeader")
        self.title = ElidedLabel()  # a long name is shortened, not the window widened
        self.title.setObjectName("customerName")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        self.subtitle.setWordWrap(True)  # channel · status · queue · name: wraps in a narrow column
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.status_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.status_button)
        header_layout = QVBoxLayout(self._header)
        header_layout.setContentsMargins(14, 10, 14, 10)
        header_layout.addLayout(top)
        header_layout.addWidget(self.subtitle)
        self.messages = QListView()
        self.messages.setObjectName("conversation")
        self.messages.setModel(self.model)
        self.delegate = ConversationDelegate(self.messages)
        self.messages.setItemDelegate(self.delegate)
        self.messages.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.messages.setResizeMode(QListView.ResizeMode.Adjust)
        self.messages.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.messages.setWordWrap(True)
        self.messages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.older_label = QLabel()
        self.older_label.setObjectName("muted")
        self.older_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.older_label.hide()
        self._service: Callable[[], SyncService | None] | None = None
        self._runner: BackgroundRunner | None = None
        self._loading_older = False
        self._prepending = False
        self.reader = EmailReader(self._email_services)
        self.reader.hide()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.messages)
        self.splitter.addWidget(self.reader)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.typing_label = QLabel()
        self.typing_label.setObjectName("muted")
        self.composer = Composer()
        self._empty = QLabel()
        self._empty.setObjectName("emptyState")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self._empty, 1)
        layout.addWidget(self._header)
        layout.addWidget(self.older_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.typing_label)
        layout.addWidget(self.composer)
        self._typing_timer = QTimer(self, singleShot=True, interval=TYPING_TIMEOUT_MS)
        self._typing_timer.timeout.connect(lambda: self.set_typing(False))
        self.status_button.clicked.connect(self._toggle_status)
        self.messages.clicked.connect(self._clicked)
        self.model.rowsInserted.connect(self._rows_inserted)
        self.model.modelReset.connect(lambda: QTimer.singleShot(0, self._after_reset))
        self.messages.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._typing_party = ""
        self.show_interaction(None)
        self.retranslate_ui()

    def show_interaction(self, interaction: Interaction | None) -> None:
        """The header and mode for this conversation (the messages are fed by the page)."""
        switched = interaction is None or self.interaction is None or interaction.id != self.interaction.id
        self.interaction = interaction
        opened = interaction is not None
        self._empty.setVisible(not opened)
        for widget in (self._header, self.splitter, self.composer):
            widget.setVisible(opened)
        if switched:
            self.set_typing(False)
            self.open_message(None)
            self._loading_older = False
            self.older_label.hide()
        if interaction is not None:
            email = interaction.channel == "email"
            self.delegate.email, self.delegate.subject = email, interaction.subject
            self.reader.setVisible(email)
            if switched:
                self.composer.set_email_mode(email, interaction.subject)
                if email:
                    self.splitter.setSizes([200, 420])
            self.messages.setSpacing(2 if email else 0)
        self.retranslate_ui()

    def set_typing(self, active: bool, party: str = "") -> None:
        self._typing_party = party
        self.typing_label.setVisible(active)
        if active:
            self._typing_timer.start()
        self.retranslate_ui()

    @property
    def typing_shown(self) -> bool:
        return not self.typing_label.isHidden()

    def retranslate_ui(self) -> None:
        self._empty.setText(self.tr("Choose a conversation on the left. New chats, e-mails and messages "
                                    "arrive there live."))
        interaction = self.interaction
        if interaction is None:
            return
        self.title.setText(interaction.customer_name or self.tr("Customer #%1").replace(
            "%1", str(interaction.customer_id)))
        parts = [channel_name(interaction.channel), status_label(interaction.status)]
        if interaction.subject:
            parts.append(interaction.subject)
        self.subtitle.setText(" · ".join(parts))
        self.status_button.setText(self.tr("Reopen") if not interaction.is_open else self.tr("Close"))
        customer = self._typing_party in ("", "visitor", "customer")
        who = self.tr("The customer") if customer else self._typing_party
        self.typing_label.setText(self.tr("%1 is typing…").replace("%1", who))
        self.older_label.setText(self.tr("Loading older messages…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _toggle_status(self) -> None:
        if self.interaction is not None:
            self.status_requested.emit("active" if not self.interaction.is_open else "closed")

    def _clicked(self, index: QModelIndex) -> None:
        row = index.row()
        if self.model.delivery(row) == "failed" and self.model.message(row).direction != "in":
            self.retry_requested.emit(row)
            return
        if self.delegate.email:
            self.open_message(self.model.message(row))
            if split_quoted(self.model.message(row).body)[1]:
                self.model.toggle_expanded(row)
                self.messages.doItemsLayout()

    # --- the e-mail reader -------------------------------------------------------------------------
    def attach(self, service: Callable[[], SyncService | None], runner: BackgroundRunner) -> None:
        """Who to ask for older pages and e-mail content (InboxPage's service and worker pool)."""
        self._service, self._runner = service, runner

    def _sync(self) -> tuple[InboxSync, BackgroundRunner] | None:
        service, runner = (self._service() if self._service else None), self._runner
        if service is None or runner is None or not isinstance(service.inbox, InboxSync):
            return None
        return service.inbox, runner

    def _email_services(self) -> tuple[EmailFiles, BackgroundRunner] | None:
        sync = self._sync()
        return None if sync is None else (sync[0].email, sync[1])

    def open_message(self, message: Message | None) -> None:
        """Shows this e-mail message in the reader (None empties it)."""
        self.delegate.opened_id = message.id if message is not None else None
        subject = self.interaction.subject if self.interaction is not None else ""
        self.reader.show_message(message, subject)
        self.messages.viewport().update()

    def _after_reset(self) -> None:
        """A conversation was (re)loaded: open its newest e-mail, and fill a short view with older pages."""
        rows = self.model.rowCount()
        if self.delegate.email and rows and self.reader.message is None:
            newest = next((self.model.message(r) for r in range(rows - 1, -1, -1)
                           if self.model.message(r).id > 0), None)
            if newest is not None:
                self.open_message(newest)
        self._fill_if_short()

    def _fill_if_short(self) -> None:
        if self.model.rowCount() and self.messages.verticalScrollBar().maximum() == 0:
            self.load_older()

    # --- older pages -------------------------------------------------------------------------------
    def _rows_inserted(self, _parent: QModelIndex, first: int, _last: int) -> None:
        if self._prepending and first == 0:
            return  # an older page: the agent keeps reading where they were
        QTimer.singleShot(0, self.messages.scrollToBottom)

    def _scrolled(self, value: int) -> None:
        bar = self.messages.verticalScrollBar()
        if value == bar.minimum() and bar.maximum() > 0:
            self.load_older()

    def load_older(self) -> None:
        """The page before the oldest message shown, if there is one and none is on its way."""
        model, sync = self.model, self._sync()
        if sync is None or self._loading_older or model.older_cursor is None or model.interaction_id is None:
            return
        inbox, runner = sync
        interaction_id, cursor = model.interaction_id, model.older_cursor
        self._loading_older = True
        self.older_label.show()

        def done(result: tuple[list[Message], int | None]) -> None:
            if model.interaction_id != interaction_id or model.older_cursor != cursor:
                return
            self._loading_older = False
            self.older_label.hide()
            bar = self.messages.verticalScrollBar()
            from_bottom = bar.maximum() - bar.value()
            self._prepending = True
            try:
                model.prepend(*result)
            finally:
                self._prepending = False
            self.messages.doItemsLayout()
            bar.setValue(bar.maximum() - from_bottom)
            QTimer.singleShot(0, self._fill_if_short)

        def failed(exc: BaseException) -> None:
            if model.interaction_id == interaction_id:
                self._loading_older = False
                self.older_label.hide()
                self.older_failed.emit(operation_error_text(exc))

        runner.run(lambda: inbox.messages(interaction_id, before=cursor), done, failed)

    def visible_text(self, row: int) -> str:
        """What the agent can read of a row without clicking (for tests and accessibility)."""
        message = self.model.message(row)
        if not self.delegate.email:
            return message.body
        visible, quoted = split_quoted(message.body)
        lines = [visible, *attachment_lines(message)]
        if quoted and self.model.data(self.model.index(row, 0), Qt.ItemDataRole.UserRole + 2):
            lines.insert(1, quoted)
        return "\n".join(lines)
