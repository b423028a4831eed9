"""Interactions: the inbox list, messages both ways, idempotent replies, read state, ownership, closing."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backend.db import Database
from backend.interactions import service
from backend.settings import Settings
from tests.backend.conftest import Headers
from tests.backend.helpers import new_customer, timeline


@pytest.fixture
def inbound(settings: Settings) -> Callable[..., dict[str, Any]]:
    """Simulates a channel: a customer's message arriving on a new (or given) interaction."""
    def arrive(customer_id: int, body: str, channel: str = "chat", interaction_id: int | None = None
               ) -> dict[str, Any]:
        db = Database(settings.database_url)
        try:
            with db.sessions() as session:
                if interaction_id is None:
                    interaction, _ = service.open_interaction(
                        session, channel=channel, customer_id=customer_id, subject="Question")
                else:
                    interaction = service.get_interaction(session, interaction_id)
                message, _ = service.add_message(session, interaction, direction="in", body=body,
                                                 author_name="Visitor")
                return {"interaction_id": interaction.id, "message_id": message.id}
        finally:
            db.dispose()
    return arrive


def test_inbound_message_lists_as_unassigned_and_unread(client: TestClient, agent: Headers,
                                                        inbound: Callable[..., dict[str, Any]]) -> None:
    customer = new_customer(client, agent, "李雷")
    first = inbound(customer["id"], "你好，我的订单还没到")
    inbound(customer["id"], "订单号 A123", interaction_id=first["interaction_id"])
    r = client.get("/api/v1/interactions", headers=agent, params={"scope": "unassigned"})
    assert r.status_code == 200
    [row] = r.json()["items"]
    assert row["id"] == first["interaction_id"]
    assert (row["channel"], row["status"], row["unread"]) == ("chat", "queued", 2)
    assert row["preview"] == "订单号 A123"
    assert row["customer_name"] == "李雷"
    assert client.get("/api/v1/interactions", headers=agent, params={"scope": "mine"}).json()["items"] == []


