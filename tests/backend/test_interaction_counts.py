"""`GET /api/v1/interactions/counts` on SQLite and PostgreSQL: the figures each inbox filter shows (mine,
unassigned, all; each channel; by status) for an agent and a supervisor, equal to what the listing itself
holds, and following a new inbound message, mark-read, assignment changes and a close."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backend.agents.models import Agent
from backend.db import Database
from backend.interactions import service
from backend.settings import Settings
from tests.backend.conftest import Headers
from tests.backend.helpers import new_customer

CHANNELS = ("voice", "chat", "email", "sms", "social")


class Desk:
    """Changes made the way channels and the routing engine make them: the server's own service."""

    def __init__(self, settings: Settings) -> None:
        self.db = Database(settings.database_url)

    def arrive(self, customer: int, *, channel: str = "chat", interaction_id: int | None = None,
               messages: int = 1) -> int:
        with self.db.sessions() as session:
            if interaction_id is None:
                interaction, _ = service.open_interaction(session, channel=channel, customer_id=customer)
            else:
                interaction = service.get_interaction(session, interaction_id)
            for n in range(messages):
                service.add_message(session, interaction, direction="in", body=f"hello {n}",
                                    author_name="Customer")
            return interaction.id

    def assign(self, interaction_id: int, username: str | None) -> None:
        with self.db.sessions() as session:
            agent_id = None
            if username is not None:
                agent_id = session.query(Agent).filter_by(username=username).one().id
            service.assign(session, service.get_interaction(session, interaction_id), agent_id, author=None,
                           status="active" if agent_id else "queued")

    def close(self) -> None:
        self.db.dispose()


def counts(client: TestClient, headers: Headers, **params: Any) -> dict[str, Any]:
    r = client.get("/api/v1/interactions/counts", headers=headers, params=params)
    assert r.status_code == 200, r.text
    return dict(r.json())


def figures(section: dict[str, Any]) -> tuple[int, int, int]:
    return section["conversations"], section["unread_conversations"], section["unread"]


def listed(client: TestClient, headers: Headers, **params: Any) -> tuple[int, int, int]:
    """The same figures by walking the list the inbox pages through."""
    items: list[dict[str, Any]] = []
    before = None
    while True:
        query = {**params, "limit": 1000, **({"before": before} if before else {})}
        r = client.get("/api/v1/interactions", headers=headers, params=query)
        assert r.status_code == 200, r.text
        items.extend(r.json()["items"])
        before = r.json()["next_before"]
        if before is None:
            return len(items), sum(1 for i in items if i["unread"]), sum(i["unread"] for i in items)


def reply(client: TestClient, headers: Headers, interaction_id: int) -> None:
    r = client.post(f"/api/v1/interactions/{interaction_id}/messages", headers=headers,
                    json={"client_id": str(uuid.uuid4()), "body": "On it."})
    assert r.status_code == 201, r.text


@pytest.fixture
def desk(settings: Settings) -> Any:
    d = Desk(settings)
    yield d
    d.close()


