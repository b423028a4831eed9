"""Value types shared by the client layers (sync, telephony, ui): frozen, plain Python, no Qt."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

IDENTITY_KINDS = ("phone", "email", "web", "wechat", "whatsapp", "messenger", "telegram", "sms")
EVENT_KINDS = ("call", "chat", "email", "sms", "social", "note", "ticket", "merge", "unmerge", "identity",
               "profile")
ROLES = ("agent", "supervisor", "admin")


class ConnectionState(enum.Enum):
    """What the connection indicator shows."""

    OFFLINE = "offline"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"


@dataclass(frozen=True, slots=True)
class Agent:
    id: int
    username: str
    display_name: str
    role: str

    @property
    def is_supervisor(self) -> bool:
        return self.role in ("supervisor", "admin")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Agent:
        return cls(int(data["id"]), str(data["username"]), str(data["display_name"]), str(data["role"]))


@dataclass(frozen=True, slots=True)
class Identity:
    id: int
    kind: str
    value: str
    display_value: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Identity:
        return cls(int(data["id"]), str(data["kind"]), str(data["value"]),
                   str(data.get("display_value") or data["value"]))


@dataclass(frozen=True, slots=True)
class Customer:
    id: int
    display_name: str
    created_at: datetime
    identities: tuple[Identity, ...] = ()
    merged_into_id: int | None = None
    attributes: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def identities_of(self, kind: str) -> tuple[Identity, ...]:
        return tuple(i for i in self.identities if i.kind == kind)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Customer:
        return cls(
            id=int(data["id"]),
            display_name=str(data["display_name"]),
            created_at=datetime.fromisoformat(str(data["created_at"])),
            identities=tuple(Identity.from_json(i) for i in data.get("identities", ())),
            merged_into_id=data.get("merged_into_id"),
            attributes=dict(data.get("attributes") or {}),
        )


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    seq: int
    customer_id: int
    kind: str
    channel: str
    body: str
    created_at: datetime
    author_id: int | None = None
    author_name: str | None = None
    client_id: str | None = None
    payload: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TimelineEvent:
        return cls(
            seq=int(data["seq"]),
            customer_id=int(data["customer_id"]),
            kind=str(data["kind"]),
            channel=str(data.get("channel") or ""),
            body=str(data.get("body") or ""),
            created_at=datetime.fromisoformat(str(data["created_at"])),
            author_id=data.get("author_id"),
            author_name=data.get("author_name"),
            client_id=data.get("client_id"),
            payload=dict(data.get("payload") or {}),
        )


@dataclass(frozen=True, slots=True)
class TimelinePage:
    items: tuple[TimelineEvent, ...]
    next_before: int | None


@dataclass(frozen=True, slots=True)
class Session:
    """A logged-in agent on one server. The refresh token itself lives only in the OS keyring."""

    server_url: str
    agent: Agent
    access_token: str
    access_expires_at: float  # time.monotonic() deadline
