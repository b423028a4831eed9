"""What an agent sees of routing: state, load and pending offers (`GET /routing/me` and the live frames),
and every queue's figures — built for one agent or for many at once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.db import utcnow
from backend.routing import agent_state, dispatch, figures, offers, service
from backend.routing.models import AgentRouting, Offer
from backend.routing.schemas import FiguresOut, MyState, OfferOut


def _state(row: AgentRouting, load: dict[str, int], pending: list[Offer], now: datetime) -> MyState:
    return MyState(agent_id=row.agent_id, state=row.state, reason_code=row.reason_code,
                   state_since=row.state_since, acw_until=row.acw_until, skills=row.skills or {},
                   capacity=row.capacity or {}, load=load, server_time=now,
                   offers=[OfferOut.model_validate(o) for o in pending])


def one(session: Session, agent_id: int) -> MyState:
    """The agent's state (their routing row is created, offline, on first use)."""
    row = agent_state.profile(session, agent_id)
    session.commit()
    now = utcnow()
    return _state(row, dispatch.loads(session, [agent_id])[agent_id],
                  offers.pending_for_agent(session, agent_id, now=now), now)


def many(session: Session, agent_ids: Iterable[int]) -> dict[int, MyState]:
    """Three queries for any number of agents; agents never routed are left out (nothing to show)."""
    ids = sorted(set(agent_ids))
    if not ids:
        return {}
    now = utcnow()
    rows = list(session.scalars(select(AgentRouting).where(AgentRouting.agent_id.in_(ids))))
    loads = dispatch.loads(session, [r.agent_id for r in rows])
    pending: dict[int, list[Offer]] = {}
    for offer in session.scalars(select(Offer).where(Offer.agent_id.in_(ids), Offer.status == "pending",
                                                     Offer.expires_at > now).order_by(Offer.id)):
        pending.setdefault(offer.agent_id, []).append(offer)
    return {r.agent_id: _state(r, loads[r.agent_id], pending.get(r.agent_id, []), now) for r in rows}


def all_figures(session: Session) -> list[FiguresOut]:
    now = utcnow()
    return [FiguresOut.model_validate(figures.queue_figures(session, q, now=now))
            for q in service.list_queues(session)]
