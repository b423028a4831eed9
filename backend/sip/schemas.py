"""SIP credentials API shape (the contract the client codes against)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, field_serializer


class SipCredentialsOut(BaseModel):
    username: str
    auth_username: str
    password: str
    domain: str
    transport: Literal["udp", "tcp", "tls"]
    expires_at: datetime
    ttl_seconds: int
    srtp: Literal["off", "optional", "mandatory"]
    record_calls: bool
    ca_pem: str | None

    @field_serializer("expires_at")
    def _utc_z(self, value: datetime) -> str:
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
