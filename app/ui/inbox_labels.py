"""Translated words for the inbox: conversation statuses, delivery states, filter choices."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # called by this name, lupdate finds each literal


def status_label(status: str) -> str:
    labels = {
        "queued": translate("InboxLabels", "Waiting"),
        "offered": translate("InboxLabels", "Offered"),
        "active": translate("InboxLabels", "Active"),
        "wrap_up": translate("InboxLabels", "Wrap-up"),
        "closed": translate("InboxLabels", "Closed"),
        "abandoned": translate("InboxLabels", "Abandoned"),
    }
    return labels.get(status, status)


def delivery_label(delivery: str) -> str:
    labels = {
        "queued": translate("InboxLabels", "Waiting to send"),
        "sending": translate("InboxLabels", "Sending…"),
        "sent": translate("InboxLabels", "Sent"),
        "delivered": translate("InboxLabels", "Delivered"),
        "read": translate("InboxLabels", "Read"),
        "failed": translate("InboxLabels", "Failed — click to retry"),
        "received": "",
    }
    return labels.get(delivery, delivery)


def channel_name(channel: str) -> str:
    return dict(channel_choices()).get(channel, channel)


def scope_choices() -> list[tuple[str, str]]:
    return [
        ("all", translate("InboxLabels", "All conversations")),
        ("mine", translate("InboxLabels", "Mine")),
        ("unassigned", translate("InboxLabels", "Unassigned")),
    ]


def channel_choices() -> list[tuple[str | None, str]]:
    return [
        (None, translate("InboxLabels", "All channels")),
        ("chat", translate("InboxLabels", "Chat")),
        ("email", translate("InboxLabels", "E-mail")),
        ("sms", translate("InboxLabels", "SMS")),
        ("social", translate("InboxLabels", "Social")),
        ("voice", translate("InboxLabels", "Voice")),
    ]


def status_choices() -> list[tuple[str, str]]:
    return [
        ("open", translate("InboxLabels", "Open")),
        ("closed", translate("InboxLabels", "Closed")),
        ("all", translate("InboxLabels", "Any status")),
    ]
