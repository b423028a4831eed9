"""The inbox's side of the sync layer: list and page conversations, read messages (older pages on demand),
reply through the outbox; `email` reads e-mail HTML and attachments (`email_files.py`).

Blocking methods for the UI's worker pool. Replies go through the durable outbox (a client UUID per reply,
sent exactly once even across a restart); what happens to them comes back through `InboxListener`.
Live changes arrive as ordinary timeline events that carry `payload.interaction_id`; `interaction_of`
tells which conversation an event belongs to, `InboxFilter.matches` whether it belongs in the current list.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app.domain import Interaction, Message, TimelineEvent
from app.sync.api_client import ApiClient
from app.sync.email_files import EmailFiles
from app.sync.errors import SyncError
from app.sync.outbox import Outbox, OutboxItem

SCOPES = ("mine", "unassigned", "all")
CHANNELS = ("chat", "email", "sms", "social", "voice")
STATUS_FILTERS = ("open", "closed", "all")
PAGE_SIZE = 500
MESSAGE_EVENT_KINDS = ("chat", "email", "sms", "social", "call", "note")


class InboxListener(Protocol):
    """Called from background threads (the outbox sender, the live socket)."""

    def on_message_sent(self, client_id: str, message: Message) -> None: ...
    def on_message_failed(self, client_id: str, reason: str) -> None: ...
    def on_typing(self, interaction_id: int, party: str, active: bool) -> None: ...


@dataclass(frozen=True, slots=True)
class InboxFilter:
    scope: str = "all"  # mine | unassigned | all
    channel: str | None = None
    status: str = "open"  # open | closed | all

    def __post_init__(self) -> None:
        if self.scope not in SCOPES or self.status not in STATUS_FILTERS or \
                (self.channel is not None and self.channel not in CHANNELS):
            raise ValueError(f"bad inbox filter {self.scope!r}/{self.channel!r}/{self.status!r}")

    def matches(self, interaction: Interaction, agent_id: int | None) -> bool:
        """The same rule the server applies to GET /interactions, for rows that change live."""
        if self.scope == "mine" and interaction.assigned_agent_id != agent_id:
            return False
        if self.scope == "unassigned" and interaction.assigned_agent_id is not None:
            return False
        if self.channel is not None and interaction.channel != self.channel:
            return False
        if self.status == "open":
            return interaction.is_open
        return not interaction.is_open if self.status == "closed" else True


@dataclass(frozen=True, slots=True)
class InboxPage:
    items: tuple[Interaction, ...]
    next_before: int | None


def interaction_of(event: TimelineEvent) -> int | None:
    """The conversation an event is about (message, state change, delivery), if any."""
    value = event.payload.get("interaction_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def is_inbound_message(event: TimelineEvent) -> bool:
    return event.kind in MESSAGE_EVENT_KINDS and event.payload.get("direction") == "in"


class InboxSync:
    """What the inbox page asks of the server. `outbox` is a getter: it exists only while signed in."""

    def __init__(self, api: ApiClient, outbox: Callable[[], Outbox | None]) -> None:
        self._api = api
        self._outbox = outbox
        self.email = EmailFiles(api)  # e-mail HTML, pictures and attachments for the reader

    def page(self, flt: InboxFilter, before: int | None = None, limit: int = PAGE_SIZE) -> InboxPage:
        items, next_before = self._api.list_interactions(scope=flt.scope, channel=flt.channel,
                                                         status=flt.status, before=before, limit=limit)
        return InboxPage(tuple(items), next_before)

    def interaction(self, interaction_id: int) -> Interaction:
        return self._api.get_interaction(interaction_id)

    def messages(self, interaction_id: int, before: int | None = None,
                 limit: int = 50) -> tuple[list[Message], int | None]:
        """Oldest first (as a conversation reads), with the cursor for the page before it."""
        items, next_before = self._api.messages(interaction_id, before=before, limit=limit)
        return list(reversed(items)), next_before

    def send_reply(self, interaction: Interaction, body: str, *, html: str | None = None,
                   internal: bool = False, client_id: str | None = None) -> str:
        """Queue a reply in the durable outbox; returns its client_id at once, even offline. The UI may
        choose the client_id itself so it can show the message as "sending" before this returns."""
        if not body.strip():
            raise SyncError("empty_message", "A message cannot be empty.")
        outbox = self._require_outbox()
        return outbox.add_message(interaction.id, customer_id=interaction.customer_id,
                                  channel=interaction.channel, body=body, html=html, internal=internal,
                                  client_id=client_id)

    def unsent_replies(self, interaction_id: int) -> list[OutboxItem]:
        """Replies to this conversation still in the outbox (pending or refused), oldest first."""
        outbox = self._outbox()
        return [] if outbox is None else [i for i in outbox.items() if i.interaction_id == interaction_id]

    def retry_unsent(self, client_id: str) -> None:
        self._require_outbox().retry_failed(client_id)

    def retry_delivery(self, message_id: int) -> Message:
        """A message the server accepted but could not deliver (delivery = failed)."""
        return self._api.retry_message(message_id)

    def mark_read(self, interaction_id: int) -> None:
        self._api.mark_read(interaction_id)

    def set_status(self, interaction_id: int, status: str) -> Interaction:
        return self._api.set_interaction_status(interaction_id, status)

    def typing(self, interaction_id: int, active: bool) -> None:
        """Best effort: a lost typing signal is harmless, so errors are swallowed."""
        with contextlib.suppress(SyncError):
            self._api.send_typing(interaction_id, active)

    def _require_outbox(self) -> Outbox:
        outbox = self._outbox()
        if outbox is None:
            raise SyncError("not_logged_in", "You are not logged in. Please log in.")
        return outbox
