"""DB access for live events, and the PostgreSQL LISTEN loop that wakes the hub."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import psycopg

from backend.db import EVENTS_CHANNEL, Database, libpq_url
from backend.live.hub import EventRow, LiveHub
from backend.settings import Settings
from backend.timeline.service import event_dict, events_after, last_seq

log = logging.getLogger("huitong.live")


def read_after(db: Database, after: int, limit: int) -> list[EventRow]:
    with db.sessions() as session:
        return [event_dict(e) for e in events_after(session, after=after, limit=limit)]


def read_last_seq(db: Database) -> int:
    with db.sessions() as session:
        return last_seq(session)


def pg_listener(url: str) -> Callable[[threading.Event, Callable[[], None]], None]:
    """A loop for a thread: LISTEN huitong_events on its own connection, wake on every notification."""

    def run(stop: threading.Event, wake: Callable[[], None]) -> None:
        while not stop.is_set():
            try:
                with psycopg.connect(libpq_url(url), autocommit=True) as conn:
                    conn.execute(f"LISTEN {EVENTS_CHANNEL}")
                    wake()  # catch up on anything committed while we were not listening
                    while not stop.is_set():
                        for _ in conn.notifies(timeout=0.5, stop_after=1):
                            wake()
            except Exception:
                if stop.is_set():
                    return
                log.exception("LISTEN connection failed; reconnecting")
                time.sleep(1)

    return run


def make_hub(db: Database, settings: Settings) -> LiveHub:
    hub = LiveHub(read_after=lambda after, limit: read_after(db, after, limit),
                  last_seq=lambda: read_last_seq(db), poll_interval=settings.poll_interval_seconds,
                  listen=pg_listener(db.url) if db.is_postgres else None)
    db.on_events_committed(hub.wake)
    return hub
