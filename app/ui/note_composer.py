"""A small editor for internal notes: Ctrl+Enter or the button sends; the text goes to the outbox."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget


class NoteComposer(QWidget):
    note_submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("noteEditor")
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(64)
        self.send_button = QPushButton()
        self.send_button.setObjectName("primary")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.editor)
        layout.addLayout(row)
        self.send_button.clicked.connect(self.submit)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.editor)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.submit)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.editor.setPlaceholderText(self.tr("Write an internal note for your colleagues…"))
        self.send_button.setText(self.tr("Add note"))
        self.send_button.setToolTip(self.tr("Ctrl+Enter"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def submit(self) -> None:
        body = self.editor.toPlainText().strip()
        if body:
            self.editor.clear()
            self.note_submitted.emit(body)

