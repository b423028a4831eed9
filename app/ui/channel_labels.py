"""Human labels and short glyph badges for identity kinds, channels and event kinds (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def identity_kind_label(kind: str) -> str:
    labels = {
        "phone": QCoreApplication.translate("ChannelLabels", "Phone"),
        "email": QCoreApplication.translate("ChannelLabels", "E-mail"),
        "web": QCoreApplication.translate("ChannelLabels", "Web visitor"),
        "wechat": QCoreApplication.translate("ChannelLabels", "WeChat"),
        "whatsapp": QCoreApplication.translate("ChannelLabels", "WhatsApp"),
        "messenger": QCoreApplication.translate("ChannelLabels", "Messenger"),
        "telegram": QCoreApplication.translate("ChannelLabels", "Telegram"),
        "sms": QCoreApplication.translate("ChannelLabels", "SMS"),
    }
    return labels.get(kind, kind)


def event_kind_label(kind: str) -> str:
    labels = {
        "call": QCoreApplication.translate("ChannelLabels", "Call"),
        "chat": QCoreApplication.translate("ChannelLabels", "Chat"),
        "email": QCoreApplication.translate("ChannelLabels", "E-mail"),
        "sms": QCoreApplication.translate("ChannelLabels", "SMS"),
        "social": QCoreApplication.translate("ChannelLabels", "Social message"),
        "note": QCoreApplication.translate("ChannelLabels", "Note"),
        "ticket": QCoreApplication.translate("ChannelLabels", "Ticket"),
        "merge": QCoreApplication.translate("ChannelLabels", "Merged"),
        "unmerge": QCoreApplication.translate("ChannelLabels", "Merge undone"),
        "identity": QCoreApplication.translate("ChannelLabels", "Identity added"),
        "profile": QCoreApplication.translate("ChannelLabels", "Profile changed"),
    }
    return labels.get(kind, kind)


def channel_label(channel: str) -> str:
    """Channels share names with identity kinds; 'internal' and 'voice' are the extra ones."""
    extra = {
        "internal": QCoreApplication.translate("ChannelLabels", "Internal"),
        "voice": QCoreApplication.translate("ChannelLabels", "Voice"),
        "": "",
    }
    return extra[channel] if channel in extra else identity_kind_label(channel)


# One-character badges drawn in a coloured circle: readable in every language, no image files to ship.
KIND_BADGES: dict[str, tuple[str, str]] = {
    "call": ("☎", "#2f6f9f"), "chat": ("❝", "#3d8b6d"), "email": ("@", "#6b5ca5"),
    "sms": ("✉", "#b7791f"), "social": ("#", "#2b8a9e"), "note": ("✎", "#8a6d3b"),
    "ticket": ("!", "#c2413b"), "merge": ("⇄", "#616e7c"), "unmerge": ("⇆", "#616e7c"),
    "identity": ("+", "#616e7c"), "profile": ("✓", "#616e7c"),
    "phone": ("☎", "#2f6f9f"), "web": ("⌂", "#3d8b6d"), "wechat": ("W", "#2e9e5b"),
    "whatsapp": ("W", "#25a35a"), "messenger": ("M", "#3b6fd9"), "telegram": ("T", "#2b8ac2"),
}


def badge_for(kind: str) -> tuple[str, str]:
    return KIND_BADGES.get(kind, ("•", "#616e7c"))
