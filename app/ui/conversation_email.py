"""What an e-mail card shows: its header lines and attachment lines (plain Python over the Message)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain import Message
from app.ui.timeline_delegate import format_event_time

HEADER_KEYS = ("from", "to", "cc", "date", "subject")

translate = QCoreApplication.translate  # called by this name, lupdate finds each literal


def header_values(message: Message) -> dict[str, str]:
    """E-mail headers from the message payload, whether stored flat or under "headers", any key case."""
    found: dict[str, str] = {}
    for source in (message.payload.get("headers"), message.payload):
        if not isinstance(source, dict):
            continue
        for key, value in source.items():
            k = str(key).casefold()
            if k in HEADER_KEYS and k not in found and value not in (None, "", []):
                found[k] = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return found


def header_lines(message: Message, subject: str) -> list[tuple[str, str]]:
    """(label, value) pairs to show above the body, in the usual mail-client order."""
    values = header_values(message)
    labels = {
        "from": translate("EmailCard", "From"),
        "to": translate("EmailCard", "To"),
        "cc": translate("EmailCard", "Cc"),
        "date": translate("EmailCard", "Date"),
        "subject": translate("EmailCard", "Subject"),
    }
    values.setdefault(
        "from",
        message.author_name or (translate("EmailCard", "Customer") if message.direction == "in" else ""),
    )
    values.setdefault("date", format_event_time(message.created_at))
    values.setdefault("subject", subject)
    return [(labels[k], values[k]) for k in HEADER_KEYS if values.get(k)]


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def attachment_lines(message: Message) -> list[str]:
    label = translate("EmailCard", "Attachment")  # a word, not an emoji: no emoji font draws a box
    unnamed = translate("EmailCard", "(unnamed)")
    return [
        f"{label}: {a.name or unnamed} · {a.mime or '?'} · {human_size(a.size)}" for a in message.attachments
    ]
