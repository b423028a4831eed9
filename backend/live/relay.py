"""PgRelay: ephemeral live messages (typing frames, routing nudges) to and from the other server processes
that share one PostgreSQL, by NOTIFY on their own channel (`EPHEMERAL_CHANNEL`).

A message is `{"frame": {...}}` (fanned out to the receiving process's sockets) or `{"signal": "routing"}`
(the receiving process re-reads something). On the wire it also carries `o`, the sending process's origin
id (so a process ignores its own notifications: it already delivered locally), and `n`, a counter (so two
equal frames batched into one transaction are not merged by PostgreSQL).

Fire and forget, never blocking the caller: a bounded queue drained by one thread with its own autocommit
connection. A message over the NOTIFY payload limit stays on its own process (a log line); one waiting
longer than `MAX_AGE_SECONDS` (the database was away) is dropped, since a late "is typing" is wrong.
"""

from __future__ import annotations

import itertools
import json
import logging
import queue
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import psycopg

from backend.db import EPHEMERAL_CHANNEL, libpq_url

log = logging.getLogger("huitong.live")

Message = dict[str, Any]
MAX_PAYLOAD_BYTES = 7900  # PostgreSQL refuses payloads of 8000 bytes or more (default build)
QUEUE_SIZE = 2000
BATCH = 100
MAX_AGE_SECONDS = 5.0
NOTIFY_SQL = "SELECT pg_notify(%s, p) FROM unnest(%s::text[]) WITH ORDINALITY AS t(p, i) ORDER BY i"


def encode(origin: str, n: int, message: Message) -> str | None:
    """The NOTIFY payload, or None (with a log line) when it would be over the limit."""
    payload = json.dumps({"o": origin, "n": n, **message}, ensure_ascii=False, separators=(",", ":"),
                         default=str)
    size = len(payload.encode("utf-8"))
    if size > MAX_PAYLOAD_BYTES:
        frame = message.get("frame")
        kind = frame.get("type") if isinstance(frame, dict) else message.get("signal")
        log.warning("ephemeral %r of %d bytes is over the NOTIFY limit (%d): kept on this process",
                    kind, size, MAX_PAYLOAD_BYTES)
        return None
    return payload


def decode(payload: str, origin: str) -> Message | None:
    """The message in a payload from another process; None for our own, or for anything malformed."""
    try:
        data = json.loads(payload)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("o"), str):
        log.warning("ignored a malformed %s notification (%d chars)", EPHEMERAL_CHANNEL, len(payload))
        return None
    if data["o"] == origin:
        return None
    if isinstance(data.get("frame"), dict):
        return {"frame": data["frame"]}
    if isinstance(data.get("signal"), str):
        return {"signal": data["signal"]}
    log.warning("ignored a %s notification with neither frame nor signal", EPHEMERAL_CHANNEL)
    return None


class PgRelay:
    """`send` from any thread; `receive` from the LISTEN thread; `start(deliver)` / `stop` with the hub."""

    def __init__(self, url: str, *, retry_seconds: float = 1.0) -> None:
        self.origin = uuid.uuid4().hex[:16]
        self._url = url
        self._retry = retry_seconds
        self._counter = itertools.count(1)
        self._queue: queue.Queue[tuple[float, str]] = queue.Queue(QUEUE_SIZE)
        self._deliver: Callable[[Message], None] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.dropped = 0  # full queue, stale, or the send failed

    def start(self, deliver: Callable[[Message], None]) -> None:
        self._deliver = deliver
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="live-relay-notify", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        self._deliver = None

    def send(self, message: Message) -> None:
        """Thread-safe, never blocks: queues the message for the other processes."""
        payload = encode(self.origin, next(self._counter), message)
        if payload is None:
            return
        try:
            self._queue.put_nowait((time.monotonic(), payload))
        except queue.Full:
            self._drop(1, "the send queue is full")

    def receive(self, payload: str) -> None:
        """From the LISTEN thread: a notification on `EPHEMERAL_CHANNEL`."""
        message = decode(payload, self.origin)
        deliver = self._deliver
        if message is not None and deliver is not None:
            try:
                deliver(message)
            except Exception:
                log.exception("delivering an ephemeral message from another process failed")

    def _drop(self, n: int, why: str) -> None:
        before, self.dropped = self.dropped, self.dropped + n
        if before // 1000 != self.dropped // 1000 or before == 0:  # the first, then one line per thousand
            log.warning("ephemeral messages not sent to other processes (%s); %d so far", why, self.dropped)

    def _batch(self) -> list[str]:
        try:
            first = self._queue.get(timeout=0.5)
        except queue.Empty:
            return []
        items = [first]
        while len(items) < BATCH:
            try:
                items.append(self._queue.get_nowait())
            except queue.Empty:
                break
        fresh = time.monotonic() - MAX_AGE_SECONDS
        payloads = [p for at, p in items if at >= fresh]
        if len(payloads) < len(items):
            self._drop(len(items) - len(payloads), "they waited too long")
        return payloads

    def _run(self) -> None:
        conn: psycopg.Connection[Any] | None = None
        failing = False
        try:
            while not self._stop.is_set():
                payloads = self._batch()
                if not payloads:
                    continue
                try:
                    if conn is None or conn.closed:
                        conn = psycopg.connect(libpq_url(self._url), autocommit=True, connect_timeout=5)
                    conn.execute(NOTIFY_SQL, (EPHEMERAL_CHANNEL, payloads))
                    if failing:
                        log.info("NOTIFY connection for ephemeral messages is back")
                        failing = False
                except Exception as exc:
                    self._drop(len(payloads), "no database connection")
                    if not failing:
                        log.warning("NOTIFY connection for ephemeral messages failed (%s); retrying",
                                    type(exc).__name__)
                        failing = True
                    if conn is not None:
                        conn.close()
                        conn = None
                    self._stop.wait(self._retry)
        finally:
            if conn is not None:
                conn.close()
