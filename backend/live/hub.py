"""LiveHub: wakes on local commits and PostgreSQL NOTIFY, reads new rows by seq, fans them out; ephemeral
frames (typing) go to local sockets at once and, through a `Relay` (PostgreSQL NOTIFY), to the sockets of the
other server processes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger("huitong.live")

EventRow = dict[str, Any]
Frame = dict[str, Any]
ReadAfter = Callable[[int, int], list[EventRow]]
PAGE = 500


class Relay(Protocol):
    """Carries ephemeral messages (`{"frame": …}` or `{"signal": name}`) to the other server processes."""

    def start(self, deliver: Callable[[dict[str, Any]], None]) -> None: ...
    def send(self, message: dict[str, Any]) -> None: ...
    def stop(self) -> None: ...


class Subscription:
    def __init__(self, maxsize: int, agent_id: int | None = None,
                 topics: frozenset[str] = frozenset()) -> None:
        self.agent_id = agent_id  # frames with "to_agent_id" reach only that agent's subscriptions
        self.topics = topics  # frames with a "topic" reach only subscriptions that asked for it
        self.queue: asyncio.Queue[EventRow] = asyncio.Queue(maxsize)
        self.overflowed = False
        self.frames: asyncio.Queue[Frame] = asyncio.Queue(256)  # ephemeral (typing…): dropped when full

    def offer(self, row: EventRow) -> None:
        if self.overflowed:
            return
        try:
            self.queue.put_nowait(row)
        except asyncio.QueueFull:
            self.overflowed = True  # the socket closes; the client resumes with since=<last seq>

    def offer_frame(self, frame: Frame) -> None:
        with contextlib.suppress(asyncio.QueueFull):
            self.frames.put_nowait(frame)


class LiveHub:
    def __init__(self, *, read_after: ReadAfter, last_seq: Callable[[], int], poll_interval: float = 5.0,
                 listen: Callable[[threading.Event, Callable[[], None]], None] | None = None,
                 queue_size: int = 10_000, relay: Relay | None = None) -> None:
        self._read_after = read_after
        self._last_seq_fn = last_seq
        self._poll_interval = poll_interval
        self._listen = listen
        self._queue_size = queue_size
        self._subs: set[Subscription] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_seq = 0
        self.subscribe_hooks: list[Callable[[Subscription], None]] = []  # e.g. push a routing snapshot
        self._relay = relay
        self._signal_hooks: dict[str, list[Callable[[], None]]] = {}

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self.last_seq = await asyncio.to_thread(self._last_seq_fn)
        self._task = asyncio.create_task(self._run(), name="live-hub")
        if self._relay is not None:
            self._relay.start(self._from_elsewhere)
        if self._listen is not None:
            self._thread = threading.Thread(target=self._listen, args=(self._stop, self.wake),
                                            name="live-hub-listen", daemon=True)
            self._thread.start()

    async def stop(self) -> None:
        # Stop by flag and wake, not by cancel alone: on Python 3.11 asyncio.wait_for can swallow a
        # cancellation that arrives as the awaited event fires, and the loop would then run forever.
        self._stop.set()
        if self._wake is not None:
            self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), 5)
            except TimeoutError:
                self._task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join, 5)
        if self._relay is not None:
            await asyncio.to_thread(self._relay.stop)

    def wake(self) -> None:
        """Thread-safe: new events were committed somewhere."""
        loop, flag = self._loop, self._wake
        if loop is None or flag is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(flag.set)

    def publish(self, frame: Frame, *, local_only: bool = False) -> None:
        """Thread-safe: an ephemeral frame (typing) to every current subscriber (or, with `to_agent_id`, to
        that agent's) of this process and, unless `local_only`, of the other server processes; never stored
        or replayed."""
        if self._loop is None or self._loop.is_closed():
            return  # not started, or stopped
        self._fan_here(frame)
        if not local_only and self._relay is not None:
            self._relay.send({"frame": frame})

    def signal(self, name: str) -> None:
        """Thread-safe: tells the other server processes' `on_signal(name)` hooks (not this process's)."""
        if self._relay is not None:
            self._relay.send({"signal": name})

    def on_signal(self, name: str, hook: Callable[[], None]) -> None:
        """`hook` (cheap, thread-safe) runs on the LISTEN thread when another process signals `name`."""
        self._signal_hooks.setdefault(name, []).append(hook)

    def _from_elsewhere(self, message: dict[str, Any]) -> None:
        """From the relay's LISTEN thread: a frame or signal another server process sent."""
        frame, name = message.get("frame"), message.get("signal")
        if isinstance(frame, dict):
            self._fan_here(frame)
        elif isinstance(name, str):
            for hook in list(self._signal_hooks.get(name, ())):
                try:
                    hook()
                except Exception:
                    log.exception("live signal hook %r failed", name)

    def _fan_here(self, frame: Frame) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._fan_frame(frame)
        else:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._fan_frame, frame)

    def _fan_frame(self, frame: Frame) -> None:
        to, topic = frame.get("to_agent_id"), frame.get("topic")
        for sub in list(self._subs):
            if (to is None or sub.agent_id == to) and (topic is None or topic in sub.topics):
                sub.offer_frame(frame)

    def connected_agents(self, topic: str) -> set[int]:
        """Thread-safe: the agents with a live connection to this process that asked for `topic`."""
        return {s.agent_id for s in list(self._subs) if s.agent_id is not None and topic in s.topics}

    def subscribe(self, agent_id: int | None = None, topics: frozenset[str] = frozenset()) -> Subscription:
        sub = Subscription(self._queue_size, agent_id, topics)
        self._subs.add(sub)
        for hook in list(self.subscribe_hooks):
            try:
                hook(sub)
            except Exception:
                log.exception("live subscribe hook failed")
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        self._subs.discard(sub)

    async def _run(self) -> None:
        assert self._wake is not None
        while not self._stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll_interval)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                await self._drain()
            except Exception:
                log.exception("live hub could not read new events; retrying")
                await asyncio.sleep(1)

    async def _drain(self) -> None:
        while True:
            rows = await asyncio.to_thread(self._read_after, self.last_seq, PAGE)
            for row in rows:
                for sub in list(self._subs):
                    sub.offer(row)
                self.last_seq = int(row["seq"])
            if len(rows) < PAGE:
                return
