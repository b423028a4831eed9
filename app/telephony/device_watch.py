"""Hot-plug (engine thread): rescans the sound devices when it is safe, and follows the changes.

pjsua2 has no device-change event in this build (its media device list only changes on
`refreshDevs()`). The engine rescans (`EngineDevices.watch`): every few seconds while no sound
stream is open (idle), never while a call or the ringtone has the device open, and at once when the
open device fails (PJMEDIA_EVENT_AUD_DEV_ERROR, e.g. a pulled headset) or the agent asks while no
sound is open (device menu). A headset plugged in mid-call is therefore offered, not forced: the call
stays where it is, the agent can pick it in the menu (`choose`: one reopen), else it is taken after
the call. After each rescan:
- the list changed → DevicesDidChange;
- the device in use for a role is gone → that role moves to the agent's choice if present, else the
  first remaining device that can do it (or the null device when none is left), with an
  AudioDeviceDidFallBack naming the lost and the new device; calls stay up;
- the agent's chosen device came back → the role moves back to it (DevicesDidChange says so);
- device ids shift when another device comes or goes: the bridge is pointed at the same device's
  new id (also while idle, when no role moved), because pjsua reopens its sound device by id.

Why not rescan mid-call (issue #3, measured in test_device_refresh_mid_call): `refreshDevs()` is only
`pjmedia_aud_dev_refresh()`; the open stream plays on and a plugged headset lists at once, but pjsua
reads the open stream's index back when it closes it, and a list that shrank below that index (any
other device pulled meanwhile, or the open one before its AUD_DEV_ERROR is handled) trips pjmedia's
`make_global_index` assert: SIGABRT at the call's end. A rescan cannot know beforehand which way the
list goes, so it always closes the open device first.

The roles are held by name (`in_use`), never by id.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pjsua2 as pj

from app.telephony import devices
from app.telephony import events as ev

WATCH_SECONDS = 2.5
ROLES = ("capture", "playback")


class DeviceWatch:
    def __init__(self, publish: Callable[[ev.EngineEvent], None], null_audio: bool,
                 interval: float = WATCH_SECONDS) -> None:
        self._publish = publish
        self._null_audio = null_audio
        self.interval = interval
        self.wanted = {"capture": "", "playback": ""}  # the agent's choice by name ("" = default)
        self.in_use = {"capture": "", "playback": ""}  # what the bridge is on ("" = null/none)
        self.known: tuple[ev.AudioDevice, ...] | None = None
        self._next = 0.0

    def due(self) -> bool:
        now = time.monotonic()
        if now < self._next:
            return False
        self._next = now + self.interval
        return True

    def choose(self, adm: pj.AudDevManager, names: dict[str, str], live: bool,
               ) -> tuple[list[ev.AudioDeviceDidFallBack], bool]:
        """The agent chose devices by name for the roles in `names` (remembered: `wanted`). Returns the
        notices for chosen devices that are not connected, and whether the bridge moved.

        Nothing is touched unless a role's device actually changes; then both roles move in one step
        (one reopen when a call has the device open, `live`). A choice that is already in use changes
        nothing. During a call the list is not refreshed (that needs the device closed), so a chosen
        device missing from it may have been plugged in since: it is looked for with a refresh inside
        that one reopen (a remembered headset plugged in mid-call is used when the agent picks it)."""
        self.wanted.update(names)
        if self._null_audio:
            nulls = [devices.choose(adm, role, name, True) for role, name in names.items()]
            return [n for n in nulls if n is not None], False
        found = self.known if self.known is not None else devices.list_devices(adm)
        missing = [role for role, name in names.items() if name and devices.find(found, name, role) is None]
        reopen = False
        if missing and live and all(self.in_use.values()):
            adm.setNullDev()  # closed before the refresh (see rescan), reopened below: one gap
            reopen = True
            found = self._refresh(adm, always_publish=False)
        notices = [ev.AudioDeviceDidFallBack(role, names[role], "default device") for role in ROLES
                   if names.get(role) and devices.find(found, names[role], role) is None]
        targets = {role: self._target(role, found) for role in ROLES}
        if targets == self.in_use and not reopen:
            return notices, False
        self.in_use = targets
        self._apply(adm, found, open_now=reopen or live)
        return notices, True

    def _target(self, role: str, found: tuple[ev.AudioDevice, ...]) -> str:
        """Where `role` goes for the agent's choice: the wanted device; for the default or a missing
        one the device in use if it is still there, else the first that can do it ("" = none)."""
        wanted = devices.find(found, self.wanted[role], role) if self.wanted[role] else None
        if wanted is not None:
            return wanted.name
        if self.wanted[role] and any(d.name == self.in_use[role] and _can(d, role) for d in found):
            return self.in_use[role]
        first = next((d for d in found if _can(d, role)), None)
        return first.name if first is not None else ""

    def _refresh(self, adm: pj.AudDevManager, always_publish: bool) -> tuple[ev.AudioDevice, ...]:
        before = self.known
        adm.refreshDevs()
        found = devices.list_devices(adm)
        self.known = found
        if always_publish or before is None or _names(found) != _names(before):
            self._publish(ev.DevicesDidChange(found))
        return found

    def drop(self, name: str) -> None:
        """A device failed while open (the ringer pulled out) and the list cannot be rescanned now:
        it leaves the published list until the next rescan says whether it is back. (The others keep
        their ids: pjmedia's list is unchanged until then.)"""
        if self.known is not None and any(d.name == name for d in self.known):
            self.known = tuple(d for d in self.known if d.name != name)
            self._publish(ev.DevicesDidChange(self.known))

    def rescan(self, adm: pj.AudDevManager, always_publish: bool, idle: bool = False,
               ) -> tuple[tuple[ev.AudioDevice, ...], bool, bool]:
        """Refreshes the list; returns it, whether it changed, and whether the bridge's devices moved.

        An open sound stream keeps the device index it was opened with, and pjsua reads it back when
        it closes the stream: if the list shrank below that index, pjmedia's assert aborts the
        process (measured with this wheel). So an open device is closed before the refresh (its
        index still valid) and reopened by name after it.

        The bridge left on the null device while devices for both roles are listed (one could not be
        opened when a call was dialled: busy, or pulled just then) goes back to them when `idle` (no
        call: nothing is opened until the next one), even though the list did not change."""
        before = self.known
        if before is None:  # first look: pin the defaults the bridge uses to their names
            before = devices.list_devices(adm)
            for role in ROLES:
                self.in_use[role] = _current_name(adm, role, before)
        reopen = bool(adm.sndIsActive()) and not self._null_audio and all(self.in_use.values())
        if reopen:
            adm.setNullDev()
        adm.refreshDevs()
        found = devices.list_devices(adm)
        self.known = found
        changed = _names(found) != _names(before)
        stranded = (idle and not self._null_audio and not all(self.in_use.values())
                    and all(any(_can(d, role) for d in found) for role in ROLES))
        if changed or always_publish or stranded:
            self._publish(ev.DevicesDidChange(found))
        moved = False
        if (changed or stranded) and not self._null_audio:
            moves = [self._follow(role, found) for role in ROLES]  # both roles, always
            moved = any(moves)
        # pjsua keeps the ids it was given: a changed list can shift the devices in use (a card
        # listed before them pulled), so they are pointed at again even when no role moved
        shifted = changed and not self._null_audio and all(self.in_use.values())
        if reopen or moved or shifted:
            self._apply(adm, found, open_now=reopen or bool(adm.sndIsActive()))
        return found, changed, moved

    def _follow(self, role: str, found: tuple[ev.AudioDevice, ...]) -> bool:
        """Decides (by name) where `role` goes after a change; True when it moves."""
        current = self.in_use[role]
        wanted = devices.find(found, self.wanted[role], role) if self.wanted[role] else None
        if wanted is not None:
            self.in_use[role] = wanted.name  # the chosen headset is back (or came for the first time)
            return wanted.name != current
        if any(d.name == current and _can(d, role) for d in found):
            return False
        remaining = next((d for d in found if _can(d, role)), None)
        self.in_use[role] = remaining.name if remaining is not None else ""
        if current and remaining is not None:
            self._publish(ev.AudioDeviceDidFallBack(role, current, remaining.name))
        elif current:
            self._publish(ev.AudioDeviceDidFallBack(role, current, devices.NULL_DEVICE))
        return self.in_use[role] != current

    def _apply(self, adm: pj.AudDevManager, found: tuple[ev.AudioDevice, ...], open_now: bool) -> None:
        """Points the bridge at the `in_use` devices' current ids; the null device unless both are
        there (one bridge, one clock)."""
        chosen = {role: next((d for d in found if d.name == self.in_use[role] and _can(d, role)), None)
                  for role in ROLES}
        capture, playback = chosen["capture"], chosen["playback"]
        if capture is None or playback is None:
            adm.setNullDev()
            self.in_use = dict.fromkeys(ROLES, "")
            return
        devices.use_pair(adm, capture.id, playback.id, open_now)


def _can(device: ev.AudioDevice, role: str) -> bool:
    return (device.input_channels if role == "capture" else device.output_channels) > 0


def _names(found: tuple[ev.AudioDevice, ...]) -> list[tuple[str, int, int]]:
    return [(d.name, d.input_channels, d.output_channels) for d in found]


def _current_id(adm: pj.AudDevManager, role: str) -> int:
    return int(adm.getCaptureDev() if role == "capture" else adm.getPlaybackDev())


def _current_name(adm: pj.AudDevManager, role: str, found: tuple[ev.AudioDevice, ...]) -> str:
    """The name of the device the bridge uses for `role`; the default resolves to pjmedia's default
    (the first device that can do it); "" for the null device."""
    current = _current_id(adm, role)
    if current in (devices.DEFAULT_CAPTURE, devices.DEFAULT_PLAYBACK):
        match = next((d for d in found if _can(d, role)), None)
    else:
        match = next((d for d in found if d.id == current), None)
    return match.name if match is not None else ""
