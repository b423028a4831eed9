"""The routing decision, pure and deterministic: snapshots in, decisions out; no I/O, no clock.

Times are seconds since the epoch (floats) passed in by the caller, so the same input always gives the
same output and tests are tables. Rules:
- eligibility: agent `available`, every required skill at or above its level, a free slot for the
  channel (load counts interactions in hand and pending offers), a call in hand blocks chat-like
  channels, and not an agent who declined or missed this interaction;
- order: waiting interactions by `order_key` = enqueued_at − priority × ageing — a waiting item gains one
  priority point per `ageing` seconds, so nothing starves;
- choice: a transfer target only; else the sticky agent if eligible; else the queue's strategy
  (longest-idle, round-robin, least-busy), ties by agent id;
- overflow: an item waiting longer than its queue's `overflow_after` moves to the overflow queue.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

STRATEGIES = ("longest_idle", "round_robin", "least_busy")
AGENT_STATES = ("available", "busy", "break", "after_call_work", "offline")
CALL_BLOCKS = ("chat", "sms", "social")  # a call in hand blocks these; e-mail can wait beside a call


@dataclass(frozen=True)
class AgentSnapshot:
    id: int
    state: str
    skills: Mapping[str, int]
    capacity: Mapping[str, int]
    load: Mapping[str, int]
    last_work_at: float  # last offer, finished interaction or return to available


@dataclass(frozen=True)
class QueueRule:
    id: int
    strategy: str = "longest_idle"
    skills: Mapping[str, int] = field(default_factory=dict)
    overflow_queue_id: int | None = None
    overflow_after: float | None = None


@dataclass(frozen=True)
class EntrySnapshot:
    interaction_id: int
    queue_id: int
    channel: str
    order_key: float
    enqueued_at: float
    excluded: frozenset[int] = frozenset()
    sticky_agent_id: int | None = None
    target_agent_id: int | None = None


@dataclass(frozen=True)
class OfferDecision:
    interaction_id: int
    agent_id: int
    queue_id: int
    reason: str  # "target", "sticky" or the strategy's name


@dataclass(frozen=True)
class OverflowDecision:
    interaction_id: int
    from_queue_id: int
    to_queue_id: int


@dataclass(frozen=True)
class Plan:
    offers: tuple[OfferDecision, ...]
    overflows: tuple[OverflowDecision, ...]
    round_robin: Mapping[int, int]  # queue id → last agent id offered


def order_key(*, priority: int, enqueued_at: float, ageing: float) -> float:
    """Smaller first. One priority point is worth `ageing` seconds of waiting."""
    return enqueued_at - priority * ageing


def effective_priority(*, priority: int, waited: float, ageing: float) -> float:
    return priority + max(waited, 0.0) / ageing


def qualifies(agent: AgentSnapshot, queue: QueueRule) -> bool:
    return all(agent.skills.get(skill, 0) >= level for skill, level in queue.skills.items())


def has_room(agent: AgentSnapshot, channel: str) -> bool:
    if agent.load.get(channel, 0) >= agent.capacity.get(channel, 0):
        return False
    return not (channel in CALL_BLOCKS and agent.load.get("voice", 0) > 0)


def eligible(agent: AgentSnapshot, queue: QueueRule, entry: EntrySnapshot) -> bool:
    """May this agent be offered this interaction? A transfer's target needs no queue skills."""
    if agent.state != "available" or agent.id in entry.excluded or not has_room(agent, entry.channel):
        return False
    return agent.id == entry.target_agent_id or qualifies(agent, queue)


def choose(strategy: str, candidates: Sequence[AgentSnapshot], *,
           round_robin_after: int = 0) -> AgentSnapshot:
    """The queue strategy's pick among eligible agents (non-empty)."""
    if strategy == "round_robin":
        after = [a for a in candidates if a.id > round_robin_after]
        return min(after or candidates, key=lambda a: a.id)
    if strategy == "least_busy":
        return min(candidates, key=lambda a: (sum(a.load.values()), a.last_work_at, a.id))
    if strategy == "longest_idle":
        return min(candidates, key=lambda a: (a.last_work_at, a.id))
    raise ValueError(f"unknown strategy {strategy!r}")


