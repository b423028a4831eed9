"""Creating, fetching and searching customers."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from tests.backend.conftest import Headers
from tests.backend.helpers import new_customer


def test_creating_a_customer_is_idempotent_on_client_id(client: TestClient, agent: Headers) -> None:
    body = {"client_id": str(uuid.uuid4()), "display_name": "王芳",
            "identities": [{"kind": "phone", "value": "13812345678"},
                           {"kind": "email", "value": "WF@qq.com"}]}
    first = client.post("/api/v1/customers", headers=agent, json=body)
    again = client.post("/api/v1/customers", headers=agent, json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    c = first.json()
    assert {(i["kind"], i["value"]) for i in c["identities"]} == {("phone", "+8613812345678"),
                                                                   ("email", "wf@qq.com")}
    assert c["merged_into_id"] is None
    assert c["attributes"] == {}
    assert client.get(f"/api/v1/customers/{c['id']}", headers=agent).json() == c


def test_unknown_customer_is_404(client: TestClient, agent: Headers) -> None:
    r = client.get("/api/v1/customers/999999", headers=agent)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "customer_not_found"


def test_search_by_name_phone_in_any_format_partial_digits_and_email(client: TestClient,
                                                                     agent: Headers) -> None:
    wang = new_customer(client, agent, "王芳", [{"kind": "phone", "value": "13812345678"}])
    emma = new_customer(client, agent, "Emma Taylor", [{"kind": "email", "value": "emma.t@example.com"},
                                                        {"kind": "phone", "value": "+44 7911 123456"}])
    new_customer(client, agent, "李娜", [{"kind": "phone", "value": "13998765432"}])

    def ids(q: str) -> list[int]:
        r = client.get("/api/v1/customers", headers=agent, params={"q": q})
        assert r.status_code == 200
        return [c["id"] for c in r.json()["items"]]

    assert ids("王") == [wang["id"]]
    assert ids("emma") == [emma["id"]]
    assert ids("TAYLOR") == [emma["id"]]
    assert ids("138 1234 5678") == [wang["id"]]
    assert ids("+86 138-1234-5678") == [wang["id"]]
    assert ids("1234 567") == [wang["id"]]
    assert ids("07911 123456") == [emma["id"]]
    assert ids("Emma.T@Example.com") == [emma["id"]]
    assert ids("nobody-like-this") == []
    assert ids("100%_") == []
