"""Creating and listing agents."""

from __future__ import annotations

from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.agents.models import ROLES, Agent
from backend.audit import service as audit
from backend.errors import ApiError


def create_agent(session: Session, *, hasher: PasswordHasher, username: str, display_name: str,
                 password: str, role: str, created_by: Agent | None = None, address: str = "") -> Agent:
    if role not in ROLES:
        raise ApiError(422, "validation_error", f"role must be one of {', '.join(ROLES)}.")
    username = username.strip().lower()
    if session.scalar(select(Agent.id).where(Agent.username == username)) is not None:
        raise ApiError(409, "username_taken", f"An agent called {username!r} already exists.")
    agent = Agent(username=username, display_name=display_name.strip(), role=role,
                  password_hash=hasher.hash(password))
    session.add(agent)
    try:
        session.flush()
    except IntegrityError as exc:
        session.rollback()
        raise ApiError(409, "username_taken", f"An agent called {username!r} already exists.") from exc
    audit.record(session, action="agent_created", actor_id=created_by.id if created_by else None,
                 actor_name=created_by.username if created_by else "cli", target=f"agent:{agent.id}",
                 address=address, detail={"username": username, "role": role})
    session.commit()
    return agent


def list_agents(session: Session) -> list[Agent]:
    return list(session.scalars(select(Agent).order_by(Agent.id)))


def get_by_username(session: Session, *, username: str) -> Agent | None:
    return session.scalar(select(Agent).where(Agent.username == username.strip().lower()))
