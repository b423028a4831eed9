"""Words for calls: line states, outcomes, directions and the timeline summary of a `call` event."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.ui.call_lines import format_duration
from app.ui.phone_format import international_phone

translate = QCoreApplication.translate  # called by this name, lupdate finds each literal


def state_label(state: str, held: bool = False) -> str:
    if held:
        return translate("CallLabels", "On hold")
    labels = {
        "calling": translate("CallLabels", "Calling…"),
        "incoming": translate("CallLabels", "Ringing"),
        "early": translate("CallLabels", "Ringing"),
        "connecting": translate("CallLabels", "Connecting…"),
        "confirmed": translate("CallLabels", "Talking"),
        "disconnected": translate("CallLabels", "Ended"),
    }
    return labels.get(state, state)


def outcome_label(outcome: str) -> str:
    labels = {
        "answered": translate("CallLabels", "Answered"),
        "missed": translate("CallLabels", "Missed"),
        "rejected": translate("CallLabels", "Rejected"),
        "failed": translate("CallLabels", "Failed"),
        "transferred": translate("CallLabels", "Transferred"),
    }
    return labels.get(outcome, outcome)


def direction_label(direction: str) -> str:
    return (
        translate("CallLabels", "Incoming call")
        if direction == "inbound"
        else translate("CallLabels", "Outgoing call")
    )


def display_number(number: str) -> str:
    return international_phone(number) if any(c.isdigit() for c in number) else number


def call_summary(payload: dict[str, Any]) -> str:
    """`Incoming call · +86 138 0013 8000 · Answered · 01:02` — empty when the payload is not a call's."""
    direction = payload.get("direction")
    if direction not in ("inbound", "outbound"):
        return ""
    parts = [
        direction_label(str(direction)),
        display_number(str(payload.get("remote_number") or "")),
        outcome_label(str(payload.get("outcome") or "")),
    ]
    try:
        seconds = float(payload.get("duration_s") or 0)
    except (TypeError, ValueError):
        seconds = 0.0
    if payload.get("outcome") in ("answered", "transferred"):
        parts.append(format_duration(seconds))
    if payload.get("recording"):
        parts.append(translate("CallLabels", "recorded"))
    return " · ".join(p for p in parts if p)
