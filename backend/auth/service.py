"""Login (with a DB-backed failure limit), refresh-token rotation and logout."""

from __future__ import annotations

import math
import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from backend.agents.models import Agent
from backend.agents.schemas import AgentOut
from backend.audit import service as audit
from backend.auth.models import LoginFailure, RefreshToken
from backend.auth.passwords import verify_password
from backend.auth.schemas import Tokens
from backend.auth.tokens import hash_refresh_token, issue_access_token, new_refresh_token
from backend.db import utcnow
from backend.errors import ApiError
from backend.settings import Settings

_BAD_LOGIN = "The username or password is wrong."
_BAD_REFRESH = "The refresh token is not valid; log in again."


def _check_rate_limit(session: Session, *, settings: Settings, username: str, address: str) -> None:
    since = utcnow() - timedelta(seconds=settings.login_window_seconds)
    count, oldest = session.execute(
        select(func.count(LoginFailure.id), func.min(LoginFailure.created_at)).where(
            LoginFailure.username == username, LoginFailure.address == address,
            LoginFailure.created_at > since)).one()
    if count >= settings.login_max_failures and oldest is not None:
        if oldest.tzinfo is None:  # SQLite aggregate results bypass the column type
            oldest = oldest.replace(tzinfo=UTC)
        wait = (oldest + timedelta(seconds=settings.login_window_seconds) - utcnow()).total_seconds()
        retry = max(1, math.ceil(wait))
        raise ApiError(429, "rate_limited",
                       f"Too many failed logins; try again in {retry} seconds.", {"Retry-After": str(retry)})


def issue_tokens(session: Session, *, settings: Settings, agent: Agent, family: str | None = None) -> Tokens:
    """Creates a refresh token row in the session (the caller commits) and returns both tokens."""
    refresh = new_refresh_token()
    session.add(RefreshToken(agent_id=agent.id, token_hash=hash_refresh_token(refresh),
                             expires_at=utcnow() + timedelta(seconds=settings.refresh_ttl_seconds),
                             family=family or secrets.token_hex(16)))
    access = issue_access_token(secret=settings.secret_key, agent_id=agent.id, role=agent.role,
                                ttl_seconds=settings.access_ttl_seconds)
    return Tokens(access_token=access, refresh_token=refresh, expires_in=settings.access_ttl_seconds,
                  agent=AgentOut.model_validate(agent))


def login(session: Session, *, settings: Settings, hasher: PasswordHasher, username: str, password: str,
          address: str) -> Tokens:
    username = username.strip().lower()
    _check_rate_limit(session, settings=settings, username=username, address=address)
    agent = session.scalar(select(Agent).where(Agent.username == username))
    ok = agent is not None and agent.active and verify_password(hasher, agent.password_hash, password)
    if agent is None or not ok:
        session.add(LoginFailure(username=username, address=address))
        audit.record(session, action="login_failed", actor_name=username, address=address,
                     actor_id=agent.id if agent else None)
        session.commit()
        raise ApiError(401, "invalid_credentials", _BAD_LOGIN)
    session.execute(delete(LoginFailure).where(LoginFailure.username == username,
                                               LoginFailure.address == address))
    tokens = issue_tokens(session, settings=settings, agent=agent)
    audit.record(session, action="login", actor_id=agent.id, actor_name=agent.username, address=address)
    session.commit()
    return tokens


def refresh(session: Session, *, settings: Settings, refresh_token: str) -> Tokens:
    """Rotates: the presented token is revoked atomically; presenting it again is refused."""
    token_hash = hash_refresh_token(refresh_token)
    row = session.scalar(select(RefreshToken).where(RefreshToken.token_hash == token_hash))
    now = utcnow()
    if row is not None and row.rotated:
        _revoke_family(session, row, now)
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        raise ApiError(401, "invalid_refresh_token", _BAD_REFRESH)
    revoked = session.execute(update(RefreshToken).where(
        RefreshToken.id == row.id, RefreshToken.revoked_at.is_(None)).values(revoked_at=now, rotated=True))
    if getattr(revoked, "rowcount", 0) != 1:  # a concurrent refresh won the race
        session.rollback()
        raise ApiError(401, "invalid_refresh_token", _BAD_REFRESH)
    agent = session.get(Agent, row.agent_id)
    if agent is None or not agent.active:
        session.rollback()
        raise ApiError(401, "invalid_refresh_token", _BAD_REFRESH)
    tokens = issue_tokens(session, settings=settings, agent=agent, family=row.family)
    session.commit()
    return tokens


def _revoke_family(session: Session, row: RefreshToken, now: datetime) -> None:
    """A rotated-away token came back: someone holds a copy. End every session descended from that login."""
    if row.family is not None:
        session.execute(update(RefreshToken).where(RefreshToken.family == row.family,
                                                   RefreshToken.revoked_at.is_(None)).values(revoked_at=now))
    audit.record(session, action="refresh_token_reuse", actor_id=row.agent_id, actor_name="", address="")
    session.commit()


def logout(session: Session, *, agent_id: int, refresh_token: str) -> None:
    session.execute(update(RefreshToken).where(
        RefreshToken.token_hash == hash_refresh_token(refresh_token), RefreshToken.agent_id == agent_id,
        RefreshToken.revoked_at.is_(None)).values(revoked_at=utcnow()))
    session.commit()
