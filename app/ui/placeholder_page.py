"""An honest page for a part of the desk that is not built yet."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    """Shows a title and a sentence saying the feature comes later; texts come from callables so they
    are re-translated when the language changes."""

    def __init__(self, title: Callable[[], str], message: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title_text = title
        self._message_text = message
        self._title = QLabel()
        self._title.setObjectName("pageTitle")
        self._message = QLabel()
        self._message.setObjectName("muted")
        self._message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addWidget(self._title)
        layout.addWidget(self._message)
        layout.addStretch(1)
        self._title.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._title.setText(self._title_text())
        self._message.setText(self._message_text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
