"""The service side of routing: take queued interactions into queues, and one matching pass that turns the
pure core's plan into offers — atomically: agent rows and chosen entries are locked (`FOR UPDATE SKIP
LOCKED` on PostgreSQL; on SQLite the routing writer row makes one writer), so two server processes never
offer one interaction twice nor fill an agent beyond capacity."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select, union_all
from sqlalchemy.orm import Session

from backend.errors import ApiError
from backend.interactions.models import Interaction
from backend.interactions.service import record_state
from backend.routing import core
from backend.routing.models import AgentRouting, ChannelRules, Offer, QueueEntry, RoutingQueue
from backend.routing.tx import epoch

REOFFER_AFTER = 60.0  # seconds an agent who declined or missed an interaction is skipped for it
INTAKE_BATCH = 500


def default_queue(session: Session, channel: str) -> RoutingQueue | None:
    rows = session.scalars(select(RoutingQueue).where(RoutingQueue.active).order_by(
        RoutingQueue.is_default.desc(), RoutingQueue.id))
    return next((q for q in rows if channel in (q.channels or [])), None)


def sticky_agent(session: Session, customer_id: int, queue: RoutingQueue, *, now: datetime) -> int | None:
    """The customer's last agent, if that interaction ended within the queue's sticky window."""
    if queue.sticky_seconds <= 0:
        return None
    since = now - timedelta(seconds=queue.sticky_seconds)
    return session.scalar(select(Interaction.assigned_agent_id).where(
        Interaction.customer_id == customer_id, Interaction.assigned_agent_id.is_not(None),
        Interaction.updated_at >= since).order_by(Interaction.updated_at.desc()).limit(1))


def enqueue(session: Session, interaction: Interaction, queue: RoutingQueue, *, now: datetime,
            record: bool = True) -> QueueEntry:
    """Puts an interaction in a queue (a new entry, or its old entry reused) with status queued."""
    entry = session.get(QueueEntry, interaction.id)
    key = core.order_key(priority=interaction.priority, enqueued_at=epoch(now), ageing=queue.ageing_seconds)
    sticky = sticky_agent(session, interaction.customer_id, queue, now=now)
    if entry is None:
        entry = QueueEntry(interaction_id=interaction.id, queue_id=queue.id, channel=interaction.channel,
                           customer_id=interaction.customer_id, priority=interaction.priority, order_key=key,
                           enqueued_at=now, excluded=[], sticky_agent_id=sticky, context={})
        session.add(entry)
    else:
        entry.queue_id = queue.id
        entry.status = "waiting"
        entry.sticky_agent_id = sticky
        entry.answered_at = entry.answered_by = entry.ended_at = None
    interaction.queue_id = queue.id
    interaction.status = "queued"
    interaction.assigned_agent_id = None
    if record:
        record_state(session, interaction, "queued", extra={"queue_id": queue.id})
    return entry


def untaken() -> Select[Any]:
    """Queued, unassigned interactions with no queue entry yet (opened by a channel)."""
    return select(Interaction).where(
        Interaction.assigned_agent_id.is_(None), Interaction.status == "queued",
        ~select(QueueEntry.interaction_id).where(QueueEntry.interaction_id == Interaction.id).exists())


def intake(session: Session, *, now: datetime) -> int:
    """Queued interactions opened by channels (no entry yet) join their queue, or the channel's default."""
    rows: list[Interaction] = list(session.scalars(untaken().order_by(Interaction.id).limit(INTAKE_BATCH)
                                .with_for_update(skip_locked=True, key_share=True)))
    taken = 0
    for interaction in rows:
        queue = session.get(RoutingQueue, interaction.queue_id) if interaction.queue_id else None
        queue = queue if queue is not None and queue.active else default_queue(session, interaction.channel)
        if queue is None:
            continue  # no queue serves this channel: it stays in the shared inbox
        enqueue(session, interaction, queue, now=now)
        taken += 1
    return taken


