"""Transfer tickets (what Kamailio embeds in an agent's REFER): the caller's new call carrying one continues
the interaction even with a withheld number; a forged, spent, stale or misdirected ticket is refused and
changes nothing; a withheld number alone never matches a transfer."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backend.db import Database
from backend.routing import voice_transfer
from backend.routing.models import QueueEntry
from tests.backend.conftest import Headers
from tests.backend.routing.conftest import agent_id, interaction

Json = dict[str, Any]
WITHHELD = "anonymous"


def route(client: TestClient, call_id: str, queue: str, transfer: str = "", expect: int = 200) -> Json:
    r = client.post("/api/v1/voice/route", json={"call_id": call_id, "caller": WITHHELD, "queue": queue,
                                                 "transfer": transfer})
    assert r.status_code == expect, r.text
    return dict(r.json())


def mint(client: TestClient, call_id: str, target: str, expect: int = 200) -> str:
    r = client.post("/api/v1/voice/transfer_ticket", params={"call_id": call_id, "target": target})
    assert r.status_code == expect, r.text
    return r.text


@pytest.fixture
def transferred(client: TestClient, agent: Headers, agent2: Headers, make_queue: Callable[..., Json],
                go: Callable[..., Json]) -> int:
    """A withheld-number call answered by agent1 and transferred (the record) to agent2: its id."""
    make_queue("Hotline", channels=("voice",), number="8001")
    go(agent, "available")
    routed = route(client, "call-1@host", "8001")
    assert (routed["action"], routed["sip_username"]) == ("route", "agent1")
    accepted = client.post(f"/api/v1/offers/{routed['offer_id']}/accept", headers=agent)
    assert accepted.status_code == 200, accepted.text
    go(agent2, "available")
    moved = client.post(f"/api/v1/interactions/{routed['interaction_id']}/transfer", headers=agent,
                        json={"agent_id": agent_id(client, agent2), "queue_id": None, "note": ""})
    assert moved.status_code == 200, moved.text
    return int(routed["interaction_id"])


def test_a_withheld_callers_new_call_with_its_ticket_continues_the_interaction(
        client: TestClient, agent: Headers, agent2: Headers, transferred: int) -> None:
    ticket = mint(client, "call-1@host", "agent2")
    assert ticket.startswith(f"{transferred}.")
    routed = route(client, "call-2@host", "agent2", transfer=ticket)
    assert (routed["action"], routed["sip_username"], routed["interaction_id"]) == (
        "route", "agent2", transferred)
    assert interaction(client, agent2, transferred)["external_ref"] == "call-2@host"
    assert route(client, "call-2@host", "agent2", transfer=ticket)["interaction_id"] == transferred  # re-ask
    mint(client, "call-2@host", "agent2", expect=404)  # adopted: no longer being transferred


def test_forged_spent_stale_or_misdirected_tickets_are_refused_and_change_nothing(
        client: TestClient, agent: Headers, db: Database, transferred: int) -> None:
    mint(client, "call-1@host", "8001", expect=404)  # the transfer goes to agent2, not the queue
    mint(client, "no-such-call@host", "agent2", expect=404)
    ticket = mint(client, "call-1@host", "agent2")
    head, _, secret = ticket.partition(".")
    for forged in (f"{head}.{secret[::-1]}", f"{head}.", f"{int(head) + 1}.{secret}", "garbage", secret):
        refused = route(client, "forged@host", "agent2", transfer=forged, expect=403)
        assert refused["error"]["code"] == "transfer_refused"
    route(client, "wrong-target@host", "8001", transfer=ticket, expect=403)
    # no ticket: a withheld number is no proof of being the transferred caller
    assert route(client, "no-ticket@host", "agent2", expect=404)["error"]["code"] == "queue_not_found"
    assert interaction(client, agent, transferred)["external_ref"] == "call-1@host"  # nothing moved
    with db.sessions() as session:
        entry = session.get(QueueEntry, transferred)
        assert entry is not None
        too_old = time.time() - voice_transfer.TICKET_SECONDS - 1
        entry.context = {**entry.context, voice_transfer.TICKET_AT: too_old}
        session.commit()
    route(client, "stale@host", "agent2", transfer=ticket, expect=403)
    fresh = mint(client, "call-1@host", "agent2")  # a new REFER: a new ticket, the old one is void
    route(client, "first@host", "agent2", transfer=fresh)
    spent = route(client, "spent@host", "agent2", transfer=fresh, expect=403)
    assert spent["error"]["code"] == "transfer_refused"
    assert interaction(client, agent, transferred)["external_ref"] == "first@host"
