"""Login, refresh, logout and /me."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from backend.agents.schemas import AgentOut
from backend.auth import service
from backend.auth.schemas import LoginIn, RefreshIn, Tokens
from backend.deps import AnyAgent, HasherDep, SessionDep, SettingsDep, client_address

router = APIRouter(prefix="/api/v1", tags=["auth"])


@router.post("/auth/login")
def login(body: LoginIn, request: Request, session: SessionDep, settings: SettingsDep,
          hasher: HasherDep) -> Tokens:
    return service.login(session, settings=settings, hasher=hasher, username=body.username,
                         password=body.password, address=client_address(request))


@router.post("/auth/refresh")
def refresh(body: RefreshIn, session: SessionDep, settings: SettingsDep) -> Tokens:
    return service.refresh(session, settings=settings, refresh_token=body.refresh_token)


@router.post("/auth/logout", status_code=204)
def logout(body: RefreshIn, session: SessionDep, agent: AnyAgent) -> Response:
    service.logout(session, agent_id=agent.id, refresh_token=body.refresh_token)
    return Response(status_code=204)


@router.get("/me")
def me(agent: AnyAgent) -> AgentOut:
    return AgentOut.model_validate(agent)
