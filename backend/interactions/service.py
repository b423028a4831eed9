"""Opening interactions, adding messages, changing state — each change also lands on the customer's timeline.

Every change appends an event (so live clients learn of it in `seq` order and can resume after a drop):
- a message appends an event of its channel's kind (`chat`, `email`, `sms`, `social`; internal notes
  `note`) with payload {interaction_id, message_id, direction, delivery, subject};
- a state change appends an `interaction` event with payload {interaction_id, status, assigned_agent_id, ...};
- a delivery change appends a `delivery` event with payload {interaction_id, message_id, delivery}.
`interaction` and `delivery` events are bookkeeping for inboxes; customer timelines do not display them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.agents.models import Agent
from backend.db import utcnow
from backend.errors import ApiError
from backend.interactions.models import CHANNELS, STATUSES, Interaction, Message
from backend.timeline.models import Event
from backend.timeline.service import append_event, lock_event_order, surviving_customer

MESSAGE_EVENT_KIND = {"chat": "chat", "email": "email", "sms": "sms", "social": "social", "voice": "call"}
BOOKKEEPING_KINDS = ("interaction", "delivery")
PREVIEW_CHARS = 200


def get_interaction(session: Session, interaction_id: int) -> Interaction:
    interaction = session.get(Interaction, interaction_id)
    if interaction is None:
        raise ApiError(404, "interaction_not_found", f"There is no interaction {interaction_id}.")
    return interaction


def get_message(session: Session, message_id: int) -> Message:
    message = session.get(Message, message_id)
    if message is None:
        raise ApiError(404, "message_not_found", f"There is no message {message_id}.")
    return message


def _state_payload(interaction: Interaction, action: str, extra: dict[str, Any] | None) -> dict[str, Any]:
    return {"interaction_id": interaction.id, "action": action, "channel": interaction.channel,
            "status": interaction.status, "assigned_agent_id": interaction.assigned_agent_id,
            "queue_id": interaction.queue_id, "subject": interaction.subject, **(extra or {})}


def record_state(session: Session, interaction: Interaction, action: str, *, author: Agent | None = None,
                 extra: dict[str, Any] | None = None) -> Event:
    """Appends the `interaction` event for a change already made to `interaction` (caller commits)."""
    interaction.updated_at = utcnow()
    event = append_event(session, customer_id=surviving_customer(session, interaction.customer_id).id,
                         kind="interaction", channel=interaction.channel, author=author,
                         payload=_state_payload(interaction, action, extra))
    event.interaction_id = interaction.id
    interaction.last_seq = event.seq
    return event


def open_interaction(session: Session, *, channel: str, customer_id: int, subject: str = "",
                     external_ref: str | None = None, attributes: dict[str, Any] | None = None,
                     client_id: str | None = None, status: str = "queued", priority: int = 0,
                     queue_id: int | None = None, assigned_agent_id: int | None = None,
                     author: Agent | None = None) -> tuple[Interaction, bool]:
    """Creates an interaction (idempotent on client_id) and commits; (interaction, created)."""
    if channel not in CHANNELS:
        raise ApiError(400, "invalid_channel", f"Channel must be one of {', '.join(CHANNELS)}.")
    if status not in STATUSES:
        raise ApiError(400, "invalid_status", f"Status must be one of {', '.join(STATUSES)}.")
    if client_id is not None:
        existing = session.scalar(select(Interaction).where(Interaction.client_id == client_id))
        if existing is not None:
            return existing, False
    customer = surviving_customer(session, customer_id)
    lock_event_order(session)
    interaction = Interaction(channel=channel, customer_id=customer.id, subject=subject[:500],
                              external_ref=external_ref, attributes=attributes or {}, client_id=client_id,
                              status=status, priority=priority, queue_id=queue_id,
                              assigned_agent_id=assigned_agent_id)
    try:
        session.add(interaction)
        session.flush()
        record_state(session, interaction, "created", author=author)
        session.commit()
    except IntegrityError:
        session.rollback()
        existing = session.scalar(select(Interaction).where(Interaction.client_id == client_id))
        if existing is None:
            raise
        return existing, False
    return interaction, True


def add_message(session: Session, interaction: Interaction, *, direction: str, body: str,
                html: str | None = None, attachments: list[dict[str, Any]] | None = None,
                author: Agent | None = None, author_name: str | None = None, client_id: str | None = None,
                external_id: str | None = None, delivery: str | None = None,
                payload: dict[str, Any] | None = None, commit: bool = True) -> tuple[Message, bool]:
    """Adds a message and its timeline event; idempotent on client_id. (message, created)."""
    if client_id is not None:
        existing = session.scalar(select(Message).where(Message.client_id == client_id))
        if existing is not None:
            return existing, False
    lock_event_order(session)
    name = author_name if author_name is not None else (author.display_name if author else "")
    state = delivery or ("received" if direction == "in" else "sending" if direction == "out" else "sent")
    message = Message(interaction_id=interaction.id, direction=direction,
                      author_id=author.id if author else None, author_name=name, body=body, html=html,
                      attachments=attachments or [], delivery=state, external_id=external_id,
                      client_id=client_id, payload=payload or {})
    try:
        session.add(message)
        session.flush()
        kind = "note" if direction == "internal" else MESSAGE_EVENT_KIND[interaction.channel]
        event = append_event(
            session, customer_id=surviving_customer(session, interaction.customer_id).id, kind=kind,
            channel="internal" if direction == "internal" else interaction.channel, body=body, author=author,
            payload={"interaction_id": interaction.id, "message_id": message.id, "direction": direction,
                     "delivery": state, "subject": interaction.subject, "author_name": name,
                     "attachments": message.attachments})
        event.author_name = name or event.author_name
        event.interaction_id = interaction.id
        interaction.last_seq = event.seq
        interaction.preview = " ".join(body.split())[:PREVIEW_CHARS]
        interaction.updated_at = utcnow()
        if direction == "in":
            interaction.unread += 1
        if commit:
            session.commit()
    except IntegrityError:
        session.rollback()
        existing = session.scalar(select(Message).where(Message.client_id == client_id))
        if existing is None:
            raise
        return existing, False
    return message, True


def set_delivery(session: Session, message: Message, delivery: str, *, detail: str = "") -> None:
    """Moves a message's delivery state forward (never back, except failed→sending on retry) and commits."""
    order = ("sending", "sent", "delivered", "read")
    current = message.delivery
    if delivery == current:
        return
    if delivery in order and current in order and order.index(delivery) < order.index(current):
        return
    interaction = get_interaction(session, message.interaction_id)
    lock_event_order(session)
    message.delivery = delivery
    event = append_event(session, customer_id=surviving_customer(session, interaction.customer_id).id,
                         kind="delivery", channel=interaction.channel,
                         payload={"interaction_id": interaction.id, "message_id": message.id,
                                  "delivery": delivery, "detail": detail})
    event.interaction_id = interaction.id
    interaction.last_seq = event.seq
    session.commit()


