"""Web chat latency: a visitor sends in headless Chromium → the agent client's SyncService receives it live.

`python -m benchmarks.chat_latency [--messages 200]` starts a seeded server (SQLite), signs agent1 in with
`app.sync.service.SyncService` (live events over the WebSocket, as the desk does), opens the widget's demo
page in headless Chromium and sends messages one at a time through the widget's composer. Each latency runs
from the moment the widget submits (browser clock: performance.timeOrigin + now) to the moment the agent
client's listener gets the `chat` event (same machine clock). Budget: p95 ≤ 100 ms on loopback.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

from app.domain import ConnectionState, TimelineEvent
from app.sync.service import SyncService
from tests.fixtures.server import DEMO_PASSWORD, start_server
from tests.webchat.browser import WidgetPage, chromium

BUDGET_P95_MS = 100.0
SEND = """
var box = document.getElementById('hc-input');
box.value = arguments[0];
var t = performance.timeOrigin + performance.now();
document.getElementById('hc-composer').requestSubmit();
return t;
"""


class Arrivals:
    """A SyncListener that stamps each chat message body on arrival."""

    def __init__(self) -> None:
        self.seen: dict[str, float] = {}
        self.connected = threading.Event()
        self.cond = threading.Condition()

    def on_connection_state(self, state: ConnectionState, detail: str) -> None:  # noqa: ARG002
        if state == ConnectionState.CONNECTED:
            self.connected.set()

    def on_event(self, event: TimelineEvent) -> None:
        if event.kind == "chat" and event.payload.get("direction") == "in":
            with self.cond:
                self.seen[event.body] = time.time() * 1000
                self.cond.notify_all()

    def on_session_lost(self, reason: str) -> None:
        pass

    def on_outbox_changed(self, pending: int) -> None:
        pass

    def wait_for(self, body: str, timeout: float = 10) -> float:
        with self.cond:
            if not self.cond.wait_for(lambda: body in self.seen, timeout):
                raise TimeoutError(f"the agent client never received {body!r}")
            return self.seen[body]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="huitong-chat-bench-"))
    server = start_server(f"sqlite:///{work / 'huitong.sqlite3'}",
                          HUITONG_WEBCHAT_MESSAGES_PER_MINUTE="100000", HUITONG_WEBCHAT_MESSAGE_BURST="1000")
    driver = None
    service = SyncService(server.url, cache_dir=work / "cache")
    try:
        arrivals = Arrivals()
        service.add_listener(arrivals)
        service.login("agent1", DEMO_PASSWORD, remember=False)
        service.start_live()
        if not arrivals.connected.wait(15):
            raise SystemExit("the agent client's live events never connected")
        driver = chromium()
        page = WidgetPage(driver, server.url).open()
        page.start_chat(name="Benchmark visitor")
        page.type_and_send("warm-up")
        arrivals.wait_for("warm-up")
        latencies = []
        for n in range(args.messages):
            body = f"benchmark message {n}"
            sent_ms = float(driver.execute_script(SEND, body))
            latencies.append(arrivals.wait_for(body) - sent_ms)
            time.sleep(0.02)
        p50, p95 = statistics.median(latencies), percentile(latencies, 0.95)
        print(f"visitor send in Chromium → agent SyncService event, {len(latencies)} messages: "
              f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(latencies):.1f} ms "
              f"(budget p95 ≤ {BUDGET_P95_MS} ms)")
        print(json.dumps({"benchmark": "chat_latency", "messages": len(latencies), "p50_ms": round(p50, 2),
                          "p95_ms": round(p95, 2), "max_ms": round(max(latencies), 2),
                          "budget_p95_ms": BUDGET_P95_MS, "within_budget": p95 <= BUDGET_P95_MS}))
    finally:
        if driver is not None:
            driver.quit()
        service.close()
        server.stop()


if __name__ == "__main__":
    main()
