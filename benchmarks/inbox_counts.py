"""The inbox counts query (`GET /api/v1/interactions/counts`, `backend/interactions/counts.py`) with 100,000
conversations, on SQLite and on a temporary PostgreSQL: the grouped query's time (median and worst of 20
runs, after one warm-up) and its query plan.

Conversations are bulk-inserted: 5 channels, every status (a fifth closed), a third unassigned, the rest
spread over 20 agents, unread 0/1/3. `benchmarks.inbox_scale` prints the SQLite figure too.
Run: `.venv/bin/python -m benchmarks.inbox_counts [--rows N] [--no-pg]`; the last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from backend.agents.models import Agent
from backend.customers.models import Customer
from backend.db import Database, utcnow
from backend.interactions.counts import count_cells
from backend.interactions.models import CHANNELS, STATUSES, Interaction
from backend.migrate import upgrade

AGENTS = 20
BATCH = 20_000
RUNS = 20
PREVIEW = "你好，我的订单什么时候发货？" * 4


def fill(db: Database, rows: int) -> int:
    """Agents, one customer, `rows` conversations; returns the id of the agent who asks."""
    rng = random.Random(11)
    now = utcnow()
    with db.engine.begin() as conn:
        agent_ids = [conn.execute(insert(Agent).returning(Agent.id), {
            "username": f"bench{n}", "display_name": f"Bench {n}", "role": "agent", "password_hash": "x",
            "active": True, "created_at": now}).scalar_one() for n in range(AGENTS)]
        customer = conn.execute(insert(Customer).returning(Customer.id), {
            "display_name": "客户", "created_at": now, "attributes": {}}).scalar_one()
    for start in range(0, rows, BATCH):
        batch = []
        for i in range(start, min(rows, start + BATCH)):
            status = "closed" if i % 5 == 0 else STATUSES[i % len(STATUSES)]
            batch.append({"channel": CHANNELS[i % len(CHANNELS)], "customer_id": customer, "status": status,
                          "assigned_agent_id": None if i % 3 == 0 else rng.choice(agent_ids),
                          "priority": 0, "subject": f"Order {i}", "attributes": {"page": "/checkout"},
                          "unread": rng.choice((0, 0, 0, 1, 3)), "preview": PREVIEW,
                          "last_seq": i + 1, "created_at": now, "updated_at": now})
        with db.engine.begin() as conn:
            conn.execute(insert(Interaction), batch)
    with db.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    if db.engine.dialect.name == "postgresql":  # what autovacuum does soon after: the visibility map
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM interactions"))
    return agent_ids[0]


def plan(db: Database, agent_id: int) -> str:
    from sqlalchemy.orm import Session

    with Session(db.engine) as session:
        agent = session.get(Agent, agent_id)
        assert agent is not None
        sql = str(_compiled(session, agent))
        explain = "EXPLAIN QUERY PLAN " if db.engine.dialect.name == "sqlite" else "EXPLAIN "
        lines = session.execute(text(explain + sql)).all()
    return "\n".join(" ".join(str(c) for c in row) for row in lines)


def _compiled(session: Any, agent: Agent) -> Any:
    """The counts query with its parameters inlined (what `count_cells` runs), for EXPLAIN."""
    captured: list[Any] = []

    class Spy:
        def execute(self, query: Any) -> list[Any]:
            captured.append(query)
            return []

    count_cells(Spy(), agent)  # type: ignore[arg-type]
    return captured[0].compile(session.bind, compile_kwargs={"literal_binds": True})


def measure(url: str, rows: int) -> dict[str, Any]:
    upgrade(url)
    db = Database(url)
    try:
        started = time.perf_counter()
        agent_id = fill(db, rows)
        filled = time.perf_counter() - started
        from sqlalchemy.orm import Session

        times = []
        with Session(db.engine) as session:
            agent = session.get(Agent, agent_id)
            assert agent is not None
            cells = count_cells(session, agent)
            for _ in range(RUNS):
                t0 = time.perf_counter()
                cells = count_cells(session, agent)
                times.append((time.perf_counter() - t0) * 1000)
        assert sum(c.conversations for c in cells) == rows
        return {"dialect": db.engine.dialect.name, "rows": rows, "fill_s": round(filled, 1),
                "cells": len(cells), "median_ms": round(statistics.median(times), 2),
                "max_ms": round(max(times), 2), "plan": plan(db, agent_id)}
    finally:
        db.dispose()


def sqlite_figure(rows: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="huitong-counts-") as tmp:
        return measure(f"sqlite:///{Path(tmp) / 'counts.sqlite3'}", rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    results = [sqlite_figure(args.rows)]
    if not args.no_pg:
        from benchmarks.timeline import temporary_postgres

        with temporary_postgres() as url:
            results.append(measure(url, args.rows))
    for r in results:
        print(f"{r['dialect']}: {r['rows']:,} conversations (filled in {r['fill_s']} s), {r['cells']} cells: "
              f"counts query median {r['median_ms']} ms, worst {r['max_ms']} ms")
        print("  plan: " + r["plan"].replace("\n", "\n        "))
    print(json.dumps({r["dialect"]: {k: v for k, v in r.items() if k != "plan"} for r in results}))


if __name__ == "__main__":
    main()
