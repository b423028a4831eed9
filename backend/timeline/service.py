"""Appending events (idempotent on client_id, seq = commit order) and reading them by cursor."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.agents.models import Agent
from backend.customers.models import Customer
from backend.db import EVENTS_CHANNEL, EVENTS_FLAG, utcnow
from backend.errors import ApiError
from backend.timeline.models import Event

EVENT_KINDS = ("call", "chat", "email", "sms", "social", "note", "ticket", "merge", "unmerge", "identity",
               "profile")
CLIENT_EVENT_KINDS = ("call", "chat", "email", "sms", "social", "note", "ticket")
EVENT_ORDER_LOCK = 0x48554954  # "HUIT": the advisory lock that makes seq order = commit order


class EventOrderBusyError(Exception):
    """The event-order lock is held elsewhere and this session asked not to wait (`EVENT_ORDER_NOWAIT`)."""


EVENT_ORDER_NOWAIT = "event_order_nowait"  # session.info key: only try the lock (EventOrderBusyError)


def lock_event_order(session: Session) -> None:
    """On PostgreSQL, serialise event-appending transactions (held until commit/rollback)."""
    if session.get_bind().dialect.name == "postgresql":
        if session.info.get(EVENT_ORDER_NOWAIT):
            taken = session.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": EVENT_ORDER_LOCK})
            if not taken.scalar():
                raise EventOrderBusyError
            return
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": EVENT_ORDER_LOCK})


def append_event(session: Session, *, customer_id: int, kind: str, channel: str = "", body: str = "",
                 payload: dict[str, Any] | None = None, author: Agent | None = None,
                 client_id: str | None = None, created_at: datetime | None = None,
                 origin_customer_id: int | None = None) -> Event:
    """Adds an event to the current transaction; the caller commits (live subscribers then wake)."""
    lock_event_order(session)
    event = Event(customer_id=customer_id, origin_customer_id=origin_customer_id or customer_id, kind=kind,
                  channel=channel, body=body, payload=payload or {}, author_id=author.id if author else None,
                  author_name=author.display_name if author else "system", client_id=client_id,
                  created_at=created_at or utcnow())
    session.add(event)
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:c, '')"), {"c": EVENTS_CHANNEL})
    session.info[EVENTS_FLAG] = True
    return event


def surviving_customer(session: Session, customer_id: int) -> Customer:
    """The customer itself, or the one it was (transitively) merged into; 404 if unknown."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise ApiError(404, "customer_not_found", f"There is no customer {customer_id}.")
    seen = {customer.id}
    while customer.merged_into_id is not None and customer.merged_into_id not in seen:
        nxt = session.get(Customer, customer.merged_into_id)
        if nxt is None:
            break
        seen.add(nxt.id)
        customer = nxt
    return customer


def by_client_id(session: Session, client_id: str) -> Event | None:
    return session.scalar(select(Event).where(Event.client_id == client_id))


def post_event(session: Session, *, customer_id: int, client_id: str, kind: str, channel: str, body: str,
               payload: dict[str, Any], author: Agent | None) -> tuple[Event, bool]:
    """Idempotent append: (event, created). A retry with the same client_id returns the original."""
    existing = by_client_id(session, client_id)
    if existing is not None:
        return existing, False
    target = surviving_customer(session, customer_id)
    lock_event_order(session)
    existing = by_client_id(session, client_id)  # re-check under the lock (PostgreSQL)
    if existing is not None:
        session.rollback()
        return existing, False
    try:
        event = append_event(session, customer_id=target.id, kind=kind, channel=channel, body=body,
                             payload=payload, author=author, client_id=client_id)
        session.commit()
    except IntegrityError:
        session.rollback()
        existing = by_client_id(session, client_id)
        if existing is None:
            raise
        return existing, False
    return event, True


def list_events(session: Session, *, customer_id: int, before: int | None, limit: int) -> tuple[
        list[Event], int | None]:
    """Newest first; next_before is the cursor for the following page, or None at the end."""
    if session.get(Customer, customer_id) is None:
        raise ApiError(404, "customer_not_found", f"There is no customer {customer_id}.")
    query = select(Event).where(Event.customer_id == customer_id)
    if before is not None:
        query = query.where(Event.seq < before)
    rows = list(session.scalars(query.order_by(Event.seq.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].seq if more and rows else None)


def events_after(session: Session, *, after: int, limit: int) -> list[Event]:
    return list(session.scalars(select(Event).where(Event.seq > after).order_by(Event.seq).limit(limit)))


def last_seq(session: Session) -> int:
    return int(session.scalar(select(func.max(Event.seq))) or 0)


def event_dict(event: Event) -> dict[str, Any]:
    """The wire shape of an Event (also used for WebSocket frames)."""
    return {"seq": event.seq, "customer_id": event.customer_id, "kind": event.kind, "channel": event.channel,
            "author_id": event.author_id, "author_name": event.author_name, "body": event.body,
            "payload": event.payload or {}, "created_at": event.created_at.isoformat().replace("+00:00", "Z"),
            "client_id": event.client_id}
