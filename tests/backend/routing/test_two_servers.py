"""Two real server processes on one PostgreSQL, both running the routing worker, under many simultaneous
arrivals, accepts, declines, state changes and wrap-ups: one interaction is never offered to two agents at
once, and no agent ever holds more than their capacity."""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import psycopg
import pytest
import requests

from backend.db import Database, libpq_url
from backend.interactions import service as interactions
from tests.fixtures.server import ServerProcess

pytestmark = pytest.mark.postgres

AGENTS = 8
CAPACITY = {"voice": 1, "chat": 2, "email": 1}
SECONDS = 8.0

CAPACITY_SQL = """
WITH load AS (
    SELECT assigned_agent_id AS agent, channel, count(*) AS n FROM interactions
     WHERE status = 'active' AND assigned_agent_id IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT agent_id, channel, count(*) FROM routing_offers WHERE status = 'pending' GROUP BY 1, 2)
SELECT load.agent, load.channel, sum(load.n)::int, r.capacity
  FROM load JOIN agent_routing r ON r.agent_id = load.agent
 GROUP BY load.agent, load.channel, r.capacity
"""
OVERLAP_SQL = """
SELECT a.interaction_id, a.id, b.id FROM routing_offers a JOIN routing_offers b
    ON a.interaction_id = b.interaction_id AND a.id < b.id
 WHERE a.status IN ('pending', 'accepted') AND b.status IN ('pending', 'accepted')
"""


class Api:
    def __init__(self, servers: list[ServerProcess], username: str, password: str) -> None:
        self.servers = servers
        self.tokens = [str(s.login(username, password)["access_token"]) for s in servers]
        self.rng = random.Random(username)

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        i = self.rng.randrange(len(self.servers))  # every call lands on either process
        return requests.request(
            method,
            self.servers[i].url + path,
            timeout=30,
            headers={"Authorization": f"Bearer {self.tokens[i]}"},
            **kwargs,
        )


