"""DB access for live events, and the PostgreSQL LISTEN loop that wakes the hub and brings in the other
processes' ephemeral frames."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg

from backend.db import EPHEMERAL_CHANNEL, EVENTS_CHANNEL, Database, libpq_url
from backend.live.hub import EventRow, LiveHub
from backend.live.relay import PgRelay
from backend.settings import Settings
from backend.timeline.service import event_dict, events_after, last_seq

log = logging.getLogger("huitong.live")
Listen = Callable[[threading.Event, Callable[[], None]], None]
RETRY_FIRST, RETRY_MAX = 1.0, 15.0  # seconds between reconnect attempts, doubling while the DB is away


def read_after(db: Database, after: int, limit: int) -> list[EventRow]:
    with db.sessions() as session:
        return [event_dict(e) for e in events_after(session, after=after, limit=limit)]


def read_last_seq(db: Database) -> int:
    with db.sessions() as session:
        return last_seq(session)


def pg_listener(url: str, on_ephemeral: Callable[[str], None] | None = None, *,
                retry_first: float = RETRY_FIRST, retry_max: float = RETRY_MAX) -> Listen:
    """A loop for a thread: on its own connection, LISTEN huitong_events (wake on every notification) and,
    given `on_ephemeral`, huitong_ephemeral (hand each payload over). Reconnects with a growing pause and
    one log line per outage, so a database that is away neither crashes the server nor floods the log."""

    def run(stop: threading.Event, wake: Callable[[], None]) -> None:
        pause, failures = retry_first, 0
        while not stop.is_set():
            try:
                with psycopg.connect(libpq_url(url), autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {EVENTS_CHANNEL}")
                    if on_ephemeral is not None:
                        conn.execute(f"LISTEN {EPHEMERAL_CHANNEL}")
                    if failures:
                        log.info("LISTEN connection is back after %d failed attempt(s)", failures)
                    pause, failures = retry_first, 0
                    wake()  # catch up on anything committed while we were not listening
                    while not stop.is_set():
                        for note in conn.notifies(timeout=0.5, stop_after=1):
                            if note.channel == EVENTS_CHANNEL:
                                wake()
                            elif on_ephemeral is not None:
                                on_ephemeral(note.payload)
            except Exception as exc:
                if stop.is_set():
                    return
                failures += 1
                if failures == 1:
                    log.exception("LISTEN connection failed; reconnecting")
                else:
                    log.debug("LISTEN reconnect attempt %d failed: %s", failures, type(exc).__name__)
                stop.wait(pause)
                pause = min(pause * 2, retry_max)

    return run


def make_hub(db: Database, settings: Settings) -> LiveHub:
    relay = PgRelay(db.url) if db.is_postgres else None  # SQLite means one process: frames stay local
    hub = LiveHub(read_after=lambda after, limit: read_after(db, after, limit),
                  last_seq=lambda: read_last_seq(db), poll_interval=settings.poll_interval_seconds,
                  listen=pg_listener(db.url, relay.receive if relay else None) if db.is_postgres else None,
                  relay=relay)
    db.on_events_committed(hub.wake)
    return hub