def test_reply_claims_the_conversation_and_is_idempotent(client: TestClient, agent: Headers,
                                                         inbound: Callable[..., dict[str, Any]]) -> None:
    customer = new_customer(client, agent)
    iid = inbound(customer["id"], "Hello?")["interaction_id"]
    body = {"client_id": str(uuid.uuid4()), "body": "Hi, how can I help?"}
    first = client.post(f"/api/v1/interactions/{iid}/messages", headers=agent, json=body)
    again = client.post(f"/api/v1/interactions/{iid}/messages", headers=agent, json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    messages = client.get(f"/api/v1/interactions/{iid}/messages", headers=agent).json()["items"]
    assert [m["body"] for m in messages] == ["Hi, how can I help?", "Hello?"]
    assert messages[0]["delivery"] == "sent"  # no chat sender registered here: delivered in-app
    mine = client.get("/api/v1/interactions", headers=agent, params={"scope": "mine"}).json()["items"]
    assert [(m["id"], m["status"]) for m in mine] == [(iid, "active")]


def test_messages_land_on_the_customer_timeline_with_their_interaction(
        client: TestClient, agent: Headers, inbound: Callable[..., dict[str, Any]]) -> None:
    customer = new_customer(client, agent)
    iid = inbound(customer["id"], "Where is my parcel?", channel="email")["interaction_id"]
    client.post(f"/api/v1/interactions/{iid}/messages", headers=agent,
                json={"client_id": str(uuid.uuid4()), "body": "It ships today."})
    items = timeline(client, agent, customer["id"])["items"]
    messages = [(e["kind"], e["body"], e["payload"]["direction"]) for e in items if e["kind"] == "email"]
    assert messages == [("email", "It ships today.", "out"), ("email", "Where is my parcel?", "in")]
    states = [e["payload"]["action"] for e in items if e["kind"] == "interaction"]
    assert states == ["assigned", "created"]
    assert all(e["payload"]["interaction_id"] == iid for e in items if e["kind"] in ("email", "interaction"))


def test_another_agents_conversation_is_read_only_except_for_supervisors(
        client: TestClient, agent: Headers, as_user: Callable[[str], Headers], lead: Headers,
        inbound: Callable[..., dict[str, Any]]) -> None:
    customer = new_customer(client, agent)
    iid = inbound(customer["id"], "Hi")["interaction_id"]
    client.post(f"/api/v1/interactions/{iid}/messages", headers=agent,
                json={"client_id": str(uuid.uuid4()), "body": "mine now"})
    other = as_user("agent2")
    r = client.post(f"/api/v1/interactions/{iid}/messages", headers=other,
                    json={"client_id": str(uuid.uuid4()), "body": "stealing"})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "not_your_interaction"
    assert client.get(f"/api/v1/interactions/{iid}", headers=other).status_code == 200
    r = client.post(f"/api/v1/interactions/{iid}/messages", headers=lead,
                    json={"client_id": str(uuid.uuid4()), "body": "supervisor note", "internal": True})
    assert r.status_code == 201
    assert r.json()["direction"] == "internal"


def test_read_clears_unread_and_close_blocks_replies_until_reopened(
        client: TestClient, agent: Headers, inbound: Callable[..., dict[str, Any]]) -> None:
    customer = new_customer(client, agent)
    iid = inbound(customer["id"], "ping")["interaction_id"]
    assert client.post(f"/api/v1/interactions/{iid}/read", headers=agent).status_code == 204
    assert client.get(f"/api/v1/interactions/{iid}", headers=agent).json()["unread"] == 0
    assert client.post(f"/api/v1/interactions/{iid}/status", headers=agent,
                       json={"status": "closed"}).json()["status"] == "closed"
    r = client.post(f"/api/v1/interactions/{iid}/messages", headers=agent,
                    json={"client_id": str(uuid.uuid4()), "body": "late"})
    assert r.status_code == 409
    assert client.get("/api/v1/interactions", headers=agent, params={"status": "closed"}).json()["items"][0][
        "id"] == iid
    reopened = client.post(f"/api/v1/interactions/{iid}/status", headers=agent,
                           json={"status": "active"}).json()
    assert reopened["status"] == "active"
    assert reopened["assigned_agent_id"] is not None


def test_bad_input_is_refused_and_changes_nothing(client: TestClient, agent: Headers) -> None:
    assert client.get("/api/v1/interactions/999999", headers=agent).status_code == 404
    assert client.get("/api/v1/interactions", headers=agent, params={"status": "bogus"}).status_code == 422
    assert client.get("/api/v1/interactions", headers=agent, params={"before": "x"}).status_code == 400
    r = client.post("/api/v1/interactions", headers=agent, json={
        "client_id": str(uuid.uuid4()), "channel": "fax", "customer_id": 1})
    assert r.status_code == 422
    r = client.post("/api/v1/interactions", headers=agent, json={
        "client_id": str(uuid.uuid4()), "channel": "email", "customer_id": 424242})
    assert r.status_code == 404
    assert client.get("/api/v1/interactions", headers=agent, params={"status": "all"}).json()["items"] == []
    assert client.get("/api/v1/interactions").status_code == 401


def test_agent_started_interaction_and_paging(client: TestClient, agent: Headers) -> None:
    customer = new_customer(client, agent)
    ids = []
    for n in range(5):
        r = client.post("/api/v1/interactions", headers=agent, json={
            "client_id": str(uuid.uuid4()), "channel": "email", "customer_id": customer["id"],
            "subject": f"Follow-up {n}"})
        assert r.status_code == 201
        ids.append(r.json()["id"])
    page = client.get("/api/v1/interactions", headers=agent, params={"limit": 2, "scope": "mine"}).json()
    seen = [i["id"] for i in page["items"]]
    while page["next_before"] is not None:
        page = client.get("/api/v1/interactions", headers=agent,
                          params={"limit": 2, "scope": "mine", "before": page["next_before"]}).json()
        seen += [i["id"] for i in page["items"]]
    assert seen == list(reversed(ids))
