"""GET/POST /api/v1/agents (admin)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from backend.agents import service
from backend.agents.schemas import AgentCreate, AgentList, AgentOut
from backend.deps import AdminAgent, HasherDep, SessionDep, client_address

router = APIRouter(prefix="/api/v1", tags=["agents"])


@router.get("/agents")
def list_agents(session: SessionDep, _admin: AdminAgent) -> AgentList:
    return AgentList(items=[AgentOut.model_validate(a) for a in service.list_agents(session)])


@router.post("/agents", status_code=201)
def create_agent(body: AgentCreate, request: Request, session: SessionDep, admin: AdminAgent,
                 hasher: HasherDep) -> AgentOut:
    agent = service.create_agent(session, hasher=hasher, username=body.username,
                                 display_name=body.display_name, password=body.password, role=body.role,
                                 created_by=admin, address=client_address(request))
    return AgentOut.model_validate(agent)
