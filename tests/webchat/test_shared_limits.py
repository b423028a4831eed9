"""Visitor rate limits hold across two real server processes sharing one PostgreSQL database (a visitor
never gets double the allowance by being spread over both), even for requests sent at the same moment."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from backend.channels.webchat import visitor_auth
from tests.fixtures.server import ServerProcess

H = "X-Huitong-Visitor"
LIMITS = {"HUITONG_WEBCHAT_MESSAGES_PER_MINUTE": "1", "HUITONG_WEBCHAT_MESSAGE_BURST": "6",
          "HUITONG_WEBCHAT_SESSIONS_PER_MINUTE": "9"}  # session burst = 3; refills are a minute away


def _post(server: ServerProcess, token: str, n: int) -> int:
    r = requests.post(f"{server.url}/api/v1/webchat/messages", headers={H: token}, timeout=30,
                      json={"client_id": str(uuid.uuid4()), "body": f"message {n}"})
    if r.status_code == 429:
        assert r.json()["error"]["code"] == "rate_limited"
        assert int(r.headers["Retry-After"]) >= 1
    return r.status_code


def _new_session(server: ServerProcess) -> int:
    return requests.post(f"{server.url}/api/v1/webchat/session", json={}, timeout=30).status_code


@pytest.mark.postgres
def test_two_server_processes_share_each_visitors_allowance(
        server_factory: Callable[..., ServerProcess], postgres_url: str) -> None:
    a = server_factory(postgres_url, **LIMITS)
    b = server_factory(postgres_url, seed=False, **LIMITS)
    sessions = [_new_session(s) for s in (a, b, a, b, a)]  # new visitor ids from one address
    assert sessions == [200, 200, 200, 429, 429]
    # the address has no new ids left; a visitor id signed with the servers' key (as one issued earlier)
    visitor = visitor_auth.sign(a.env["HUITONG_SECRET_KEY"], visitor_auth.new_visitor_id())
    with ThreadPoolExecutor(max_workers=8) as pool:  # 16 messages at once, half to each process
        codes = list(pool.map(lambda n: _post(a if n % 2 else b, visitor, n), range(16)))
    assert sorted(codes) == [201] * 6 + [429] * 10
    assert _post(a, visitor, 99) == 429
    assert _post(b, visitor, 100) == 429
    # the six accepted first messages, raced over two processes, opened one conversation, not several
    agent = {"Authorization": f"Bearer {a.login('agent1')['access_token']}"}
    items = requests.get(f"{b.url}/api/v1/interactions", headers=agent, timeout=30,
                         params={"channel": "chat", "status": "all", "limit": "100"}).json()["items"]
    visitor_id = visitor.split(".")[1]
    [chat] = [i for i in items if i["external_ref"] == visitor_id]
    messages = requests.get(f"{a.url}/api/v1/interactions/{chat['id']}/messages", headers=agent,
                            timeout=30).json()["items"]
    assert len(messages) == 6
