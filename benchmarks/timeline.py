"""Timeline benchmark: bulk-fill N events over ~20k customers on SQLite and PostgreSQL, then measure
API-level single-event appends (events/s) and newest-first page fetches (p50/p99) via the service layer.

    python -m benchmarks.timeline [--events 1000000] [--pg-url postgresql+psycopg://...] [--no-pg]

Human lines first; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import pwd
import random
import shutil
import statistics
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from sqlalchemy import insert, text

from backend.agents.models import Agent
from backend.customers.models import Customer
from backend.db import Database, utcnow
from backend.migrate import upgrade
from backend.timeline.models import Event
from backend.timeline.service import list_events, post_event

KINDS = ["call", "chat", "email", "sms", "social", "note", "ticket"]
BATCH = 20_000


def _as_postgres(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


@contextlib.contextmanager
def temporary_postgres() -> Iterator[str]:
    """initdb + pg_ctl in a temp dir (as tests/fixtures/postgres.py does); yields a database URL."""
    import socket

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise SystemExit("PostgreSQL is not installed; pass --pg-url or --no-pg")
    bindir = os.path.dirname(found[-1])
    root = tempfile.mkdtemp(prefix="huitong-bench-pg-")
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(root, pw.pw_uid, pw.pw_gid)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = f"{root}/data"
    subprocess.run(_as_postgres([f"{bindir}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E",
                                 "UTF8", "--locale=C.UTF-8"]), check=True, capture_output=True)
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c shared_buffers=256MB"
    subprocess.run(_as_postgres([f"{bindir}/pg_ctl", "-D", data, "-o", opts, "-l", f"{root}/log", "-w",
                                 "start"]), check=True, capture_output=True)
    try:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute('CREATE DATABASE "bench"')
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/bench"
    finally:
        subprocess.run(_as_postgres([f"{bindir}/pg_ctl", "-D", data, "-m", "fast", "stop"]),
                       capture_output=True, check=False)
        shutil.rmtree(root, ignore_errors=True)


def fill(db: Database, *, events: int, customers: int, rng: random.Random) -> tuple[int, float]:
    """Bulk inserts: an agent, the customers, then `events` events. Returns (agent id, seconds)."""
    started = time.perf_counter()
    now = utcnow()
    with db.engine.begin() as conn:
        agent_id = conn.execute(insert(Agent).returning(Agent.id), {
            "username": "bench", "display_name": "Bench 压测", "role": "agent", "password_hash": "x",
            "active": True, "created_at": now}).scalar_one()
        for start in range(0, customers, BATCH):
            conn.execute(insert(Customer), [
                {"display_name": f"客户 {i}", "created_at": now, "attributes": {}}
                for i in range(start, min(customers, start + BATCH))])
    t0 = now - timedelta(days=90)
    step = timedelta(days=90) / max(events, 1)
    done = 0
    while done < events:
        rows: list[dict[str, Any]] = []
        for i in range(done, min(events, done + BATCH)):
            cid = rng.randrange(1, customers + 1)
            rows.append({"customer_id": cid, "origin_customer_id": cid, "kind": KINDS[i % 7],
                         "channel": "web", "author_id": agent_id, "author_name": "Bench 压测",
                         "body": f"事件 {i}: customer asked about order #{rng.randrange(10**6)}",
                         "payload": {"n": i}, "created_at": t0 + step * i, "client_id": None})
        with db.engine.begin() as conn:
            conn.execute(insert(Event), rows)
        done += len(rows)
    with db.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return agent_id, time.perf_counter() - started


def measure(db: Database, *, agent_id: int, customers: int, sample: int, pages: int,
            rng: random.Random) -> dict[str, float]:
    with db.sessions() as session:
        agent = session.get(Agent, agent_id)
    started = time.perf_counter()
    for i in range(sample):
        with db.sessions() as session:
            post_event(session, customer_id=rng.randrange(1, customers + 1), client_id=str(uuid.uuid4()),
                       kind="note", channel="internal", body=f"benchmark note {i}", payload={},
                       author=agent)
    ingest = sample / (time.perf_counter() - started)
    latencies = []
    for _ in range(pages):
        cid = rng.randrange(1, customers + 1)
        t = time.perf_counter()
        with db.sessions() as session:
            list_events(session, customer_id=cid, before=None, limit=50)
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    return {"ingest_events_per_s": round(ingest, 1),
            "page_p50_ms": round(statistics.median(latencies), 3),
            "page_p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 3)}


def run_one(name: str, url: str, args: argparse.Namespace) -> dict[str, Any]:
    upgrade(url)
    db = Database(url)
    rng = random.Random(42)
    try:
        agent_id, seconds = fill(db, events=args.events, customers=args.customers, rng=rng)
        print(f"{name}: bulk-filled {args.events:,} events over {args.customers:,} customers "
              f"in {seconds:.1f}s ({args.events / seconds:,.0f} events/s)")
        result = measure(db, agent_id=agent_id, customers=args.customers, sample=args.sample,
                         pages=args.pages, rng=rng)
    finally:
        db.dispose()
    print(f"{name}: API-level appends {result['ingest_events_per_s']:,.0f} events/s "
          f"(sample {args.sample:,}, one transaction each)")
    print(f"{name}: page of 50 newest-first p50 {result['page_p50_ms']:.2f} ms, "
          f"p99 {result['page_p99_ms']:.2f} ms ({args.pages:,} random customers)")
    return {"bulk_fill_s": round(seconds, 1), **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--sample", type=int, default=5_000)
    parser.add_argument("--pages", type=int, default=2_000)
    parser.add_argument("--pg-url", help="an empty PostgreSQL database (default: start a temporary server)")
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    results: dict[str, Any] = {"benchmark": "timeline", "events": args.events, "customers": args.customers}
    with tempfile.TemporaryDirectory(prefix="huitong-bench-") as tmp:
        results["sqlite"] = run_one("sqlite", f"sqlite:///{tmp}/bench.sqlite3", args)
    if not args.no_pg:
        if args.pg_url:
            results["postgresql"] = run_one("postgresql", args.pg_url, args)
        else:
            with temporary_postgres() as url:
                results["postgresql"] = run_one("postgresql", url, args)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