def loads(session: Session, agent_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Per agent and channel: interactions in hand (active) plus pending offers."""
    ids = list(agent_ids)
    out: dict[int, dict[str, int]] = {i: {} for i in ids}
    if not ids:
        return out
    active = select(Interaction.assigned_agent_id, Interaction.channel, func.count()).where(
        Interaction.assigned_agent_id.in_(ids), Interaction.status == "active").group_by(
        Interaction.assigned_agent_id, Interaction.channel)
    pending = select(Offer.agent_id, Offer.channel, func.count()).where(
        Offer.agent_id.in_(ids), Offer.status == "pending").group_by(Offer.agent_id, Offer.channel)
    # One statement, so one snapshot under READ COMMITTED: counted as two queries, an accept committing in
    # between (pending → active) was seen in neither, and the agent looked free for a second call.
    rows: list[Any] = list(session.execute(union_all(active, pending)).all())
    for agent_id, channel, count in rows:
        if agent_id is None:
            continue
        out[agent_id][channel] = out[agent_id].get(channel, 0) + int(count)
    return out


def queue_rules(session: Session) -> tuple[dict[int, core.QueueRule], dict[int, RoutingQueue]]:
    queues = {q.id: q for q in session.scalars(select(RoutingQueue).where(RoutingQueue.active))}
    rules = {q.id: core.QueueRule(id=q.id, strategy=q.strategy, skills=dict(q.skills or {}),
                                  overflow_queue_id=q.overflow_queue_id,
                                  overflow_after=float(q.overflow_after_seconds)
                                  if q.overflow_after_seconds is not None else None)
             for q in queues.values()}
    return rules, queues


def agent_snapshots(session: Session, *, lock: bool) -> list[core.AgentSnapshot]:
    query = select(AgentRouting).where(AgentRouting.state == "available").order_by(AgentRouting.agent_id)
    rows = list(session.scalars(query.with_for_update(skip_locked=True, key_share=True) if lock else query))
    load = loads(session, (r.agent_id for r in rows))
    return [core.AgentSnapshot(id=r.agent_id, state=r.state, skills=dict(r.skills or {}),
                               capacity=dict(r.capacity or {}), load=load[r.agent_id],
                               last_work_at=epoch(r.last_work_at)) for r in rows]


def entry_snapshots(session: Session, *, now: datetime, limit: int) -> list[core.EntrySnapshot]:
    cutoff = epoch(now) - REOFFER_AFTER
    rows = session.execute(select(
        QueueEntry.interaction_id, QueueEntry.queue_id, QueueEntry.channel, QueueEntry.order_key,
        QueueEntry.enqueued_at, QueueEntry.excluded, QueueEntry.sticky_agent_id, QueueEntry.target_agent_id)
        .where(QueueEntry.status == "waiting").order_by(QueueEntry.order_key).limit(limit))
    return [core.EntrySnapshot(interaction_id=r[0], queue_id=r[1], channel=r[2], order_key=r[3],
                               enqueued_at=epoch(r[4]),
                               excluded=frozenset(int(a) for a, t in (r[5] or []) if t > cutoff),
                               sticky_agent_id=r[6], target_agent_id=r[7]) for r in rows]


def route_pass(session: Session, *, now: datetime, batch: int = 2000,
               max_offers: int | None = None) -> list[Offer]:
    """One matching pass inside the caller's write transaction; returns the offers made."""
    agents = [a for a in agent_snapshots(session, lock=True)
              if any(a.capacity.get(c, 0) > a.load.get(c, 0) for c in a.capacity)]
    if not agents:
        return []
    rules, queues = queue_rules(session)
    entries = entry_snapshots(session, now=now, limit=batch)
    if not entries:
        return []
    cursors = {q.id: q.round_robin_cursor for q in queues.values()}
    plan = core.plan(entries, agents, rules, now=epoch(now), round_robin=cursors, max_offers=max_offers)
    for move in plan.overflows:
        _overflow(session, move, queues, now=now)
    made = _make_offers(session, plan.offers, now=now)
    for queue_id, agent_id in plan.round_robin.items():
        if queue_id in queues and cursors.get(queue_id) != agent_id:
            queues[queue_id].round_robin_cursor = agent_id
    return made


def _overflow(session: Session, move: core.OverflowDecision, queues: dict[int, RoutingQueue], *,
              now: datetime) -> None:
    entry = session.scalar(select(QueueEntry).where(QueueEntry.interaction_id == move.interaction_id,
                                                    QueueEntry.status == "waiting")
                           .with_for_update(skip_locked=True, key_share=True))
    interaction = session.get(Interaction, move.interaction_id)
    if entry is None or interaction is None:
        return
    entry.overflowed_from = move.from_queue_id
    entry.queue_id = move.to_queue_id
    entry.enqueued_at = now  # the wait for overflow restarts in the new queue; order_key keeps its place
    interaction.queue_id = move.to_queue_id
    record_state(session, interaction, "queued", extra={"queue_id": move.to_queue_id,
                                                        "overflow_from": move.from_queue_id,
                                                        "queue_name": queues[move.to_queue_id].name})


def _make_offers(session: Session, decisions: Iterable[core.OfferDecision], *, now: datetime) -> list[Offer]:
    wanted = {d.interaction_id: d for d in decisions}
    if not wanted:
        return []
    # Lock the chosen entries; one locked elsewhere (or no longer waiting) is simply left for a later pass.
    locked = set(session.scalars(select(QueueEntry.interaction_id).where(
        QueueEntry.interaction_id.in_(wanted), QueueEntry.status == "waiting")
        .order_by(QueueEntry.interaction_id).with_for_update(skip_locked=True, key_share=True)))
    if not locked:
        return []
    interactions = {i.id: i for i in session.scalars(select(Interaction).where(Interaction.id.in_(locked))
                                                     .order_by(Interaction.id).with_for_update(key_share=True))}
    entries = {e.interaction_id: e for e in session.scalars(select(QueueEntry).where(
        QueueEntry.interaction_id.in_(locked)))}
    timeouts = {c.channel: c.offer_timeout_seconds for c in session.scalars(select(ChannelRules))}
    agents = {a.agent_id: a for a in session.scalars(select(AgentRouting).where(
        AgentRouting.agent_id.in_({wanted[i].agent_id for i in locked})))}
    made = []
    for interaction_id in sorted(locked):
        decision, interaction = wanted[interaction_id], interactions.get(interaction_id)
        if interaction is None:
            continue
        if interaction.status != "queued":  # claimed by a reply, or closed, outside routing
            _settle(entries[interaction_id], interaction, now=now)
            continue
        expires = now + timedelta(seconds=timeouts.get(interaction.channel, 20))
        offer = Offer(interaction_id=interaction_id, agent_id=decision.agent_id, queue_id=decision.queue_id,
                      channel=interaction.channel, reason=decision.reason, status="pending", created_at=now,
                      expires_at=expires, note=str(entries[interaction_id].context.get("note", "")))
        session.add(offer)
        session.flush()
        entries[interaction_id].status = "offered"
        interaction.status = "offered"
        agents[decision.agent_id].last_work_at = now
        record_state(session, interaction, "offered", extra={
            "offer_id": offer.id, "offered_agent_id": decision.agent_id,
            "expires_at": expires.isoformat().replace("+00:00", "Z"), "reason": decision.reason,
            "timeout_seconds": timeouts.get(interaction.channel, 20)})
        made.append(offer)
    return made


def _settle(entry: QueueEntry, interaction: Interaction, *, now: datetime) -> None:
    if interaction.status in ("active", "wrap_up") and interaction.assigned_agent_id is not None:
        entry.status, entry.answered_at, entry.answered_by = "answered", now, interaction.assigned_agent_id
    elif interaction.status in ("closed", "abandoned"):
        entry.status, entry.ended_at = ("abandoned" if interaction.status == "abandoned" else "left"), now


def queue_of(session: Session, queue_id: int) -> RoutingQueue:
    queue = session.get(RoutingQueue, queue_id)
    if queue is None or not queue.active:
        raise ApiError(404, "queue_not_found", f"There is no queue {queue_id}.")
    return queue
