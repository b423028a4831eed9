"""The canned replies a new computer starts with, in the agent's language (then kept in a local file)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.sync.inbox_canned import CannedReply


def default_replies() -> list[CannedReply]:
    def t(text: str) -> str:
        return QCoreApplication.translate("CannedReplies", text)

    return [
        CannedReply("hello", t("Greeting"),
                    t("Hello, thank you for contacting us. How can I help you today?")),
        CannedReply("wait", t("One moment"), t("One moment please, I am checking that for you.")),
        CannedReply("order", t("Order number"), t("Could you tell me your order number, please?")),
        CannedReply("thanks", t("Thanks"), t("Thank you for your patience.")),
        CannedReply("bye", t("Closing"),
                    t("Is there anything else I can help you with? Have a nice day!")),
    ]
