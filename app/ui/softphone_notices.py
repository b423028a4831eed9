"""What the softphone tells the agent about the engine's notices: no sound device, the far end holding the
call, transfers, registration failures. Plain words, translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.telephony import events as ev


def _tr(text: str) -> str:
    return QCoreApplication.translate("SoftphoneNotices", text)


def device_fallback_text(event: ev.AudioDeviceDidFallBack) -> str | None:
    """None unless the engine fell back to the null device (no sound card, or one that cannot be opened)."""
    if not event.used.startswith("null device"):
        return None
    if "no microphone" in event.used:
        return _tr("No microphone was found: calls connect, but without sound.")
    if "no speaker" in event.used:
        return _tr("No speaker was found: calls connect, but without sound.")
    return _tr("No microphone or speaker was found: calls connect, but without sound.")


def remote_hold_text(who: str, held: bool) -> str:
    text = _tr("%1 put the call on hold.") if held else _tr("%1 took the call off hold.")
    return text.replace("%1", who)


def transfer_failed_text(code: int, reason: str) -> str:
    return _tr("The transfer did not go through (%1). The caller is still on your line.").replace(
        "%1", f"{code} {reason}".strip())


def registration_failed_text(code: int, reason: str) -> str:
    if code in (401, 403, 407):
        text = _tr("Phone: the SIP server refused the phone's credentials (%1).")
    else:
        text = _tr("Phone: the SIP server cannot be reached (%1).")
    return text.replace("%1", f"{code} {reason}".strip())