def mark_read(session: Session, interaction: Interaction, *, agent: Agent) -> None:
    """The agent has seen every inbound message: unread back to 0 and inbound messages marked read."""
    if interaction.unread == 0:
        return
    for message in session.scalars(select(Message).where(Message.interaction_id == interaction.id,
                                                         Message.direction == "in",
                                                         Message.delivery != "read")):
        message.delivery = "read"
    interaction.unread = 0
    record_state(session, interaction, "read", author=agent)
    session.commit()


def change_status(session: Session, interaction: Interaction, status: str, *, author: Agent | None,
                  action: str | None = None, extra: dict[str, Any] | None = None) -> Interaction:
    if status not in STATUSES:
        raise ApiError(400, "invalid_status", f"Status must be one of {', '.join(STATUSES)}.")
    lock_event_order(session)
    interaction.status = status
    if status in ("closed", "abandoned"):
        interaction.closed_at = utcnow()
    else:
        interaction.closed_at = None
    record_state(session, interaction, action or status, author=author, extra=extra)
    session.commit()
    return interaction


def assign(session: Session, interaction: Interaction, agent_id: int | None, *, author: Agent | None,
           status: str = "active") -> Interaction:
    lock_event_order(session)
    interaction.assigned_agent_id = agent_id
    interaction.status = status
    record_state(session, interaction, "assigned", author=author)
    session.commit()
    return interaction


def list_interactions(session: Session, *, agent: Agent, scope: str, channel: str | None, status: str,
                      before: int | None, limit: int) -> tuple[list[Interaction], int | None]:
    """Newest activity first, paged by `last_seq`. scope: mine | unassigned | all."""
    query = select(Interaction)
    if scope == "mine":
        query = query.where(Interaction.assigned_agent_id == agent.id)
    elif scope == "unassigned":
        query = query.where(Interaction.assigned_agent_id.is_(None))
    if channel:
        query = query.where(Interaction.channel == channel)
    if status == "open":
        query = query.where(Interaction.status.not_in(("closed", "abandoned")))
    elif status == "closed":
        query = query.where(Interaction.status.in_(("closed", "abandoned")))
    elif status != "all":
        query = query.where(Interaction.status == status)
    if before is not None:
        query = query.where(Interaction.last_seq < before)
    rows = list(session.scalars(query.order_by(Interaction.last_seq.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].last_seq if more and rows else None)


def list_messages(session: Session, interaction: Interaction, *, before: int | None, limit: int) -> tuple[
        list[Message], int | None]:
    """Newest first, paged by message id."""
    query = select(Message).where(Message.interaction_id == interaction.id)
    if before is not None:
        query = query.where(Message.id < before)
    rows = list(session.scalars(query.order_by(Message.id.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].id if more and rows else None)


def find_open(session: Session, *, channel: str, external_ref: str) -> Interaction | None:
    """The open interaction of a channel with this external reference (chat visitor, e-mail thread root…)."""
    return session.scalar(select(Interaction).where(
        Interaction.channel == channel, Interaction.external_ref == external_ref,
        Interaction.status.not_in(("closed", "abandoned"))).order_by(Interaction.id.desc()).limit(1))


def interactions_of_customer(session: Session, customer_id: int) -> list[Interaction]:
    return list(session.scalars(select(Interaction).where(Interaction.customer_id == customer_id)
                                .order_by(Interaction.id.desc())))


def message_by_client_id(session: Session, client_id: str) -> Message | None:
    return session.scalar(select(Message).where(Message.client_id == client_id))
