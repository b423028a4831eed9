"""Audio devices by name (engine thread): listing, choosing with a fallback to the default.

pjsua2 has one conference bridge bound to one capture and one playback device, so the "ringer" is a
remembered choice only: the ringtone plays on the playback device (see ARCHITECTURE.md).
"""

from __future__ import annotations

import pjsua2 as pj

from app.telephony import events as ev

DEFAULT_CAPTURE = -1   # PJMEDIA_AUD_DEFAULT_CAPTURE_DEV
DEFAULT_PLAYBACK = -2  # PJMEDIA_AUD_DEFAULT_PLAYBACK_DEV


def list_devices(adm: pj.AudDevManager) -> tuple[ev.AudioDevice, ...]:
    return tuple(ev.AudioDevice(int(d.id), str(d.name), str(d.driver), int(d.inputCount), int(d.outputCount))
                 for d in adm.enumDev2())


def find(devices: tuple[ev.AudioDevice, ...], name: str, role: str) -> ev.AudioDevice | None:
    """The device called `name` (exact, then case-insensitive prefix) that can do `role`."""
    usable = [d for d in devices
              if (d.input_channels if role == "capture" else d.output_channels) > 0]
    for match in (lambda d: d.name == name, lambda d: d.name.lower().startswith(name.lower())):
        found = next((d for d in usable if match(d)), None)
        if found is not None:
            return found
    return None


def choose(adm: pj.AudDevManager, role: str, name: str, null_audio: bool,
           ) -> ev.AudioDeviceDidFallBack | None:
    """Switches `role` (capture / playback) to the device `name`; returns the fallback notice if it
    had to take the default (or, with no sound card, the null device) instead."""
    device = find(list_devices(adm), name, role)
    if device is not None:
        (adm.setCaptureDev if role == "capture" else adm.setPlaybackDev)(device.id)
        return None
    if null_audio or adm.getDevCount() == 0:
        adm.setNullDev()
        return ev.AudioDeviceDidFallBack(role, name, "null device (no sound card)")
    (adm.setCaptureDev if role == "capture" else adm.setPlaybackDev)(
        DEFAULT_CAPTURE if role == "capture" else DEFAULT_PLAYBACK)
    return ev.AudioDeviceDidFallBack(role, name, "default device")
