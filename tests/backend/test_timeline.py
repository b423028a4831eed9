"""Timeline paging and idempotent appends."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient

from tests.backend.conftest import Headers
from tests.backend.helpers import new_customer, post_note, timeline


def test_pages_go_newest_first_by_cursor_until_the_end(client: TestClient, agent: Headers) -> None:
    c = new_customer(client, agent)
    posted = [post_note(client, agent, c["id"], f"note {i}")["seq"] for i in range(12)]
    seen: list[int] = []
    page = timeline(client, agent, c["id"], limit=5)
    while True:
        seen += [e["seq"] for e in page["items"]]
        if page["next_before"] is None:
            break
        page = timeline(client, agent, c["id"], limit=5, before=page["next_before"])
    assert seen[:12] == sorted(posted, reverse=True)
    assert len(seen) == 13  # plus the "customer created" profile event
    assert seen == sorted(seen, reverse=True)


def test_a_cursor_older_than_everything_is_an_empty_page(client: TestClient, agent: Headers) -> None:
    c = new_customer(client, agent)
    assert timeline(client, agent, c["id"], before=1) == {"items": [], "next_before": None}


def test_event_fields_round_trip(client: TestClient, agent: Headers) -> None:
    c = new_customer(client, agent)
    cid = str(uuid.uuid4())
    r = client.post(f"/api/v1/customers/{c['id']}/timeline", headers=agent, json={
        "client_id": cid, "kind": "call", "channel": "phone", "body": "来电咨询退款",
        "payload": {"direction": "inbound", "duration_s": 125, "outcome": "resolved"}})
    assert r.status_code == 201
    e = r.json()
    assert e["client_id"] == cid
    assert e["author_name"] == "Agent One 一号"
    assert e["payload"] == {"direction": "inbound", "duration_s": 125, "outcome": "resolved"}
    assert timeline(client, agent, c["id"], limit=1)["items"] == [e]


def test_retried_note_is_not_duplicated(client: TestClient, agent: Headers) -> None:
    c = new_customer(client, agent)
    cid = str(uuid.uuid4())
    first = client.post(f"/api/v1/customers/{c['id']}/timeline", headers=agent,
                        json={"client_id": cid, "kind": "note", "body": "once"})
    retry = client.post(f"/api/v1/customers/{c['id']}/timeline", headers=agent,
                        json={"client_id": cid, "kind": "note", "body": "once"})
    assert (first.status_code, retry.status_code) == (201, 200)
    assert first.json() == retry.json()
    assert [e["body"] for e in timeline(client, agent, c["id"])["items"]].count("once") == 1


def test_concurrent_retries_of_one_note_make_one_event(client: TestClient, agent: Headers) -> None:
    c = new_customer(client, agent)
    cid = str(uuid.uuid4())

    def send(_: int) -> tuple[int, int]:
        r = client.post(f"/api/v1/customers/{c['id']}/timeline", headers=agent,
                        json={"client_id": cid, "kind": "note", "body": "racing"})
        return r.status_code, r.json()["seq"]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(send, range(16)))
    assert sorted(code for code, _ in results).count(201) == 1
    assert {seq for _, seq in results} == {results[0][1]}
    assert [e["body"] for e in timeline(client, agent, c["id"])["items"]].count("racing") == 1


def test_seq_is_global_and_increasing_across_customers(client: TestClient, agent: Headers) -> None:
    a, b = new_customer(client, agent), new_customer(client, agent)
    seqs = [post_note(client, agent, cid)["seq"] for cid in (a["id"], b["id"], a["id"], b["id"])]
    assert seqs == sorted(seqs)
    assert len(set(seqs)) == 4
    health = client.get("/healthz").json()
    assert health["status"] == "ok"
    assert health["seq"] == seqs[-1]