def test_an_agent_and_a_supervisor_get_the_figures_their_lists_hold(
        client: TestClient, agent: Headers, lead: Headers, as_user: Any, desk: Desk) -> None:
    customer = int(new_customer(client, agent, "计数 客户")["id"])
    unassigned_chat = desk.arrive(customer, messages=2)
    desk.arrive(customer, channel="sms")
    mine_email = desk.arrive(customer, channel="email", messages=3)
    desk.assign(mine_email, "agent1")
    theirs = desk.arrive(customer, channel="social", messages=4)
    desk.assign(theirs, "agent2")
    leads = desk.arrive(customer, channel="chat")
    desk.assign(leads, "lead")
    closed = desk.arrive(customer, channel="email", messages=5)
    desk.assign(closed, "agent1")
    with desk.db.sessions() as session:
        service.change_status(session, service.get_interaction(session, closed), "closed", author=None)
    read_one = desk.arrive(customer, channel="voice")
    r = client.post(f"/api/v1/interactions/{read_one}/read", headers=agent)
    assert r.status_code == 204, r.text

    mine = counts(client, agent)
    assert (mine["scope"], mine["channel"], mine["status"]) == ("all", None, "open")
    assert figures(mine["scopes"]["mine"]) == (1, 1, 3)
    assert figures(mine["scopes"]["unassigned"]) == (3, 2, 3)  # chat 2 + sms 1; the voice one was read
    assert figures(mine["scopes"]["all"]) == (6, 5, 11)
    assert figures(mine["total"]) == figures(mine["scopes"]["all"])
    assert figures(mine["channels"]["email"]) == (1, 1, 3)  # the closed e-mail is not open
    assert figures(mine["channels"]["voice"]) == (1, 0, 0)
    assert figures(mine["statuses"]["closed"]) == (1, 1, 5)
    assert figures(mine["statuses"]["all"]) == (7, 6, 16)
    assert figures(counts(client, agent, scope="mine", status="all")["total"]) == (2, 2, 8)

    supervisor = counts(client, lead)
    assert figures(supervisor["scopes"]["mine"]) == (1, 1, 1)  # the lead's own chat, not agent1's e-mail
    assert figures(supervisor["scopes"]["all"]) == figures(mine["scopes"]["all"])
    assert figures(counts(client, as_user("agent2"))["scopes"]["mine"]) == (1, 1, 4)

    # Every figure a filter bar can show is what paging through that filter's list gives the same caller.
    for headers in (agent, lead):
        for scope, channel, status in itertools.product(("mine", "unassigned", "all"), (None, *CHANNELS),
                                                        ("open", "closed", "all")):
            params = {"scope": scope, "status": status, **({"channel": channel} if channel else {})}
            answer = counts(client, headers, **params)
            assert figures(answer["total"]) == listed(client, headers, **params), params
            assert answer["scopes"][scope] == answer["total"]
            assert answer["statuses"][status] == answer["total"]
            if channel:
                assert answer["channels"][channel] == answer["total"]
    assert unassigned_chat


def test_counts_follow_inbound_messages_reads_assignment_and_close(
        client: TestClient, agent: Headers, lead: Headers, desk: Desk) -> None:
    customer = int(new_customer(client, agent, "Live Counter")["id"])
    empty = counts(client, agent)
    assert figures(empty["total"]) == (0, 0, 0)
    assert empty["cells"] == []

    chat = desk.arrive(customer)
    assert figures(counts(client, agent)["scopes"]["unassigned"]) == (1, 1, 1)
    desk.arrive(customer, interaction_id=chat, messages=2)  # a new inbound message raises it
    assert figures(counts(client, agent)["scopes"]["unassigned"]) == (1, 1, 3)
    assert figures(counts(client, agent)["channels"]["chat"]) == (1, 1, 3)

    # agent1 replies: the conversation is theirs now (still unread: a reply is not a read).
    reply(client, agent, chat)
    now = counts(client, agent)
    assert figures(now["scopes"]["unassigned"]) == (0, 0, 0)
    assert figures(now["scopes"]["mine"]) == (1, 1, 3)
    assert figures(counts(client, lead)["scopes"]["mine"]) == (0, 0, 0)

    r = client.post(f"/api/v1/interactions/{chat}/read", headers=agent)
    assert r.status_code == 204, r.text
    assert figures(counts(client, agent)["scopes"]["mine"]) == (1, 0, 0)

    # A supervisor takes it over; a new message arrives for them.
    desk.assign(chat, "lead")
    desk.arrive(customer, interaction_id=chat)
    assert figures(counts(client, agent)["scopes"]["mine"]) == (0, 0, 0)
    assert figures(counts(client, lead)["scopes"]["mine"]) == (1, 1, 1)
    assert figures(counts(client, agent)["scopes"]["all"]) == (1, 1, 1)

    # Closed: out of the open figures, into the closed ones.
    r = client.post(f"/api/v1/interactions/{chat}/status", headers=lead, json={"status": "closed"})
    assert r.status_code == 200, r.text
    after = counts(client, lead)
    assert figures(after["total"]) == (0, 0, 0)
    assert figures(after["statuses"]["closed"]) == (1, 1, 1)
    assert [(c["whose"], c["channel"], c["status"]) for c in after["cells"]] == [("mine", "chat", "closed")]
    assert [c["whose"] for c in counts(client, agent)["cells"]] == ["other"]


def test_bad_filters_are_refused_and_strangers_learn_nothing(client: TestClient, agent: Headers) -> None:
    for params in ({"status": "bogus"}, {"scope": "theirs"}, {"channel": "fax"}):
        r = client.get("/api/v1/interactions/counts", headers=agent, params=params)
        assert r.status_code == 422, r.text
    r = client.get("/api/v1/interactions/counts")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "not_authenticated"
