"""What the softphone tells the agent about the engine's notices: no sound device, a device pulled out, the
far end holding the call, transfers, registration failures. Plain words, translated.

Every text is a literal inside `QCoreApplication.translate(...)`, so pyside6-lupdate collects it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.telephony import events as ev

T = QCoreApplication


def device_fallback_text(event: ev.AudioDeviceDidFallBack) -> str | None:
    """What to tell the agent when the engine could not use a device: the null device (no sound card,
    or one that cannot be opened), a device pulled out (the call moved to another), a missing device
    or ringer (remembered by name, not connected now)."""
    if event.role == "ringer":
        return T.translate("SoftphoneNotices", "The ringer “%1” is not connected: calls ring on the speaker."
                           ).replace("%1", event.wanted)
    if event.used == "default device":
        if event.role == "capture":
            text = T.translate("SoftphoneNotices", "The microphone “%1” is not connected: the default one is used.")  # noqa: E501 (one literal for lupdate)
        else:
            text = T.translate("SoftphoneNotices", "The speaker “%1” is not connected: the default one is used.")  # noqa: E501 (one literal for lupdate)
        return text.replace("%1", event.wanted)
    if not event.used.startswith("null device"):
        # hot-plug: one text for both roles, so a headset's microphone and speaker notices are said once
        return T.translate("SoftphoneNotices", "“%1” was disconnected: the call continues on “%2”."
                           ).replace("%1", event.wanted).replace("%2", event.used)
    if "no microphone" in event.used:
        return T.translate("SoftphoneNotices", "No microphone was found: calls connect, but without sound.")
    if "no speaker" in event.used:
        return T.translate("SoftphoneNotices", "No speaker was found: calls connect, but without sound.")
    return T.translate("SoftphoneNotices", "No microphone or speaker was found: calls connect, but without sound.")  # noqa: E501 (one literal for lupdate)


def remote_hold_text(who: str, held: bool) -> str:
    if held:
        text = T.translate("SoftphoneNotices", "%1 put the call on hold.")
    else:
        text = T.translate("SoftphoneNotices", "%1 took the call off hold.")
    return text.replace("%1", who)


def transfer_failed_text(code: int, reason: str) -> str:
    return T.translate("SoftphoneNotices",
                       "The transfer did not go through (%1). The caller is still on your line.").replace(
        "%1", f"{code} {reason}".strip())


def registration_failed_text(code: int, reason: str) -> str:
    if code in (401, 403, 407):
        text = T.translate("SoftphoneNotices", "Phone: the SIP server refused the phone's credentials (%1).")
    else:
        text = T.translate("SoftphoneNotices", "Phone: the SIP server cannot be reached (%1).")
    return text.replace("%1", f"{code} {reason}".strip())