def pick(entry: EntrySnapshot, queue: QueueRule, candidates: Sequence[AgentSnapshot], *,
         round_robin_after: int = 0) -> tuple[AgentSnapshot, str] | None:
    """The agent for one waiting interaction, and why; None if nobody eligible (or the target is busy)."""
    if entry.target_agent_id is not None:
        target = next((a for a in candidates if a.id == entry.target_agent_id), None)
        return (target, "target") if target is not None and eligible(target, queue, entry) else None
    ready = [a for a in candidates if eligible(a, queue, entry)]
    if not ready:
        return None
    if entry.sticky_agent_id is not None:
        sticky = next((a for a in ready if a.id == entry.sticky_agent_id), None)
        if sticky is not None:
            return sticky, "sticky"
    return choose(queue.strategy, ready, round_robin_after=round_robin_after), queue.strategy


def overflows(entries: Iterable[EntrySnapshot], queues: Mapping[int, QueueRule], *,
              now: float) -> list[OverflowDecision]:
    out = []
    for entry in entries:
        queue = queues.get(entry.queue_id)
        if queue is None or queue.overflow_queue_id is None or queue.overflow_after is None:
            continue
        if queue.overflow_queue_id in queues and now - entry.enqueued_at >= queue.overflow_after:
            out.append(OverflowDecision(entry.interaction_id, entry.queue_id, queue.overflow_queue_id))
    return out


def plan(entries: Sequence[EntrySnapshot], agents: Sequence[AgentSnapshot],
         queues: Mapping[int, QueueRule], *, now: float, round_robin: Mapping[int, int] | None = None,
         max_offers: int | None = None) -> Plan:
    """Overflow first, then offers in priority order; each offer fills a slot before the next is chosen."""
    moved = overflows(entries, queues, now=now)
    target_of = {m.interaction_id: m.to_queue_id for m in moved}
    pool = {a.id: a for a in agents if a.state == "available"}
    cursors = dict(round_robin or {})
    offers: list[OfferDecision] = []
    exhausted: set[tuple[int, str]] = set()  # (queue, channel) with no free qualified agent left
    for waiting in sorted(entries, key=lambda e: (e.order_key, e.interaction_id)):
        if (max_offers is not None and len(offers) >= max_offers) or not pool:
            break
        entry = waiting
        if entry.interaction_id in target_of:
            entry = replace(entry, queue_id=target_of[entry.interaction_id])
        queue = queues.get(entry.queue_id)
        if queue is None or (entry.queue_id, entry.channel) in exhausted:
            continue
        chosen = pick(entry, queue, list(pool.values()), round_robin_after=cursors.get(queue.id, 0))
        if chosen is None:
            if not entry.excluded and entry.target_agent_id is None:
                exhausted.add((entry.queue_id, entry.channel))
            continue
        agent, reason = chosen
        offers.append(OfferDecision(entry.interaction_id, agent.id, queue.id, reason))
        cursors[queue.id] = agent.id
        load = dict(agent.load)
        load[entry.channel] = load.get(entry.channel, 0) + 1
        pool[agent.id] = replace(agent, load=load, last_work_at=now)
    return Plan(tuple(offers), tuple(moved), cursors)


def positions(entries: Iterable[EntrySnapshot]) -> dict[int, int]:
    """1-based position of each waiting interaction within its queue."""
    out: dict[int, int] = {}
    counts: dict[int, int] = {}
    for entry in sorted(entries, key=lambda e: (e.order_key, e.interaction_id)):
        counts[entry.queue_id] = counts.get(entry.queue_id, 0) + 1
        out[entry.interaction_id] = counts[entry.queue_id]
    return out


def estimated_wait(*, position: int, agents_serving: int, average_handle: float) -> float | None:
    """Seconds until this caller is likely served; None while no agent serves the queue."""
    if agents_serving <= 0:
        return None
    return math.ceil(position / agents_serving) * average_handle if position > 0 else 0.0


def sla_percent(samples: Iterable[tuple[float, float]]) -> float | None:
    """Share (0–100) of (seconds taken, target seconds) samples within target; None with no samples."""
    values = list(samples)
    if not values:
        return None
    return round(100.0 * sum(1 for took, target in values if took <= target) / len(values), 1)
