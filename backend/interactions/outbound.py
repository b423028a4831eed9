"""Outbound delivery: each channel registers a sender that takes an agent's message out of `sending`.

A sender is called in a worker thread with (database, message_id); it delivers the message (SMTP, the
visitor's WebSocket, a provider API…) and moves it to `sent`/`delivered` or `failed` with
`service.set_delivery`. A channel without a sender delivers in-app only: the message becomes `sent`
immediately.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from backend.db import Database
from backend.interactions import service
from backend.interactions.models import Interaction, Message

log = logging.getLogger("huitong.outbound")

Sender = Callable[[Database, int], None]


class OutboundRegistry:
    def __init__(self) -> None:
        self._senders: dict[str, Sender] = {}

    def register(self, channel: str, sender: Sender) -> None:
        self._senders[channel] = sender

    def dispatch(self, db: Database, message_id: int) -> None:
        """Runs the channel's sender; a sender that raises marks the message failed (the agent can retry)."""
        with db.sessions() as session:
            message = session.get(Message, message_id)
            if message is None or message.delivery != "sending":
                return
            interaction = session.get(Interaction, message.interaction_id)
            channel = interaction.channel if interaction else ""
            sender = self._senders.get(channel)
            if sender is None:
                service.set_delivery(session, message, "sent")
                return
        try:
            sender(db, message_id)
        except Exception as exc:  # any sender failure becomes a visible, retryable state
            log.warning("delivery of message %s on %s failed: %s", message_id, channel, type(exc).__name__)
            with db.sessions() as session:
                failed = session.get(Message, message_id)
                if failed is not None and failed.delivery == "sending":
                    service.set_delivery(session, failed, "failed", detail=type(exc).__name__)
