"""Signed visitor ids: `v1.<visitor id>.<HMAC-SHA256 of it under a key derived from the server secret>`.

The widget keeps the token in localStorage; every visitor request carries it. A token whose signature does
not match (tampered, or from another server secret) is refused, and the visitor gets a fresh id.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import uuid

from backend.errors import ApiError

_PREFIX = "v1"
_VISITOR_ID = re.compile(r"^[0-9a-f]{32}$")
MAX_TOKEN_CHARS = 128


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode(), b"huitong-webchat-visitor-v1", hashlib.sha256).digest()


def _signature(secret: str, visitor_id: str) -> str:
    mac = hmac.new(_key(secret), visitor_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def new_visitor_id() -> str:
    return uuid.uuid4().hex


def sign(secret: str, visitor_id: str) -> str:
    return f"{_PREFIX}.{visitor_id}.{_signature(secret, visitor_id)}"


def verify(secret: str, token: str) -> str | None:
    """The visitor id the token carries, or None when it is malformed or its signature is wrong."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != _PREFIX or not _VISITOR_ID.match(parts[1]):
        return None
    if not hmac.compare_digest(parts[2], _signature(secret, parts[1])):
        return None
    return parts[1]


def require(secret: str, token: str) -> str:
    visitor_id = verify(secret, token)
    if visitor_id is None:
        raise ApiError(401, "invalid_visitor",
                       "The visitor token is missing or not valid; start a new session.")
    return visitor_id
