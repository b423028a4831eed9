"""Routing write transactions on a real PostgreSQL and the event-order lock (backend/routing/tx.py): a pass
that appends no event never waits for the lock a timeline writer holds; one that does append an event never
waits for it while holding row locks — it starts again with the lock taken first, and then succeeds."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from backend.db import Database
from backend.migrate import upgrade
from backend.routing.tx import run
from backend.timeline.service import lock_event_order

pytestmark = pytest.mark.postgres


@pytest.fixture
def db(postgres_url: str) -> Iterator[Database]:
    upgrade(postgres_url)
    database = Database(postgres_url)
    yield database
    database.dispose()


@pytest.fixture
def timeline_writer(db: Database) -> Iterator[Session]:
    """A timeline writer's transaction holding the event-order lock until the test commits it."""
    with db.sessions() as session:
        lock_event_order(session)
        yield session
        session.rollback()


def in_thread(db: Database, work: object) -> tuple[threading.Thread, list[object]]:
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.append(run(db, work)), daemon=True)  # type: ignore[arg-type]
    thread.start()
    return thread, out


def test_a_pass_that_appends_no_event_does_not_wait_for_the_timeline(db: Database,
                                                                     timeline_writer: Session) -> None:
    rows = text("SELECT agent_id FROM agent_routing FOR NO KEY UPDATE")  # an idle pass's row locks
    thread, out = in_thread(db, lambda s: len(s.execute(rows).all()))
    thread.join(30)
    assert out == [0]  # done while the writer still holds the lock


def test_a_pass_that_appends_an_event_starts_again_with_the_lock_first(db: Database,
                                                                       timeline_writer: Session) -> None:
    attempts: list[bool] = []  # per attempt: did the event-order lock come first?

    def work(session: Session) -> str:
        locked = session.execute(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                      "AND pid = pg_backend_pid()")).scalar()
        attempts.append(bool(locked))
        lock_event_order(session)  # what record_state does when an offer is made
        return "offered"

    thread, out = in_thread(db, work)
    waiting = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    for _ in range(600):  # the second attempt waits for the lock the writer holds, before any row lock
        with db.sessions() as probe:
            if probe.execute(waiting).scalar():
                break
        threading.Event().wait(0.05)
    assert (out, attempts) == ([], [False])  # the first attempt gave up instead of waiting
    timeline_writer.commit()  # the writer finishes: the routing transaction goes on
    thread.join(30)
    assert out == ["offered"]
    assert attempts == [False, True]
