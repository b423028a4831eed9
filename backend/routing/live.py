"""Routing on the live stream: each connected agent's state and offers, and the queue figures, pushed as
ephemeral frames through the process's `LiveHub` instead of being polled by every client.

    {"type": "routing", "topic": "routing", "to_agent_id": 7, "me": <GET /routing/me>}   agent 7 only
    {"type": "queue_figures", "topic": "routing", "figures": [<FiguresOut>, …]}   everyone (or one agent)

Only connections opened with `?topics=routing` get them.

A frame goes out when what it says changed; a new connection gets both at once (so a reconnect shows the
right state and offer countdowns without waiting). Woken by routing writes in this process, which it also
signals to the other server processes through the hub (PostgreSQL NOTIFY, one per pass, however many writes
it covers), so their broadcasters look again at once for the agents connected there. Every `interval`
seconds (`HUITONG_ROUTING_LIVE_POLL`, default 1) it also looks again, a safety net for a lost notification.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from typing import Any, Protocol

from backend.db import Database
from backend.routing import me

log = logging.getLogger("huitong.routing")
TOPIC = "routing"  # asked for with /api/v1/live?topics=routing


class Hub(Protocol):
    subscribe_hooks: list[Any]

    def publish(self, frame: dict[str, Any], *, local_only: bool = False) -> None: ...
    def signal(self, name: str) -> None: ...
    def on_signal(self, name: str, hook: Any) -> None: ...
    def connected_agents(self, topic: str) -> set[int]: ...


def poll_interval(default: float = 1.0) -> float:
    """`HUITONG_ROUTING_LIVE_POLL` seconds, or `default` when unset or not a positive number."""
    try:
        value = float(os.environ.get("HUITONG_ROUTING_LIVE_POLL") or default)
    except ValueError:
        log.warning("HUITONG_ROUTING_LIVE_POLL is not a number of seconds; using %s", default)
        return default
    return value if value > 0 else default


def _same(data: dict[str, Any]) -> str:
    """What a frame says, without the read time (a re-read of unchanged state is not news)."""
    return json.dumps({k: v for k, v in data.items() if k != "server_time"}, sort_keys=True, default=str)


class RoutingBroadcaster:
    def __init__(self, db: Database, hub: Hub, *, interval: float | None = None, figures_every: float = 5.0,
                 figures_gap: float = 1.0) -> None:
        self._db, self._hub = db, hub
        self._interval = poll_interval() if interval is None else interval
        self._figures_every, self._figures_gap = figures_every, figures_gap
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._forced: set[int] = set()
        self._figures_due = True
        self._tell_others = False  # a routing write here: signal the other processes on the next pass
        self._sent: dict[int, str] = {}
        self._figures_sent = ""
        self._figures_at = 0.0
        self._thread: threading.Thread | None = None
        hub.on_signal(TOPIC, self.nudged)

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
            self._wake_up(sub.agent_id, tell_others=False)

    def wake(self, agent_id: int | None = None) -> None:
        """Thread-safe and cheap: something routing-related changed (or `agent_id` just connected)."""
        self._wake_up(agent_id, tell_others=True)

    def nudged(self) -> None:
        """Hub signal hook (LISTEN thread): another server process changed routing state; look again."""
        self._wake_up(None, tell_others=False)

    def _wake_up(self, agent_id: int | None, *, tell_others: bool) -> None:
        with self._lock:
            self._figures_due = True
            self._tell_others = self._tell_others or tell_others
            if agent_id is not None:
                self._forced.add(agent_id)
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self._interval)
            self._wake.clear()
            if self._stop.is_set():
                return
            with self._lock:
                tell, self._tell_others = self._tell_others, False
            if tell:
                self._hub.signal(TOPIC)
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
                                       "me": data}, local_only=True)
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
            self._hub.publish({"type": "queue_figures", "topic": TOPIC, "figures": rows}, local_only=True)
            return 1
        for agent_id in forced & connected:
            self._hub.publish({"type": "queue_figures", "topic": TOPIC, "to_agent_id": agent_id,
                               "figures": rows}, local_only=True)
        return len(forced & connected)
