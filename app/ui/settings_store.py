"""Remembers non-secret preferences (language, server URL, last username) in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings

DEFAULT_SERVER_URL = "http://127.0.0.1:8080"
AUTO_ANSWER_DELAY_S = 2


class SettingsStore:
    """Thin typed view over QSettings. Secrets never go here: they live in the OS keyring."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings("Huitong", "Huitong")

    def _text(self, key: str, default: str) -> str:
        value = self._settings.value(key, default)
        return str(value) if value else default

    @property
    def language(self) -> str:
        return self._text("ui/language", "en")

    @language.setter
    def language(self, value: str) -> None:
        self._settings.setValue("ui/language", value)

    @property
    def server_url(self) -> str:
        return self._text("sync/server_url", DEFAULT_SERVER_URL)

    @server_url.setter
    def server_url(self, value: str) -> None:
        self._settings.setValue("sync/server_url", value)

    @property
    def username(self) -> str:
        return self._text("sync/username", "")

    @username.setter
    def username(self, value: str) -> None:
        self._settings.setValue("sync/username", value)

    def audio_device(self, role: str) -> str:
        """The softphone device chosen for `role` (capture / playback / ringer), by name; "" = default."""
        return self._text(f"softphone/audio_{role}", "")

    def set_audio_device(self, role: str, name: str) -> None:
        self._settings.setValue(f"softphone/audio_{role}", name)

    def auto_answer(self, agent: str) -> tuple[bool, int]:
        """The agent's auto-answer choice: (on, delay in seconds 0–10); off with a 2 s delay by default."""
        on = str(self._settings.value(f"agents/{agent}/auto_answer", "false")).lower() in ("true", "1")
        try:
            delay = int(str(self._settings.value(f"agents/{agent}/auto_answer_delay", AUTO_ANSWER_DELAY_S)))
        except ValueError:
            delay = AUTO_ANSWER_DELAY_S
        return on, min(max(delay, 0), 10)

    def set_auto_answer(self, agent: str, on: bool, delay: int) -> None:
        self._settings.setValue(f"agents/{agent}/auto_answer", "true" if on else "false")
        self._settings.setValue(f"agents/{agent}/auto_answer_delay", min(max(int(delay), 0), 10))

    def sync(self) -> None:
        self._settings.sync()
