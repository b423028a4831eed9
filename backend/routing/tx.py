"""Transactions for routing writes: one writer on SQLite, row locks on PostgreSQL, retry on deadlock.

Lock order (so two transactions never wait on each other in a circle): a routing transaction never *waits*
for the event-order advisory lock while it holds row locks. The timeline's writers (a visitor's message, a
status change) take that lock before they touch an interaction row, so a routing transaction that waited for
it after locking the interaction deadlocked with them. On PostgreSQL the first attempt therefore runs without
it and only *tries* it when it appends an event (`EVENT_ORDER_NOWAIT`): taken at once, or the transaction is
rolled back (its row locks released) and run again with the lock taken first, blocking (`begin_write`), then
agent rows → offers → queue entries → interactions. So a pass with nothing to offer (the worker's tick, most
of the time) never holds the lock every timeline writer needs (benchmarks/routing.py,
timeline_lock_wait_*).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from backend.db import Database
from backend.routing.models import RoutingWriter
from backend.timeline.service import EVENT_ORDER_NOWAIT, EventOrderBusyError, lock_event_order

T = TypeVar("T")
log = logging.getLogger("huitong.routing")
RETRIES = 5
_RETRY_SQLSTATES = ("40P01", "40001", "55P03")  # deadlock, serialization failure, lock not available


def begin_write(session: Session, *, event_order_first: bool = True) -> None:
    """On SQLite, take the database write lock now (the first statement of the transaction is a write),
    so everything this transaction reads is current. PostgreSQL uses row locks, after the event-order lock
    when `event_order_first`, else with the event-order lock only tried later (see the lock order above)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(RoutingWriter).where(RoutingWriter.id == 1)
                        .values(turns=RoutingWriter.turns + 1))
    elif event_order_first:
        lock_event_order(session)
    else:
        session.info[EVENT_ORDER_NOWAIT] = True


def _retryable(exc: DBAPIError) -> bool:
    return getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES


def run(db: Database, work: Callable[[Session], T]) -> T:
    """Runs `work` in a fresh session inside a write transaction; retries a PostgreSQL deadlock, and a
    first attempt that found the event-order lock taken (then with that lock first)."""
    event_order_first = False
    for attempt in range(RETRIES):
        with db.sessions() as session:
            try:
                begin_write(session, event_order_first=event_order_first)
                result = work(session)
                session.commit()
                return result
            except EventOrderBusyError:
                session.rollback()  # waiting for it here, holding row locks, could close a circle
                event_order_first = True
                continue
            except DBAPIError as exc:
                session.rollback()
                if not _retryable(exc) or attempt == RETRIES - 1:
                    raise
                log.info("routing transaction retried after %s", type(exc.orig).__name__)
                time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


def epoch(moment: datetime) -> float:
    return moment.timestamp()


def at(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)
