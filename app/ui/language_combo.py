"""A combo box listing the UI languages by their own names (so anyone can find theirs)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from app.ui.language import LANGUAGES


class LanguageCombo(QComboBox):
    language_chosen = Signal(str)

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code, native_name in LANGUAGES:
            self.addItem(native_name, code)
        self.set_language(current)
        self.currentIndexChanged.connect(self._emit)

    def set_language(self, code: str) -> None:
        index = self.findData(code)
        if index >= 0 and index != self.currentIndex():
            self.blockSignals(True)
            self.setCurrentIndex(index)
            self.blockSignals(False)

    def _emit(self, index: int) -> None:
        self.language_chosen.emit(str(self.itemData(index)))