def test_two_servers_never_double_offer_nor_exceed_capacity(
    server_factory: Callable[..., ServerProcess], postgres_url: str
) -> None:
    fast = {"HUITONG_ROUTING_TICK": "0.05"}
    a = server_factory(postgres_url, **fast)
    b = server_factory(postgres_url, seed=False, **fast)
    admin = Api([a, b], "admin", "demo-pass-2026")
    r = admin.call(
        "POST",
        "/api/v1/routing/queues",
        json={
            "name": "Everything",
            "channels": ["voice", "chat", "email"],
            "is_default": True,
            "number": "8001",
            "strategy": "least_busy",
        },
    )
    assert r.status_code == 201, r.text
    assert admin.call("PUT", "/api/v1/routing/reasons/coffee", json={"label": "Coffee"}).status_code == 201
    agents = []
    for n in range(AGENTS):
        name = f"rt{n}"
        r = admin.call(
            "POST",
            "/api/v1/agents",
            json={"username": name, "display_name": name, "password": "pw-routing-2026", "role": "agent"},
        )
        assert r.status_code == 201, r.text
        assert (
            admin.call(
                "PUT", f"/api/v1/routing/agents/{r.json()['id']}", json={"capacity": CAPACITY}
            ).status_code
            == 200
        )
        agents.append(Api([a, b], name, "pw-routing-2026"))

    stop = threading.Event()
    violations: list[str] = []
    counts = {"accepted": 0, "declined": 0, "wrapped": 0, "states": 0, "arrived": 0, "audits": 0}
    lock = threading.Lock()

    def bump(key: str) -> None:
        with lock:
            counts[key] += 1

    def agent_loop(api: Api) -> None:
        api.call("PUT", "/api/v1/routing/me", json={"state": "available"})
        while not stop.is_set():
            mine = api.call("GET", "/api/v1/routing/me").json()
            for offer in mine["offers"]:
                verb = "accept" if api.rng.random() < 0.7 else "decline"
                r = api.call("POST", f"/api/v1/offers/{offer['id']}/{verb}")
                assert r.status_code in (200, 409), r.text  # 409: withdrawn or expired meanwhile
                if r.status_code == 200:
                    bump("accepted" if verb == "accept" else "declined")
            active = api.call("GET", "/api/v1/interactions", params={"scope": "mine", "status": "active"})
            for item in active.json()["items"]:
                if api.rng.random() < 0.5:
                    r = api.call(
                        "POST",
                        f"/api/v1/interactions/{item['id']}/wrap_up",
                        json={"client_id": str(uuid.uuid4()), "note": "done"},
                    )
                    assert r.status_code in (200, 409), r.text
                    bump("wrapped")
            if api.rng.random() < 0.1:
                state = api.rng.choice([("break", "coffee"), ("available", None), ("busy", None)])
                r = api.call("PUT", "/api/v1/routing/me", json={"state": state[0], "reason_code": state[1]})
                assert r.status_code == 200, r.text
                bump("states")
            elif mine["state"] != "available" and api.rng.random() < 0.5:
                api.call("PUT", "/api/v1/routing/me", json={"state": "available"})
            time.sleep(api.rng.uniform(0.0, 0.05))

    def arrivals() -> None:
        db = Database(postgres_url)
        rng = random.Random(7)
        try:
            customer = None
            with db.sessions() as session:
                from backend.customers.models import Customer

                customer = session.query(Customer).first()
            assert customer is not None
            n = 0
            while not stop.is_set():
                n += 1
                if rng.random() < 0.3:
                    server = rng.choice([a, b])
                    r = requests.post(
                        f"{server.url}/api/v1/voice/route",
                        timeout=30,
                        json={"call_id": f"call-{n}", "caller": f"+8613800{n:06d}", "queue": "8001"},
                    )
                    assert r.status_code == 200, r.text
                else:
                    with db.sessions() as session:
                        interactions.open_interaction(
                            session,
                            channel=rng.choice(["chat", "email"]),
                            customer_id=customer.id,
                            status="queued",
                            priority=rng.randrange(3),
                        )
                bump("arrived")
                time.sleep(rng.uniform(0.0, 0.03))
        finally:
            db.dispose()

    def auditor() -> None:
        with psycopg.connect(libpq_url(postgres_url), autocommit=True) as conn:
            while not stop.is_set():
                for agent, channel, load, capacity in conn.execute(CAPACITY_SQL):
                    if load > int((capacity or {}).get(channel, 0)):
                        violations.append(f"agent {agent} holds {load} {channel} > {capacity}")
                for row in conn.execute(OVERLAP_SQL):
                    violations.append(
                        f"interaction {row[0]} offered twice at once: offers {row[1]}, {row[2]}"
                    )
                bump("audits")
                time.sleep(0.02)

    threads = [threading.Thread(target=agent_loop, args=(api,)) for api in agents]
    threads += [threading.Thread(target=arrivals), threading.Thread(target=auditor)]
    errors: list[BaseException] = []

    def guarded(target: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                target()
            except BaseException as exc:
                errors.append(exc)
                stop.set()

        return run

    for t in threads:
        t.run = guarded(t.run)  # type: ignore[method-assign]
        t.start()
    started = time.monotonic()  # run at least SECONDS, and on until enough happened (a busy CI box is slower)
    while time.monotonic() - started < 90 and not stop.is_set():
        with lock:
            enough = counts["accepted"] > 20 and counts["declined"] > 5 and counts["states"] > 5
        if enough and time.monotonic() - started >= SECONDS:
            break
        time.sleep(0.2)
    stop.set()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert violations == []
    assert counts["accepted"] > 20, counts
    assert counts["declined"] > 5, counts
    assert counts["states"] > 5, counts
    assert counts["audits"] > 20, counts
    with psycopg.connect(libpq_url(postgres_url), autocommit=True) as conn:
        # over the whole run: no interaction was ever accepted by two agents
        twice = conn.execute("""SELECT interaction_id FROM routing_offers WHERE status = 'accepted'
                                GROUP BY interaction_id HAVING count(*) > 1""").fetchall()
        assert twice == []
        assert a.proc.poll() is None
        assert b.proc.poll() is None
