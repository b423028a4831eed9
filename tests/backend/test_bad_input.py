"""Bad input gets one error shape, changes nothing and never crashes the server."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.backend.conftest import Headers
from tests.backend.helpers import new_customer, timeline

ONE_MIB = 1024 * 1024


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "code"), [
    ("post", "/api/v1/customers/{id}/timeline", {"content": b"{not json", "headers": {
        "Content-Type": "application/json"}}, 400, "malformed_json"),
    ("post", "/api/v1/customers/{id}/timeline", {"json": {"client_id": "not-a-uuid", "kind": "note"}},
     422, "validation_error"),
    ("post", "/api/v1/customers/{id}/timeline", {"json": {"client_id": "6f1c1f0e-6f40-4a55-9d52-2a4c1b8f9d01",
                                                         "kind": "merge"}}, 422, "validation_error"),
    ("post", "/api/v1/customers/424242/timeline", {"json": {
        "client_id": "6f1c1f0e-6f40-4a55-9d52-2a4c1b8f9d02", "kind": "note"}}, 404, "customer_not_found"),
    ("get", "/api/v1/customers/424242/timeline", {}, 404, "customer_not_found"),
    ("get", "/api/v1/customers/{id}/timeline?before=abc", {}, 400, "invalid_cursor"),
    ("get", "/api/v1/customers/{id}/timeline?before=-5", {}, 400, "invalid_cursor"),
    ("get", "/api/v1/customers/{id}/timeline?limit=0", {}, 422, "validation_error"),
    ("get", "/api/v1/customers/{id}/timeline?limit=201", {}, 422, "validation_error"),
    ("get", "/api/v1/customers/not-a-number", {}, 422, "validation_error"),
    ("post", "/api/v1/customers/{id}/identities", {"json": {"kind": "phone", "value": "+86 12"}},
     422, "invalid_phone"),
    ("post", "/api/v1/customers/{id}/identities", {"json": {"kind": "fax", "value": "1"}},
     422, "validation_error"),
    ("post", "/api/v1/customers/{id}/identities", {"json": {"kind": "email", "value": "nope@"}},
     422, "invalid_email"),
    ("post", "/api/v1/customers/{id}/timeline", {"content": b'{"client_id":"' + b"x" * (ONE_MIB + 10) + b'"}',
                                                 "headers": {"Content-Type": "application/json"}},
     413, "too_large"),
    ("get", "/api/v1/no-such-route", {}, 404, "not_found"),
    ("delete", "/api/v1/customers/{id}", {}, 405, "method_not_allowed"),
])
def test_bad_input_table(client: TestClient, agent: Headers, method: str, path: str,
                         kwargs: dict[str, object], status: int, code: str) -> None:
    c = new_customer(client, agent, "吴勇")
    before = timeline(client, agent, c["id"])
    extra = dict(kwargs)  # the table is shared by both databases: do not mutate it
    headers = {**agent, **extra.pop("headers", {})}  # type: ignore[dict-item]
    r = client.request(method.upper(), path.format(id=c["id"]), headers=headers,
                       **extra)  # type: ignore[arg-type]
    assert r.status_code == status, r.text
    assert set(r.json()) == {"error"}
    assert r.json()["error"]["code"] == code
    assert r.json()["error"]["message"]
    assert timeline(client, agent, c["id"]) == before
    assert client.get(f"/api/v1/customers/{c['id']}", headers=agent).json()["identities"] == []


def test_streamed_body_over_the_limit_is_413(client: TestClient, agent: Headers) -> None:
    def chunks():  # no Content-Length: the size is counted as it streams
        for _ in range(20):
            yield b"x" * 65536

    r = client.post("/api/v1/customers/1/timeline", headers={**agent, "Content-Type": "application/json"},
                    content=chunks())
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_large"
    assert client.get("/healthz").status_code == 200


def test_openapi_is_served(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/v1/customers/{customer_id}/timeline" in spec["paths"]
