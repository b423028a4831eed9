"""Merging customers and undoing merges."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.backend.conftest import Headers
from tests.backend.helpers import new_customer, post_note, timeline


def test_merge_moves_identities_and_events_and_undo_restores_them(client: TestClient, agent: Headers,
                                                                   lead: Headers) -> None:
    target = new_customer(client, agent, "王芳", [{"kind": "phone", "value": "13812345678"}])
    source = new_customer(client, agent, "Wang Fang", [{"kind": "email", "value": "wf@example.com"}])
    note = post_note(client, agent, source["id"], "来自旧档案的备注")
    r = client.post(f"/api/v1/customers/{target['id']}/merge", headers=lead, json={"source_id": source["id"]})
    assert r.status_code == 200, r.text
    merged = r.json()
    assert {i["value"] for i in merged["customer"]["identities"]} == {"+8613812345678", "wf@example.com"}
    items = timeline(client, agent, target["id"])["items"]
    assert items[0]["kind"] == "merge"
    assert items[0]["payload"]["source_id"] == source["id"]
    assert note["seq"] in [e["seq"] for e in items]
    gone = client.get(f"/api/v1/customers/{source['id']}", headers=agent).json()
    assert gone["merged_into_id"] == target["id"]
    assert gone["identities"] == []
    assert [c["id"] for c in client.get("/api/v1/customers", headers=agent,
                                        params={"q": "wang"}).json()["items"]] == []

    r = client.post(f"/api/v1/merges/{merged['merge_id']}/undo", headers=lead)
    assert r.status_code == 200, r.text
    undone = r.json()
    assert [i["value"] for i in undone["customer"]["identities"]] == ["+8613812345678"]
    assert undone["restored"]["merged_into_id"] is None
    assert [i["value"] for i in undone["restored"]["identities"]] == ["wf@example.com"]
    assert timeline(client, agent, target["id"])["items"][0]["kind"] == "unmerge"
    assert note["seq"] in [e["seq"] for e in timeline(client, agent, source["id"])["items"]]
    again = client.post(f"/api/v1/merges/{merged['merge_id']}/undo", headers=lead)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "merge_already_undone"


def test_undo_is_refused_when_the_target_was_merged_later(client: TestClient, agent: Headers,
                                                         lead: Headers) -> None:
    a, b, c = (new_customer(client, agent, n) for n in ("李娜", "李娜 (2)", "Li Na"))
    first = client.post(f"/api/v1/customers/{b['id']}/merge", headers=lead,
                        json={"source_id": a["id"]}).json()
    client.post(f"/api/v1/customers/{c['id']}/merge", headers=lead, json={"source_id": b["id"]})
    r = client.post(f"/api/v1/merges/{first['merge_id']}/undo", headers=lead)
    assert r.status_code == 409
    err = r.json()["error"]
    assert err["code"] == "target_merged_later"
    assert str(c["id"]) in err["message"]


def test_merge_refusals(client: TestClient, agent: Headers, lead: Headers) -> None:
    a, b = new_customer(client, agent, "赵敏"), new_customer(client, agent, "赵敏2")
    assert client.post(f"/api/v1/customers/{a['id']}/merge", headers=lead,
                       json={"source_id": a["id"]}).status_code == 409
    assert client.post(f"/api/v1/customers/{a['id']}/merge", headers=lead,
                       json={"source_id": 987654}).status_code == 404
    assert client.post("/api/v1/merges/987654/undo", headers=lead).status_code == 404
    client.post(f"/api/v1/customers/{a['id']}/merge", headers=lead, json={"source_id": b["id"]})
    r = client.post(f"/api/v1/customers/{a['id']}/merge", headers=lead, json={"source_id": b["id"]})
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "customer_merged"


def test_a_note_posted_to_a_merged_away_customer_lands_on_the_survivor(client: TestClient, agent: Headers,
                                                                       lead: Headers) -> None:
    a, b = new_customer(client, agent, "孙丽"), new_customer(client, agent, "Sun Li")
    client.post(f"/api/v1/customers/{a['id']}/merge", headers=lead, json={"source_id": b["id"]})
    note = post_note(client, agent, b["id"], "offline outbox write")
    assert note["customer_id"] == a["id"]


def test_merge_and_undo_are_audited(client: TestClient, lead: Headers, admin: Headers) -> None:
    a, b = new_customer(client, lead, "马强"), new_customer(client, lead, "Ma Qiang")
    m = client.post(f"/api/v1/customers/{a['id']}/merge", headers=lead, json={"source_id": b["id"]}).json()
    client.post(f"/api/v1/merges/{m['merge_id']}/undo", headers=lead)
    actions = [e["action"] for e in client.get("/api/v1/audit", headers=admin).json()["items"]]
    assert actions.index("customer_merge_undone") < actions.index("customer_merged")
