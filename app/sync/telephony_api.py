"""The softphone's side of the server API: SIP credentials, caller → customer, and call records.

Plain Python over the existing `ApiClient` (token refresh included). Call records go to the shared
timeline through the durable outbox, so a call that ends while the server is away is still posted,
exactly once (the outbox row carries the client UUID).
"""

from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from app.domain import Customer, TimelineEvent, TimelinePage
from app.sync.api_client import API, ApiClient, _error_from
from app.sync.errors import ApiError, ServerUnreachable, SyncError

if TYPE_CHECKING:
    from app.sync.service import SyncService

CALL_OUTCOMES = ("answered", "missed", "rejected", "failed", "transferred")
PHONE_KINDS = ("phone", "whatsapp", "sms")
RENEW_FRACTION = 0.8  # renew SIP credentials at 80 % of their lifetime


@dataclass(frozen=True, slots=True)
class SipCredentials:
    """What `POST /api/v1/sip/credentials` issues. The password is never printed (repr=False)."""

    username: str
    auth_username: str
    password: str = field(repr=False)
    domain: str
    transport: str = "udp"
    expires_at: str = ""
    ttl_seconds: int = 3600
    srtp: str = "off"              # off | optional | mandatory
    record_calls: bool = False
    ca_pem: str = field(default="", repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SipCredentials:
        try:
            return cls(username=str(data["username"]),
                       auth_username=str(data.get("auth_username") or data["username"]),
                       password=str(data.get("password") or ""), domain=str(data["domain"]),
                       transport=str(data.get("transport") or "udp").lower(),
                       expires_at=str(data.get("expires_at") or ""),
                       ttl_seconds=max(int(data.get("ttl_seconds") or 3600), 30),
                       srtp=str(data.get("srtp") or "off").lower(),
                       record_calls=bool(data.get("record_calls")),
                       ca_pem=str(data.get("ca_pem") or ""))
        except (KeyError, TypeError, ValueError) as exc:
            raise SyncError("bad_sip_credentials",
                            "The server sent SIP credentials the softphone cannot read.") from exc

    @property
    def renew_after_seconds(self) -> float:
        return self.ttl_seconds * RENEW_FRACTION


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One finished call, as it goes into the `call` event's payload."""

    direction: str                 # inbound | outbound
    local_number: str
    remote_number: str
    agent: str
    started_at: str                # ISO 8601, UTC
    answered_at: str | None
    ended_at: str
    duration_s: float
    outcome: str                   # one of CALL_OUTCOMES
    recording: str | None = None
    sip_code: int = 0
    interaction_id: str | None = None

    def payload(self) -> dict[str, Any]:
        data = asdict(self)
        data["duration_s"] = round(self.duration_s, 1)
        return data

    def body(self) -> str:
        """A plain summary line for the timeline (the UI translates the payload for display)."""
        arrow = "←" if self.direction == "inbound" else "→"
        return f"{arrow} {self.remote_number} · {self.outcome} · {round(self.duration_s)} s"

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> CallRecord | None:
        try:
            return cls(direction=str(data["direction"]), local_number=str(data.get("local_number") or ""),
                       remote_number=str(data.get("remote_number") or ""), agent=str(data.get("agent") or ""),
                       started_at=str(data["started_at"]), answered_at=data.get("answered_at"),
                       ended_at=str(data.get("ended_at") or data["started_at"]),
                       duration_s=float(data.get("duration_s") or 0.0),
                       outcome=str(data.get("outcome") or ""),
                       recording=data.get("recording"), sip_code=int(data.get("sip_code") or 0),
                       interaction_id=data.get("interaction_id"))
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A row of the agent's call history: the record, who it was with, and whether it is still unsent."""

    record: CallRecord
    customer_id: int
    pending: bool


def e164(number: str, region: str = "CN") -> str | None:
    """The number in E.164, or None when it is not a phone number (a SIP user name, an extension)."""
    if not re.search(r"\d{3}", number or ""):
        return None
    try:
        import phonenumbers

        parsed = phonenumbers.parse(number, None if number.startswith("+") else region)
    except Exception:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


class TelephonyApi:
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    def sip_credentials(self) -> SipCredentials:
        data = self._api._request("POST", f"{API}/sip/credentials", json={})
        return SipCredentials.from_json(dict(data or {}))

    def interaction_customer(self, interaction_id: str) -> int | None:
        """The customer of an interaction (from the `X-Interaction-Id` header); None if unknown."""
        safe = re.sub(r"[^A-Za-z0-9_.:\-]", "", interaction_id)[:128]
        if not safe:
            return None
        try:
            data = self._api._request("GET", f"{API}/interactions/{safe}")
        except ApiError as exc:
            if exc.status in (400, 404, 405, 422):
                return None
            raise
        value = (data or {}).get("customer_id")
        return int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else None

    def customer_by_number(self, number: str) -> Customer | None:
        """The customer who owns this phone number exactly (not a partial match); None if nobody does."""
        wanted = e164(number)
        if wanted is None:
            return None
        for customer in self._api.search_customers(wanted, limit=10):
            if any(i.kind in PHONE_KINDS and i.value == wanted for i in customer.identities):
                return customer
        return None

    def create_customer(self, display_name: str, number: str, client_id: str) -> Customer:
        """Idempotent on `client_id`: pressing Create twice, or a retry, makes one customer."""
        identities = [{"kind": "phone", "value": number}] if number else []
        data = self._api._request("POST", f"{API}/customers",
                                  json={"client_id": client_id, "display_name": display_name,
                                        "identities": identities})
        return Customer.from_json(data)


def queue_call_event(service: SyncService, customer_id: int, record: CallRecord) -> str:
    """Puts the call on the customer's timeline through the durable outbox; returns its client UUID."""
    outbox = service._outbox  # the outbox belongs to the session; the service has no generic add yet
    if outbox is None:
        raise SyncError("not_logged_in", "You are not logged in. Please log in.")
    return outbox.add(customer_id, kind="call", channel="voice", body=record.body(), payload=record.payload())


def queue_recording_upload(service: SyncService, path: str, customer_id: int | None = None) -> str | None:
    """Queues a finished recording for upload; its file is named `<recording UUID>.wav` by
    `recording_file_name`, and that UUID is what the call record on the timeline carries.
    Returns the UUID, or None when the path is not a recording this client named."""
    recording_id = recording_id_from_path(path)
    outbox = service._outbox
    if recording_id is None or outbox is None:
        return None
    return outbox.add_upload(recording_id, customer_id=customer_id or 0, path=path)


def recording_file_name(recording_id: str) -> str:
    return f"{uuid.UUID(recording_id)}.wav"


def recording_id_from_path(path: str) -> str | None:
    stem = Path(path).name.removesuffix(".wav")
    try:
        return str(uuid.UUID(stem)) if Path(path).name == recording_file_name(stem) else None
    except ValueError:
        return None


def download_recording(api: ApiClient, recording_id: str, folder: Path) -> Path:
    """Fetches a recording the server keeps into `folder` (private), for the system's audio player."""
    name = recording_file_name(recording_id)  # a UUID: never a path from elsewhere
    token = api.access_token()
    resp = api._send("GET", f"{API}/recordings/{name.removesuffix('.wav')}", token=token)
    if resp.status_code >= 400:
        raise _error_from(resp)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / name
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(resp.content)
    return target


def resolve_caller(service: SyncService, interaction_id: str | None,
                   number: str) -> tuple[Customer, TimelinePage] | None:
    """Caller → customer with their first timeline page: `X-Interaction-Id` first, else the number.

    Works offline from the cache (search and the cached timeline); None when nobody matches.
    """
    api = TelephonyApi(service.api)
    customer_id: int | None = None
    if interaction_id:
        try:
            customer_id = api.interaction_customer(interaction_id)
        except ServerUnreachable:
            customer_id = None
    if customer_id is None:
        wanted = e164(number)
        if wanted is None:
            return None
        for customer in service.search_customers(wanted):
            if any(i.kind in PHONE_KINDS and i.value == wanted for i in customer.identities):
                customer_id = customer.id
                break
    if customer_id is None:
        return None
    try:
        return service.fetch_customer(customer_id)
    except ServerUnreachable:
        return service.cached_customer(customer_id)


def new_client_id() -> str:
    return str(uuid.uuid4())


def recent_calls(service: SyncService, agent_id: int, limit: int = 200) -> list[HistoryEntry]:
    """This agent's recent calls from the local cache (sent) and the outbox (not sent yet), newest first."""
    cache = service.cache
    if cache is None:
        return []
    entries: list[tuple[str, HistoryEntry]] = []
    with cache.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT data FROM events WHERE json_extract(data, '$.kind') = 'call' "
            "AND json_extract(data, '$.author_id') = :agent ORDER BY seq DESC LIMIT :limit"),
            {"agent": agent_id, "limit": limit}).all()
        pending = conn.execute(text(
            "SELECT customer_id, payload FROM outbox WHERE kind = 'call' AND state != 'sent' "
            "ORDER BY id DESC LIMIT :limit"), {"limit": limit}).all()
    for (data,) in rows:
        event = TimelineEvent.from_json(json.loads(data))
        record = CallRecord.from_payload(event.payload)
        if record is not None:
            entries.append((record.started_at, HistoryEntry(record, event.customer_id, False)))
    for customer_id, payload in pending:
        record = CallRecord.from_payload(json.loads(payload))
        if record is not None:
            entries.append((record.started_at, HistoryEntry(record, int(customer_id), True)))
    entries.sort(key=lambda item: item[0], reverse=True)
    return [entry for _, entry in entries[:limit]]


def utc_now_iso() -> str:
    from datetime import UTC

    return datetime.now(UTC).isoformat(timespec="milliseconds")
