"""Small helpers for backend API tests."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient


def new_customer(client: TestClient, headers: dict[str, str], name: str = "王芳",
                 identities: list[dict[str, str]] | None = None) -> dict[str, Any]:
    r = client.post("/api/v1/customers", headers=headers, json={
        "client_id": str(uuid.uuid4()), "display_name": name, "identities": identities or []})
    assert r.status_code == 201, r.text
    return dict(r.json())


def post_note(client: TestClient, headers: dict[str, str], customer_id: int, body: str = "note",
              client_id: str | None = None) -> dict[str, Any]:
    r = client.post(f"/api/v1/customers/{customer_id}/timeline", headers=headers, json={
        "client_id": client_id or str(uuid.uuid4()), "kind": "note", "channel": "internal", "body": body})
    assert r.status_code in (200, 201), r.text
    return dict(r.json())


def timeline(client: TestClient, headers: dict[str, str], customer_id: int, **params: Any) -> dict[str, Any]:
    r = client.get(f"/api/v1/customers/{customer_id}/timeline", headers=headers, params=params)
    assert r.status_code == 200, r.text
    return dict(r.json())
