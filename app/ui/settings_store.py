"""Remembers non-secret preferences (language, server URL, last username) in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings

DEFAULT_SERVER_URL = "http://127.0.0.1:8080"


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

    def sync(self) -> None:
        self._settings.sync()
