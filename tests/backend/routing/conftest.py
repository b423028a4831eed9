"""Routing test fixtures: the app with its worker off (tests run passes by hand, with a chosen clock)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backend.db import Database
from backend.interactions import service as interactions
from backend.main import create_app
from backend.routing.worker import TickResult, tick
from backend.settings import Settings
from tests.backend.conftest import Headers
from tests.backend.helpers import new_customer


@pytest.fixture
def client(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("HUITONG_ROUTING_TICK", "0")
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database(settings.database_url)
    yield database
    database.dispose()


@pytest.fixture
def run_pass(db: Database) -> Callable[..., TickResult]:
    def run(now: datetime | None = None) -> TickResult:
        return tick(db, now=now)

    return run


@pytest.fixture
def me(client: TestClient) -> Callable[[Headers], dict[str, Any]]:
    def get(headers: Headers) -> dict[str, Any]:
        r = client.get("/api/v1/routing/me", headers=headers)
        assert r.status_code == 200, r.text
        return dict(r.json())

    return get


@pytest.fixture
def make_queue(client: TestClient, admin: Headers) -> Callable[..., dict[str, Any]]:
    def make(
        name: str = "Support", channels: tuple[str, ...] = ("chat", "email"), **fields: Any
    ) -> dict[str, Any]:
        r = client.post(
            "/api/v1/routing/queues", headers=admin, json={"name": name, "channels": list(channels), **fields}
        )
        assert r.status_code == 201, r.text
        return dict(r.json())

    return make


@pytest.fixture
def go(client: TestClient) -> Callable[..., dict[str, Any]]:
    """Sets an agent's state through the API."""

    def put(headers: Headers, state: str, reason: str | None = None) -> dict[str, Any]:
        r = client.put("/api/v1/routing/me", headers=headers, json={"state": state, "reason_code": reason})
        assert r.status_code == 200, r.text
        return dict(r.json())

    return put


@pytest.fixture
def arrive(db: Database, client: TestClient, agent: Headers) -> Callable[..., int]:
    """A channel opening a queued interaction, as chat and e-mail do (queue_id=None → the default queue)."""

    def open_one(
        channel: str = "chat", customer_id: int | None = None, priority: int = 0, queue_id: int | None = None
    ) -> int:
        cid = customer_id or new_customer(client, agent, f"Customer {uuid.uuid4().hex[:6]}")["id"]
        with db.sessions() as session:
            interaction, _ = interactions.open_interaction(
                session,
                channel=channel,
                customer_id=cid,
                subject="Help",
                status="queued",
                priority=priority,
                queue_id=queue_id,
            )
            return interaction.id

    return open_one


@pytest.fixture
def agent2(as_user: Callable[[str], Headers]) -> Headers:
    return as_user("agent2")


def agent_id(client: TestClient, headers: Headers) -> int:
    return int(client.get("/api/v1/me", headers=headers).json()["id"])


def interaction(client: TestClient, headers: Headers, iid: int) -> dict[str, Any]:
    r = client.get(f"/api/v1/interactions/{iid}", headers=headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


@dataclass
class Desk:
    """The routing fixtures most tests set up together, as one: queues, agent states, arrivals, passes."""

    client: TestClient
    make_queue: Callable[..., dict[str, Any]]
    go: Callable[..., dict[str, Any]]
    arrive: Callable[..., int]
    run_pass: Callable[..., TickResult]
    me: Callable[[Headers], dict[str, Any]]

    def take(self, headers: Headers, iid: int) -> None:
        """The agent accepts their offer for this interaction."""
        offer = next(o for o in self.me(headers)["offers"] if o["interaction_id"] == iid)
        assert self.client.post(f"/api/v1/offers/{offer['id']}/accept", headers=headers).status_code == 200

    def answered(self, headers: Headers, channel: str = "chat", **arrival: Any) -> int:
        """This agent goes available, an interaction arrives, is offered to them and accepted: its id."""
        self.go(headers, "available")
        iid = self.arrive(channel, **arrival)
        self.run_pass()
        self.take(headers, iid)
        return iid


@pytest.fixture
def desk(client: TestClient, make_queue: Callable[..., dict[str, Any]], go: Callable[..., dict[str, Any]],
         arrive: Callable[..., int], run_pass: Callable[..., TickResult],
         me: Callable[[Headers], dict[str, Any]]) -> Desk:
    return Desk(client, make_queue, go, arrive, run_pass, me)
