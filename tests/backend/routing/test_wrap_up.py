"""Wrap-up, after-call work, transfer with context, overflow, sticky routing and queue figures."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from backend.db import utcnow
from tests.backend.conftest import Headers
from tests.backend.helpers import timeline
from tests.backend.routing.conftest import Desk, agent_id, interaction

Json = dict[str, Any]


def test_a_call_ends_in_after_call_work_and_wrap_up_needs_a_disposition(
    client: TestClient, agent: Headers, admin: Headers, desk: Desk
) -> None:
    desk.make_queue("Sales", channels=("voice",), is_default=True, disposition_required=True)
    client.put("/api/v1/routing/dispositions/sold", headers=admin, json={"label": "Sold 已成交"})
    assert client.get("/api/v1/routing/dispositions", headers=agent).json() == [
        {"code": "sold", "label": "Sold 已成交"}
    ]
    iid = desk.answered(agent, "voice")
    r = client.post(f"/api/v1/interactions/{iid}/end", headers=agent)
    assert (r.status_code, r.json()["status"]) == (200, "wrap_up")
    state = desk.me(agent)
    assert state["state"] == "after_call_work"
    assert state["acw_until"] is not None
    # nothing offered during after-call work
    assert desk.run_pass().offered == 0 or desk.me(agent)["offers"] == []
    body = {"client_id": str(uuid.uuid4()), "note": "Wants the blue one"}
    r = client.post(f"/api/v1/interactions/{iid}/wrap_up", headers=agent, json=body)
    assert (r.status_code, r.json()["error"]["code"]) == (422, "disposition_required")
    r = client.post(
        f"/api/v1/interactions/{iid}/wrap_up", headers=agent, json={**body, "disposition": "nope"}
    )
    assert (r.status_code, r.json()["error"]["code"]) == (422, "unknown_disposition")
    assert interaction(client, agent, iid)["status"] == "wrap_up"  # a refused wrap-up changed nothing
    done = client.post(
        f"/api/v1/interactions/{iid}/wrap_up", headers=agent, json={**body, "disposition": "sold"}
    )
    assert (done.status_code, done.json()["status"]) == (200, "closed")
    again = client.post(
        f"/api/v1/interactions/{iid}/wrap_up", headers=agent, json={**body, "disposition": "sold"}
    )
    assert again.status_code == 200  # the same client_id: a harmless retry
    other = client.post(
        f"/api/v1/interactions/{iid}/wrap_up",
        headers=agent,
        json={"client_id": str(uuid.uuid4()), "disposition": "sold"},
    )
    assert other.status_code == 409
    notes = [e for e in timeline(client, agent, done.json()["customer_id"])["items"] if e["kind"] == "note"]
    assert [(n["body"], n["payload"]["disposition"]) for n in notes] == [
        ("Sold 已成交: Wants the blue one", "sold")
    ]
    assert desk.me(agent)["state"] == "available"


def test_after_call_work_ends_when_its_timer_runs_out(client: TestClient, agent: Headers, desk: Desk) -> None:
    desk.make_queue("Sales", channels=("voice",), is_default=True)
    iid = desk.answered(agent, "voice")
    client.post(f"/api/v1/interactions/{iid}/end", headers=agent)
    assert desk.me(agent)["state"] == "after_call_work"
    assert desk.run_pass(utcnow() + timedelta(seconds=31)).acw_ended == 1  # voice: 30 s by default
    assert desk.me(agent)["state"] == "available"


def test_transfer_to_an_agent_carries_the_note_and_falls_back_to_the_queue(
    client: TestClient, agent: Headers, agent2: Headers, desk: Desk
) -> None:
    desk.make_queue(is_default=True)
    iid = desk.answered(agent, "chat")
    second = agent_id(client, agent2)
    r = client.post(
        f"/api/v1/interactions/{iid}/transfer", headers=agent, json={"agent_id": second, "note": "x"}
    )
    assert (r.status_code, r.json()["error"]["code"]) == (409, "agent_unavailable")  # agent2 is offline
    desk.go(agent2, "available")
    r = client.post(
        f"/api/v1/interactions/{iid}/transfer",
        headers=agent,
        json={"agent_id": second, "note": "Refund approved, please confirm the address"},
    )
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["assigned_agent_id"]) == ("queued", None)
    desk.run_pass()
    [offer] = desk.me(agent2)["offers"]
    assert (offer["interaction_id"], offer["reason"]) == (iid, "target")
    assert offer["note"] == "Refund approved, please confirm the address"
    messages = client.get(f"/api/v1/interactions/{iid}/messages", headers=agent2).json()["items"]
    assert [(m["direction"], m["body"]) for m in messages] == [
        ("internal", "Refund approved, please confirm the address")
    ]
    client.post(f"/api/v1/offers/{offer['id']}/decline", headers=agent2)
    desk.run_pass()  # the target said no: the queue takes over, but not back to the agent who transferred it
    assert desk.me(agent)["offers"] == []
    assert desk.me(agent2)["offers"] == []
    events = [
        e["payload"]
        for e in timeline(client, agent, interaction(client, agent, iid)["customer_id"])["items"]
        if e["kind"] == "interaction"
    ]
    transferred = next(p for p in events if p["action"] == "transferred")
    assert (transferred["from_agent_id"], transferred["to_agent_id"]) == (agent_id(client, agent), second)


def test_transfer_to_a_queue_and_who_may_transfer(
    client: TestClient, agent: Headers, agent2: Headers, desk: Desk
) -> None:
    desk.make_queue(is_default=True)
    billing = desk.make_queue("Billing", channels=("chat",), skills={"billing": 2})
    iid = desk.answered(agent, "chat")
    r = client.post(f"/api/v1/interactions/{iid}/transfer", headers=agent2, json={"queue_id": billing["id"]})
    assert (r.status_code, r.json()["error"]["code"]) == (403, "not_your_interaction")
    r = client.post(f"/api/v1/interactions/{iid}/transfer", headers=agent, json={})
    assert r.status_code == 422
    r = client.post(f"/api/v1/interactions/{iid}/transfer", headers=agent, json={"queue_id": 999})
    assert (r.status_code, r.json()["error"]["code"]) == (404, "queue_not_found")
    r = client.post(
        f"/api/v1/interactions/{iid}/transfer",
        headers=agent,
        json={"queue_id": billing["id"], "note": "Invoice question"},
    )
    assert (r.status_code, r.json()["queue_id"]) == (200, billing["id"])
    desk.go(agent2, "available")
    desk.run_pass()
    assert desk.me(agent2)["offers"] == []  # agent2 lacks the billing skill
    pos = client.get(f"/api/v1/interactions/{iid}/queue_position", headers=agent).json()
    assert (pos["waiting"], pos["position"]) == (True, 1)


def test_overflow_to_another_queue_after_a_wait(client: TestClient, agent: Headers, desk: Desk) -> None:
    general = desk.make_queue("General", channels=("chat",))
    vip = desk.make_queue(
        "VIP",
        channels=("chat",),
        skills={"vip": 1},
        is_default=True,
        overflow_queue_id=general["id"],
        overflow_after_seconds=60,
    )
    desk.go(agent, "available")
    iid = desk.arrive("chat")
    desk.run_pass()
    assert desk.me(agent)["offers"] == []
    assert interaction(client, agent, iid)["queue_id"] == vip["id"]
    desk.run_pass(utcnow() + timedelta(seconds=61))
    [offer] = desk.me(agent)["offers"]
    assert (offer["interaction_id"], offer["queue_id"]) == (iid, general["id"])


def test_sticky_routing_prefers_the_customers_last_agent(
    client: TestClient, agent: Headers, agent2: Headers, desk: Desk
) -> None:
    desk.make_queue(is_default=True, sticky_seconds=3600, strategy="round_robin")
    first = desk.answered(agent2, "chat")
    customer = interaction(client, agent2, first)["customer_id"]
    client.post(
        f"/api/v1/interactions/{first}/wrap_up", headers=agent2, json={"client_id": str(uuid.uuid4())}
    )
    desk.go(agent, "available")
    for _ in range(3):  # round robin would alternate; the customer's last agent gets every return visit
        again = desk.arrive("chat", customer_id=customer)
        desk.run_pass()
        [offer] = desk.me(agent2)["offers"]
        assert (offer["interaction_id"], offer["reason"]) == (again, "sticky")
        client.post(f"/api/v1/offers/{offer['id']}/accept", headers=agent2)
        client.post(
            f"/api/v1/interactions/{again}/wrap_up", headers=agent2, json={"client_id": str(uuid.uuid4())}
        )


def test_queue_figures_show_waiting_agents_and_sla(
    client: TestClient, agent: Headers, admin: Headers, agent2: Headers, desk: Desk
) -> None:
    queue = desk.make_queue(is_default=True)
    waiting = [desk.arrive("chat") for _ in range(3)]
    figures = client.get(f"/api/v1/routing/queues/{queue['id']}/figures", headers=agent).json()
    assert (figures["waiting"], figures["agents_available"], figures["sla_answer_percent"]) == (0, 0, None)
    desk.run_pass()  # takes them into the queue; nobody is available
    figures = client.get(f"/api/v1/routing/queues/{queue['id']}/figures", headers=agent).json()
    assert (figures["waiting"], figures["agents_available"], figures["estimated_wait_seconds"]) == (
        3,
        0,
        None,
    )
    assert figures["longest_wait_seconds"] >= 0
    client.put(
        f"/api/v1/routing/agents/{agent_id(client, agent)}", headers=admin, json={"capacity": {"chat": 1}}
    )
    desk.go(agent, "available")
    desk.go(agent2, "busy")
    desk.run_pass()
    desk.take(agent, waiting[0])
    [row] = client.get("/api/v1/routing/figures", headers=agent).json()
    assert (row["waiting"], row["answered"], row["agents_staffed"]) == (2, 1, 2)
    assert row["sla_answer_percent"] == 100.0  # answered within chat's 30 s
    assert row["estimated_wait_seconds"] is not None
    pos = client.get(f"/api/v1/interactions/{waiting[2]}/queue_position", headers=agent).json()
    assert (pos["waiting"], pos["position"]) == (True, 2)


def test_queue_admin_is_for_admins_and_refuses_bad_input(
    client: TestClient, agent: Headers, admin: Headers, desk: Desk
) -> None:
    r = client.post("/api/v1/routing/queues", headers=agent, json={"name": "X", "channels": ["chat"]})
    assert r.status_code == 403
    r = client.post(
        "/api/v1/routing/queues",
        headers=admin,
        json={"name": "X", "channels": ["chat"], "strategy": "random"},
    )
    assert r.status_code == 422
    r = client.post("/api/v1/routing/queues", headers=admin, json={"name": "X", "channels": ["fax"]})
    assert r.status_code == 422
    first = desk.make_queue("Sales", channels=("voice",), number="8001")
    r = client.post("/api/v1/routing/queues", headers=admin, json={"name": "Sales", "channels": ["chat"]})
    assert (r.status_code, r.json()["error"]["code"]) == (409, "already_exists")
    r = client.put(
        f"/api/v1/routing/queues/{first['id']}", headers=admin, json={"overflow_queue_id": first["id"]}
    )
    assert (r.status_code, r.json()["error"]["code"]) == (422, "invalid_overflow")
    r = client.put(f"/api/v1/routing/queues/{first['id']}", headers=admin, json={"strategy": "least_busy"})
    assert r.json()["strategy"] == "least_busy"
    assert client.delete(f"/api/v1/routing/queues/{first['id']}", headers=admin).status_code == 204
    assert client.get("/api/v1/routing/queues", headers=agent).json() == []
    r = client.put("/api/v1/routing/channels/chat", headers=admin, json={"offer_timeout_seconds": 15})
    assert r.json()["offer_timeout_seconds"] == 15
