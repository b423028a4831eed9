"""The reply composer. Chat: Enter sends, Shift+Enter starts a new line. E-mail: a rich editor with the
subject shown, Ctrl+Enter or the button sends (an HTML part plus the plain-text part). Both: "/" at the
start or Ctrl+K opens the canned replies; every edit reports typing (the page throttles it)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut, QTextCharFormat, QTextListFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.sync.inbox_canned import CannedReply
from app.ui.canned_picker import CannedPicker


class ChatEditor(QPlainTextEdit):
    """Enter sends; Shift+Enter inserts a newline; "/" in an empty editor asks for canned replies."""

    send_requested = Signal()
    canned_requested = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.send_requested.emit()
            return
        if event.text() == "/" and not self.toPlainText():
            self.canned_requested.emit("")
            return
        super().keyPressEvent(event)


class EmailEditor(QTextEdit):
    """Ctrl+Enter sends; Enter is a new paragraph as in any mail client."""

    send_requested = Signal()
    canned_requested = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.send_requested.emit()
            return
        if event.text() == "/" and not self.toPlainText():
            self.canned_requested.emit("")
            return
        super().keyPressEvent(event)


class Composer(QWidget):
    submitted = Signal(str, object, bool)  # body, html or None, internal
    typing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:  # noqa: PLR0915 - one flat layout
        super().__init__(parent)
        self.email_mode = False
        self.subject_label = QLabel()
        self.subject_label.setObjectName("muted")
        self.subject_label.setTextFormat(Qt.TextFormat.PlainText)
        self.chat_editor = ChatEditor()
        self.chat_editor.setObjectName("chatEditor")
        self.chat_editor.setFixedHeight(70)
        self.email_editor = EmailEditor()
        self.email_editor.setObjectName("emailEditor")
        self.email_editor.setAcceptRichText(True)
        self.email_editor.setFixedHeight(120)
        self.bold_button, self.italic_button, self.list_button = QToolButton(), QToolButton(), QToolButton()
        self.bold_button.setText("B")
        self.italic_button.setText("I")
        self.list_button.setText("•")
        for button in (self.bold_button, self.italic_button):
            button.setCheckable(True)
        self.canned_button = QToolButton()
        self.internal_box = QCheckBox()
        self.send_button = QPushButton()
        self.send_button.setObjectName("primary")
        self.picker = CannedPicker(self)
        self.picker.chosen.connect(self.insert_canned)

        self._format_row = QHBoxLayout()
        for button in (self.bold_button, self.italic_button, self.list_button):
            self._format_row.addWidget(button)
        row = QHBoxLayout()
        row.addLayout(self._format_row)
        row.addWidget(self.canned_button)
        row.addWidget(self.internal_box)
        row.addStretch(1)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.subject_label)
        layout.addWidget(self.chat_editor)
        layout.addWidget(self.email_editor)
        layout.addLayout(row)

        self.chat_editor.send_requested.connect(self.submit)
        self.chat_editor.canned_requested.connect(self.open_canned)
        self.email_editor.canned_requested.connect(self.open_canned)
        self.chat_editor.textChanged.connect(self._edited)
        self.email_editor.textChanged.connect(self._edited)
        self.send_button.clicked.connect(self.submit)
        self.canned_button.clicked.connect(lambda: self.open_canned(""))
        self.bold_button.toggled.connect(self._bold)
        self.italic_button.toggled.connect(self._italic)
        self.list_button.clicked.connect(self._bullets)
        self.email_editor.send_requested.connect(self.submit)
        canned = QShortcut(QKeySequence("Ctrl+K"), self)
        canned.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        canned.activated.connect(lambda: self.open_canned(""))
        self._subject = ""
        self.set_email_mode(False)
        self.retranslate_ui()

    # --- modes ----------------------------------------------------------------------------------
    def set_email_mode(self, email: bool, subject: str = "") -> None:
        self.email_mode, self._subject = email, subject
        self.chat_editor.setVisible(not email)
        self.email_editor.setVisible(email)
        self.subject_label.setVisible(email)
        for button in (self.bold_button, self.italic_button, self.list_button):
            button.setVisible(email)
        self.retranslate_ui()

    def editor(self) -> QPlainTextEdit | QTextEdit:
        return self.email_editor if self.email_mode else self.chat_editor

    def set_canned_replies(self, replies: list[CannedReply]) -> None:
        self.picker.set_replies(replies)

    def retranslate_ui(self) -> None:
        subject = self._subject if self._subject.lower().startswith("re:") or not self._subject \
            else f"Re: {self._subject}"
        self.subject_label.setText(self.tr("Subject: %1").replace("%1", subject or self.tr("(no subject)")))
        self.chat_editor.setPlaceholderText(self.tr("Write a reply… Enter sends, Shift+Enter for a new line, "
                                                    "/ for canned replies"))
        self.email_editor.setPlaceholderText(self.tr("Write your e-mail reply… Ctrl+Enter sends, "
                                                     "Ctrl+K for canned replies"))
        self.canned_button.setText(self.tr("Canned replies"))
        self.canned_button.setToolTip(self.tr("Ctrl+K or / at the start"))
        self.internal_box.setText(self.tr("Internal note"))
        self.send_button.setText(self.tr("Send"))
        self.bold_button.setToolTip(self.tr("Bold"))
        self.italic_button.setToolTip(self.tr("Italic"))
        self.list_button.setToolTip(self.tr("Bulleted list"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- actions ----------------------------------------------------------------------------------
    def open_canned(self, text: str = "") -> None:
        self.picker.open_at(self.editor(), text)

    def insert_canned(self, body: str) -> None:
        editor = self.editor()
        editor.insertPlainText(body)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        editor = self.editor()
        body = editor.toPlainText().strip()
        if not body:
            return
        html = self.email_editor.toHtml() if self.email_mode and not self.internal_box.isChecked() else None
        internal = self.internal_box.isChecked()
        editor.blockSignals(True)
        editor.clear()
        editor.blockSignals(False)
        self.internal_box.setChecked(False)
        self.submitted.emit(body, html, internal)

    def _edited(self) -> None:
        if self.editor().toPlainText():
            self.typing.emit()

    def _bold(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self.email_editor.mergeCurrentCharFormat(fmt)

    def _italic(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self.email_editor.mergeCurrentCharFormat(fmt)

    def _bullets(self) -> None:
        self.email_editor.textCursor().createList(QTextListFormat.Style.ListDisc)
