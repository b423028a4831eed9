"""FastAPI dependencies: settings, DB session, current agent and role checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from argon2 import PasswordHasher
from fastapi import Depends, Request
from sqlalchemy.orm import Session

from backend.agents.models import ROLE_RANK, Agent
from backend.auth.tokens import decode_access_token
from backend.db import Database
from backend.errors import ApiError
from backend.settings import Settings


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_hasher(request: Request) -> PasswordHasher:
    hasher: PasswordHasher = request.app.state.hasher
    return hasher


def get_session(db: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    with db.sessions() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]
HasherDep = Annotated[PasswordHasher, Depends(get_hasher)]
SessionDep = Annotated[Session, Depends(get_session)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def agent_for_token(session: Session, *, settings: Settings, token: str) -> Agent:
    claims = decode_access_token(secret=settings.secret_key, token=token)
    agent = session.get(Agent, claims.agent_id)
    if agent is None or not agent.active:
        raise ApiError(401, "invalid_token", "The access token belongs to no active agent.")
    return agent


def current_agent(request: Request, session: SessionDep, settings: SettingsDep) -> Agent:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "not_authenticated", "Log in first: send Authorization: Bearer <access_token>.",
                       {"WWW-Authenticate": "Bearer"})
    return agent_for_token(session, settings=settings, token=token.strip())


def require_role(role: str) -> Callable[[Agent], Agent]:
    needed = ROLE_RANK[role]

    def check(agent: Annotated[Agent, Depends(current_agent)]) -> Agent:
        if ROLE_RANK.get(agent.role, -1) < needed:
            raise ApiError(403, "forbidden", f"This needs the {role} role or higher.")
        return agent

    return check


AnyAgent = Annotated[Agent, Depends(current_agent)]
AgentRole = Annotated[Agent, Depends(require_role("agent"))]
SupervisorAgent = Annotated[Agent, Depends(require_role("supervisor"))]
AdminAgent = Annotated[Agent, Depends(require_role("admin"))]
