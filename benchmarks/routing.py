"""Routing benchmark: 1,000 agents and 10,000 waiting interactions on SQLite and PostgreSQL.

    python -m benchmarks.routing [--agents 1000] [--waiting 10000] [--samples 2000] [--no-pg]

Figures:
- `core_decision_p50/p99_ms` — the pure core choosing the agent for one waiting interaction among 1,000 agents
  (skills, capacity, strategy);
- `pass_decision_ms` — one batched matching pass through the service (locks, reads, plan, offers, events,
  commit) divided by the offers it made;
- `single_decision_p50/p99_ms` — a pass that makes one offer (an arrival while agents are free), rolled back;
- `assignments_per_s` — offers made and accepted through the service layer, end to end;
- `idle_pass_p50/p99_ms` — afterwards (every agent full or unmatched): a routing write transaction (`tx.run`)
  whose pass offers nothing, as the worker's tick runs it (on PostgreSQL it holds the event-order lock);
- `timeline_lock_wait_p50/p99_ms` — meanwhile, with such passes back to back in another thread, how long a
  timeline writer (a visitor's message, a status change) waits for the event-order lock and commits.
Human lines first; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import threading
import time
from datetime import timedelta
from typing import Any

from sqlalchemy import insert, text

from backend.agents.models import Agent
from backend.customers.models import Customer
from backend.db import Database, utcnow
from backend.interactions.models import Interaction
from backend.migrate import upgrade
from backend.routing import core, dispatch, offers
from backend.routing.models import AgentRouting, QueueEntry, RoutingQueue
from backend.routing.tx import epoch, run
from backend.timeline.service import lock_event_order
from benchmarks.timeline import temporary_postgres

CHANNELS = ("chat", "email", "voice")
SKILLS = ("billing", "tech", "sales", "mandarin", "cantonese")


def fill(db: Database, *, agents: int, waiting: int, rng: random.Random) -> None:
    now = utcnow()
    with db.engine.begin() as conn:
        conn.execute(
            insert(Agent),
            [
                {
                    "username": f"a{i}",
                    "display_name": f"Agent {i}",
                    "role": "agent",
                    "password_hash": "x",
                    "active": True,
                    "created_at": now,
                }
                for i in range(agents)
            ],
        )
        ids = [r[0] for r in conn.execute(text("SELECT id FROM agents ORDER BY id"))]
        conn.execute(
            insert(AgentRouting),
            [
                {
                    "agent_id": i,
                    "state": "available",
                    "reason_code": None,
                    "state_since": now,
                    "acw_until": None,
                    "skills": {s: rng.randint(1, 5) for s in rng.sample(SKILLS, 3)},
                    "capacity": {"voice": 1, "chat": 3, "email": 5},
                    "last_work_at": now - timedelta(seconds=rng.random() * 600),
                }
                for i in ids
            ],
        )
        queues = []
        for n, (channel, strategy) in enumerate(
            zip(CHANNELS * 2, ("longest_idle", "round_robin", "least_busy") * 2, strict=False)
        ):
            skill = SKILLS[n % len(SKILLS)]
            queues.append(
                conn.execute(
                    insert(RoutingQueue).returning(RoutingQueue.id),
                    {
                        "name": f"q{n}",
                        "channels": [channel],
                        "number": None,
                        "strategy": strategy,
                        "skills": {skill: 2},
                        "is_default": False,
                        "overflow_queue_id": None,
                        "overflow_after_seconds": None,
                        "sticky_seconds": 0,
                        "ageing_seconds": 60,
                        "disposition_required": False,
                        "round_robin_cursor": 0,
                        "active": True,
                        "created_at": now,
                    },
                ).scalar_one()
            )
        customer = conn.execute(
            insert(Customer).returning(Customer.id),
            {"display_name": "Bench", "created_at": now, "attributes": {}},
        ).scalar_one()
        rows = []
        for i in range(waiting):
            q = rng.randrange(len(queues))
            rows.append(
                {
                    "channel": CHANNELS[q % 3],
                    "customer_id": customer,
                    "status": "queued",
                    "queue_id": queues[q],
                    "priority": rng.randrange(3),
                    "subject": f"#{i}",
                    "attributes": {},
                    "unread": 0,
                    "preview": "",
                    "last_seq": 0,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        conn.execute(insert(Interaction), rows)
        interactions = list(conn.execute(text("SELECT id, channel, queue_id, priority FROM interactions")))
        conn.execute(
            insert(QueueEntry),
            [
                {
                    "interaction_id": i,
                    "queue_id": q,
                    "channel": c,
                    "customer_id": customer,
                    "priority": p,
                    "order_key": core.order_key(
                        priority=p, enqueued_at=epoch(now) - rng.random() * 900, ageing=60
                    ),
                    "status": "waiting",
                    "enqueued_at": now - timedelta(seconds=rng.random() * 900),
                    "excluded": [],
                    "context": {},
                }
                for i, c, q, p in interactions
            ],
        )
        conn.execute(text("ANALYZE"))


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * p))], 3)


def measure(db: Database, rng: random.Random, samples: int) -> dict[str, Any]:
    now = utcnow()
    with db.sessions() as session:
        agents = dispatch.agent_snapshots(session, lock=False)
        rules, _ = dispatch.queue_rules(session)
        entries = dispatch.entry_snapshots(session, now=now, limit=100_000)
    core_ms = []
    for entry in rng.sample(entries, min(samples, len(entries))):
        t = time.perf_counter()
        core.pick(entry, rules[entry.queue_id], agents)
        core_ms.append((time.perf_counter() - t) * 1000)
    single_ms = []
    for _ in range(min(samples, 200)):
        with db.sessions() as session:
            t = time.perf_counter()
            dispatch.route_pass(session, now=utcnow(), max_offers=1)
            session.flush()
            single_ms.append((time.perf_counter() - t) * 1000)
            session.rollback()
    when = utcnow()  # accepts are judged at the pass's time: the countdown is not what is measured
    t = time.perf_counter()
    made = run(db, lambda s: [o.id for o in dispatch.route_pass(s, now=when, batch=10_000)])
    pass_s = time.perf_counter() - t
    agent_of = {}
    with db.sessions() as session:
        for offer_id in made:
            agent_of[offer_id] = session.get(offers.Offer, offer_id).agent_id  # type: ignore[union-attr]
    t = time.perf_counter()
    for offer_id in made:
        run(db, lambda s, o=offer_id: offers.accept(s, o, agent_id=agent_of[o], now=when))
    accept_s = time.perf_counter() - t
    return {
        "core_decision_p50_ms": round(statistics.median(core_ms), 3),
        "core_decision_p99_ms": pct(core_ms, 0.99),
        "single_decision_p50_ms": round(statistics.median(single_ms), 3),
        "single_decision_p99_ms": pct(single_ms, 0.99),
        "pass_offers": len(made),
        "pass_decision_ms": round(pass_s * 1000 / max(len(made), 1), 3),
        "assignments_per_s": round(len(made) / (pass_s + accept_s), 1),
    }


def idle_contention(db: Database, rng: random.Random, rounds: int = 60) -> dict[str, Any]:
    """Idle routing passes back to back in a thread while this one times event-order lock + commit."""
    stop = threading.Event()
    passes: list[float] = []

    def routing() -> None:
        while not stop.is_set():
            t = time.perf_counter()
            made = run(db, lambda s: dispatch.route_pass(s, now=utcnow(), batch=10_000))
            passes.append((time.perf_counter() - t) * 1000)
            assert made == [], "the idle pass made offers"

    worker = threading.Thread(target=routing, daemon=True)
    worker.start()
    waits = []
    try:
        while not passes and worker.is_alive():
            time.sleep(0.01)  # the first pass is under way or done
        for _ in range(rounds):
            time.sleep(rng.uniform(0.0, 0.03))
            with db.sessions() as session:
                t = time.perf_counter()
                lock_event_order(session)
                session.commit()
                waits.append((time.perf_counter() - t) * 1000)
    finally:
        stop.set()
        worker.join()
    return {
        "idle_pass_p50_ms": round(statistics.median(passes), 3),
        "idle_pass_p99_ms": pct(passes, 0.99),
        "timeline_lock_wait_p50_ms": round(statistics.median(waits), 3),
        "timeline_lock_wait_p99_ms": pct(waits, 0.99),
    }


def run_one(name: str, url: str, args: argparse.Namespace) -> dict[str, Any]:
    upgrade(url)
    db = Database(url)
    try:
        t = time.perf_counter()
        fill(db, agents=args.agents, waiting=args.waiting, rng=random.Random(5))
        print(
            f"{name}: filled {args.agents} agents, {args.waiting} waiting in {time.perf_counter() - t:.1f} s"
        )
        figures = measure(db, random.Random(9), args.samples)
        figures |= idle_contention(db, random.Random(11))
        print(f"{name}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))
        return figures
    finally:
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--agents", type=int, default=1000)
    parser.add_argument("--waiting", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    results: dict[str, Any] = {"agents": args.agents, "waiting": args.waiting, "budget_p99_ms": 5.0}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = run_one("sqlite", f"sqlite:///{tmp}/routing.sqlite3", args)
    if not args.no_pg:
        with temporary_postgres() as url:
            results["postgresql"] = run_one("postgresql", url, args)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
