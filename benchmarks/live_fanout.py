"""Cross-process typing latency: two real server processes on one PostgreSQL.

`python -m benchmarks.live_fanout [--frames 100] [--pg-url postgresql+psycopg://...]` starts a temporary
PostgreSQL (unless given one) and servers A and B on it. A visitor's socket on A sends `typing` frames
(alternating active/stopped, one at a time); agent sockets on B (other process: NOTIFY on huitong_ephemeral)
and on A (same process: baseline) stamp their arrival. Then the other way: the agent's
`POST /interactions/{id}/typing` to B, or to A as the baseline, until the visitor's socket on A gets it
(this one includes the HTTP request). Figures: p50/p95/max in ms, loopback, one clock. Last line: JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import queue
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import requests
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from benchmarks.timeline import temporary_postgres
from tests.fixtures.server import ServerProcess, start_server

Arrival = tuple[float, dict[str, Any]]
TYPING_PER_MINUTE = "600000"  # the visitor's typing allowance is not what is measured


class Stamped:
    """A socket whose frames a thread reads and stamps (perf_counter) the moment they arrive."""

    def __init__(self, url: str) -> None:
        self.ws: ClientConnection = connect(url, open_timeout=10)
        self.arrivals: queue.Queue[Arrival] = queue.Queue()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        with contextlib.suppress(ConnectionClosed, OSError):
            for text in self.ws:
                self.arrivals.put((time.perf_counter(), json.loads(text)))

    def wait(self, match: Any, timeout: float = 10) -> float:
        """The arrival time of the next frame that matches."""
        deadline = time.monotonic() + timeout
        while True:
            at, frame = self.arrivals.get(timeout=max(0.01, deadline - time.monotonic()))
            if match(frame):
                return at

    def close(self) -> None:
        self.ws.close()


def _figures(samples: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples)
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 2),
            "max_ms": round(ms[-1], 2), "n": len(ms)}


def _agent_socket(server: ServerProcess, token: str) -> Stamped:
    head = int(requests.get(f"{server.url}/healthz", timeout=10).json()["seq"])
    return Stamped(f"{server.url.replace('http', 'ws')}/api/v1/live?token={token}&since={head}")


def _typing(party: str, active: bool) -> Any:
    return lambda f: (f.get("type"), f.get("party", party), f.get("active")) == ("typing", party, active)


@contextlib.contextmanager
def _database(url: str | None) -> Iterator[str]:
    if url:
        yield url
    else:
        with temporary_postgres() as made:
            yield made


def measure(pg_url: str, frames: int) -> dict[str, Any]:
    a = start_server(pg_url, HUITONG_WEBCHAT_TYPING_PER_MINUTE=TYPING_PER_MINUTE)
    b = start_server(pg_url, seed=False, HUITONG_WEBCHAT_TYPING_PER_MINUTE=TYPING_PER_MINUTE)
    try:
        token_a, token_b = str(a.login("agent1")["access_token"]), str(b.login("agent2")["access_token"])
        visitor = requests.post(f"{a.url}/api/v1/webchat/session", json={}, timeout=10).json()["token"]
        agent_a, agent_b = _agent_socket(a, token_a), _agent_socket(b, token_b)
        r = requests.post(f"{a.url}/api/v1/webchat/messages", headers={"X-Huitong-Visitor": visitor},
                          json={"client_id": str(uuid.uuid4()), "body": "bench"}, timeout=10)
        iid = int(r.json()["interaction_id"])
        for sock in (agent_a, agent_b):  # subscribed: the chat event arrived
            sock.wait(lambda f: f.get("type") == "event")
        vis = Stamped(f"{a.url.replace('http', 'ws')}/api/v1/webchat/ws?token={visitor}&since=0")
        vis.wait(lambda f: f.get("type") == "hello")
        cross: list[float] = []
        local: list[float] = []
        for i in range(frames):
            active = i % 2 == 0
            sent = time.perf_counter()
            vis.ws.send(json.dumps({"type": "typing", "active": active}))
            cross.append(agent_b.wait(_typing("visitor", active)) - sent)
            local.append(agent_a.wait(_typing("visitor", active)) - sent)
            time.sleep(0.01)
        back_cross: list[float] = []
        back_local: list[float] = []
        session = requests.Session()
        for i in range(frames):
            active = i % 2 == 0
            for server, token, into in ((b, token_b, back_cross), (a, token_a, back_local)):
                sent = time.perf_counter()
                session.post(f"{server.url}/api/v1/interactions/{iid}/typing", json={"active": active},
                             headers={"Authorization": f"Bearer {token}"}, timeout=10).raise_for_status()
                into.append(vis.wait(_typing("agent", active)) - sent)
                active = not active
            time.sleep(0.01)
        for sock in (vis, agent_a, agent_b):
            sock.close()
        return {"visitor_on_a_to_agent_on_b": _figures(cross), "visitor_on_a_to_agent_on_a": _figures(local),
                "agent_post_to_b_to_visitor_on_a": _figures(back_cross),
                "agent_post_to_a_to_visitor_on_a": _figures(back_local)}
    finally:
        a.stop()
        b.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=100)
    parser.add_argument("--pg-url", default=None)
    args = parser.parse_args()
    with _database(args.pg_url) as url:
        result = measure(url, args.frames)
    for name, figures in result.items():
        print(f"{name:34s} p50 {figures['p50_ms']:7.2f} ms  p95 {figures['p95_ms']:7.2f} ms  "
              f"max {figures['max_ms']:7.2f} ms  (n={figures['n']})")
    print(json.dumps({"benchmark": "live_fanout", "frames": args.frames, **result}))


if __name__ == "__main__":
    main()
