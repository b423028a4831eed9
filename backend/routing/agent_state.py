"""Agent routing state: available, busy, break (with a reason), after-call work, offline; every change logged.

Leaving `available` withdraws the agent's pending offers (they go back to the queue at once).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.agents.models import Agent
from backend.errors import ApiError
from backend.routing import offers
from backend.routing.models import AgentRouting, AgentStateChange, ChannelRules, RoutingCode
from backend.routing.settings import DEFAULT_CAPACITY

SETTABLE = ("available", "busy", "break", "offline")


def profile(session: Session, agent_id: int, *, lock: bool = False) -> AgentRouting:
    """The agent's routing row (created offline with default capacity on first use)."""
    query = select(AgentRouting).where(AgentRouting.agent_id == agent_id)
    row = session.scalar(query.with_for_update(key_share=True) if lock else query)
    if row is None:
        if session.get(Agent, agent_id) is None:
            raise ApiError(404, "agent_not_found", f"There is no agent {agent_id}.")
        row = AgentRouting(agent_id=agent_id, state="offline", skills={}, capacity=dict(DEFAULT_CAPACITY))
        session.add(row)
        session.flush()
        if lock:
            row = session.scalar(query.with_for_update(key_share=True)) or row
    return row


def _log(session: Session, row: AgentRouting, *, state: str, reason: str | None, by: int | None,
         now: datetime) -> None:
    session.add(AgentStateChange(agent_id=row.agent_id, state=state, reason_code=reason,
                                 previous_state=row.state, changed_by=by, started_at=now))
    row.state = state
    row.reason_code = reason
    row.state_since = now
    if state != "after_call_work":
        row.acw_until = None
    if state == "available":
        row.last_work_at = now


def set_state(session: Session, agent_id: int, state: str, *, reason_code: str | None, by: int | None,
              now: datetime) -> AgentRouting:
    """An agent (or supervisor) changes state. Break needs an active reason code."""
    if state not in SETTABLE:
        raise ApiError(422, "invalid_state", f"State must be one of {', '.join(SETTABLE)}.")
    reason = (reason_code or "").strip() or None
    if state == "break":
        if reason is None:
            raise ApiError(422, "reason_required", "Pick a reason for the break.")
        known = session.scalar(select(RoutingCode.id).where(RoutingCode.kind == "reason",
                                                            RoutingCode.code == reason, RoutingCode.active))
        if known is None:
            raise ApiError(422, "unknown_reason", f"There is no break reason {reason!r}.")
    elif state != "offline":
        reason = None
    row = profile(session, agent_id, lock=True)
    if (row.state, row.reason_code) == (state, reason):
        return row
    _log(session, row, state=state, reason=reason, by=by, now=now)
    if state != "available":
        offers.withdraw_agent_offers(session, agent_id, now=now)
    return row


def start_after_call_work(session: Session, agent_id: int, channel: str, *, now: datetime) -> None:
    """After an interaction ends: the channel's after-call-work timer, if any and the agent was working."""
    rules = session.get(ChannelRules, channel)
    seconds = rules.acw_seconds if rules else 0
    row = profile(session, agent_id, lock=True)
    row.last_work_at = now
    if seconds <= 0 or row.state not in ("available", "busy", "after_call_work"):
        return
    until = now + timedelta(seconds=seconds)
    if row.state != "after_call_work":
        _log(session, row, state="after_call_work", reason=channel, by=None, now=now)
        offers.withdraw_agent_offers(session, agent_id, now=now)
    row.acw_until = max(until, row.acw_until or until)


def finish_after_call_work(session: Session, agent_id: int, *, now: datetime) -> None:
    """Wrap-up submitted: back to available if the agent was in after-call work."""
    row = profile(session, agent_id, lock=True)
    if row.state == "after_call_work":
        _log(session, row, state="available", reason=None, by=None, now=now)


def end_due_after_call_work(session: Session, *, now: datetime) -> int:
    """Timers that ran out: those agents are available again."""
    rows = list(session.scalars(select(AgentRouting).where(
        AgentRouting.state == "after_call_work", AgentRouting.acw_until <= now)
        .with_for_update(skip_locked=True, key_share=True)))
    for row in rows:
        _log(session, row, state="available", reason=None, by=None, now=now)
    return len(rows)


def history(session: Session, agent_id: int, *, limit: int) -> list[AgentStateChange]:
    return list(session.scalars(select(AgentStateChange).where(AgentStateChange.agent_id == agent_id)
                                .order_by(AgentStateChange.id.desc()).limit(limit)))
