"""The agent's audio devices (microphone, speaker, ringer): the engine's list, the choice remembered
by name in the client settings, and applied to the engine when it starts and on every change.

A remembered device that is not connected stays chosen ("(not connected)" in the menu): the engine
uses the fallback and switches to it when it appears (device_watch.py follows the wanted name).

The notices about devices are said again when the device list changes (the controller says each one
only once otherwise), and "no microphone or speaker was found" is taken back as soon as the list has
both: the engine then uses them at once (device_watch.py moves a role off the null device).
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

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
        self.without_sound = False  # the engine is on the null device for want of a sound card
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

    def in_call(self) -> bool:
        return bool(self.phone.lines)

    def choose(self, role: str, name: str) -> None:
        """The agent picked `name` for `role` ("" = the default: the first device that can do it; for
        the ringer, the speaker): remembered, and given to the engine. Picking the remembered device
        again is given to the engine too: during a call it is how a headset plugged in meanwhile is
        taken (the engine changes nothing when it is already in use)."""
        if role not in ROLES:
            return
        if self.settings is not None and name != self.chosen(role):
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
        if isinstance(event, ev.AudioDeviceDidFallBack) and event.role != "ringer":
            self.without_sound = event.used.startswith("null device") and not self.phone.null_audio
        if isinstance(event, ev.DevicesDidChange):
            if event.devices != self.devices:
                self.phone.audio_notice = ""  # a new situation: its notices are said again
            self.devices = event.devices
            if self.without_sound and self._can("capture") and self._can("playback"):
                self.without_sound = False
                self.phone.message.emit(QCoreApplication.translate(
                    "SoftphoneDevices", "A microphone and a speaker were found: calls have sound again."))
            self.changed.emit()

    def _can(self, role: str) -> bool:
        return any((d.input_channels if role == "capture" else d.output_channels) > 0 for d in self.devices)

