"""Voice queue calls: "a call for queue number X from caller Y — which agent should ring?".

The first ask creates the voice interaction (customer resolved from the caller number; idempotent on the SIP
Call-ID) in the queue and runs a routing pass; every ask answers `route` (the offered agent's SIP username)
or `wait` (position, estimated wait). The offer is the ringing; the agent's client accepts it on answer.
A caller who hangs up while waiting is recorded as `abandoned`. A transferred call's new INVITE continues
its interaction (`voice_transfer.adopt`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.agents.models import Agent
from backend.customers import service as customers
from backend.errors import ApiError
from backend.interactions.models import Interaction
from backend.interactions.service import open_interaction, record_state
from backend.routing import dispatch, figures, offers, voice_transfer, wrap_up
from backend.routing.models import QueueEntry, RoutingQueue
from backend.routing.tx import begin_write

CALL_NAMESPACE = uuid.UUID("0d7c5d0e-6f1b-4a52-9a55-3f3c7b1e9c11")


@dataclass(frozen=True)
class VoiceAnswer:
    action: str  # "route" | "wait" | "gone"
    interaction_id: int | None
    agent_id: int | None = None
    sip_username: str | None = None
    offer_id: int | None = None
    position: int | None = None
    estimated_wait_seconds: float | None = None

    def as_text(self) -> str:
        """The one-line form for Kamailio's http_client: `route;<user>;<iid>`, `wait;<position>`, `gone`."""
        if self.action == "route":
            return f"route;{self.sip_username};{self.interaction_id}"
        if self.action == "wait":
            return f"wait;{self.position or 0}"
        return "gone"


def call_client_id(call_id: str) -> str:
    return str(uuid.uuid5(CALL_NAMESPACE, call_id))


def find_call(session: Session, call_id: str) -> Interaction | None:
    return session.scalar(select(Interaction).where(Interaction.client_id == call_client_id(call_id)))


def queue_by_number(session: Session, number: str) -> RoutingQueue:
    queue = session.scalar(select(RoutingQueue).where(RoutingQueue.number == number, RoutingQueue.active))
    if queue is None or "voice" not in (queue.channels or []):
        raise ApiError(404, "queue_not_found", f"No voice queue has the number {number!r}.")
    return queue


def _customer_id(session: Session, caller: str, *, region: str, call_id: str) -> int:
    try:
        customer, _ = customers.resolve(session, kind="phone", value=caller, display_name=None, region=region,
                                        author=None)
    except ApiError:  # anonymous or a SIP user name, not a number: a customer of its own for this call
        customer, _ = customers.create_customer(session, client_id=call_client_id("customer:" + call_id),
                                                display_name=caller.strip()[:200] or "Unknown caller",
                                                identities=[], region=region, author=None)
    return customer.id


def arrive(session: Session, *, call_id: str, caller: str, queue_number: str, region: str,
           now: datetime, ticket: str = "") -> Interaction:
    """The voice interaction for this call, created (queued) on the first ask (a transferred caller's new
    call continues its interaction; `ticket` = the transfer ticket the call carries, if any)."""
    existing = find_call(session, call_id)
    if existing is not None:
        return existing
    moved = voice_transfer.adopt(session, caller=caller, dialled=queue_number,
                                 client_id=call_client_id(call_id), call_id=call_id, ticket=ticket)
    if moved is not None:
        return moved
    queue = queue_by_number(session, queue_number)
    customer_id = _customer_id(session, caller, region=region, call_id=call_id)
    interaction, created = open_interaction(
        session, channel="voice", customer_id=customer_id, subject=f"Call to {queue.name}",
        external_ref=call_id[:255], client_id=call_client_id(call_id), status="queued", queue_id=queue.id,
        attributes={"caller": caller, "queue_number": queue_number})
    if created:  # the worker's intake may take it first; either way it ends up in this queue once
        begin_write(session)
        locked = session.scalar(select(Interaction).where(Interaction.id == interaction.id)
                                .with_for_update(key_share=True))
        if locked is not None and session.get(QueueEntry, interaction.id) is None:
            dispatch.enqueue(session, locked, queue, now=now)
        session.commit()
    return interaction


def answer(session: Session, interaction_id: int) -> VoiceAnswer:
    interaction = session.get(Interaction, interaction_id)
    if interaction is None or interaction.status in ("closed", "abandoned", "wrap_up"):
        return VoiceAnswer("gone", interaction_id)
    offer = offers.current_for_interaction(session, interaction_id)
    if offer is not None:
        agent = session.get(Agent, offer.agent_id)
        return VoiceAnswer("route", interaction_id, agent_id=offer.agent_id,
                           sip_username=agent.username if agent else None, offer_id=offer.id)
    place = figures.position(session, interaction_id)
    position, wait = place if place is not None else (None, None)
    return VoiceAnswer("wait", interaction_id, position=position, estimated_wait_seconds=wait)


def abandon(session: Session, *, call_id: str, now: datetime) -> str:
    """The caller hung up. Waiting or ringing → `abandoned`; in conversation → wrap-up; else nothing."""
    interaction = find_call(session, call_id)
    if interaction is None:
        return "unknown"
    if interaction.status == "active" and interaction.assigned_agent_id is not None:
        owner = session.get(Agent, interaction.assigned_agent_id)
        if owner is not None:
            wrap_up.end(session, interaction.id, agent=owner, now=now)
            return "ended"
    if interaction.status not in ("queued", "offered"):
        return interaction.status
    context = _entry_context(session, interaction.id)
    if context.get("previous_call_id") and isinstance(context.get("from_agent_id"), int):
        # The new call of a transfer failed (the REFER target did not answer): the caller is still on the
        # transferring agent's line, so the interaction goes back to that agent with the original call.
        back = session.get(Agent, context["from_agent_id"])
        if back is not None:
            wrap_up.reclaim(session, interaction.id, agent=back, now=now)
            return "returned"
    offers.cancel_for_interaction(session, interaction.id, now=now)
    entry = session.scalar(select(QueueEntry).where(QueueEntry.interaction_id == interaction.id)
                           .with_for_update(key_share=True))
    interaction = session.scalar(select(Interaction).where(Interaction.id == interaction.id)
                                 .with_for_update(key_share=True)
                                 .execution_options(populate_existing=True)) or interaction
    if entry is not None:
        entry.status, entry.ended_at = "abandoned", now
    interaction.status = "abandoned"
    interaction.closed_at = now
    record_state(session, interaction, "abandoned")
    return "abandoned"


def _entry_context(session: Session, interaction_id: int) -> dict[str, Any]:
    entry = session.scalar(select(QueueEntry).where(QueueEntry.interaction_id == interaction_id))
    return dict(entry.context or {}) if entry is not None else {}

