"""Offers: accept, decline, expiry and withdrawal. A declined or missed offer goes back to the queue and
that agent is not offered the same interaction again; the worker's next pass offers it to the next agent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.db import utcnow
from backend.errors import ApiError
from backend.interactions.models import Interaction
from backend.interactions.service import record_state
from backend.routing.models import Offer, QueueEntry


def _lock_offer(session: Session, offer_id: int) -> Offer:
    offer = session.scalar(select(Offer).where(Offer.id == offer_id).with_for_update(key_share=True))
    if offer is None:
        raise ApiError(404, "offer_not_found", f"There is no offer {offer_id}.")
    return offer


def _lock_pair(session: Session, interaction_id: int) -> tuple[QueueEntry | None, Interaction]:
    entry = session.scalar(select(QueueEntry).where(QueueEntry.interaction_id == interaction_id)
                           .with_for_update(key_share=True))
    interaction = session.scalar(select(Interaction).where(Interaction.id == interaction_id)
                                 .with_for_update(key_share=True))
    if interaction is None:
        raise ApiError(404, "interaction_not_found", f"There is no interaction {interaction_id}.")
    return entry, interaction


def requeue(session: Session, offer: Offer, *, status: str, action: str, now: datetime, exclude: bool,
            extra: dict[str, Any] | None = None) -> None:
    """Closes a pending offer and puts its interaction back in the queue (caller holds the offer lock)."""
    offer.status = status
    offer.decided_at = now
    entry, interaction = _lock_pair(session, offer.interaction_id)
    if entry is not None and entry.status == "offered":
        entry.status = "waiting"
        if exclude:  # [agent id, when]: skipped for this interaction for a while (see dispatch.REOFFER_AFTER)
            entry.excluded = [*[e for e in entry.excluded if e[0] != offer.agent_id],
                              [offer.agent_id, now.timestamp()]]
        if entry.target_agent_id == offer.agent_id:
            entry.target_agent_id = None  # a transfer target said no: the queue takes over
    if interaction.status == "offered":
        interaction.status = "queued"
    record_state(session, interaction, action,
                 extra={"offer_id": offer.id, "offered_agent_id": offer.agent_id, **(extra or {})})


def accept(session: Session, offer_id: int, *, agent_id: int, now: datetime) -> Offer:
    """The agent takes it: the interaction becomes active and theirs. Accepting twice is harmless."""
    offer = _lock_offer(session, offer_id)
    if offer.agent_id != agent_id:
        raise ApiError(403, "not_your_offer", "This offer was made to another agent.")
    if offer.status == "accepted":
        return offer
    if offer.status != "pending":
        raise ApiError(409, "offer_gone", f"This offer is no longer open (it was {offer.status}).")
    if offer.expires_at <= now:
        raise ApiError(409, "offer_expired", "This offer ran out of time; it goes to the next agent.")
    entry, interaction = _lock_pair(session, offer.interaction_id)
    offer.status = "accepted"
    offer.decided_at = now
    if entry is not None:
        entry.status = "answered"
        entry.answered_at = now
        entry.answered_by = agent_id
    interaction.status = "active"
    interaction.assigned_agent_id = agent_id
    record_state(session, interaction, "accepted", extra={"offer_id": offer.id, "offered_agent_id": agent_id})
    return offer


def decline(session: Session, offer_id: int, *, agent_id: int, now: datetime) -> Offer:
    offer = _lock_offer(session, offer_id)
    if offer.agent_id != agent_id:
        raise ApiError(403, "not_your_offer", "This offer was made to another agent.")
    if offer.status == "declined":
        return offer
    if offer.status != "pending":
        raise ApiError(409, "offer_gone", f"This offer is no longer open (it was {offer.status}).")
    requeue(session, offer, status="declined", action="declined", now=now, exclude=True)
    return offer


def expire_due(session: Session, *, now: datetime) -> int:
    """Offers whose countdown ran out go back to the queue; that agent is skipped for them."""
    due = list(session.scalars(select(Offer).where(Offer.status == "pending", Offer.expires_at <= now)
                               .order_by(Offer.id).with_for_update(skip_locked=True, key_share=True)))
    for offer in due:
        requeue(session, offer, status="expired", action="offer_expired", now=now, exclude=True)
    return len(due)


def withdraw_agent_offers(session: Session, agent_id: int, *, now: datetime) -> None:
    """The agent left `available`: their pending offers go straight back (no penalty)."""
    for offer in session.scalars(select(Offer).where(Offer.agent_id == agent_id, Offer.status == "pending")
                                 .order_by(Offer.id).with_for_update(key_share=True)):
        requeue(session, offer, status="cancelled", action="offer_expired", now=now, exclude=False,
                extra={"why": "agent_unavailable"})


def cancel_for_interaction(session: Session, interaction_id: int, *, now: datetime) -> Offer | None:
    """An abandoned or transferred interaction: its pending offer (if any) is withdrawn silently."""
    offer = session.scalar(select(Offer).where(Offer.interaction_id == interaction_id,
                                               Offer.status == "pending").with_for_update(key_share=True))
    if offer is not None:
        offer.status = "cancelled"
        offer.decided_at = now
    return offer


def pending_for_agent(session: Session, agent_id: int, *, now: datetime | None = None) -> list[Offer]:
    """Offers the agent can still take. One whose countdown ran out is not shown, even before the worker's
    next tick sweeps it back to the queue (accepting it would be refused anyway)."""
    return list(session.scalars(select(Offer).where(Offer.agent_id == agent_id, Offer.status == "pending",
                                                    Offer.expires_at > (now or utcnow()))
                                .order_by(Offer.id)))


def current_for_interaction(session: Session, interaction_id: int) -> Offer | None:
    """The pending or accepted offer of an interaction (the newest)."""
    return session.scalar(select(Offer).where(Offer.interaction_id == interaction_id,
                                              Offer.status.in_(("pending", "accepted")))
                          .order_by(Offer.id.desc()).limit(1))
