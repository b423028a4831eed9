"""The routing worker: a thread per server process that expires offers, ends after-call work, takes in
newly queued interactions and offers waiting ones to agents — every `tick` seconds or when woken. Given the
live hub, it also runs the `RoutingBroadcaster` that pushes state, offers and figures to connected agents."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select

from backend.db import Database, utcnow
from backend.routing import agent_state, dispatch, offers
from backend.routing.live import Hub, RoutingBroadcaster
from backend.routing.models import AgentRouting, Offer, QueueEntry, RoutingQueue
from backend.routing.settings import RoutingSettings
from backend.routing.tx import run

log = logging.getLogger("huitong.routing")


@dataclass(frozen=True)
class TickResult:
    expired: int
    acw_ended: int
    taken_in: int
    offered: int


def _due(db: Database, query: Select[Any]) -> bool:
    """A cheap read first, so an idle server never takes the write lock."""
    with db.sessions() as session:
        return session.scalar(query.limit(1)) is not None


def tick(db: Database, *, now: datetime | None = None, batch: int = 2000) -> TickResult:
    """One full pass; each step is its own short transaction, skipped when there is nothing to do."""
    def clock() -> datetime:  # each step reads the time when it starts, unless a test fixes it
        return now or utcnow()

    expired = ended = taken = made = 0
    if _due(db, select(Offer.id).where(Offer.status == "pending", Offer.expires_at <= clock())):
        expired = run(db, lambda s: offers.expire_due(s, now=clock()))
    if _due(db, select(AgentRouting.agent_id).where(AgentRouting.state == "after_call_work",
                                                    AgentRouting.acw_until <= clock())):
        ended = run(db, lambda s: agent_state.end_due_after_call_work(s, now=clock()))
    if _due(db, select(RoutingQueue.id).where(RoutingQueue.active)) and _due(db, dispatch.untaken()):
        taken = run(db, lambda s: dispatch.intake(s, now=clock()))
    if _due(db, select(AgentRouting.agent_id).where(AgentRouting.state == "available")) and _due(
            db, select(QueueEntry.interaction_id).where(QueueEntry.status == "waiting")):
        made = run(db, lambda s: len(dispatch.route_pass(s, now=clock(), batch=batch)))
    return TickResult(expired, ended, taken, made)


class RoutingWorker:
    def __init__(self, db: Database, settings: RoutingSettings, *, hub: Hub | None = None) -> None:
        self._db = db
        self._settings = settings
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.live = RoutingBroadcaster(db, hub) if hub is not None else None
        if hub is not None and self.live is not None:
            hub.subscribe_hooks.append(self.live.subscribed)  # a new connection gets its state at once
            db.on_events_committed(self.live.wake)

    def start(self) -> None:
        if self.live is not None:
            self.live.start()
        if not self._settings.worker_enabled or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="routing-worker", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Something routable happened (an arrival, an agent freed): run a pass now."""
        self._wake.set()
        if self.live is not None:
            self.live.wake()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        if self.live is not None:
            self.live.stop()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                result = tick(self._db, batch=self._settings.batch)
                if self.live is not None and (result.expired or result.acw_ended or result.offered):
                    self.live.wake()
            except Exception:
                log.exception("routing pass failed; trying again next tick")
            self._wake.wait(self._settings.tick_seconds)
            self._wake.clear()
