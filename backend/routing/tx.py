"""Transactions for routing writes: one writer on SQLite, row locks on PostgreSQL, retry on deadlock.

Lock order everywhere (so two transactions never wait on each other in a circle): the event-order advisory
lock first (`begin_write`), then agent rows → offers → queue entries → interactions. The timeline's writers
(a visitor's message, a status change) take the event-order lock before they touch an interaction row, so
a routing transaction that took it last — after locking the interaction — deadlocked with them.
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
from backend.timeline.service import lock_event_order

T = TypeVar("T")
log = logging.getLogger("huitong.routing")
RETRIES = 5
_RETRY_SQLSTATES = ("40P01", "40001", "55P03")  # deadlock, serialization failure, lock not available


def begin_write(session: Session) -> None:
    """On SQLite, take the database write lock now (the first statement of the transaction is a write),
    so everything this transaction reads is current. PostgreSQL uses row locks, after the event-order lock
    (see the lock order above)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(RoutingWriter).where(RoutingWriter.id == 1)
                        .values(turns=RoutingWriter.turns + 1))
    else:
        lock_event_order(session)


def _retryable(exc: DBAPIError) -> bool:
    return getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES


def run(db: Database, work: Callable[[Session], T]) -> T:
    """Runs `work` in a fresh session inside a write transaction; retries a PostgreSQL deadlock."""
    for attempt in range(RETRIES):
        with db.sessions() as session:
            try:
                begin_write(session)
                result = work(session)
                session.commit()
                return result
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
