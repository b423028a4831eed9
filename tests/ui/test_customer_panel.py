"""The unified customer panel: search, the live timeline, notes, older pages."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from pytestqt.qtbot import QtBot

from app.domain import TimelineEvent
from app.ui.timeline_model import EventRole, PendingRole
from tests.fixtures.server import ServerProcess
from tests.ui.conftest import (
    DeskFactory,
    open_customer,
    post_note,
    rest_customers,
    rest_headers,
    sign_in,
    wait_connected,
)


def _first_with(server: ServerProcess, kind: str, name_pattern: str = ".") -> dict[str, object]:
    for customer in rest_customers(server):
        kinds = {i["kind"] for i in customer["identities"]}  # type: ignore[attr-defined]
        if kind in kinds and re.search(name_pattern, str(customer["display_name"])):
            return customer
    raise AssertionError(f"the demo data has no customer with a {kind}")


def _search(qtbot: QtBot, desk_search: object, text: str) -> list[int]:
    from app.ui.customer_search import CustomerSearch

    assert isinstance(desk_search, CustomerSearch)
    desk_search.results = []
    desk_search.field.setText(text)
    qtbot.waitUntil(lambda: bool(desk_search.results), timeout=10000)
    return [c.id for c in desk_search.results]


def test_search_finds_by_chinese_name_local_phone_and_email(qtbot: QtBot, live_server: ServerProcess,
                                                           desk_factory: DeskFactory) -> None:
    desk = desk_factory(live_server.url)
    sign_in(qtbot, desk)
    assert desk.window.customers_page is not None
    search = desk.window.customers_page.search
    chinese = _first_with(live_server, "phone", r"[\u4e00-\u9fff]")
    assert chinese["id"] in _search(qtbot, search, str(chinese["display_name"]))
    phone = next(i["value"] for i in chinese["identities"] if i["kind"] == "phone")  # type: ignore[attr-defined]
    local = f"{phone[3:6]} {phone[6:10]} {phone[10:]}"  # +8613800138000 → 138 0013 8000, as agents type it
    assert chinese["id"] in _search(qtbot, search, local)
    with_mail = _first_with(live_server, "email")
    mail = next(i["value"] for i in with_mail["identities"] if i["kind"] == "email")  # type: ignore[attr-defined]
    assert with_mail["id"] in _search(qtbot, search, mail.upper())


def test_note_posted_by_another_agent_appears_live(qtbot: QtBot, live_server: ServerProcess,
                                                   desk_factory: DeskFactory) -> None:
    desk = desk_factory(live_server.url)
    sign_in(qtbot, desk)
    wait_connected(qtbot, desk)
    customer_id = int(_first_with(live_server, "phone")["id"])  # type: ignore[call-overload]
    open_customer(qtbot, desk, customer_id)
    panel = desk.window.customers_page.panel  # type: ignore[union-attr]
    rows_before = panel.model.rowCount()

    body = "客户来电确认新地址 <b>not bold</b>"
    post_note(live_server, customer_id, body, rest_headers(live_server, "agent2"))

    def top() -> TimelineEvent:
        return panel.model.index(0).data(EventRole)

    qtbot.waitUntil(lambda: top().body == "客户来电确认新地址 <b>not bold</b>", timeout=10000)
    assert top().author_name  # the colleague who wrote it is named
    assert panel.model.rowCount() == rows_before + 1


def test_note_written_here_is_pending_until_the_server_has_it(qtbot: QtBot, live_server: ServerProcess,
                                                             desk_factory: DeskFactory) -> None:
    desk = desk_factory(live_server.url)
    sign_in(qtbot, desk)
    wait_connected(qtbot, desk)
    customer_id = int(_first_with(live_server, "email")["id"])  # type: ignore[call-overload]
    open_customer(qtbot, desk, customer_id)
    panel = desk.window.customers_page.panel  # type: ignore[union-attr]
    rows_before = panel.model.rowCount()
    panel.composer.editor.setPlainText("Called back, address confirmed")
    panel.composer.send_button.click()
    assert panel.model.index(0).data(PendingRole) is True
    qtbot.waitUntil(lambda: panel.model.index(0).data(PendingRole) is False, timeout=10000)
    assert panel.model.index(0).data(EventRole).body == "Called back, address confirmed"
    assert panel.model.rowCount() == rows_before + 1
    assert panel.model.pending_count() == 0


def test_scrolling_to_the_bottom_loads_older_pages(qtbot: QtBot, live_server: ServerProcess,
                                                    desk_factory: DeskFactory) -> None:
    customer_id = int(_first_with(live_server, "phone")["id"])  # type: ignore[call-overload]
    headers = rest_headers(live_server, "agent2")
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: post_note(live_server, customer_id, f"history note {n}", headers),
                      range(130)))
    desk = desk_factory(live_server.url)
    sign_in(qtbot, desk)
    desk.window.resize(1100, 700)
    open_customer(qtbot, desk, customer_id)
    panel = desk.window.customers_page.panel  # type: ignore[union-attr]
    first_page = panel.model.rowCount()
    assert first_page <= 60
    for _ in range(10):
        panel.timeline.scrollToBottom()
        qtbot.wait(150)
        if not panel.model.canFetchMore(panel.model.index(-1)) and not panel.model.loading_older:
            break
    qtbot.waitUntil(lambda: panel.model.rowCount() >= 130, timeout=10000)
    seqs = [panel.model.index(r).data(EventRole).seq for r in range(panel.model.rowCount())]
    assert seqs == sorted(seqs, reverse=True)
    assert len(set(seqs)) == len(seqs)
