"""The middle of the inbox: one conversation's header, its messages (bubbles or e-mail cards), the typing
indicator and the composer. It shows and asks; InboxPage talks to the server."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import Interaction
from app.ui.composer import Composer
from app.ui.conversation_delegate import ConversationDelegate
from app.ui.conversation_email import attachment_lines
from app.ui.conversation_model import ConversationModel
from app.ui.conversation_quotes import split_quoted
from app.ui.inbox_labels import channel_name, status_label

TYPING_TIMEOUT_MS = 8000  # a lost "stopped typing" frame must not leave the indicator on forever


class ConversationView(QWidget):
    status_requested = Signal(str)  # "active" | "closed"
    retry_requested = Signal(int)  # model row

    def __init__(self, parent: QWidget | None = None) -> None:  # noqa: PLR0915 - one flat layout
        super().__init__(parent)
        self.interaction: Interaction | None = None
        self.model = ConversationModel(self)
        self._header = QFrame()
        self._header.setObjectName("panelHeader")
        self.title = QLabel()
        self.title.setObjectName("customerName")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
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
        layout.addWidget(self.messages, 1)
        layout.addWidget(self.typing_label)
        layout.addWidget(self.composer)
        self._typing_timer = QTimer(self, singleShot=True, interval=TYPING_TIMEOUT_MS)
        self._typing_timer.timeout.connect(lambda: self.set_typing(False))
        self.status_button.clicked.connect(self._toggle_status)
        self.messages.clicked.connect(self._clicked)
        self.model.rowsInserted.connect(lambda *_: QTimer.singleShot(0, self.messages.scrollToBottom))
        self._typing_party = ""
        self.show_interaction(None)
        self.retranslate_ui()

    def show_interaction(self, interaction: Interaction | None) -> None:
        """The header and mode for this conversation (the messages are fed by the page)."""
        switched = interaction is None or self.interaction is None or interaction.id != self.interaction.id
        self.interaction = interaction
        opened = interaction is not None
        self._empty.setVisible(not opened)
        for widget in (self._header, self.messages, self.composer):
            widget.setVisible(opened)
        if switched:
            self.set_typing(False)
        if interaction is not None:
            email = interaction.channel == "email"
            self.delegate.email, self.delegate.subject = email, interaction.subject
            if switched:
                self.composer.set_email_mode(email, interaction.subject)
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
        elif self.delegate.email and split_quoted(self.model.message(row).body)[1]:
            self.model.toggle_expanded(row)
            self.messages.doItemsLayout()

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
