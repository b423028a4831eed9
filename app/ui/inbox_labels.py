"""Translated words for the inbox: conversation statuses, delivery states, filter choices."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("InboxLabels", text)


def status_label(status: str) -> str:
    labels = {"queued": _t("Waiting"), "offered": _t("Offered"), "active": _t("Active"),
              "wrap_up": _t("Wrap-up"), "closed": _t("Closed"), "abandoned": _t("Abandoned")}
    return labels.get(status, status)


def delivery_label(delivery: str) -> str:
    labels = {"queued": _t("Waiting to send"), "sending": _t("Sending…"), "sent": _t("Sent"),
              "delivered": _t("Delivered"), "read": _t("Read"),
              "failed": _t("Failed — click to retry"), "received": ""}
    return labels.get(delivery, delivery)


def channel_name(channel: str) -> str:
    return dict(channel_choices()).get(channel, channel)


def scope_choices() -> list[tuple[str, str]]:
    return [("all", _t("All conversations")), ("mine", _t("Mine")), ("unassigned", _t("Unassigned"))]


def channel_choices() -> list[tuple[str | None, str]]:
    return [(None, _t("All channels")), ("chat", _t("Chat")), ("email", _t("E-mail")), ("sms", _t("SMS")),
            ("social", _t("Social")), ("voice", _t("Voice"))]


def status_choices() -> list[tuple[str, str]]:
    return [("open", _t("Open")), ("closed", _t("Closed")), ("all", _t("Any status"))]
