"""Domain objects back to the server's JSON shapes, so the cache can store and re-read them losslessly."""

from __future__ import annotations

from typing import Any

from app.domain import Agent, Customer, TimelineEvent


def customer_to_json(c: Customer) -> dict[str, Any]:
    return {
        "id": c.id, "display_name": c.display_name, "created_at": c.created_at.isoformat(),
        "merged_into_id": c.merged_into_id, "attributes": c.attributes,
        "identities": [{"id": i.id, "kind": i.kind, "value": i.value, "display_value": i.display_value}
                       for i in c.identities],
    }


def event_to_json(e: TimelineEvent) -> dict[str, Any]:
    return {
        "seq": e.seq, "customer_id": e.customer_id, "kind": e.kind, "channel": e.channel, "body": e.body,
        "created_at": e.created_at.isoformat(), "author_id": e.author_id, "author_name": e.author_name,
        "client_id": e.client_id, "payload": e.payload,
    }


def agent_to_json(a: Agent) -> dict[str, Any]:
    return {"id": a.id, "username": a.username, "display_name": a.display_name, "role": a.role}
