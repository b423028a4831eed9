"""Ending an interaction (after-call work starts), wrap-up with a disposition and note (both on the customer's
timeline), and transfer to an agent or a queue with its context."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.agents.models import ROLE_RANK, Agent
from backend.errors import ApiError
from backend.interactions.models import Interaction
from backend.interactions.service import add_message, get_interaction, record_state
from backend.routing import agent_state, dispatch, offers
from backend.routing.models import QueueEntry, RoutingCode, RoutingQueue
from backend.timeline.service import append_event, surviving_customer


def _ensure_owner(agent: Agent, interaction: Interaction) -> None:
    if interaction.assigned_agent_id == agent.id or ROLE_RANK[agent.role] >= ROLE_RANK["supervisor"]:
        return
    raise ApiError(403, "not_your_interaction", "Only the agent handling this interaction (or a supervisor) "
                                                "may do that.")


def _lock(session: Session, interaction_id: int) -> tuple[QueueEntry | None, Interaction]:
    entry = session.scalar(select(QueueEntry).where(QueueEntry.interaction_id == interaction_id)
                           .with_for_update(key_share=True))
    interaction = session.scalar(select(Interaction).where(Interaction.id == interaction_id)
                                 .with_for_update(key_share=True)
                                 .execution_options(populate_existing=True))
    if interaction is None:
        raise ApiError(404, "interaction_not_found", f"There is no interaction {interaction_id}.")
    return entry, interaction


def end(session: Session, interaction_id: int, *, agent: Agent, now: datetime) -> Interaction:
    """The conversation or call is over: status wrap_up; the channel's after-call-work timer starts."""
    seen = get_interaction(session, interaction_id)
    _ensure_owner(agent, seen)
    if seen.status == "wrap_up":
        return seen
    if seen.status != "active" or seen.assigned_agent_id is None:
        raise ApiError(409, "not_active", "Only an interaction in progress can be ended.")
    owner = seen.assigned_agent_id
    agent_state.profile(session, owner, lock=True)  # lock order: agent row first
    entry, interaction = _lock(session, interaction_id)
    if interaction.status != "active" or interaction.assigned_agent_id != owner:
        raise ApiError(409, "not_active", "This interaction changed meanwhile; reload it.")
    agent_state.start_after_call_work(session, owner, interaction.channel, now=now)
    interaction.status = "wrap_up"
    if entry is not None:
        entry.ended_at = now
    record_state(session, interaction, "wrap_up", author=agent)
    return interaction


def disposition_label(session: Session, code: str) -> str:
    row = session.scalar(select(RoutingCode).where(
        RoutingCode.kind == "disposition", RoutingCode.code == code, RoutingCode.active))
    if row is None:
        raise ApiError(422, "unknown_disposition", f"There is no disposition code {code!r}.")
    return row.label


def wrap_up(session: Session, interaction_id: int, *, agent: Agent, disposition: str | None, note: str,
            client_id: str, now: datetime) -> Interaction:
    """Disposition (required where the queue says so) and note: closes the interaction, notes the timeline."""
    seen = get_interaction(session, interaction_id)
    done = (seen.attributes or {}).get("wrap_up")
    if done is not None:
        if done.get("client_id") == client_id:
            return seen  # a retry of the same wrap-up
        raise ApiError(409, "already_wrapped_up", "This interaction was already wrapped up.")
    _ensure_owner(agent, seen)
    if seen.status not in ("active", "wrap_up", "closed"):
        raise ApiError(409, "not_wrappable", "Only an interaction that was handled can be wrapped up.")
    queue = session.get(RoutingQueue, seen.queue_id) if seen.queue_id else None
    code = (disposition or "").strip() or None
    if code is None and queue is not None and queue.disposition_required:
        raise ApiError(422, "disposition_required", f"Queue {queue.name} needs a disposition code.")
    label = disposition_label(session, code) if code else ""
    owner = seen.assigned_agent_id
    if owner is not None:
        agent_state.profile(session, owner, lock=True)
    entry, interaction = _lock(session, interaction_id)
    if (interaction.attributes or {}).get("wrap_up") is not None:
        raise ApiError(409, "already_wrapped_up", "This interaction was already wrapped up.")
    summary: dict[str, Any] = {"disposition": code, "disposition_label": label, "note": note,
                               "client_id": client_id, "agent_id": agent.id}
    interaction.attributes = {**(interaction.attributes or {}), "wrap_up": summary}
    interaction.status = "closed"
    interaction.closed_at = now
    if entry is not None and entry.ended_at is None:
        entry.ended_at = now
    body = ": ".join(p for p in (label, note) if p) or "Wrapped up"
    event = append_event(session, customer_id=surviving_customer(session, interaction.customer_id).id,
                         kind="note", channel="internal", body=body, author=agent, client_id=client_id,
                         payload={"interaction_id": interaction.id, "wrap_up": True, "disposition": code,
                                  "disposition_label": label, "note": note})
    event.interaction_id = interaction.id
    record_state(session, interaction, "closed", author=agent, extra={"disposition": code, "note": note})
    if owner is not None and not _other_wrap_ups(session, owner, interaction.id):
        agent_state.finish_after_call_work(session, owner, now=now)
    return interaction


