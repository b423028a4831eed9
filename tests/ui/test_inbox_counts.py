"""The inbox's unread counts come from the server, not from the rows the client has loaded: against a real
server holding more conversations than the first page, the filter bar shows the server's figure, each
whose / channel choice its number of conversations; a new inbound message raises the figure live, reading
lowers it; with the server gone the last counts stay shown, and they catch up when it is back."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

import requests
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from app.domain import TimelineEvent
from app.sync.inbox import PAGE_SIZE, InboxFilter
from backend.db import Database
from backend.interactions import service
from tests.fixtures.server import ServerProcess, start_server
from tests.sync.test_inbox_support import arrive, new_customer
from tests.ui.conftest import DeskFactory, rest_headers, wait_connected
from tests.ui.inbox_steps import LIVE_MS, open_conversation, open_inbox

EXTRA = PAGE_SIZE + 40  # more unread conversations than the inbox's first page holds


def many_unread(database_url: str, customer: int, count: int) -> list[int]:
    """`count` waiting chats with one customer message each, as the web chat channel opens them."""
    db = Database(database_url)
    ids = []
    try:
        with db.sessions() as session:
            for n in range(count):
                interaction, _ = service.open_interaction(session, channel="chat", customer_id=customer)
                service.add_message(session, interaction, direction="in", body=f"question {n}",
                                    author_name="Visitor")
                ids.append(interaction.id)
    finally:
        db.dispose()
    return ids


def choice(combo: QComboBox, value: str) -> str:
    return combo.itemText(combo.findData(value))


def server_counts(server: ServerProcess, **params: Any) -> dict[str, Any]:
    r = requests.get(f"{server.url}/api/v1/interactions/counts", params=params,
                     headers=rest_headers(server, "agent1"), timeout=10)
    r.raise_for_status()
    return dict(r.json())


def test_unread_shown_is_the_servers_figure_and_follows_arrivals_and_reads(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory) -> None:
    customer = new_customer(live_server, "Many Questions", "many@example.com")
    ids = many_unread(live_server.database_url, customer, EXTRA)
    desk = desk_factory(live_server.url)
    page = open_inbox(qtbot, desk)
    label = page.filters.unread_label
    figure = server_counts(live_server)["total"]
    assert figure["unread"] >= EXTRA

    # Only the first page is loaded, and what it adds up to is less than what the server counts.
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    assert page.model.rowCount() <= PAGE_SIZE < figure["conversations"]
    assert page.model.total_unread < figure["unread"]
    qtbot.waitUntil(lambda: label.text() == f"{figure['unread']} unread", timeout=10_000)
    unassigned = server_counts(live_server)["scopes"]["unassigned"]["conversations"]
    mine = server_counts(live_server)["scopes"]["mine"]
    chats = server_counts(live_server)["channels"]["chat"]["conversations"]
    assert unassigned >= EXTRA
    assert choice(page.filters.scope, "unassigned") == f"Unassigned ({unassigned})"
    assert choice(page.filters.scope, "mine") == f"Mine ({mine['conversations']})"
    assert choice(page.filters.channel, "chat") == f"Chat ({chats})"

    # A customer writes again in a conversation far below the loaded page: the figure rises live.
    oldest = ids[0]
    assert page.model.get(oldest) is None
    arrive(live_server.database_url, customer, "still waiting", interaction_id=oldest)
    qtbot.waitUntil(lambda: label.text() == f"{figure['unread'] + 1} unread", timeout=LIVE_MS)

    # Reading the newest one lowers it by its one unread message.
    newest = ids[-1]
    open_conversation(qtbot, page, newest, 1)
    qtbot.waitUntil(lambda: label.text() == f"{figure['unread']} unread", timeout=LIVE_MS)
    assert server_counts(live_server)["total"]["unread"] == figure["unread"]

    # Another filter: its figure at once, from the same counts.
    page.filters.set_filter(InboxFilter(scope="mine"))
    assert label.text() == (f"{mine['unread']} unread" if mine["unread"] else "All read")
    closed = server_counts(live_server, status="closed")["total"]["unread"]
    page.filters.set_filter(InboxFilter(status="closed"))
    assert label.text() == (f"{closed} unread" if closed else "All read")
    page.filters.set_filter(InboxFilter())
    assert label.text() == f"{figure['unread']} unread"

    # A burst of changes costs one fetch; more changes within 500 ms of it wait for the next one.
    def changed() -> None:
        for n in range(10):
            page.counts.on_event(TimelineEvent(
                seq=10**9 + n, customer_id=customer, kind="interaction", channel="chat", body="",
                created_at=datetime.now(UTC), payload={"interaction_id": newest, "action": "read"}))

    fetches = page.counts.fetches
    changed()
    qtbot.waitUntil(lambda: page.counts.fetches == fetches + 1, timeout=10_000)
    changed()
    changed()
    qtbot.waitUntil(lambda: page.counts.fetches == fetches + 2, timeout=10_000)
    qtbot.wait(800)
    assert page.counts.fetches == fetches + 2
    assert label.text() == f"{figure['unread']} unread"
    fetches = page.counts.fetches

    # The server goes away: the last counts stay, a refresh that fails says so and changes nothing.
    live_server.stop()
    page.counts.refresh_now()
    qtbot.waitUntil(lambda: "cannot be reached" in label.toolTip(), timeout=15_000)
    assert label.text() == f"{figure['unread']} unread"
    assert choice(page.filters.scope, "unassigned") == f"Unassigned ({unassigned})"  # read, not taken
    assert page.counts.fetches == fetches

    # A message arrives while the client is away; when the server is back the counts catch up.
    arrive(live_server.database_url, customer, "anyone there?", interaction_id=ids[1])
    restarted = start_server(live_server.database_url, seed=False, port=urlparse(live_server.url).port)
    try:
        wait_connected(qtbot, desk)
        qtbot.waitUntil(lambda: label.text() == f"{figure['unread'] + 1} unread", timeout=LIVE_MS)
        assert "cannot be reached" not in label.toolTip()
    finally:
        restarted.stop()
