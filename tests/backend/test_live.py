"""Live events over WebSocket: auth, backlog then live, pings, resume after a cut, and two servers."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import socket
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import requests
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from backend.main import create_app
from backend.settings import Settings
from tests.backend.conftest import Headers, login
from tests.backend.helpers import new_customer, post_note
from tests.fixtures.server import ServerProcess


def test_bad_token_closes_with_4401(client: TestClient) -> None:
    with pytest.raises(WebSocketDisconnect) as err, \
            client.websocket_connect("/api/v1/live?token=garbage&since=0") as ws:
        ws.receive_json()
    assert err.value.code == 4401


def test_backlog_then_live_events_then_pings(settings: Settings) -> None:
    fast = dataclasses.replace(settings, ping_interval_seconds=0.3)
    with TestClient(create_app(fast)) as client:
        tokens = login(client, "agent1")
        headers: Headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        c = new_customer(client, headers)
        early = post_note(client, headers, c["id"], "before connecting")
        with client.websocket_connect(f"/api/v1/live?token={tokens['access_token']}&since=0") as ws:
            backlog = [ws.receive_json(), ws.receive_json()]
            assert [f["event"]["kind"] for f in backlog] == ["profile", "note"]
            assert backlog[1]["event"]["seq"] == early["seq"]
            late = post_note(client, headers, c["id"], "while connected")
            frame = ws.receive_json()
            while frame["type"] == "ping":
                frame = ws.receive_json()
            assert frame == {"type": "event", "event": late}
            assert ws.receive_json() == {"type": "ping"}


def _ws(server: ServerProcess, token: str, since: int) -> ClientConnection:
    return connect(f"{server.url.replace('http', 'ws')}/api/v1/live?token={token}&since={since}",
                   open_timeout=10)


def _next_event(ws: ClientConnection, timeout: float = 10) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        frame = json.loads(ws.recv(timeout=max(0.1, deadline - time.monotonic())))
        if frame["type"] == "event":
            return dict(frame["event"])


def _post(server: ServerProcess, token: str, customer_id: int, body: str) -> dict[str, Any]:
    r = requests.post(f"{server.url}/api/v1/customers/{customer_id}/timeline", timeout=10,
                      headers={"Authorization": f"Bearer {token}"},
                      json={"client_id": str(uuid.uuid4()), "kind": "chat", "channel": "web", "body": body})
    assert r.status_code == 201, r.text
    return dict(r.json())


def _head(server: ServerProcess) -> int:
    return int(requests.get(f"{server.url}/healthz", timeout=10).json()["seq"])


def test_resume_after_a_cut_gets_everything_missed_in_order(live_server: ServerProcess) -> None:
    token = str(live_server.login()["access_token"])
    seeded = _head(live_server)
    assert seeded > 300  # the demo data
    with contextlib.suppress(ConnectionClosed, OSError), _ws(live_server, token, 0) as ws:
        got = [_next_event(ws)["seq"] for _ in range(120)]
        ws.socket.shutdown(socket.SHUT_RDWR)  # cut mid-stream, no closing handshake
    posted = [_post(live_server, token, 1 + i % 5, f"消息 {i}")["seq"] for i in range(25)]
    with _ws(live_server, token, got[-1]) as ws:
        head = _head(live_server)
        assert head == posted[-1]
        while got[-1] < head:
            got.append(_next_event(ws)["seq"])
        live = _post(live_server, token, 2, "after resume")
        got.append(_next_event(ws)["seq"])
    assert got == list(range(1, live["seq"] + 1))  # no gaps, no duplicates, strictly increasing


@pytest.mark.postgres
def test_event_posted_to_server_a_reaches_a_websocket_client_of_server_b(
        server_factory: Callable[..., ServerProcess], postgres_url: str) -> None:
    a = server_factory(postgres_url)
    b = server_factory(postgres_url)
    token_a, token_b = str(a.login("agent1")["access_token"]), str(b.login("agent2")["access_token"])
    head = _head(b)
    with _ws(b, token_b, head) as ws:
        time.sleep(0.3)
        sent = [_post(a, token_a, 3, f"from A {i}") for i in range(3)]
        received = [_next_event(ws) for _ in range(3)]
    assert [e["seq"] for e in received] == [e["seq"] for e in sent]
    assert received[0]["body"] == "from A 0"