def _other_wrap_ups(session: Session, agent_id: int, except_id: int) -> int:
    return int(session.scalar(select(func.count()).select_from(Interaction).where(
        Interaction.assigned_agent_id == agent_id, Interaction.status == "wrap_up",
        Interaction.id != except_id)) or 0)


def transfer(session: Session, interaction_id: int, *, agent: Agent, to_agent_id: int | None,
             to_queue_id: int | None, note: str, now: datetime) -> Interaction:
    """Back into a queue (or to one agent, through an offer) with the note as context on the interaction."""
    if (to_agent_id is None) == (to_queue_id is None):
        raise ApiError(422, "validation_error", "Give exactly one of agent_id or queue_id.")
    seen = get_interaction(session, interaction_id)
    if seen.status not in ("queued", "offered", "active"):
        raise ApiError(409, "not_transferable", "Only an open interaction can be transferred.")
    _ensure_owner(agent, seen)
    if to_agent_id is not None:
        target = agent_state.profile(session, to_agent_id)
        if target.state == "offline":
            raise ApiError(409, "agent_unavailable", "That agent is offline.")
        if to_agent_id == seen.assigned_agent_id:
            raise ApiError(409, "same_agent", "The interaction is already with that agent.")
    entry_queue = session.get(QueueEntry, interaction_id)
    queue_id = to_queue_id or (entry_queue.queue_id if entry_queue else None) or seen.queue_id
    queue = (dispatch.queue_of(session, queue_id) if queue_id
             else dispatch.default_queue(session, seen.channel))
    if queue is None:
        raise ApiError(409, "no_queue", f"No queue serves the {seen.channel} channel.")
    offers.cancel_for_interaction(session, interaction_id, now=now)
    entry, interaction = _lock(session, interaction_id)
    from_agent = interaction.assigned_agent_id
    order_key = entry.order_key if entry is not None else None
    entry = dispatch.enqueue(session, interaction, queue, now=now, record=False)
    if order_key is not None:
        entry.order_key = order_key  # a transfer keeps its place in line
    entry.target_agent_id = to_agent_id
    entry.excluded = [[from_agent, now.timestamp()]] if from_agent is not None else []
    entry.context = {"note": note, "from_agent_id": from_agent, "from_agent_name": agent.display_name,
                     "voice_transfer": interaction.channel == "voice"}  # the caller's new call is adopted
    if note:
        add_message(session, interaction, direction="internal", body=note, author=agent, commit=False,
                    payload={"transfer": True})
    record_state(session, interaction, "transferred", author=agent, extra={
        "from_agent_id": from_agent, "to_agent_id": to_agent_id, "to_queue_id": queue.id, "note": note})
    return interaction


def reclaim(session: Session, interaction_id: int, *, agent: Agent, now: datetime) -> Interaction:
    """The agent who transferred a call takes it back because the call itself did not move (the REFER
    failed: the caller is still on this agent's line). Only while nobody has taken the transfer yet."""
    entry, interaction = _lock(session, interaction_id)
    context = dict(entry.context or {}) if entry is not None else {}
    if context.get("from_agent_id") != agent.id:
        raise ApiError(403, "not_your_transfer", "Only the agent who transferred it may take it back.")
    if interaction.status == "active" and interaction.assigned_agent_id == agent.id:
        return interaction  # already back (the server saw the transfer's call fail first)
    if interaction.status not in ("queued", "offered") or entry is None or entry.status == "answered":
        raise ApiError(409, "already_taken", "Someone has already taken the transferred interaction.")
    offers.cancel_for_interaction(session, interaction_id, now=now)
    if context.get("previous_call_id"):
        interaction.external_ref = str(context["previous_call_id"])  # the caller's call with this agent
    entry.status = "answered"
    entry.answered_at = now
    entry.answered_by = agent.id
    entry.context = {**context, "voice_transfer": False}  # no later call is adopted into it
    interaction.status = "active"
    interaction.assigned_agent_id = agent.id
    record_state(session, interaction, "transfer_failed", author=agent, extra={"agent_id": agent.id})
    return interaction
