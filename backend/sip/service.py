"""Issuing auth_ephemeral credentials.

Username "<expiry>:<agent>", password base64(HMAC-SHA1(secret, username)).

Kamailio recomputes the same HMAC with the same secret, so nothing is stored: a credential is valid
until its expiry for exactly the agent named in it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from backend.errors import ApiError
from backend.sip.settings import SipSettings

log = logging.getLogger("huitong.sip")
# Characters a SIP URI user part carries unescaped (RFC 3261 "unreserved" minus what agent names never use).
_SIP_USER = re.compile(r"^[A-Za-z0-9_.!~*'()&=+$,;?/-]+$")


@dataclass(frozen=True)
class SipCredentials:
    username: str
    auth_username: str
    password: str
    domain: str
    transport: str
    expires_at: datetime
    ttl_seconds: int
    srtp: str
    record_calls: bool
    ca_pem: str | None


def ephemeral_password(secret: str, auth_username: str) -> str:
    """base64(HMAC-SHA1(secret, auth_username)), as Kamailio's auth_ephemeral computes it."""
    digest = hmac.new(secret.encode(), auth_username.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def ephemeral_username(agent: str, expires_unix: int) -> str:
    """auth_ephemeral's default username_format 1: "<expiry unix time>:<user>"."""
    return f"{expires_unix}:{agent}"


def issue(settings: SipSettings, agent_username: str, *, now: float | None = None) -> SipCredentials:
    """Credentials for `agent_username`, valid `settings.ttl_seconds` from now."""
    if not _SIP_USER.match(agent_username):
        raise ApiError(409, "sip_username_unusable",
                       f"The username {agent_username!r} cannot be used as a SIP user name; "
                       "ask an administrator for a username without '@'.")
    issued = int(time.time() if now is None else now)
    expires = issued + settings.ttl_seconds
    auth_username = ephemeral_username(agent_username, expires)
    log.info("issued SIP credentials for %s valid until %d", agent_username, expires)
    return SipCredentials(
        username=agent_username,
        auth_username=auth_username,
        password=ephemeral_password(settings.secret, auth_username),
        domain=settings.domain,
        transport=settings.transport,
        expires_at=datetime.fromtimestamp(expires, UTC),
        ttl_seconds=settings.ttl_seconds,
        srtp=settings.srtp,
        record_calls=settings.record_calls,
        ca_pem=settings.ca_pem,
    )

