"""Call setup through a real Kamailio on loopback: our engine vs baresip calling the same answering phone.

`python -m benchmarks.call_setup [--calls 50]` starts Kamailio (the demo configuration on a free port),
an auto-answering pjsua2 phone configured like our engine (tests/telephony/media_peer.py), our
`SoftphoneEngine` in this process and a baresip process, then places N calls from each, one at a time.

Figures, in ms (CLOCK_MONOTONIC is one clock for every process here):
- `*_invite_to_confirmed`: from the INVITE reaching the answering phone to the caller reporting the call
  connected (our CONFIRMED event; baresip's CALL_ESTABLISHED on ctrl_tcp) — the ratio uses this;
- `ours_invite_sent_to_confirmed`: from our CALLING event (INVITE sent) to CONFIRMED;
- `*_dial_to_confirmed`: from the dial command (`engine.dial()`; baresip's ctrl_tcp `dial`) to connected,
  i.e. including whatever each caller does before its INVITE leaves;
- `peer_invite_to_ack_*`: the answering phone's INVITE→ACK (same phone for both callers): the SIP-level
  comparison, since baresip raises CALL_ESTABLISHED some 40 ms after its ACK has left.
Budget: our dial→CONFIRMED p50 ≤ 10 ms. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import EngineSettings, SipAccount
from tests.fixtures.ports import free_port, wait_for_port
from tests.telephony.baresip import Baresip
from tests.telephony.kamailio import REPO, Kamailio
from tests.telephony.media_peer import MediaPeerProcess

BUDGET_MS = 10.0


@contextlib.contextmanager
def running_kamailio() -> Iterator[Kamailio]:
    """The telephony tests' Kamailio (packaging/kamailio/kamailio-demo.cfg on a free port), outside pytest."""
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="huitong-bench-kam-")
    cfg = (REPO / "packaging/kamailio/kamailio-demo.cfg").read_text().replace(":5060", f":{port}")
    cfg_path = Path(workdir) / "kamailio.cfg"
    cfg_path.write_text(cfg)
    argv = ["kamailio", "-DD", "-E", "-f", str(cfg_path), "-P", f"{workdir}/pid", "-Y", workdir]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        wait_for_port(port)
        yield Kamailio(port)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        shutil.rmtree(workdir, ignore_errors=True)


class Timeline:
    """Engine events with the time they reached this thread (the listener runs on the engine thread)."""

    def __init__(self) -> None:
        self.events: list[tuple[float, ev.EngineEvent]] = []
        self.cond = threading.Condition()

    def __call__(self, event: ev.EngineEvent) -> None:
        now = time.perf_counter()
        with self.cond:
            self.events.append((now, event))
            self.cond.notify_all()

    def wait(self, kind: type, call_id: int, timeout: float = 10.0) -> float:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for at, event in self.events:
                    if isinstance(event, kind) and getattr(event, "call_id", None) == call_id:
                        return at
                if not self.cond.wait(max(0.0, deadline - time.monotonic())):
                    raise TimeoutError(f"no {kind.__name__} for call {call_id}")

    def first_state(self, call_id: int, state: ev.CallState, timeout: float = 10.0) -> float:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for at, event in self.events:
                    if (isinstance(event, ev.CallDidChangeState) and event.call_id == call_id
                            and event.state is state):
                        return at
                if not self.cond.wait(max(0.0, deadline - time.monotonic())):
                    raise TimeoutError(f"call {call_id} never reached {state}")

    def clear(self) -> None:
        with self.cond:
            self.events.clear()


def peer_times(peer: MediaPeerProcess) -> tuple[float, float]:
    """(perf_counter when the INVITE reached the phone, ms from there to the ACK) — one clock for all."""
    invite_at = float(peer.expect("incoming").split()[1])
    return invite_at, float(peer.expect("confirmed").split()[1])


