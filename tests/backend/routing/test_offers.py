"""Offers end to end on SQLite and PostgreSQL: arrival, offer, accept, decline, timeout, state, capacity."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from backend.db import utcnow
from tests.backend.conftest import Headers
from tests.backend.helpers import timeline
from tests.backend.routing.conftest import Desk, agent_id, interaction


def test_a_queued_chat_is_offered_to_the_available_agent_who_accepts_it(
    client: TestClient, agent: Headers, desk: Desk
) -> None:
    queue = desk.make_queue(is_default=True)
    desk.go(agent, "available")
    iid = desk.arrive("chat")
    assert desk.run_pass().offered == 1
    [offer] = desk.me(agent)["offers"]
    assert (offer["interaction_id"], offer["queue_id"], offer["channel"]) == (iid, queue["id"], "chat")
    row = interaction(client, agent, iid)
    assert (row["status"], row["queue_id"], row["assigned_agent_id"]) == ("offered", queue["id"], None)
    offered = [
        e["payload"]
        for e in timeline(client, agent, row["customer_id"])["items"]
        if e["kind"] == "interaction" and e["payload"]["action"] == "offered"
    ]
    assert offered[0]["offered_agent_id"] == agent_id(client, agent)
    assert offered[0]["expires_at"].endswith("Z")
    r = client.post(f"/api/v1/offers/{offer['id']}/accept", headers=agent)
    assert (r.status_code, r.json()["status"]) == (200, "accepted")
    assert client.post(f"/api/v1/offers/{offer['id']}/accept", headers=agent).status_code == 200  # retry
    row = interaction(client, agent, iid)
    assert (row["status"], row["assigned_agent_id"]) == ("active", agent_id(client, agent))
    assert desk.me(agent)["load"] == {"chat": 1}


def test_decline_and_timeout_reoffer_to_the_next_agent(
    client: TestClient, agent: Headers, agent2: Headers, desk: Desk
) -> None:
    desk.make_queue(is_default=True)
    desk.go(agent, "available")
    desk.go(agent2, "available")
    iid = desk.arrive("chat")
    desk.run_pass()
    first = next(h for h in (agent, agent2) if desk.me(h)["offers"])
    second = agent2 if first is agent else agent
    offer = desk.me(first)["offers"][0]
    other = client.post(f"/api/v1/offers/{offer['id']}/accept", headers=second)
    assert (other.status_code, other.json()["error"]["code"]) == (403, "not_your_offer")
    assert client.post(f"/api/v1/offers/{offer['id']}/decline", headers=first).json()["status"] == "declined"
    assert interaction(client, agent, iid)["status"] == "queued"
    desk.run_pass()
    assert desk.me(first)["offers"] == []
    [again] = desk.me(second)["offers"]
    assert again["interaction_id"] == iid
    # the second agent lets the countdown run out: nobody else may have it for now, so it waits
    assert desk.run_pass(utcnow() + timedelta(seconds=31)).expired == 1
    assert interaction(client, agent, iid)["status"] == "queued"
    assert desk.me(first)["offers"] == desk.me(second)["offers"] == []
    late = client.post(f"/api/v1/offers/{again['id']}/accept", headers=second)
    assert (late.status_code, late.json()["error"]["code"]) == (409, "offer_gone")
    # after a while both may be asked again rather than the chat starving
    desk.run_pass(utcnow() + timedelta(seconds=200))
    assert len(desk.me(first)["offers"]) + len(desk.me(second)["offers"]) == 1


def test_capacity_is_per_channel_and_a_call_blocks_new_chats(
    client: TestClient, agent: Headers, admin: Headers, desk: Desk
) -> None:
    desk.make_queue("All", channels=("voice", "chat", "email"), is_default=True)
    r = client.put(
        f"/api/v1/routing/agents/{agent_id(client, agent)}",
        headers=admin,
        json={"capacity": {"voice": 1, "chat": 2, "email": 1}},
    )
    assert r.status_code == 200, r.text
    desk.go(agent, "available")
    chats = [desk.arrive("chat") for _ in range(3)]
    mails = [desk.arrive("email") for _ in range(2)]
    desk.run_pass()
    offered = sorted(o["interaction_id"] for o in desk.me(agent)["offers"])
    assert offered == sorted([*chats[:2], mails[0]])  # 2 chats + 1 e-mail, the rest wait
    for offer in desk.me(agent)["offers"]:
        client.post(f"/api/v1/offers/{offer['id']}/decline", headers=agent)
    call = desk.arrive("voice", priority=100)  # urgent: routed before the older chats
    desk.run_pass(utcnow() + timedelta(seconds=120))  # declines forgotten: all may be offered again
    now_offered = {o["interaction_id"]: o for o in desk.me(agent)["offers"]}
    assert call in now_offered
    assert not set(chats) & set(now_offered)  # a call in hand blocks chats
    assert mails[0] in now_offered  # but not e-mail


def test_state_changes_need_reasons_for_breaks_and_are_logged(
    client: TestClient, agent: Headers, admin: Headers, lead: Headers, desk: Desk
) -> None:
    assert desk.me(agent)["state"] == "offline"
    r = client.put("/api/v1/routing/me", headers=agent, json={"state": "break"})
    assert (r.status_code, r.json()["error"]["code"]) == (422, "reason_required")
    r = client.put("/api/v1/routing/me", headers=agent, json={"state": "break", "reason_code": "lunch"})
    assert (r.status_code, r.json()["error"]["code"]) == (422, "unknown_reason")
    assert (
        client.put("/api/v1/routing/reasons/lunch", headers=agent, json={"label": "Lunch"}).status_code == 403
    )
    assert (
        client.put("/api/v1/routing/reasons/lunch", headers=admin, json={"label": "Lunch 午餐"}).status_code
        == 201
    )
    assert client.get("/api/v1/routing/reasons", headers=agent).json() == [
        {"code": "lunch", "label": "Lunch 午餐"}
    ]
    desk.go(agent, "available")
    state = desk.go(agent, "break", "lunch")
    assert (state["state"], state["reason_code"]) == ("break", "lunch")
    r = client.put("/api/v1/routing/me", headers=agent, json={"state": "after_call_work"})
    assert r.status_code == 422  # only the system puts an agent in after-call work
    me_id = agent_id(client, agent)
    assert client.get(f"/api/v1/routing/agents/{me_id}/history", headers=agent).status_code == 403
    history = client.get(f"/api/v1/routing/agents/{me_id}/history", headers=lead).json()
    assert [(h["state"], h["reason_code"], h["previous_state"]) for h in history] == [
        ("break", "lunch", "available"),
        ("available", None, "offline"),
    ]
    assert history[0]["started_at"] >= history[1]["started_at"]


def test_going_on_break_hands_pending_offers_back(
    client: TestClient, agent: Headers, agent2: Headers, admin: Headers, desk: Desk
) -> None:
    desk.make_queue(is_default=True)
    client.put("/api/v1/routing/reasons/training", headers=admin, json={"label": "Training"})
    desk.go(agent, "available")
    iid = desk.arrive("chat")
    desk.run_pass()
    assert desk.me(agent)["offers"][0]["interaction_id"] == iid
    desk.go(agent, "break", "training")
    assert desk.me(agent)["offers"] == []
    assert interaction(client, agent, iid)["status"] == "queued"
    desk.go(agent2, "available")
    desk.run_pass()
    assert desk.me(agent2)["offers"][0]["interaction_id"] == iid
