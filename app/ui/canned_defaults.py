"""The canned replies a new computer starts with, in the agent's language (then kept in a local file)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.sync.inbox_canned import CannedReply

translate = QCoreApplication.translate  # called by this name, lupdate finds each literal


def default_replies() -> list[CannedReply]:
    return [
        CannedReply(
            "hello",
            translate("CannedReplies", "Greeting"),
            translate("CannedReplies", "Hello, thank you for contacting us. How can I help you today?"),
        ),
        CannedReply(
            "wait",
            translate("CannedReplies", "One moment"),
            translate("CannedReplies", "One moment please, I am checking that for you."),
        ),
        CannedReply(
            "order",
            translate("CannedReplies", "Order number"),
            translate("CannedReplies", "Could you tell me your order number, please?"),
        ),
        CannedReply(
            "thanks",
            translate("CannedReplies", "Thanks"),
            translate("CannedReplies", "Thank you for your patience."),
        ),
        CannedReply(
            "bye",
            translate("CannedReplies", "Closing"),
            translate("CannedReplies", "Is there anything else I can help you with? Have a nice day!"),
        ),
    ]
