"""Translated words for routing: agent states, channel glyphs, durations and routing errors."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.sync.errors import ApiError
from app.ui.channel_labels import badge_for, event_kind_label
from app.ui.error_messages import operation_error_text
from app.ui.inbox_labels import channel_name as inbox_channel_name

STATE_COLOURS = {
    "available": "#2e9e5b",
    "busy": "#c2413b",
    "break": "#d69e2e",
    "after_call_work": "#6b5ca5",
    "offline": "#616e7c",
}
CHANNEL_GLYPHS = {"voice": "call", "chat": "chat", "email": "email", "sms": "sms", "social": "social"}

translate = QCoreApplication.translate  # called by this name, lupdate finds each literal


def state_label(state: str) -> str:
    labels = {
        "available": translate("RoutingLabels", "Available"),
        "busy": translate("RoutingLabels", "Busy"),
        "break": translate("RoutingLabels", "Break"),
        "after_call_work": translate("RoutingLabels", "After-call work"),
        "offline": translate("RoutingLabels", "Offline"),
    }
    return labels.get(state, state)


def channel_badge(channel: str) -> tuple[str, str]:
    """(glyph, colour) for a routing channel, the same badges the timeline uses."""
    return badge_for(CHANNEL_GLYPHS.get(channel, channel))


def channel_name(channel: str) -> str:
    """Call, Chat, E-mail, SMS, Social."""
    return event_kind_label("call") if channel == "voice" else inbox_channel_name(channel)


def duration_text(seconds: float) -> str:
    """0:42, 12:05, 1:02:33."""
    total = max(int(seconds), 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def routing_error_text(exc: BaseException) -> str:
    """The server's routing refusals in plain words (its sentence for the rest)."""
    if isinstance(exc, ApiError):
        known = {
            "offer_expired": translate(
                "RoutingLabels", "This offer ran out of time; it goes to the next agent."
            ),
            "offer_gone": translate("RoutingLabels", "This offer is no longer open."),
            "not_your_offer": translate("RoutingLabels", "This offer was made to another agent."),
            "reason_required": translate("RoutingLabels", "Pick a reason for the break."),
            "unknown_reason": translate("RoutingLabels", "That break reason no longer exists."),
            "disposition_required": translate("RoutingLabels", "This queue needs a disposition."),
            "unknown_disposition": translate("RoutingLabels", "That disposition no longer exists."),
            "already_wrapped_up": translate("RoutingLabels", "This interaction was already wrapped up."),
            "agent_unavailable": translate("RoutingLabels", "That agent is offline."),
            "same_agent": translate("RoutingLabels", "The interaction is already with that agent."),
            "not_transferable": translate("RoutingLabels", "Only an open interaction can be transferred."),
            "not_active": translate("RoutingLabels", "Only an interaction in progress can be ended."),
            "not_your_interaction": translate(
                "RoutingLabels", "Only the agent handling this interaction can do that."
            ),
        }
        if exc.code in known:
            return known[exc.code]
    return operation_error_text(exc)
