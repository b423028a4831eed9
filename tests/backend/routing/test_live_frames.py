"""Agent state, offers (new / withdrawn / expired) and queue figures arrive on the live WebSocket as frames
addressed to the agent, and a new connection gets the current state at once (real server app, SQLite/PG)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketTestSession

from backend.db import utcnow
from backend.main import create_app
from backend.routing.worker import TickResult
from backend.settings import Settings
from tests.backend.conftest import Headers
from tests.backend.routing.conftest import agent_id

Frame = dict[str, Any]


@pytest.fixture
def client(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """The routing test app, pinging every 0.3 s so a test never blocks long on a quiet socket."""
    monkeypatch.setenv("HUITONG_ROUTING_TICK", "0")
    with TestClient(create_app(dataclasses.replace(settings, ping_interval_seconds=0.3))) as c:
        yield c


def token(headers: Headers) -> str:
    return headers["Authorization"].split(" ", 1)[1]


def next_frame(ws: WebSocketTestSession, kind: str, match: Callable[[Frame], bool] = lambda f: True,
               timeout: float = 8.0) -> Frame:
    """The next frame of `kind` that matches, skipping pings, events and others (within `timeout`)."""
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    while time.monotonic() < deadline:
        frame = ws.receive_json()
        if frame.get("type") == kind and match(frame):
            return dict(frame)
        seen.append(str(frame.get("type")))
    raise AssertionError(f"no matching {kind} frame; saw {seen[-20:]}")


def test_state_and_offers_arrive_live_only_to_their_agent(
    client: TestClient, agent: Headers, agent2: Headers, make_queue: Callable[..., dict[str, Any]],
    go: Callable[..., dict[str, Any]], arrive: Callable[..., int], run_pass: Callable[..., TickResult],
) -> None:
    make_queue(is_default=True)
    me1, me2 = agent_id(client, agent), agent_id(client, agent2)
    with client.websocket_connect(f"/api/v1/live?token={token(agent)}&since=0&topics=routing") as ws1, \
            client.websocket_connect(f"/api/v1/live?token={token(agent2)}&since=0&topics=routing") as ws2:
        first = next_frame(ws1, "routing")  # on connecting: the current state, unasked
        assert (first["to_agent_id"], first["me"]["state"], first["me"]["offers"]) == (me1, "offline", [])
        assert next_frame(ws2, "routing")["me"]["agent_id"] == me2
        next_frame(ws1, "queue_figures")
        go(agent, "available")
        assert next_frame(ws1, "routing", lambda f: f["me"]["state"] == "available")["to_agent_id"] == me1
        iid = arrive("chat")
        assert run_pass().offered == 1
        offered = next_frame(ws1, "routing", lambda f: bool(f["me"]["offers"]))["me"]
        [offer] = offered["offers"]
        assert offer["interaction_id"] == iid
        assert offered["server_time"] is not None
        figures = next_frame(ws1, "queue_figures", lambda f: f["figures"][0]["waiting"] == 1)
        assert figures["figures"][0]["agents_available"] == 1  # agent1 still has chat slots free
        go(agent, "offline")  # leaving: the offer is withdrawn
        gone = next_frame(ws1, "routing", lambda f: f["me"]["state"] == "offline")["me"]
        assert gone["offers"] == []
        # agent2 heard nothing about agent1: every routing frame on its socket was its own
        go(agent2, "available")
        seen = next_frame(ws2, "routing", lambda f: f["me"]["state"] == "available")
        assert seen["to_agent_id"] == me2


def test_an_expired_offer_leaves_and_a_reconnect_shows_the_countdown_where_it_is(
    client: TestClient, agent: Headers, make_queue: Callable[..., dict[str, Any]],
    go: Callable[..., dict[str, Any]], arrive: Callable[..., int], run_pass: Callable[..., TickResult],
) -> None:
    make_queue(is_default=True)
    go(agent, "available")
    with client.websocket_connect(f"/api/v1/live?token={token(agent)}&since=0&topics=routing") as ws:
        next_frame(ws, "routing")
        arrive("chat")
        run_pass()
        [offer] = next_frame(ws, "routing", lambda f: bool(f["me"]["offers"]))["me"]["offers"]
    time.sleep(1.0)
    with client.websocket_connect(f"/api/v1/live?token={token(agent)}&since=0&topics=routing") as ws:
        again = next_frame(ws, "routing", timeout=3.0)["me"]  # at once, not at the next change
        [same] = again["offers"]
        assert same["id"] == offer["id"]
        assert same["expires_at"] == offer["expires_at"]
        left = (_when(same["expires_at"]) - _when(again["server_time"])).total_seconds()
        whole = (_when(same["expires_at"]) - _when(same["created_at"])).total_seconds()
        assert 0 < left <= whole - 1.0  # the countdown went on while we were away
        run_pass(utcnow() + timedelta(seconds=whole + 1))  # the worker's sweep after the countdown
        assert next_frame(ws, "routing", lambda f: not f["me"]["offers"])["me"]["state"] == "available"


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
