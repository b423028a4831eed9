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
# Events the server appends only so inboxes can follow state and delivery; customer timelines hide them.
BOOKKEEPING_EVENT_KINDS = ("interaction", "delivery")


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


def _when(value: object) -> datetime | None:
    return None if value in (None, "") else datetime.fromisoformat(str(value))


@dataclass(frozen=True, slots=True)
class Interaction:
    """One conversation (call, chat, e-mail thread, SMS, social) as the inbox lists it."""

    id: int
    channel: str
    customer_id: int
    status: str
    last_seq: int
    created_at: datetime
    updated_at: datetime
    customer_name: str = ""
    subject: str = ""
    preview: str = ""
    unread: int = 0
    assigned_agent_id: int | None = None
    queue_id: int | None = None
    priority: int = 0
    external_ref: str | None = None
    closed_at: datetime | None = None
    attributes: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def is_open(self) -> bool:
        return self.status not in ("closed", "abandoned")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Interaction:
        created = datetime.fromisoformat(str(data["created_at"]))
        return cls(
            id=int(data["id"]), channel=str(data["channel"]), customer_id=int(data["customer_id"]),
            status=str(data["status"]), last_seq=int(data.get("last_seq") or 0), created_at=created,
            updated_at=_when(data.get("updated_at")) or created,
            customer_name=str(data.get("customer_name") or ""), subject=str(data.get("subject") or ""),
            preview=str(data.get("preview") or ""), unread=int(data.get("unread") or 0),
            assigned_agent_id=data.get("assigned_agent_id"), queue_id=data.get("queue_id"),
            priority=int(data.get("priority") or 0), external_ref=data.get("external_ref"),
            closed_at=_when(data.get("closed_at")), attributes=dict(data.get("attributes") or {}),
        )


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    mime: str
    size: int
    url: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Attachment:
        return cls(str(data.get("name") or ""), str(data.get("mime") or ""), int(data.get("size") or 0),
                   str(data.get("url") or ""))


@dataclass(frozen=True, slots=True)
class Message:
    """One message of an interaction. direction: in | out | internal; delivery: received | sending | sent |
    delivered | read | failed."""

    id: int
    interaction_id: int
    direction: str
    body: str
    delivery: str
    created_at: datetime
    author_name: str = ""
    author_id: int | None = None
    html: str | None = None
    attachments: tuple[Attachment, ...] = ()
    external_id: str | None = None
    client_id: str | None = None
    payload: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Message:
        return cls(
            id=int(data["id"]), interaction_id=int(data["interaction_id"]), direction=str(data["direction"]),
            body=str(data.get("body") or ""), delivery=str(data.get("delivery") or ""),
            created_at=datetime.fromisoformat(str(data["created_at"])),
            author_name=str(data.get("author_name") or ""), author_id=data.get("author_id"),
            html=data.get("html"),
            attachments=tuple(Attachment.from_json(a) for a in data.get("attachments") or ()
                              if isinstance(a, dict)),
            external_id=data.get("external_id"), client_id=data.get("client_id"),
            payload=dict(data.get("payload") or {}),
        )
