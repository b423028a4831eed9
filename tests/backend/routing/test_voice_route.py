"""The voice queue service route Kamailio asks: wait with a position, then the agent to ring; abandon."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backend.main import create_app
from backend.settings import Settings
from tests.backend.conftest import Headers
from tests.backend.helpers import timeline
from tests.backend.routing.conftest import agent_id, interaction

Json = dict[str, Any]


def ask(
    client: TestClient, call_id: str, caller: str = "+86 138 0013 8000", queue: str = "8001", **params: str
) -> Json:
    r = client.post(
        "/api/v1/voice/route", json={"call_id": call_id, "caller": caller, "queue": queue}, params=params
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_a_caller_waits_in_line_then_rings_the_agent_who_becomes_free(
    client: TestClient,
    agent: Headers,
    make_queue: Callable[..., Json],
    go: Callable[..., Json],
    me: Callable[[Headers], Json],
) -> None:
    make_queue("Sales line", channels=("voice",), number="8001")
    first = ask(client, "call-1@host")
    second = ask(client, "call-2@host", caller="+86 139 0000 0001")
    assert (first["action"], first["position"]) == ("wait", 1)
    assert (second["action"], second["position"]) == ("wait", 2)
    assert ask(client, "call-1@host")["interaction_id"] == first["interaction_id"]  # asking again: same call
    call = interaction(client, agent, first["interaction_id"])
    assert (call["channel"], call["status"], call["external_ref"]) == ("voice", "queued", "call-1@host")
    customer = client.get(f"/api/v1/customers/{call['customer_id']}", headers=agent).json()
    assert [i["value"] for i in customer["identities"]] == ["+8613800138000"]
    go(agent, "available")
    routed = ask(client, "call-1@host")
    assert (routed["action"], routed["sip_username"], routed["agent_id"]) == (
        "route",
        "agent1",
        agent_id(client, agent),
    )
    assert me(agent)["offers"][0]["id"] == routed["offer_id"]
    text = client.get(
        "/api/v1/voice/route", params={"call_id": "call-1@host", "queue": "8001", "format": "text"}
    )
    assert text.text == f"route;agent1;{first['interaction_id']}"
    assert (
        client.get(
            "/api/v1/voice/route", params={"call_id": "call-2@host", "queue": "8001", "format": "text"}
        ).text
        == "wait;1"
    )


def test_a_caller_who_hangs_up_while_waiting_is_recorded_as_abandoned(
    client: TestClient, agent: Headers, make_queue: Callable[..., Json]
) -> None:
    make_queue("Sales line", channels=("voice",), number="8001")
    waiting = ask(client, "gone@host")
    r = client.post("/api/v1/voice/abandoned", data={"call_id": "gone@host"})
    assert r.json() == {"call_id": "gone@host", "recorded": "abandoned"}
    call = interaction(client, agent, waiting["interaction_id"])
    assert call["status"] == "abandoned"
    assert ask(client, "gone@host")["action"] == "gone"
    actions = [
        e["payload"]["action"]
        for e in timeline(client, agent, call["customer_id"])["items"]
        if e["kind"] == "interaction"
    ]
    assert actions[0] == "abandoned"
    figures = client.get("/api/v1/routing/figures", headers=agent).json()
    assert figures[0]["abandoned"] == 1
    assert (
        client.post("/api/v1/voice/abandoned", json={"call_id": "never-seen"}).json()["recorded"] == "unknown"
    )


def test_unknown_queue_number_and_bad_input_are_refused(
    client: TestClient, make_queue: Callable[..., Json]
) -> None:
    make_queue("Chat only", channels=("chat",))
    r = client.post("/api/v1/voice/route", json={"call_id": "x", "caller": "+8613800138000", "queue": "9999"})
    assert (r.status_code, r.json()["error"]["code"]) == (404, "queue_not_found")
    r = client.post("/api/v1/voice/route", json={"caller": "+8613800138000", "queue": "9999"})
    assert r.status_code == 422


def test_an_anonymous_caller_still_gets_a_customer(
    client: TestClient, agent: Headers, make_queue: Callable[..., Json]
) -> None:
    make_queue("Sales line", channels=("voice",), number="8001")
    answer = ask(client, "anon@host", caller="anonymous")
    call = interaction(client, agent, answer["interaction_id"])
    assert call["customer_name"] == "anonymous"


@pytest.fixture
def guarded(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("HUITONG_ROUTING_TICK", "0")
    monkeypatch.setenv("HUITONG_VOICE_ROUTE_SECRET", "kamailio-shared-secret-123")
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_with_a_secret_configured_the_header_must_match(guarded: TestClient) -> None:
    body = {"call_id": "c", "caller": "+8613800138000", "queue": "8001"}
    r = guarded.post("/api/v1/voice/route", json=body)
    assert (r.status_code, r.json()["error"]["code"]) == (401, "not_authenticated")
    r = guarded.post("/api/v1/voice/route", json=body, headers={"X-Huitong-Voice-Secret": "wrong"})
    assert r.status_code == 401
    r = guarded.post(
        "/api/v1/voice/route", json=body, headers={"X-Huitong-Voice-Secret": "kamailio-shared-secret-123"}
    )
    assert (r.status_code, r.json()["error"]["code"]) == (404, "queue_not_found")  # authenticated; no queue
