"""The inbox's unread counts come from the server, not from the rows the client has loaded: against a real
server holding more conversations than the first page, the filter bar shows the server's figure, each
whose / channel choice its number of conversations; a new inbound message raises the figure live, reading
lowers it; with the server gone the last counts stay shown, and they catch up when it is back. The status
choices show their numbers too and follow a conversation being closed; a desk restarted while the server is
down shows the last session's counts with the time they were counted; a sign-in costs the server one counts
request, a real reconnect one more (counted in the server's own access log)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import requests
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from app.domain import ConnectionState, TimelineEvent
from app.sync.inbox import PAGE_SIZE, InboxFilter
from app.ui.navigation import Page
from backend.db import Database
from backend.interactions import service
from tests.fixtures.orphans import dies_with_us
from tests.fixtures.ports import free_port, wait_for_port
from tests.fixtures.server import REPO, ServerProcess, backend_env, run_backend, start_server
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


COUNTS_REQUEST = '"GET /api/v1/interactions/counts'


def logged_server(database_url: str, log: Path, *, seed: bool = True,
                  port: int | None = None) -> ServerProcess:
    """The real server, as `start_server` starts it, with its access log (uvicorn's stdout) in `log`."""
    run_backend(database_url, "migrate")
    if seed:
        run_backend(database_url, "seed-demo")
    port = port or free_port()
    env = backend_env(database_url, PYTHONUNBUFFERED="1")
    with log.open("ab") as out:
        proc = subprocess.Popen(dies_with_us([sys.executable, "-m", "backend", "serve", "--host", "127.0.0.1",
                                              "--port", str(port)]), cwd=REPO, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    wait_for_port(port)
    return ServerProcess(f"http://127.0.0.1:{port}", database_url, proc, env)


def counts_requests(log: Path) -> int:
    return log.read_text(errors="replace").count(COUNTS_REQUEST)


@pytest.fixture
def access_log(tmp_path: Path) -> Path:
    return tmp_path / "access.log"


@pytest.fixture
def counted_server(tmp_path: Path, access_log: Path) -> Iterator[ServerProcess]:
    server = logged_server(f"sqlite:///{tmp_path / 'counted.sqlite3'}", access_log)
    yield server
    server.stop()


def status_texts(server: ServerProcess) -> dict[str, str]:
    """What the status choices should read with the other filters at "all", from the server's counts."""
    labels = {"open": "Open", "closed": "Closed", "all": "Any status"}
    return {value: f"{label} ({server_counts(server, status=value)['total']['conversations']})"
            for value, label in labels.items()}


def test_status_choices_show_the_servers_numbers_and_follow_a_close(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory) -> None:
    customer = new_customer(live_server, "Status Counts", "status@example.com")
    ids = many_unread(live_server.database_url, customer, 3)
    desk = desk_factory(live_server.url)
    page = open_inbox(qtbot, desk)
    status = page.filters.status
    before = status_texts(live_server)
    assert before["open"] != "Open (0)"
    qtbot.waitUntil(lambda: {v: choice(status, v) for v in before} == before, timeout=10_000)

    # Someone closes one of them (a supervisor, through the API): Open loses one, Closed gains one, live.
    r = requests.post(f"{live_server.url}/api/v1/interactions/{ids[0]}/status", json={"status": "closed"},
                      headers=rest_headers(live_server, "lead"), timeout=10)
    r.raise_for_status()
    after = status_texts(live_server)
    assert after != before
    assert after["all"] == before["all"]
    qtbot.waitUntil(lambda: {v: choice(status, v) for v in after} == after, timeout=LIVE_MS)

    # Translated: in Chinese the choice reads the catalogue's label and the same number.
    number = after["open"].split("(")[1].rstrip(")")
    desk.set_language("zh_CN")
    qtbot.waitUntil(lambda: choice(status, "open") == f"未关闭（{number}）", timeout=5_000)
    desk.set_language("en")
    qtbot.waitUntil(lambda: choice(status, "open") == after["open"], timeout=5_000)


def test_a_restart_while_the_server_is_down_shows_the_last_counts_with_their_time(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory) -> None:
    customer = new_customer(live_server, "Restart Counts", "restart@example.com")
    ids = many_unread(live_server.database_url, customer, 4)
    first = desk_factory(live_server.url)
    page = open_inbox(qtbot, first)
    unread = server_counts(live_server)["total"]["unread"]
    # The loaded rows alone may add up to the same figure: wait for the server's counts themselves.
    qtbot.waitUntil(lambda: page.filters.counts is not None, timeout=10_000)
    qtbot.waitUntil(lambda: page.filters.unread_label.text() == f"{unread} unread", timeout=10_000)
    shown = {combo.objectName(): [combo.itemText(i) for i in range(combo.count())]
             for combo in (page.filters.scope, page.filters.channel, page.filters.status)}
    assert shown["inboxScope"][2].startswith("Unassigned (")
    assert page.filters.counts is not None
    counted_at = datetime.fromtimestamp(page.filters.counts.fetched_at).strftime("%H:%M")
    first.shutdown()
    first.window.close()
    live_server.stop()

    # The next start: the server is down, the keyring session resumes offline with this agent's cache.
    second = desk_factory()
    qtbot.waitUntil(lambda: second.agent is not None, timeout=15_000)
    qtbot.waitUntil(lambda: second.window.inbox_page is not None, timeout=15_000)
    second.window.show_page(Page.INBOX)
    filters = second.window.inbox_page.filters  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: filters.counts is not None, timeout=15_000)
    assert second.window.connection.state is not ConnectionState.CONNECTED
    assert filters.unread_label.text() == f"{unread} unread"
    assert f"Counted at {counted_at}; the server cannot be reached now." in filters.unread_label.toolTip()
    assert {combo.objectName(): [combo.itemText(i) for i in range(combo.count())]
            for combo in (filters.scope, filters.channel, filters.status)} == shown

    # The server comes back with one more message: fresh counts replace the stored ones.
    arrive(live_server.database_url, customer, "back again", interaction_id=ids[0])
    restarted = start_server(live_server.database_url, seed=False, port=urlparse(live_server.url).port)
    try:
        wait_connected(qtbot, second)
        qtbot.waitUntil(lambda: filters.unread_label.text() == f"{unread + 1} unread", timeout=LIVE_MS)
        assert "cannot be reached" not in filters.unread_label.toolTip()
    finally:
        restarted.stop()


def test_a_sign_in_costs_one_counts_request_and_a_reconnect_one_more(
        qtbot: QtBot, counted_server: ServerProcess, access_log: Path, desk_factory: DeskFactory,
        tmp_path: Path) -> None:
    assert counts_requests(access_log) == 0
    desk = desk_factory(counted_server.url)
    page = open_inbox(qtbot, desk)
    qtbot.waitUntil(lambda: page.filters.counts is not None, timeout=10_000)
    qtbot.wait(1_500)  # longer than any coalescing or refresh spacing: a second fetch would have started
    assert counts_requests(access_log) == 1
    assert "GET /api/v1/me" in access_log.read_text() or "POST /api/v1/auth/login" in access_log.read_text()

    # A real reconnect: the server goes away and comes back (a new process, its own log).
    counted_server.stop()
    qtbot.waitUntil(lambda: desk.window.connection.state is not ConnectionState.CONNECTED, timeout=15_000)
    second_log = tmp_path / "access-2.log"
    back = logged_server(counted_server.database_url, second_log, seed=False,
                         port=urlparse(counted_server.url).port)
    try:
        wait_connected(qtbot, desk)
        qtbot.waitUntil(lambda: counts_requests(second_log) >= 1, timeout=10_000)
        qtbot.wait(1_500)
        assert counts_requests(second_log) == 1
        assert "cannot be reached" not in page.filters.unread_label.toolTip()
    finally:
        back.stop()
