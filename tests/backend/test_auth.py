"""Login, tokens, refresh rotation, logout, rate limit and role checks."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from backend.auth.tokens import issue_access_token
from backend.db import utcnow
from tests.backend.conftest import SECRET, Headers, login


def test_login_returns_tokens_and_agent(client: TestClient) -> None:
    tokens = login(client, "agent1")
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] == 900
    assert tokens["agent"] == {"id": tokens["agent"]["id"], "username": "agent1",  # type: ignore[index]
                               "display_name": "Agent One 一号", "role": "agent"}
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "agent1"


def test_wrong_password_is_refused_and_audited(client: TestClient, admin: Headers) -> None:
    r = client.post("/api/v1/auth/login", json={"username": "agent2", "password": "nope-nope"})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "invalid_credentials"
    audit = client.get("/api/v1/audit", headers=admin).json()["items"]
    actions = [(e["action"], e["actor_name"]) for e in audit]
    assert ("login_failed", "agent2") in actions
    assert ("login", "admin") in actions
    assert "nope-nope" not in str(audit)


def test_unknown_user_gets_the_same_answer(client: TestClient) -> None:
    r = client.post("/api/v1/auth/login", json={"username": "ghost", "password": "whatever1"})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "invalid_credentials"


def test_missing_and_garbage_tokens_are_401(client: TestClient) -> None:
    assert client.get("/api/v1/me").json()["error"]["code"] == "not_authenticated"
    r = client.get("/api/v1/me", headers={"Authorization": "Bearer not.a.jwt"})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "invalid_token"


def test_expired_access_token_says_token_expired(client: TestClient) -> None:
    agent_id = login(client, "agent1")["agent"]["id"]  # type: ignore[index]
    old = issue_access_token(secret=SECRET, agent_id=agent_id, role="agent", ttl_seconds=900,
                             now=utcnow() - timedelta(hours=1))
    r = client.get("/api/v1/me", headers={"Authorization": f"Bearer {old}"})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "token_expired"


def test_token_signed_with_another_key_is_refused(client: TestClient) -> None:
    forged = issue_access_token(secret="some-other-secret-key-0123456789", agent_id=1, role="admin",
                                ttl_seconds=900)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401


def test_refresh_rotates_and_a_reused_token_ends_that_login_everywhere(client: TestClient,
                                                                         admin: dict[str, str]) -> None:
    first = login(client, "agent1")
    other_login = login(client, "agent1")
    r = client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 200
    second = r.json()
    assert second["refresh_token"] != first["refresh_token"]
    reuse = client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401
    assert reuse.json()["error"]["code"] == "invalid_refresh_token"
    # The stolen copy came back, so the token it was rotated into is dead too…
    stolen_into = client.post("/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert stolen_into.status_code == 401
    # …but the agent's other login (another desk) is untouched, and the reuse is on the audit log.
    assert client.post("/api/v1/auth/refresh", json={"refresh_token": other_login["refresh_token"]}
                       ).status_code == 200
    actions = [e["action"] for e in client.get("/api/v1/audit", headers=admin).json()["items"]]
    assert "refresh_token_reuse" in actions


def test_logout_revokes_the_refresh_token(client: TestClient) -> None:
    tokens = login(client, "agent1")
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    r = client.post("/api/v1/auth/logout", headers=headers, json={"refresh_token": tokens["refresh_token"]})
    assert r.status_code == 204
    r = client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert r.status_code == 401


def test_five_failures_lock_the_user_at_that_address(client: TestClient) -> None:
    for _ in range(5):
        r = client.post("/api/v1/auth/login", json={"username": "agent2", "password": "wrong-pass"})
        assert r.status_code == 401
    r = client.post("/api/v1/auth/login", json={"username": "agent2", "password": "demo-pass-2026"})
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(r.headers["Retry-After"]) <= 300
    assert client.post("/api/v1/auth/login",
                       json={"username": "agent1", "password": "demo-pass-2026"}).status_code == 200


def test_agent_cannot_merge_or_read_audit_or_manage_agents(client: TestClient, agent: Headers) -> None:
    r = client.post("/api/v1/customers/1/merge", headers=agent, json={"source_id": 2})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden"
    assert client.get("/api/v1/audit", headers=agent).status_code == 403
    assert client.get("/api/v1/agents", headers=agent).status_code == 403


def test_supervisor_cannot_read_audit(client: TestClient, lead: Headers) -> None:
    assert client.get("/api/v1/audit", headers=lead).status_code == 403


def test_admin_creates_an_agent_who_can_log_in(client: TestClient, admin: Headers) -> None:
    r = client.post("/api/v1/agents", headers=admin, json={
        "username": "liu.yang", "display_name": "刘洋", "password": "s3cret-pass", "role": "agent"})
    assert r.status_code == 201
    assert login(client, "liu.yang", "s3cret-pass")["agent"]["display_name"] == "刘洋"  # type: ignore[index]
    dup = client.post("/api/v1/agents", headers=admin, json={
        "username": "liu.yang", "display_name": "x", "password": "s3cret-pass", "role": "agent"})
    assert dup.status_code == 409
    audit = client.get("/api/v1/audit", headers=admin).json()["items"]
    assert any(e["action"] == "agent_created" and e["detail"]["username"] == "liu.yang" for e in audit)
    assert "s3cret-pass" not in str(audit)
    names = [a["username"] for a in client.get("/api/v1/agents", headers=admin).json()["items"]]
    assert {"agent1", "agent2", "lead", "admin", "liu.yang"} <= set(names)
