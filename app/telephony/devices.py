"""Audio devices by name (engine thread): listing, choosing with a fallback to the default.

The ringer (ringer.py) and hot-plug (device_watch.py) build on these; see ARCHITECTURE.md.
"""

from __future__ import annotations

import ctypes

import pjsua2 as pj

from app.telephony import events as ev

DEFAULT_CAPTURE = -1   # PJMEDIA_AUD_DEFAULT_CAPTURE_DEV
DEFAULT_PLAYBACK = -2  # PJMEDIA_AUD_DEFAULT_PLAYBACK_DEV
NULL_DEVICE = "null device (no sound card)"
DEFAULT_NAME = "default"  # `wanted` of the start-up notices: no particular device was asked for


def list_devices(adm: pj.AudDevManager) -> tuple[ev.AudioDevice, ...]:
    """The devices in pjmedia's order. The wheel's `AudioDevInfo.id` is an opaque SWIG pointer (its
    int() is an address, which setCaptureDev rejects), but device ids are the positions in this list."""
    return tuple(ev.AudioDevice(index, str(d.name), str(d.driver), int(d.inputCount), int(d.outputCount))
                 for index, d in enumerate(adm.enumDev2()))


def find(devices: tuple[ev.AudioDevice, ...], name: str, role: str) -> ev.AudioDevice | None:
    """The device called `name` (exact, then case-insensitive prefix) that can do `role`."""
    usable = [d for d in devices
              if (d.input_channels if role == "capture" else d.output_channels) > 0]
    for match in (lambda d: d.name == name, lambda d: d.name.lower().startswith(name.lower())):
        found = next((d for d in usable if match(d)), None)
        if found is not None:
            return found
    return None


def settle(adm: pj.AudDevManager, null_audio: bool) -> list[ev.AudioDeviceDidFallBack]:
    """At start (after libStart): the null device when asked for, or by itself when the machine has
    no capture or no playback device, with a notice per role. Without it, pjsua opens the default
    sound device at the first call and `makeCall` fails with PJMEDIA_EAUD_NODEFDEV.

    One bridge means one clock for both directions: a machine with speakers but no microphone (or
    the reverse) cannot mix a real device with the null one, so both roles go to the null device."""
    # Choosing a device while idle must not open it: an open device is only closed again by pjsua
    # after a call or ringtone, and while it is open the device list is not polled (hot-plug).
    adm.setSndDevMode(pj.PJSUA_SND_DEV_NO_IMMEDIATE_OPEN)
    if null_audio:
        return []  # create_endpoint already chose the null device, as asked
    found = list_devices(adm)
    missing = [role for role in ("capture", "playback")
               if not any((d.input_channels if role == "capture" else d.output_channels) > 0 for d in found)]
    if not missing:
        return []
    return use_null_device(adm, missing)


def use_null_device(adm: pj.AudDevManager, missing: list[str]) -> list[ev.AudioDeviceDidFallBack]:
    """Switches the bridge to the null device; one notice for each role (the missing ones say so)."""
    adm.setNullDev()
    if len(missing) == 2:
        used = NULL_DEVICE
    else:
        used = f"null device (no {'microphone' if missing == ['capture'] else 'speaker'})"
    return [ev.AudioDeviceDidFallBack(role, DEFAULT_NAME, used) for role in ("capture", "playback")]


_PJSUA = ctypes.CDLL(pj._pjsua2.__file__)
_PJSUA.pjsua_snd_dev_param_default.argtypes = [ctypes.c_void_p]
_PJSUA.pjsua_snd_dev_param_default.restype = None
_PJSUA.pjsua_set_snd_dev2.argtypes = [ctypes.c_void_p]


class _SndDevParam(ctypes.Structure):  # pjsua_snd_dev_param, then room for fields of later versions
    _fields_ = [("capture_dev", ctypes.c_int), ("playback_dev", ctypes.c_int), ("mode", ctypes.c_uint),
                ("rest", ctypes.c_byte * 52)]


def use_pair(adm: pj.AudDevManager, capture_id: int, playback_id: int, open_now: bool | None = None,
             ) -> None:
    """Both directions in one step: a sound device that is open is reopened once. (pjsua2's
    setCaptureDev and setPlaybackDev each reopen it, opening the capture device with the old
    playback one in between: two audible gaps, the first on a half-old pair.) A closed device
    stays closed (`open_now` False): pjsua opens it at the next call or ringtone."""
    param = _SndDevParam()
    _PJSUA.pjsua_snd_dev_param_default(ctypes.byref(param))
    param.capture_dev, param.playback_dev = capture_id, playback_id
    if not (adm.sndIsActive() if open_now is None else open_now):
        # Coming from the null device, pjsua would open the new one at once even so (its clock
        # counts as sound being on) and keep it open until a call ends; detaching first leaves it
        # closed until the next connection to the bridge opens it.
        adm.setNoDev()
        param.mode = pj.PJSUA_SND_DEV_NO_IMMEDIATE_OPEN
    status = _PJSUA.pjsua_set_snd_dev2(ctypes.byref(param))
    if status != 0:
        raise RuntimeError(f"the sound device ({capture_id}, {playback_id}) could not be opened: "
                           f"pjsua status {status}")


def is_device_error(reason: str) -> bool:
    """A pjsua2 error text saying the sound device could not be found or opened (PJMEDIA_EAUD_…)."""
    return "PJMEDIA_EAUD" in reason


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
        return ev.AudioDeviceDidFallBack(role, name, NULL_DEVICE)
    (adm.setCaptureDev if role == "capture" else adm.setPlaybackDev)(
        DEFAULT_CAPTURE if role == "capture" else DEFAULT_PLAYBACK)
    return ev.AudioDeviceDidFallBack(role, name, "default device")
