"""The durable outbox: writes the agent made, kept in the cache DB until the server has them.

Each row carries a client_id (UUID4) chosen when the agent pressed Save. The server is idempotent on it, so
re-sending after a lost answer, a crash or a restart can never create a second event. Rows are sent in the
order they were written. A 4xx refusal marks the row failed (kept, visible) instead of retrying forever.

A row targets one of three endpoints: a timeline event (`POST /customers/{id}/timeline`, e.g. a note);
when its kind is `MESSAGE_KIND`, a reply in a conversation (`POST /interactions/{id}/messages`, the
interaction id, HTML part and internal flag kept in the row's payload); when its kind is `UPLOAD_KIND`, a
call recording (`PUT /recordings/{client_id}` with the WAV file named in the payload, which is deleted
from the agent's disk once the server has it). All are idempotent on client_id.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update

from app.domain import Message, TimelineEvent
from app.sync.api_client import API, ApiClient
from app.sync.backoff import Backoff
from app.sync.cache import LocalCache, outbox
from app.sync.errors import ApiError, AuthRequired, ServerUnreachable

log = logging.getLogger(__name__)
_RETRYABLE_STATUS = (408, 425, 429)
MESSAGE_KIND = "interaction_message"  # an outbox row that is a conversation reply, not a timeline event
UPLOAD_KIND = "recording_upload"  # an outbox row that uploads a call recording file


@dataclass(frozen=True, slots=True)
class OutboxItem:
    client_id: str
    customer_id: int
    kind: str
    channel: str
    body: str
    payload: dict[str, Any]
    attempts: int
    last_error: str | None
    state: str

    @property
    def interaction_id(self) -> int | None:
        """The conversation a reply row goes to; None for a timeline row."""
        value = self.payload.get("interaction_id") if self.kind == MESSAGE_KIND else None
        return int(value) if isinstance(value, int) else None


MessageSent = Callable[[str, Message], None]  # (client_id, the server's message)
RowFailed = Callable[[str, str], None]  # (client_id, the server's reason)


class Outbox:
    def __init__(self, cache: LocalCache, api: ApiClient, *,
                 on_changed: Callable[[int], None] | None = None,
                 on_sent: Callable[[TimelineEvent], None] | None = None,
                 on_auth_lost: Callable[[str], None] | None = None,
                 on_message_sent: MessageSent | None = None,
                 on_failed: RowFailed | None = None) -> None:
        self._cache, self._api = cache, api
        self._on_changed, self._on_sent, self._on_auth_lost = on_changed, on_sent, on_auth_lost
        self._on_message_sent, self._on_failed = on_message_sent, on_failed
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._paused = False  # after AuthRequired: wait for a new login instead of hammering the server
        self._thread: threading.Thread | None = None

    # -- writing ------------------------------------------------------------------------------------------
    def add(self, customer_id: int, *, kind: str, channel: str, body: str,
            payload: dict[str, Any] | None = None) -> str:
        client_id = str(uuid.uuid4())
        with self._cache.engine.begin() as conn:
            conn.execute(insert(outbox).values(
                client_id=client_id, customer_id=customer_id, kind=kind, channel=channel, body=body,
                payload=json.dumps(payload or {}), attempts=0, state="pending", created_at=time.time()))
        self._changed()
        self._wake.set()
        return client_id

    def add_message(self, interaction_id: int, *, customer_id: int, channel: str, body: str,
                    html: str | None = None, internal: bool = False, client_id: str | None = None) -> str:
        """Queue a reply to a conversation; the client_id (new unless given) makes every resend harmless."""
        client_id = client_id or str(uuid.uuid4())
        payload = {"interaction_id": int(interaction_id), "html": html, "internal": bool(internal)}
        with self._cache.engine.begin() as conn:
            conn.execute(insert(outbox).values(
                client_id=client_id, customer_id=customer_id, kind=MESSAGE_KIND, channel=channel, body=body,
                payload=json.dumps(payload), attempts=0, state="pending", created_at=time.time()))
        self._changed()
        self._wake.set()
        return client_id

    def add_upload(self, client_id: str, *, customer_id: int, path: str) -> str:
        """Queue a call recording's upload under its own UUID (the call record on the timeline names it)."""
        with self._cache.engine.begin() as conn:
            conn.execute(insert(outbox).values(
                client_id=client_id, customer_id=customer_id, kind=UPLOAD_KIND, channel="voice", body="",
                payload=json.dumps({"path": path}), attempts=0, state="pending", created_at=time.time()))
        self._changed()
        self._wake.set()
        return client_id

    def pending_count(self) -> int:
        with self._cache.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(outbox)
                                   .where(outbox.c.state == "pending")) or 0)

    def items(self) -> list[OutboxItem]:
        """Unsent rows (pending and failed), oldest first, for the UI to show."""
        with self._cache.engine.connect() as conn:
            rows = conn.execute(select(outbox).where(outbox.c.state != "sent").order_by(outbox.c.id)).all()
        return [OutboxItem(r.client_id, r.customer_id, r.kind, r.channel, r.body, json.loads(r.payload),
                           r.attempts, r.last_error, r.state) for r in rows]

    def retry_failed(self, client_id: str) -> None:
        with self._cache.engine.begin() as conn:
            conn.execute(update(outbox).where(outbox.c.client_id == client_id, outbox.c.state == "failed")
                         .values(state="pending"))
        self._changed()
        self._wake.set()

    # -- sending ------------------------------------------------------------------------------------------
    def start(self) -> None:
        # Sent rows are kept only until the next start: the server holds them now, the cache holds the event.
        with self._cache.engine.begin() as conn:
            conn.execute(outbox.delete().where(outbox.c.state == "sent"))
        self._paused = False
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="huitong-outbox", daemon=True)
            self._thread.start()
        self._wake.set()

    def wake(self) -> None:
        """Try now (e.g. the live socket just reconnected) instead of waiting out the back-off."""
        self._wake.set()

    def stop(self, timeout: float = 1.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _changed(self) -> None:
        if self._on_changed is not None:
            self._on_changed(self.pending_count())

    def _next(self) -> Any:
        with self._cache.engine.connect() as conn:
            return conn.execute(select(outbox).where(outbox.c.state == "pending")
                                .order_by(outbox.c.id).limit(1)).first()

    def _mark(self, client_id: str, **values: Any) -> None:
        with self._cache.engine.begin() as conn:
            conn.execute(update(outbox).where(outbox.c.client_id == client_id).values(**values))

    def _wait(self, seconds: float | None) -> None:
        self._wake.wait(seconds)
        self._wake.clear()

    def _run(self) -> None:
        backoff = Backoff()
        while not self._stop.is_set():
            row = None if self._paused else self._next()
            if row is None:
                self._wait(None if self._paused else 5.0)
                continue
            try:
                sent = self._send(row)
            except ServerUnreachable as exc:
                self._mark(row.client_id, attempts=row.attempts + 1, last_error=exc.message)
                self._wait(backoff.next_delay())
            except AuthRequired as exc:
                self._paused = True
                self._mark(row.client_id, last_error=exc.message)
                if self._on_auth_lost is not None:
                    self._on_auth_lost(exc.message)
            except ApiError as exc:
                if exc.status >= 500 or exc.status in _RETRYABLE_STATUS:
                    self._mark(row.client_id, attempts=row.attempts + 1, last_error=exc.message)
                    self._wait(max(exc.retry_after or 0.0, backoff.next_delay()))
                else:
                    log.warning("outbox row refused by the server: %s (%s)", exc.code, exc.status)
                    self._mark(row.client_id, attempts=row.attempts + 1, last_error=exc.message,
                               state="failed")
                    self._changed()
                    self._call(self._on_failed, row.client_id, exc.message)
            except Exception as exc:  # never let the sender die silently: keep the row, retry later
                log.exception("outbox send failed unexpectedly")
                self._mark(row.client_id, attempts=row.attempts + 1, last_error=str(exc))
                self._wait(backoff.next_delay())
            else:
                backoff.reset()
                self._mark(row.client_id, state="sent", attempts=row.attempts + 1, last_error=None)
                if isinstance(sent, Message):
                    self._call(self._on_message_sent, row.client_id, sent)
                elif isinstance(sent, TimelineEvent):
                    self._cache.put_events([sent])
                    self._call(self._on_sent, sent)
                self._changed()

    @staticmethod
    def _call(callback: Callable[..., None] | None, *args: object) -> None:
        """A listener's bug must not kill the sender thread."""
        if callback is None:
            return
        try:
            callback(*args)
        except Exception:
            log.exception("outbox listener raised")

    def _send(self, row: Any) -> TimelineEvent | Message | None:
        payload = json.loads(row.payload)
        if row.kind == UPLOAD_KIND:
            self._upload(row.client_id, Path(str(payload.get("path") or "")))
            return None
        if row.kind == MESSAGE_KIND:
            return self._api.post_message(int(payload["interaction_id"]), client_id=row.client_id,
                                          body=row.body, html=payload.get("html"),
                                          internal=bool(payload.get("internal")))
        return self._api.post_event(row.customer_id, client_id=row.client_id, kind=row.kind,
                                    channel=row.channel, body=row.body, payload=payload)

    def _upload(self, client_id: str, path: Path) -> None:
        try:
            data = path.read_bytes()  # whole: a retried request (token refresh) must send it again
        except OSError as exc:
            raise ApiError(410, "recording_missing",
                           f"The recording file cannot be read ({exc.strerror}).") from None
        self._api._request("PUT", f"{API}/recordings/{client_id}", data=data)
        path.unlink(missing_ok=True)  # the server keeps it now; customers' voices do not linger on the desk