def bench_ours(engine: SoftphoneEngine, timeline: Timeline, peer: MediaPeerProcess, calls: int
               ) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {"dial": [], "invite_sent": [], "invite_received": [], "peer": []}
    for _ in range(calls):
        timeline.clear()
        start = time.perf_counter()
        call_id = engine.dial("peer").result(5)
        confirmed = timeline.first_state(call_id, ev.CallState.CONFIRMED)
        calling = timeline.first_state(call_id, ev.CallState.CALLING)
        invite_at, peer_ms = peer_times(peer)
        figures["dial"].append((confirmed - start) * 1000)
        figures["invite_sent"].append((confirmed - calling) * 1000)
        figures["invite_received"].append((confirmed - invite_at) * 1000)
        figures["peer"].append(peer_ms)
        engine.hangup(call_id).result(5)
        timeline.wait(ev.CallDidEnd, call_id)
        peer.expect("disconnected")
    return figures


def bench_baresip(phone: Baresip, peer: MediaPeerProcess, domain: str, calls: int) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {"dial": [], "invite_received": [], "peer": []}
    for _ in range(calls):
        start = time.perf_counter()
        phone.command("dial", f"sip:peer@{domain}")
        phone.expect("CALL_ESTABLISHED")
        established = time.perf_counter()
        invite_at, peer_ms = peer_times(peer)
        figures["dial"].append((established - start) * 1000)
        figures["invite_received"].append((established - invite_at) * 1000)
        figures["peer"].append(peer_ms)
        phone.command("hangup")
        phone.expect("CALL_CLOSED")
        peer.expect("disconnected")
    return figures


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"p50": round(statistics.median(values), 3), "p95": round(pct(values, 0.95), 3),
            "max": round(max(values), 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=50)
    calls = parser.parse_args().calls
    with running_kamailio() as kam:
        peer = MediaPeerProcess(kam.domain, "peer", "--auto-answer")
        timeline = Timeline()
        engine = SoftphoneEngine(EngineSettings(null_audio=True), timeline)
        phone: Baresip | None = None
        try:
            engine.start()
            engine.register(SipAccount(username="agent1", password="", domain=kam.domain)).result(5)
            deadline = time.monotonic() + 10
            registered = ev.RegistrationState.REGISTERED
            while not any(isinstance(e, ev.RegistrationDidChange) and e.state is registered
                          for _, e in timeline.events):
                if time.monotonic() > deadline:
                    raise TimeoutError("the engine did not register")
                time.sleep(0.01)
            phone = Baresip(kam.domain, user="bare", answermode="manual").start()
            bench_ours(engine, timeline, peer, 3)  # warm-up: first-call allocations, ARP-free loopback
            bench_baresip(phone, peer, kam.domain, 3)
            ours = bench_ours(engine, timeline, peer, calls)
            bare = bench_baresip(phone, peer, kam.domain, calls)
        finally:
            if phone is not None:
                phone.stop()
            engine.stop()
            peer.stop()
    figures: dict[str, object] = {
        "calls": calls,
        "ours_invite_to_confirmed_ms": summary(ours["invite_received"]),
        "baresip_invite_to_confirmed_ms": summary(bare["invite_received"]),
        "ours_invite_sent_to_confirmed_ms": summary(ours["invite_sent"]),
        "ours_dial_to_confirmed_ms": summary(ours["dial"]),
        "baresip_dial_to_confirmed_ms": summary(bare["dial"]),
        "peer_invite_to_ack_ours_ms": summary(ours["peer"]),
        "peer_invite_to_ack_baresip_ms": summary(bare["peer"]),
    }
    figures["ratio_ours_over_baresip_invite_to_confirmed_p50"] = round(
        statistics.median(ours["invite_received"]) / statistics.median(bare["invite_received"]), 2)
    figures["ratio_ours_over_baresip_dial_to_confirmed_p50"] = round(
        statistics.median(ours["dial"]) / statistics.median(bare["dial"]), 2)
    figures["ratio_ours_over_baresip_peer_invite_to_ack_p50"] = round(
        statistics.median(ours["peer"]) / statistics.median(bare["peer"]), 2)
    figures["budget_p50_ms"] = BUDGET_MS
    figures["within_budget"] = statistics.median(ours["dial"]) <= BUDGET_MS
    for name, value in figures.items():
        print(f"{name:48} {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
