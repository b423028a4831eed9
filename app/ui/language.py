"""Loads the compiled translation for a language and switches it at runtime."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("zh_CN", "简体中文"), ("zh_TW", "繁體中文"))


def language_codes() -> tuple[str, ...]:
    return tuple(code for code, _ in LANGUAGES)


class LanguageSwitcher(QObject):
    """Installing or removing a translator makes Qt send LanguageChange to every widget."""

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translator: QTranslator | None = None
        self._current = "en"

    @property
    def current(self) -> str:
        return self._current

    def switch(self, code: str) -> bool:
        """Returns False when the language's .qm is missing (then the UI stays English)."""
        if code == self._current:
            return True
        app = QCoreApplication.instance()
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator = None
        loaded = True
        if code != "en":
            translator = QTranslator(app)
            loaded = translator.load(str(TRANSLATIONS_DIR / f"huitong_{code}.qm"))
            if loaded:
                QCoreApplication.installTranslator(translator)
                self._translator = translator
        self._current = code if loaded else "en"
        QLocale.setDefault(QLocale(self._current))
        self.language_changed.emit(self._current)
        return loaded
