"""The agent's audio devices (microphone, speaker, ringer): the engine's list, the choice remembered
by name in the client settings, and applied to the engine when it starts and on every change.

A remembered device that is not connected stays chosen ("(not connected)" in the menu): the engine
uses the fallback and switches to it when it appears (device_watch.py follows the wanted name).
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.telephony import events as ev
from app.ui.settings_store import SettingsStore
from app.ui.softphone_controller import SoftphoneController

ROLES = ("capture", "playback", "ringer")


class DeviceChoices(QObject):
    changed = Signal()  # the device list or a choice changed

    def __init__(self, phone: SoftphoneController, settings: SettingsStore | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.phone = phone
        self.settings = settings
        self.devices: tuple[ev.AudioDevice, ...] = ()
        self._applied_to: object = None  # the engine the remembered choice was given to
        phone.bridge.delivered.connect(self._on_event)
        phone.registration_changed.connect(lambda *_: self._apply_to_new_engine())

    def use_settings(self, settings: SettingsStore) -> None:
        """The desk's settings (before the softphone starts)."""
        self.settings = settings
        self.changed.emit()

    def chosen(self, role: str) -> str:
        return self.settings.audio_device(role) if self.settings is not None else ""

    def options(self, role: str) -> list[tuple[str, bool]]:
        """(device name, connected) for every device that can do `role`; the remembered one is
        listed even when it is not connected. "" (the default) is not included."""
        can = [d.name for d in self.devices
               if (d.input_channels if role == "capture" else d.output_channels) > 0]
        found = [(name, True) for name in dict.fromkeys(can)]
        wanted = self.chosen(role)
        if wanted and wanted not in can:
            found.append((wanted, False))
        return found

    def choose(self, role: str, name: str) -> None:
        """The agent picked `name` for `role` ("" = the default: the first device that can do it; for
        the ringer, the speaker): remembered, and given to the engine."""
        if role not in ROLES or name == self.chosen(role):
            return
        if self.settings is not None:
            self.settings.set_audio_device(role, name)
            self.settings.sync()
        engine = self.phone.engine
        if engine is not None:
            self._watch(engine.set_devices(**{role: name}))
        self.changed.emit()

    def refresh(self) -> None:
        """Rescans the devices (the agent opened the menu: a headset plugged in mid-call shows up)."""
        engine = self.phone.engine
        if engine is not None:
            self._watch(engine.refresh_devices())

    def _apply_to_new_engine(self) -> None:
        engine = self.phone.engine
        if engine is None or engine is self._applied_to:
            return
        self._applied_to = engine
        names = {role: self.chosen(role) for role in ROLES}
        if any(names.values()):
            self._watch(engine.set_devices(**names))
        self._watch(engine.refresh_devices())  # the list for the menu (DevicesDidChange)

    def _watch(self, future: Future[Any]) -> None:
        def done(f: Future[Any]) -> None:
            exc = f.exception()
            if exc is not None:
                self.phone.bridge.command_failed.emit(str(exc))

        future.add_done_callback(done)

    def _on_event(self, event: object) -> None:
        if isinstance(event, ev.DevicesDidChange):
            self.devices = event.devices
            self.changed.emit()

