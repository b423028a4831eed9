"""Ephemeral live frames across server processes sharing one PostgreSQL: typing both ways between a visitor
on one process and agents on another (each frame delivered once, never echoed back), routing state and
offers changed on one process reaching an agent connected to the other, and the relay itself (oversized and
malformed payloads, a lost connection) on a real PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

import psycopg
import pytest
import requests
from websockets.sync.client import ClientConnection, connect

from backend.db import EPHEMERAL_CHANNEL, libpq_url
from backend.live.hub import LiveHub, Subscription
from backend.live.relay import MAX_PAYLOAD_BYTES, PgRelay
from backend.live.service import pg_listener
from tests.fixtures.server import ServerProcess

pytestmark = pytest.mark.postgres
Frame = dict[str, Any]
NO_POLL = {"HUITONG_ROUTING_LIVE_POLL": "600"}  # routing frames only when woken, never by the 1 s re-read


def _agent_socket(server: ServerProcess, token: str, topics: str = "") -> ClientConnection:
    head = int(requests.get(f"{server.url}/healthz", timeout=10).json()["seq"])
    url = f"{server.url.replace('http', 'ws')}/api/v1/live?token={token}&since={head}&topics={topics}"
    return connect(url, open_timeout=10)


def _until(ws: ClientConnection, match: Callable[[Frame], bool], timeout: float = 15) -> list[Frame]:
    """Frames received up to and including the first that matches (AssertionError if none in time)."""
    deadline, seen = time.monotonic() + timeout, list[Frame]()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"no matching frame; saw {[f.get('type') for f in seen][-20:]}")
        try:
            frame = json.loads(ws.recv(timeout=left))
        except TimeoutError:
            continue
        seen.append(frame)
        if match(frame):
            return seen


def _typing(party: str, active: bool, iid: int) -> Callable[[Frame], bool]:
    return lambda f: (f.get("type"), f.get("party"), f.get("active"), f.get("interaction_id")) == (
        "typing", party, active, iid)


def _visitor_session(server: ServerProcess) -> str:
    r = requests.post(f"{server.url}/api/v1/webchat/session", json={}, timeout=10)
    r.raise_for_status()
    return str(r.json()["token"])


def _visitor_says(server: ServerProcess, token: str, body: str) -> int:
    r = requests.post(f"{server.url}/api/v1/webchat/messages", headers={"X-Huitong-Visitor": token},
                      json={"client_id": str(uuid.uuid4()), "body": body}, timeout=10)
    assert r.status_code == 201, r.text
    return int(r.json()["interaction_id"])


def _agent_types(server: ServerProcess, token: str, iid: int, active: bool) -> None:
    r = requests.post(f"{server.url}/api/v1/interactions/{iid}/typing", json={"active": active}, timeout=10,
                      headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 204, r.text


def test_typing_crosses_processes_both_ways_once_each(
        server_factory: Callable[..., ServerProcess], postgres_url: str) -> None:
    a = server_factory(postgres_url)
    b = server_factory(postgres_url, seed=False)
    token_a, token_b = str(a.login("agent1")["access_token"]), str(b.login("agent2")["access_token"])
    visitor = _visitor_session(a)
    with _agent_socket(b, token_b) as agent_b, _agent_socket(a, token_a) as agent_a:
        iid = _visitor_says(a, visitor, "你好, is anyone there?")
        for ws in (agent_b, agent_a):  # the event proves each agent socket is subscribed
            _until(ws, lambda f: f.get("type") == "event" and f["event"]["kind"] == "chat")
        vws = connect(f"{a.url.replace('http', 'ws')}/api/v1/webchat/ws?token={visitor}&since=0",
                      open_timeout=10)
        with vws:
            hello = _until(vws, lambda f: f.get("type") == "hello")[-1]
            assert hello["interaction_id"] == iid
            vws.send(json.dumps({"type": "typing", "active": True}))
            got = _until(agent_b, _typing("visitor", True, iid))[-1]  # on the other process
            assert got == {"type": "typing", "interaction_id": iid, "party": "visitor", "active": True}

            _agent_types(b, token_b, iid, True)  # agent2 types on B: the visitor on A sees it
            assert _until(vws, lambda f: f.get("type") == "typing")[-1] == {
                "type": "typing", "interaction_id": iid, "active": True}
            # agent1 on A got the visitor's frame once (locally), not again from its own NOTIFY, which
            # PostgreSQL delivers before B's later one: everything up to B's agent typing frame
            seen_a = _until(agent_a, _typing("agent", True, iid))
            assert len([f for f in seen_a if _typing("visitor", True, iid)(f)]) == 1
            assert seen_a[-1]["author_name"] == "Agent Two 二号"

            vws.send(json.dumps({"type": "typing", "active": False}))  # a marker from A for B's socket
            seen_b = _until(agent_b, _typing("visitor", False, iid))
            assert len([f for f in seen_b if _typing("agent", True, iid)(f)]) == 1  # B's own, once


def test_routing_state_and_offer_made_on_b_reach_the_agent_connected_to_a(
        server_factory: Callable[..., ServerProcess], postgres_url: str) -> None:
    a = server_factory(postgres_url, HUITONG_ROUTING_TICK="0", **NO_POLL)  # A never routes by itself
    b = server_factory(postgres_url, seed=False, HUITONG_ROUTING_TICK="0.1", **NO_POLL)
    token_a, token_b = str(a.login("agent1")["access_token"]), str(b.login("agent1")["access_token"])
    with _agent_socket(a, token_a, "routing") as ws:
        first = _until(ws, lambda f: f.get("type") == "routing")[-1]  # on connecting
        assert first["me"]["state"] == "offline"
        r = requests.put(f"{b.url}/api/v1/routing/me", json={"state": "available"}, timeout=10,
                         headers={"Authorization": f"Bearer {token_b}"})
        assert r.status_code == 200, r.text
        _until(ws, lambda f: f.get("type") == "routing" and f["me"]["state"] == "available")
        iid = _visitor_says(b, _visitor_session(b), "I need help")  # queued, offered by B's worker
        offered = _until(ws, lambda f: f.get("type") == "routing" and iid in [
            o["interaction_id"] for o in f["me"]["offers"]])[-1]
        assert offered["to_agent_id"] == first["to_agent_id"]


class _Side:
    """One in-process hub with its own relay and LISTEN thread, as a server process has."""

    def __init__(self, url: str) -> None:
        self.relay = PgRelay(url, retry_seconds=0.2)
        self.hub = LiveHub(read_after=lambda _after, _limit: [], last_seq=lambda: 0, poll_interval=60,
                           listen=pg_listener(url, self.relay.receive, retry_first=0.2, retry_max=0.5),
                           relay=self.relay)
        self.sub: Subscription = self.hub.subscribe()

    async def frame(self, timeout: float = 10) -> Frame:
        return await asyncio.wait_for(self.sub.frames.get(), timeout)


async def _delivered(sender: _Side, receiver: _Side, mark: str, timeout: float = 15) -> Frame:
    """Publishes `mark` from sender until receiver gets it (a LISTEN that is reconnecting misses some)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sender.hub.publish({"type": "typing", "mark": mark})
        try:
            while True:
                frame = await receiver.frame(0.3)
                if frame.get("mark") == mark:
                    return frame
        except TimeoutError:
            continue
    raise AssertionError(f"{mark!r} never arrived")


