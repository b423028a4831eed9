"""Client memory during a call: RSS of the real desk (offscreen Qt, pjsua2 engine) idle and while talking.

`python -m benchmarks.call_rss` signs the desk in (server, Kamailio and Secret Service as in
benchmarks.screen_pop), samples RSS when registered and idle, then during an answered call held for
10 s (every 0.25 s, with the customer popped in the panel), then after hang-up. It prints RSS by mapping
group (anonymous memory, Qt, pjsua2, cryptography/OpenSSL, …) idle and at the call's peak, so a growth
has a name. The desk runs in this process, beside the benchmark's own helpers (server client, pjsua2
peer control), which the breakdown includes. The last line is JSON.
"""

from __future__ import annotations

import json
import sys
import time

from benchmarks.rss_breakdown import own_smaps_groups, print_groups
from benchmarks.screen_pop import Desk, Peer, environment, phone_customers

BUDGET_MB = 130.0
TALK_SECONDS = 10.0


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def main() -> int:
    with environment() as (server, domain, work):
        ((_, number),) = phone_customers(server, 1)
        desk = Desk(server, work)
        peer = Peer(domain, number)
        try:
            sp = desk.desk.softphone
            assert sp is not None
            settle = time.monotonic() + 3
            desk.wait(lambda: time.monotonic() > settle, 10, "")
            idle = rss_mb()
            idle_groups = own_smaps_groups()
            peer.send(f"call sip:agent1@{domain}")
            desk.wait(lambda: sp.last_pop_ms is not None, 10, "the call never popped")
            line = next(iter(sp.phone.lines.values()))
            sp.phone.answer(line.call_id)
            desk.wait(lambda: line.talking, 10, "the call was never answered")
            samples: list[float] = []
            peak_groups: dict[str, float] = {}
            end = time.monotonic() + TALK_SECONDS
            while time.monotonic() < end:
                stop = time.monotonic() + 0.25
                desk.wait(lambda s=stop: time.monotonic() > s, 5, "")  # type: ignore[misc]
                samples.append(rss_mb())
                if samples[-1] >= max(samples):
                    peak_groups = own_smaps_groups()
            sp.phone.hangup(line.call_id)
            desk.wait(lambda: not sp.phone.lines, 10, "the call never ended")
            settle = time.monotonic() + 2
            desk.wait(lambda: time.monotonic() > settle, 10, "")
            after = rss_mb()
        finally:
            peer.stop()
            desk.close()
    peak = max(samples)
    ok = peak <= BUDGET_MB
    print(
        f"RSS registered idle {idle:.1f} MB, during the call median "
        f"{sorted(samples)[len(samples) // 2]:.1f} MB peak {peak:.1f} MB, after hang-up {after:.1f} MB "
        f"(budget {BUDGET_MB:.0f} MB) {'ok' if ok else 'OVER'}"
    )
    print_groups(f"registered idle {idle:.1f} MB by mapping", idle_groups)
    print_groups(f"call peak {peak:.1f} MB by mapping", peak_groups)
    print(
        json.dumps(
            {
                "benchmark": "call_rss",
                "idle_registered_mb": round(idle, 1),
                "call_peak_mb": round(peak, 1),
                "after_call_mb": round(after, 1),
                "talk_seconds": TALK_SECONDS,
                "budget_mb": BUDGET_MB,
                "within_budget": ok,
                "idle_by_mapping_mb": idle_groups,
                "call_peak_by_mapping_mb": peak_groups,
            }
        )
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
