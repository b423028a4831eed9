"""Routing routes for agents: my state, offers (accept / decline), end, wrap-up, transfer, queue figures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from backend.agents.service import list_agents
from backend.db import utcnow
from backend.deps import AgentRole, DatabaseDep, SessionDep, SupervisorAgent
from backend.interactions.api import to_out
from backend.interactions.schemas import InteractionOut
from backend.interactions.service import get_interaction
from backend.routing import agent_state, figures, me, offers, service, wrap_up
from backend.routing.models import AgentRouting
from backend.routing.schemas import (
    AgentStateOut,
    CodeOut,
    FiguresOut,
    MyState,
    OfferOut,
    PositionOut,
    QueueOut,
    StateChangeOut,
    StateIn,
    TransferIn,
    WrapUpIn,
)
from backend.routing.tx import run

router = APIRouter(prefix="/api/v1", tags=["routing"])


def wake(request: Request) -> None:
    worker = getattr(request.app.state, "routing_worker", None)
    if worker is not None:
        worker.wake()


def state_out(db: DatabaseDep, agent_id: int) -> MyState:
    with db.sessions() as session:
        return me.one(session, agent_id)


@router.get("/routing/me")
def my_state(db: DatabaseDep, agent: AgentRole) -> MyState:
    return state_out(db, agent.id)


@router.put("/routing/me")
def set_my_state(body: StateIn, request: Request, db: DatabaseDep, agent: AgentRole) -> MyState:
    run(db, lambda s: agent_state.set_state(s, agent.id, body.state, reason_code=body.reason_code,
                                            by=agent.id, now=utcnow()))
    wake(request)
    return state_out(db, agent.id)


@router.put("/routing/agents/{agent_id}/state")
def set_agent_state(agent_id: int, body: StateIn, request: Request, db: DatabaseDep,
                    supervisor: SupervisorAgent) -> MyState:
    run(db, lambda s: agent_state.set_state(s, agent_id, body.state, reason_code=body.reason_code,
                                            by=supervisor.id, now=utcnow()))
    wake(request)
    return state_out(db, agent_id)


@router.get("/routing/agents/{agent_id}/history")
def state_history(agent_id: int, session: SessionDep, _supervisor: SupervisorAgent,
                  limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[StateChangeOut]:
    return [StateChangeOut.model_validate(r) for r in agent_state.history(session, agent_id, limit=limit)]


@router.get("/routing/agents")
def agents_and_states(session: SessionDep, _agent: AgentRole) -> list[AgentStateOut]:
    """Agents with their routing state (transfer targets); agents never routed count as offline."""
    states = dict(session.execute(select(AgentRouting.agent_id, AgentRouting.state)).tuples().all())
    return [AgentStateOut(id=a.id, username=a.username, display_name=a.display_name,
                          state=states.get(a.id, "offline")) for a in list_agents(session) if a.active]


@router.get("/routing/reasons")
def reasons(session: SessionDep, _agent: AgentRole) -> list[CodeOut]:
    return [CodeOut.model_validate(c) for c in service.list_codes(session, "reason")]


@router.get("/routing/dispositions")
def dispositions(session: SessionDep, _agent: AgentRole) -> list[CodeOut]:
    return [CodeOut.model_validate(c) for c in service.list_codes(session, "disposition")]


@router.get("/routing/queues")
def queues(session: SessionDep, _agent: AgentRole) -> list[QueueOut]:
    return [QueueOut.model_validate(q) for q in service.list_queues(session)]


@router.get("/routing/figures")
def all_figures(session: SessionDep, _agent: AgentRole) -> list[FiguresOut]:
    return me.all_figures(session)


@router.get("/routing/queues/{queue_id}/figures")
def queue_figures(queue_id: int, session: SessionDep, _agent: AgentRole) -> FiguresOut:
    return FiguresOut.model_validate(figures.queue_figures(session, service.get_queue(session, queue_id),
                                                           now=utcnow()))


@router.get("/offers")
def my_offers(session: SessionDep, agent: AgentRole) -> list[OfferOut]:
    return [OfferOut.model_validate(o) for o in offers.pending_for_agent(session, agent.id)]


@router.post("/offers/{offer_id}/accept")
def accept_offer(offer_id: int, db: DatabaseDep, agent: AgentRole) -> OfferOut:
    offer = run(db, lambda s: offers.accept(s, offer_id, agent_id=agent.id, now=utcnow()))
    return OfferOut.model_validate(offer)


@router.post("/offers/{offer_id}/decline")
def decline_offer(offer_id: int, request: Request, db: DatabaseDep, agent: AgentRole) -> OfferOut:
    offer = run(db, lambda s: offers.decline(s, offer_id, agent_id=agent.id, now=utcnow()))
    wake(request)
    return OfferOut.model_validate(offer)


@router.post("/interactions/{interaction_id}/end")
def end_interaction(interaction_id: int, request: Request, db: DatabaseDep, session: SessionDep,
                    agent: AgentRole) -> InteractionOut:
    run(db, lambda s: wrap_up.end(s, interaction_id, agent=agent, now=utcnow()))
    wake(request)
    return to_out(session, get_interaction(session, interaction_id))


@router.post("/interactions/{interaction_id}/wrap_up")
def wrap_up_interaction(interaction_id: int, body: WrapUpIn, *, request: Request, db: DatabaseDep,
                        session: SessionDep, agent: AgentRole) -> InteractionOut:
    run(db, lambda s: wrap_up.wrap_up(s, interaction_id, agent=agent, disposition=body.disposition,
                                      note=body.note.strip(), client_id=str(body.client_id), now=utcnow()))
    wake(request)
    return to_out(session, get_interaction(session, interaction_id))


@router.post("/interactions/{interaction_id}/transfer")
def transfer_interaction(interaction_id: int, body: TransferIn, *, request: Request, db: DatabaseDep,
                         session: SessionDep, agent: AgentRole) -> InteractionOut:
    run(db, lambda s: wrap_up.transfer(s, interaction_id, agent=agent, to_agent_id=body.agent_id,
                                       to_queue_id=body.queue_id, note=body.note.strip(), now=utcnow()))
    wake(request)
    return to_out(session, get_interaction(session, interaction_id))


@router.post("/interactions/{interaction_id}/reclaim")
def reclaim_interaction(interaction_id: int, *, request: Request, db: DatabaseDep, session: SessionDep,
                        agent: AgentRole) -> InteractionOut:
    """A transfer whose call did not move (REFER failed): the transferring agent has it again."""
    run(db, lambda s: wrap_up.reclaim(s, interaction_id, agent=agent, now=utcnow()))
    wake(request)
    return to_out(session, get_interaction(session, interaction_id))


@router.get("/interactions/{interaction_id}/queue_position")
def queue_position(interaction_id: int, session: SessionDep, _agent: AgentRole) -> PositionOut:
    get_interaction(session, interaction_id)
    place = figures.position(session, interaction_id)
    if place is None:
        return PositionOut(interaction_id=interaction_id, waiting=False, position=None,
                           estimated_wait_seconds=None)
    return PositionOut(interaction_id=interaction_id, waiting=True, position=place[0],
                       estimated_wait_seconds=place[1])
