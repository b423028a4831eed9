"""Routing on the live stream: each connected agent's state and offers, and the queue figures, pushed as
ephemeral frames through the process's `LiveHub` instead of being polled by every client.

    {"type": "routing", "topic": "routing", "to_agent_id": 7, "me": <GET /routing/me>}   agent 7 only
    {"type": "queue_figures", "topic": "routing", "figures": [<FiguresOut>, …]}   everyone (or one agent)

Only connections opened with `?topics=routing` get them.

A frame goes out when what it says changed; a new connection gets both at once (so a reconnect shows the
right state and offer countdowns without waiting). Woken by routing writes in this process; every
`interval` seconds it also looks again, which covers changes made by another server process.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any, Protocol

from backend.db import Database
from backend.routing import me

log = logging.getLogger("huitong.routing")
TOPIC = "routing"  # asked for with /api/v1/live?topics=routing


class Hub(Protocol):
    subscribe_hooks: list[Any]

    def publish(self, frame: dict[str, Any]) -> None: ...
    def connected_agents(self, topic: str) -> set[int]: ...


def _same(data: dict[str, Any]) -> str:
    """What a frame says, without the read time (a re-read of unchanged state is not news)."""
    return json.dumps({k: v for k, v in data.items() if k != "server_time"}, sort_keys=True, default=str)


class RoutingBroadcaster:
    def __init__(self, db: Database, hub: Hub, *, interval: float = 1.0, figures_every: float = 5.0,
                 figures_gap: float = 1.0) -> None:
        self._db, self._hub = db, hub
        self._interval, self._figures_every, self._figures_gap = interval, figures_every, figures_gap
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._forced: set[int] = set()
        self._figures_due = True
        self._sent: dict[int, str] = {}
        self._figures_sent = ""
        self._figures_at = 0.0
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="routing-live", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def subscribed(self, sub: Any) -> None:
        """LiveHub hook (on its event loop): a new connection that wants routing frames gets them now."""
        if sub.agent_id is not None and TOPIC in sub.topics:
            self.wake(sub.agent_id)

    def wake(self, agent_id: int | None = None) -> None:
        """Thread-safe and cheap: something routing-related changed (or `agent_id` just connected)."""
        with self._lock:
            self._figures_due = True
            if agent_id is not None:
                self._forced.add(agent_id)
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self._interval)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.pass_once()
            except Exception:
                log.exception("routing live frames failed; trying again")

    def pass_once(self) -> int:
        """Publishes what changed; the number of frames sent."""
        with self._lock:
            forced, self._forced = self._forced, set()
            figures_due, self._figures_due = self._figures_due, False
        connected = self._hub.connected_agents(TOPIC)
        for gone in set(self._sent) - connected:
            del self._sent[gone]
        sent = 0
        with self._db.sessions() as session:
            states = me.many(session, connected)
            for missing in forced & connected - set(states):
                states[missing] = me.one(session, missing)  # never routed: say "offline" once
            for agent_id, state in states.items():
                data = state.model_dump(mode="json")
                key = _same(data)
                if agent_id in forced or self._sent.get(agent_id) != key:
                    self._sent[agent_id] = key
                    self._hub.publish({"type": "routing", "topic": TOPIC, "to_agent_id": agent_id,
                                       "me": data})
                    sent += 1
            sent += self._figures(session, connected, forced, figures_due)
        return sent

    def _figures(self, session: Any, connected: set[int], forced: set[int], due: bool) -> int:
        now = time.monotonic()
        stale = now - self._figures_at >= self._figures_every
        if not connected or not (forced or stale or (due and now - self._figures_at >= self._figures_gap)):
            if due:
                with self._lock:
                    self._figures_due = True  # not yet: the next pass
            return 0
        self._figures_at = now
        rows = [f.model_dump(mode="json") for f in me.all_figures(session)]
        key = _same({"figures": rows})
        if key != self._figures_sent:
            self._figures_sent = key
            self._hub.publish({"type": "queue_figures", "topic": TOPIC, "figures": rows})
            return 1
        for agent_id in forced & connected:
            self._hub.publish({"type": "queue_figures", "topic": TOPIC, "to_agent_id": agent_id,
                               "figures": rows})
        return len(forced & connected)
