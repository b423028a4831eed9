"""JWT access tokens (HS256) and opaque refresh tokens (stored only as SHA-256)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

from backend.db import utcnow
from backend.errors import ApiError


@dataclass(frozen=True)
class AccessClaims:
    agent_id: int
    role: str


def issue_access_token(*, secret: str, agent_id: int, role: str, ttl_seconds: int,
                       now: datetime | None = None) -> str:
    issued = now or utcnow()
    claims = {"sub": str(agent_id), "role": role, "typ": "access", "iat": issued,
              "exp": issued + timedelta(seconds=ttl_seconds)}
    return jwt.encode(claims, secret, algorithm="HS256")


def decode_access_token(*, secret: str, token: str) -> AccessClaims:
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["exp", "sub"]})
    except jwt.ExpiredSignatureError as exc:
        raise ApiError(401, "token_expired", "The access token has expired; refresh it.") from exc
    except jwt.PyJWTError as exc:
        raise ApiError(401, "invalid_token", "The access token is not valid.") from exc
    if claims.get("typ") != "access":
        raise ApiError(401, "invalid_token", "The access token is not valid.")
    try:
        return AccessClaims(agent_id=int(claims["sub"]), role=str(claims.get("role", "")))
    except (TypeError, ValueError) as exc:
        raise ApiError(401, "invalid_token", "The access token is not valid.") from exc


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
