"""Turns InboxListener callbacks (outbox sender and live socket threads) into queued Qt signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.domain import Message


class InboxBridge(QObject):
    message_sent = Signal(str, object)
    message_failed = Signal(str, str)
    typing = Signal(int, str, bool)

    def on_message_sent(self, client_id: str, message: Message) -> None:
        self.message_sent.emit(client_id, message)

    def on_message_failed(self, client_id: str, reason: str) -> None:
        self.message_failed.emit(client_id, reason)

    def on_typing(self, interaction_id: int, party: str, active: bool) -> None:
        self.typing.emit(interaction_id, party, active)
