"""Routing administration: queues, break reasons, dispositions, channel rules, agents' skills and capacity."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.errors import ApiError
from backend.interactions.models import CHANNELS
from backend.routing import agent_state, core
from backend.routing.models import AgentRouting, ChannelRules, RoutingCode, RoutingQueue


def _check_channels(channels: list[str]) -> None:
    bad = [c for c in channels if c not in CHANNELS]
    if bad or not channels:
        raise ApiError(422, "invalid_channel", f"Channels must be a non-empty set of {', '.join(CHANNELS)}.")


def _check_queue(session: Session, fields: dict[str, Any], queue_id: int | None) -> None:
    if "channels" in fields:
        _check_channels(fields["channels"])
    if fields.get("strategy", "longest_idle") not in core.STRATEGIES:
        raise ApiError(422, "invalid_strategy", f"Strategy must be one of {', '.join(core.STRATEGIES)}.")
    overflow = fields.get("overflow_queue_id")
    if overflow is not None:
        if overflow == queue_id:
            raise ApiError(422, "invalid_overflow", "A queue cannot overflow into itself.")
        if session.get(RoutingQueue, overflow) is None:
            raise ApiError(422, "invalid_overflow", f"There is no queue {overflow} to overflow into.")


def list_queues(session: Session) -> list[RoutingQueue]:
    return list(session.scalars(select(RoutingQueue).where(RoutingQueue.active).order_by(RoutingQueue.id)))


def get_queue(session: Session, queue_id: int) -> RoutingQueue:
    queue = session.get(RoutingQueue, queue_id)
    if queue is None or not queue.active:
        raise ApiError(404, "queue_not_found", f"There is no queue {queue_id}.")
    return queue


def create_queue(session: Session, fields: dict[str, Any]) -> RoutingQueue:
    _check_queue(session, fields, None)
    queue = RoutingQueue(**fields)
    session.add(queue)
    _flush_unique(session, "A queue with that name or number already exists.")
    session.commit()
    return queue


def update_queue(session: Session, queue_id: int, fields: dict[str, Any]) -> RoutingQueue:
    queue = get_queue(session, queue_id)
    _check_queue(session, fields, queue_id)
    for name, value in fields.items():
        setattr(queue, name, value)
    _flush_unique(session, "A queue with that name or number already exists.")
    session.commit()
    return queue


def delete_queue(session: Session, queue_id: int) -> None:
    """Deactivates (keeps history); its name and number are freed for reuse."""
    queue = get_queue(session, queue_id)
    queue.active = False
    queue.name = f"{queue.name[:80]} (deleted {queue.id})"
    queue.number = None
    session.commit()


def _flush_unique(session: Session, message: str) -> None:
    try:
        session.flush()
    except IntegrityError as exc:
        session.rollback()
        raise ApiError(409, "already_exists", message) from exc


def list_codes(session: Session, kind: str) -> list[RoutingCode]:
    return list(session.scalars(select(RoutingCode).where(RoutingCode.kind == kind, RoutingCode.active)
                                .order_by(RoutingCode.code)))


def upsert_code(session: Session, kind: str, code: str, label: str) -> tuple[RoutingCode, bool]:
    """Creates or relabels (and reactivates) a code: (row, created)."""
    row = session.scalar(select(RoutingCode).where(RoutingCode.kind == kind, RoutingCode.code == code))
    created = row is None
    if row is None:
        row = RoutingCode(kind=kind, code=code, label=label, active=True)
        session.add(row)
    row.label, row.active = label, True
    _flush_unique(session, f"The code {code!r} already exists.")
    session.commit()
    return row, created


def delete_code(session: Session, kind: str, code: str) -> None:
    row = session.scalar(select(RoutingCode).where(RoutingCode.kind == kind, RoutingCode.code == code,
                                                   RoutingCode.active))
    if row is None:
        raise ApiError(404, "code_not_found", f"There is no {kind} code {code!r}.")
    row.active = False
    session.commit()


def list_channel_rules(session: Session) -> list[ChannelRules]:
    return list(session.scalars(select(ChannelRules).order_by(ChannelRules.channel)))


def update_channel_rules(session: Session, channel: str, fields: dict[str, Any]) -> ChannelRules:
    _check_channels([channel])
    row = session.get(ChannelRules, channel)
    if row is None:
        row = ChannelRules(channel=channel, acw_seconds=0, sla_answer_seconds=20,
                           sla_first_response_seconds=60, offer_timeout_seconds=20)
        session.add(row)
    for name, value in fields.items():
        setattr(row, name, value)
    session.commit()
    return row


def update_agent_profile(session: Session, agent_id: int, *, skills: dict[str, int] | None,
                         capacity: dict[str, int] | None) -> AgentRouting:
    if capacity is not None:
        _check_channels(list(capacity) or ["voice"])
    row = agent_state.profile(session, agent_id, lock=True)
    if skills is not None:
        row.skills = dict(skills)
    if capacity is not None:
        row.capacity = dict(capacity)
    session.commit()
    return row
