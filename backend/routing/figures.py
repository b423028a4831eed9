"""Queue figures for agents: waiting, longest wait, agents available, SLA %, position and estimated wait."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from backend.interactions.models import Message
from backend.routing import core, dispatch
from backend.routing.models import AgentRouting, ChannelRules, QueueEntry, RoutingQueue

WINDOW = timedelta(hours=24)
DEFAULT_HANDLE_SECONDS = 180.0


@dataclass(frozen=True)
class QueueFigures:
    queue_id: int
    name: str
    waiting: int
    longest_wait_seconds: float
    agents_available: int
    agents_staffed: int
    answered: int
    abandoned: int
    sla_answer_percent: float | None
    sla_first_response_percent: float | None
    average_handle_seconds: float
    estimated_wait_seconds: float | None


def _agents(session: Session, queue: RoutingQueue) -> tuple[int, int]:
    """(available with a free slot on one of the queue's channels, staffed = not offline), skills met."""
    rule = core.QueueRule(id=queue.id, skills=dict(queue.skills or {}))
    rows = [r for r in session.scalars(select(AgentRouting).where(AgentRouting.state != "offline"))
            if all((r.skills or {}).get(s, 0) >= lvl for s, lvl in rule.skills.items())]
    loads = dispatch.loads(session, (r.agent_id for r in rows if r.state == "available"))
    free = 0
    for r in rows:
        if r.state != "available":
            continue
        snap = core.AgentSnapshot(id=r.agent_id, state=r.state, skills=r.skills or {},
                                  capacity=r.capacity or {}, load=loads[r.agent_id], last_work_at=0.0)
        free += any(core.has_room(snap, c) for c in queue.channels)
    return free, len(rows)


def queue_figures(session: Session, queue: RoutingQueue, *, now: datetime) -> QueueFigures:
    open_rows = session.execute(select(func.count(), func.min(QueueEntry.enqueued_at)).where(
        QueueEntry.queue_id == queue.id, QueueEntry.status.in_(("waiting", "offered")))).one()
    waiting, oldest = int(open_rows[0]), open_rows[1]
    available, staffed = _agents(session, queue)
    since = now - WINDOW
    rules = {c.channel: c for c in session.scalars(select(ChannelRules))}
    answered = list(session.execute(select(
        QueueEntry.interaction_id, QueueEntry.channel, QueueEntry.enqueued_at, QueueEntry.answered_at,
        QueueEntry.ended_at).where(QueueEntry.queue_id == queue.id, QueueEntry.answered_at >= since)))
    abandoned = int(session.scalar(select(func.count()).select_from(QueueEntry).where(
        QueueEntry.queue_id == queue.id, QueueEntry.status == "abandoned",
        QueueEntry.ended_at >= since)) or 0)
    waits = [((r.answered_at - r.enqueued_at).total_seconds(), _target(rules, r.channel, "answer"))
             for r in answered]
    first = _first_responses(session, [r.interaction_id for r in answered if r.channel != "voice"])
    responses = [((first[r.interaction_id] - r.enqueued_at).total_seconds(),
                  _target(rules, r.channel, "first")) for r in answered if r.interaction_id in first]
    handled = [(r.ended_at - r.answered_at).total_seconds() for r in answered if r.ended_at is not None]
    aht = sum(handled) / len(handled) if handled else DEFAULT_HANDLE_SECONDS
    return QueueFigures(
        queue_id=queue.id, name=queue.name, waiting=waiting,
        longest_wait_seconds=round(max((now - oldest).total_seconds(), 0.0), 1) if oldest else 0.0,
        agents_available=available, agents_staffed=staffed, answered=len(answered), abandoned=abandoned,
        sla_answer_percent=core.sla_percent(waits),
        sla_first_response_percent=core.sla_percent(responses),
        average_handle_seconds=round(aht, 1),
        estimated_wait_seconds=core.estimated_wait(position=waiting + 1, agents_serving=staffed,
                                                   average_handle=aht))


def _target(rules: dict[str, ChannelRules], channel: str, which: str) -> float:
    row = rules.get(channel)
    if row is None:
        return 20.0 if which == "answer" else 60.0
    return float(row.sla_answer_seconds if which == "answer" else row.sla_first_response_seconds)


def _first_responses(session: Session, ids: list[int]) -> dict[int, datetime]:
    if not ids:
        return {}
    rows = session.execute(select(Message.interaction_id, func.min(Message.created_at)).where(
        Message.interaction_id.in_(ids), Message.direction == "out").group_by(Message.interaction_id))
    return {int(row[0]): row[1] for row in rows}


def position(session: Session, interaction_id: int) -> tuple[int, float | None] | None:
    """(1-based position in its queue, estimated wait s) for a waiting interaction; None if not waiting."""
    entry = session.get(QueueEntry, interaction_id)
    if entry is None or entry.status not in ("waiting", "offered"):
        return None
    ahead = int(session.scalar(select(func.count()).select_from(QueueEntry).where(
        QueueEntry.queue_id == entry.queue_id, QueueEntry.status == "waiting",  # ringing ones are not ahead
        or_(QueueEntry.order_key < entry.order_key,
            and_(QueueEntry.order_key == entry.order_key, QueueEntry.interaction_id < interaction_id)))) or 0)
    queue = session.get(RoutingQueue, entry.queue_id)
    staffed = _agents(session, queue)[1] if queue is not None else 0
    return ahead + 1, core.estimated_wait(position=ahead + 1, agents_serving=staffed,
                                          average_handle=DEFAULT_HANDLE_SECONDS)
