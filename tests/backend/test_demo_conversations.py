"""`seed-demo --conversations` (what scripts/run-demo.sh runs): the demo's inbox is not empty. Web chats from
demo customers wait in the queue, two have ended with the agent's answers and a rating; a second run adds
nothing; and the demo's agent who goes Available is offered the oldest waiting chat by the real server."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import requests
from sqlalchemy import func, select

from backend.db import Database
from backend.demo_conversations import ENDED, WAITING
from backend.interactions.models import Interaction, Message
from tests.fixtures.server import ServerProcess, run_backend


def _state(url: str) -> dict[str, Any]:
    db = Database(url)
    try:
        with db.sessions() as s:
            rows = s.scalars(select(Interaction).where(Interaction.channel == "chat")
                             .order_by(Interaction.id))
            chats = [(i.status, i.unread, (i.attributes or {}).get("rating", {}).get("score"), i.customer_id)
                     for i in rows]
            messages = s.execute(select(Message.direction, func.count()).group_by(Message.direction)).all()
            return {"chats": chats, "messages": dict(messages)}
    finally:
        db.dispose()


def test_the_demo_seeds_waiting_and_ended_chats_once(sqlite_url: str) -> None:
    run_backend(sqlite_url, "migrate")
    run_backend(sqlite_url, "seed-demo")
    assert _state(sqlite_url)["chats"] == []  # without the flag (the test servers): an empty inbox
    run_backend(sqlite_url, "seed-demo", "--conversations")
    first = _state(sqlite_url)
    statuses = [status for status, *_ in first["chats"]]
    assert statuses == ["queued"] * len(WAITING) + ["closed"] * len(ENDED)
    waiting, ended = first["chats"][:len(WAITING)], first["chats"][len(WAITING):]
    assert [unread for _, unread, _, _ in waiting] == [len(chat.lines) for chat in WAITING]
    assert [(unread, score) for _, unread, score, _ in ended] == [(0, chat.rating) for chat in ENDED]
    assert len({customer for *_, customer in first["chats"]}) == len(WAITING) + len(ENDED)
    assert first["messages"]["out"] == sum(len(chat.answers) for chat in ENDED)
    run_backend(sqlite_url, "seed-demo", "--conversations")
    assert _state(sqlite_url) == first


def test_the_demo_agent_going_available_is_offered_the_oldest_waiting_chat(
        sqlite_url: str, server_factory: Callable[..., ServerProcess]) -> None:
    run_backend(sqlite_url, "migrate")
    run_backend(sqlite_url, "seed-demo")
    run_backend(sqlite_url, "seed-demo", "--conversations")
    server = server_factory(sqlite_url, seed=False)
    headers = {"Authorization": f"Bearer {server.login('agent2')['access_token']}"}
    r = requests.put(f"{server.url}/api/v1/routing/me", json={"state": "available"}, headers=headers,
                     timeout=10)
    r.raise_for_status()
    deadline = time.monotonic() + 15
    offers: list[dict[str, Any]] = []
    while not offers and time.monotonic() < deadline:
        offers = requests.get(f"{server.url}/api/v1/routing/me", headers=headers, timeout=10).json()["offers"]
        time.sleep(0.2)
    assert offers, "no demo chat was offered within 15 s"
    first = offers[0]
    chat = requests.get(f"{server.url}/api/v1/interactions/{first['interaction_id']}", headers=headers,
                        timeout=10).json()
    assert (chat["channel"], chat["preview"]) == ("chat", " ".join(WAITING[0].lines[-1].split()))