def test_relay_refuses_oversized_ignores_garbage_and_survives_a_lost_connection(
        postgres_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="huitong.live")

    async def scenario() -> None:
        one, two = _Side(postgres_url), _Side(postgres_url)
        await one.hub.start()
        await two.hub.start()
        try:
            await _delivered(one, two, "warm-up")
            await _delivered(two, one, "warm-up too")  # both NOTIFY connections are open now
            await asyncio.sleep(0.5)  # repeats of the warm-ups, if any, have arrived: forget them all
            for side in (one, two):
                while not side.sub.frames.empty():
                    side.sub.frames.get_nowait()
            big = {"type": "typing", "mark": "big", "text": "字" * MAX_PAYLOAD_BYTES}
            one.hub.publish(big)
            assert (await one.frame())["mark"] == "big"  # still delivered on its own process
            with psycopg.connect(libpq_url(postgres_url), autocommit=True) as conn:
                for junk in ("not json", '{"no": "origin"}', '{"o": "x", "neither": 1}'):
                    conn.execute("SELECT pg_notify(%s, %s)", (EPHEMERAL_CHANNEL, junk))
            one.hub.publish({"type": "typing", "mark": "after"})
            assert (await two.frame())["mark"] == "after"  # the big one never went out, junk was skipped
            assert (await one.frame())["mark"] == "after"  # and one got "after" once: no echo
            assert one.sub.frames.empty()

            with psycopg.connect(libpq_url(postgres_url), autocommit=True) as conn:
                killed = conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                      "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                                      ).fetchone()
            assert killed is not None
            assert killed[0] >= 4  # both LISTEN and both NOTIFY connections
            await _delivered(one, two, "back", timeout=20)
            await _delivered(two, one, "back too", timeout=20)
        finally:
            await one.hub.stop()
            await two.hub.stop()

    asyncio.run(scenario())
    text = caplog.text
    assert "over the NOTIFY limit" in text
    assert text.count("ignored a malformed") == 4  # two bad payloads, seen by each side
    assert "neither frame nor signal" in text
    assert text.count("LISTEN connection failed") <= 2  # one line per outage per process, no flood
