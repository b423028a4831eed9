"""Cursor paging of a conversation's messages (what the client's e-mail view pages in on scroll to the top):
newest first, each message once across pages, stable while new ones arrive, bad cursors refused."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient

from backend.db import Database
from backend.interactions import service
from backend.settings import Settings
from tests.backend.conftest import Headers
from tests.backend.helpers import new_customer


def _conversation(settings: Settings, customer_id: int, count: int) -> tuple[int, list[int]]:
    db = Database(settings.database_url)
    try:
        with db.sessions() as session:
            interaction, _ = service.open_interaction(session, channel="email", customer_id=customer_id,
                                                      subject="Long thread")
            ids = [service.add_message(session, interaction, direction="in", body=f"mail {n}",
                                       author_name="Customer")[0].id for n in range(count)]
            return interaction.id, ids
    finally:
        db.dispose()


def _page(client: TestClient, agent: Headers, iid: int, **params: Any) -> dict[str, Any]:
    r = client.get(f"/api/v1/interactions/{iid}/messages", headers=agent, params=params)
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_pages_walk_every_message_once_newest_first(client: TestClient, agent: Headers,
                                                    settings: Settings) -> None:
    customer = int(new_customer(client, agent, "Page Turner")["id"])
    iid, ids = _conversation(settings, customer, 23)
    seen: list[int] = []
    page = _page(client, agent, iid, limit=5)
    assert [m["id"] for m in page["items"]] == ids[::-1][:5]
    # A reply arriving while the agent reads older pages does not shift them.
    r = client.post(f"/api/v1/interactions/{iid}/messages", headers=agent,
                    json={"client_id": str(uuid.uuid4()), "body": "new reply"})
    assert r.status_code in (200, 201), r.text
    while True:
        seen.extend(m["id"] for m in page["items"])
        if page["next_before"] is None:
            break
        assert page["next_before"] == page["items"][-1]["id"]
        page = _page(client, agent, iid, limit=5, before=page["next_before"])
    assert seen == ids[::-1]  # all 23, once each, newest first; the new reply is not in the older pages
    assert len(_page(client, agent, iid, limit=200)["items"]) == 24


def test_last_page_exactly_full_has_no_cursor_and_bad_cursors_are_refused(
        client: TestClient, agent: Headers, settings: Settings) -> None:
    customer = int(new_customer(client, agent, "Exact Fit")["id"])
    iid, ids = _conversation(settings, customer, 10)
    first = _page(client, agent, iid, limit=5)
    second = _page(client, agent, iid, limit=5, before=first["next_before"])
    assert [m["id"] for m in second["items"]] == ids[4::-1]
    assert second["next_before"] is None
    assert _page(client, agent, iid, limit=5, before=ids[0])["items"] == []
    for bad in ("abc", "-1"):
        r = client.get(f"/api/v1/interactions/{iid}/messages", headers=agent, params={"before": bad})
        assert r.status_code == 400, r.text
        assert r.json()["error"]["code"] == "invalid_cursor"
    for limit in (0, 201):
        r = client.get(f"/api/v1/interactions/{iid}/messages", headers=agent, params={"limit": limit})
        assert r.status_code == 422, r.text
    assert client.get("/api/v1/interactions/999999/messages", headers=agent).status_code == 404
