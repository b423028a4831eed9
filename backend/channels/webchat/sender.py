"""The `chat` outbound sender: an agent's reply to a web chat visitor.

The reply is already committed when the sender runs, and every visitor socket (in any server process) picks
it up from the live hub and pushes it at once; a visitor who is away gets it from history on return. So the
sender marks the message `sent`; the widget's receipts then move it to `delivered` (received by the browser)
and `read` (shown in an open chat window). A chat with no visitor (started by an agent, not the widget)
is in-app only, as for channels without a sender.
"""

from __future__ import annotations

from backend.db import Database
from backend.interactions import service as interactions
from backend.interactions.models import Interaction, Message


def send_chat(db: Database, message_id: int) -> None:
    with db.sessions() as session:
        message = session.get(Message, message_id)
        if message is None or message.delivery != "sending":
            return
        interaction = session.get(Interaction, message.interaction_id)
        detail = "webchat" if interaction is not None and interaction.external_ref else "in-app"
        interactions.set_delivery(session, message, "sent", detail=detail)
