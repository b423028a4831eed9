"""Voice queue hand-out latency: an agent becomes available → the waiting caller's call rings at the agent.

The rig of tests/voice_queue: the real server, the deployment Kamailio (packaging/kamailio/kamailio.cfg) on
free loopback ports, a caller process (tests/voice_queue/caller.py) and agent1's SoftphoneEngine registered
with server-issued credentials. Per call: agent1 busy, the caller dials the queue number and waits (180),
then `PUT /api/v1/routing/me {"state": "available"}` is sent at t0; t1 is the engine's CallDidArrive (the
INVITE with X-Interaction-Id reached the agent's phone). Kamailio's queue tick (QUEUE_TICK_MS) dominates.

    python -m benchmarks.voice_queue [--calls 30] [--tick-ms 500]

Prints per-call figures, then the last line as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import EngineSettings
from tests.sip_server.test_registration import account, outcome
from tests.telephony.conftest import EventLog
from tests.voice_queue.rig import QUEUE_NUMBER, Caller, Rig, voice_rig, wait_until


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def one_call(rig: Rig, eng: SoftphoneEngine, log: EventLog, caller: Caller, n: int) -> float:
    rig.set_state("busy")
    seen = len(log.events)
    sip_call_id = caller.dial(f"sip:{QUEUE_NUMBER}@{rig.domain}")
    caller.expect("state EARLY 180")
    wait_until(lambda: rig.find_call(sip_call_id))
    time.sleep(random.uniform(0.2, 1.2))  # the agent frees up at a random phase of the queue tick
    t0 = time.monotonic()
    rig.set_state("available")
    arrived = log.wait_for(ev.CallDidArrive, lambda e: any(x is e for x in log.events[seen:]), timeout=15)
    t1 = time.monotonic()
    iid = int(arrived.headers["x-interaction-id"])
    rig.accept_offer(iid)
    eng.answer(arrived.call_id).result(5)
    caller.expect("state CONFIRMED")
    eng.hangup(arrived.call_id).result(5)
    caller.expect("disconnected ")
    log.wait_for(ev.CallDidEnd, lambda e: e.call_id == arrived.call_id)
    rig.finish(iid)
    ms = (t1 - t0) * 1000
    print(f"call {n:3d}: available → agent's phone rings {ms:7.1f} ms (interaction {iid})", flush=True)
    return ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=30)
    parser.add_argument("--tick-ms", type=int, default=500, help="QUEUE_TICK_MS for Kamailio (shipped: 500)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="huitong-bench-voiceq-"))
    try:
        with voice_rig(workdir, tick_ms=args.tick_ms) as rig:
            log = EventLog()
            eng = SoftphoneEngine(EngineSettings(null_audio=True), log)
            eng.start()
            caller = Caller(rig.domain, "+8613800138999")
            try:
                eng.register(account(rig.credentials("agent1"))).result(5)
                assert isinstance(outcome(log), ev.RegistrationDidChange)
                figures = [one_call(rig, eng, log, caller, n + 1) for n in range(args.calls)]
            finally:
                caller.stop()
                eng.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    result = {"benchmark": "voice_queue", "calls": len(figures), "queue_tick_ms": args.tick_ms,
              "available_to_ring_ms_p50": round(statistics.median(figures), 1),
              "available_to_ring_ms_p95": round(percentile(figures, 95), 1),
              "available_to_ring_ms_min": round(min(figures), 1),
              "available_to_ring_ms_max": round(max(figures), 1)}
    print(f"p50 {result['available_to_ring_ms_p50']} ms, p95 {result['available_to_ring_ms_p95']} ms "
          f"over {len(figures)} calls with a {args.tick_ms} ms queue tick")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
