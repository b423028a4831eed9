"""Routing in the agent client against a real server (routing worker on): the state selector, offers with
their countdown (accept, decline, expiry), the wrap-up form, queue figures, and a queue call's
offer accepted when the softphone answers."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from pytestqt.qtbot import QtBot

from app.sync.routing_api import RoutingState, parse_frame
from app.ui.call_lines import CallLine
from app.ui.navigation import Page
from tests.fixtures.server import ServerProcess
from tests.sync.test_inbox_support import arrive, new_customer
from tests.ui.conftest import DeskFactory
from tests.ui.routing_steps import LIVE_MS, card_for, go_available, queue_id, rest, routing_desk, shots


def test_break_with_a_reason_reaches_the_server_and_figures_show_the_servers_numbers(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory, tmp_path: Path) -> None:
    desk, routing = routing_desk(qtbot, live_server, desk_factory)
    selector = routing.selector
    assert selector.button.text() == "Offline"
    assert [r.code for r in selector.reasons] == ["lunch", "meeting", "training"]

    selector.actions_by_key[("break", "lunch")].trigger()
    qtbot.waitUntil(lambda: rest(live_server, "GET", "/routing/me")["state"] == "break", timeout=10_000)
    me = rest(live_server, "GET", "/routing/me")
    assert me["reason_code"] == "lunch"
    qtbot.waitUntil(lambda: selector.button.text() == "Break · Lunch 午餐", timeout=10_000)
    assert ":" in selector.clock.text()  # time in state, m:ss

    # Two chats waiting in Support while nobody is available; the panel shows what the server says.
    customer = new_customer(live_server, "Li Lei", "li.lei@example.cn")
    arrive(live_server.database_url, customer, "Hello?")
    arrive(live_server.database_url, customer, "Anyone there?", channel="email", subject="Refund")
    support = queue_id(live_server, "Support")

    def server_waiting() -> int:
        figures = rest(live_server, "GET", "/routing/figures")
        return int(next(f for f in figures if f["queue_id"] == support)["waiting"])

    qtbot.waitUntil(lambda: server_waiting() == 2, timeout=10_000)
    routing.refresh()
    table = routing.panel.figures
    qtbot.waitUntil(lambda: table.cell_text(support, 1) == "2", timeout=10_000)
    server = next(f for f in rest(live_server, "GET", "/routing/figures") if f["queue_id"] == support)
    assert table.cell_text(support, 0) == server["name"]
    assert table.cell_text(support, 3) == f"{server['agents_available']} / {server['agents_staffed']}"
    assert table.cell_text(support, 2) != "—"
    desk.window.show_page(Page.CUSTOMERS)
    qtbot.wait(200)
    assert desk.window.grab().save(str(shots(tmp_path) / "routing_figures.png"))

    selector.actions_by_key[("offline", None)].trigger()
    qtbot.waitUntil(lambda: rest(live_server, "GET", "/routing/me")["state"] == "offline", timeout=10_000)


def test_a_chat_offer_pops_up_accept_assigns_it_and_the_wrap_up_lands_on_the_timeline(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory, tmp_path: Path) -> None:
    support = queue_id(live_server, "Support")
    rest(live_server, "PUT", f"/routing/queues/{support}", "admin", json={"disposition_required": True})
    desk, routing = routing_desk(qtbot, live_server, desk_factory)
    me = int(rest(live_server, "GET", "/me")["id"])
    go_available(qtbot, routing)
    customer = new_customer(live_server, "王芳", "wang.fang@example.cn")
    iid = arrive(live_server.database_url, customer, "我的订单到哪了？")["interaction_id"]

    offer_id = card_for(qtbot, routing, iid)
    card = routing.panel.cards[offer_id]
    assert card.customer_label.text() == "王芳"
    assert "Support" in card.detail.text()
    assert routing.toast is not None
    assert routing.toast.isVisible()
    assert routing.toast.offer_id == offer_id
    first = int(card.countdown.text().split()[0])
    assert 0 < first <= 30
    qtbot.waitUntil(lambda: int(card.countdown.text().split()[0]) < first, timeout=3000)  # it counts down
    assert card.bar.value() < 1000
    assert desk.window.grab().save(str(shots(tmp_path) / "routing_offer.png"))

    card.accept_button.click()
    qtbot.waitUntil(lambda: not routing.panel.cards and routing.toast is None, timeout=10_000)
    got = rest(live_server, "GET", f"/interactions/{iid}")
    assert (got["status"], got["assigned_agent_id"]) == ("active", me)
    inbox = desk.window.inbox_page
    assert inbox is not None
    qtbot.waitUntil(lambda: inbox.conversation.interaction is not None
                    and inbox.conversation.interaction.id == iid, timeout=LIVE_MS)
    assert desk.window.navigation.currentRow() == Page.INBOX
    qtbot.waitUntil(lambda: inbox.customer_panel.customer is not None
                    and inbox.customer_panel.customer.id == customer, timeout=10_000)

    # End → the wrap-up form; Support needs a disposition, so Submit waits for one.
    qtbot.waitUntil(lambda: routing.panel.select(iid), timeout=10_000)
    routing.panel.end_button.click()
    qtbot.waitUntil(lambda: iid in routing.wrap_dialogs and routing.wrap_dialogs[iid].isVisible(),
                    timeout=10_000)
    dialog = routing.wrap_dialogs[iid]
    assert dialog.required
    assert not dialog.submit_button.isEnabled()
    dialog.choose("resolved")
    assert dialog.submit_button.isEnabled()
    dialog.note.setPlainText("Parcel left the warehouse today.")
    assert dialog.grab().save(str(shots(tmp_path) / "routing_wrap_up.png"))
    dialog.submit_button.click()
    qtbot.waitUntil(lambda: iid not in routing.wrap_dialogs, timeout=10_000)
    assert rest(live_server, "GET", f"/interactions/{iid}")["status"] == "closed"
    timeline = rest(live_server, "GET", f"/customers/{customer}/timeline")["items"]
    note = next(e for e in timeline if e["kind"] == "note" and e["payload"].get("wrap_up"))
    assert note["body"] == "Resolved 已解决: Parcel left the warehouse today."
    assert note["payload"]["disposition"] == "resolved"


def test_decline_offers_it_to_the_next_agent_and_an_expired_offer_disappears(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory) -> None:
    _, routing = routing_desk(qtbot, live_server, desk_factory)
    go_available(qtbot, routing)
    customer = new_customer(live_server, "Grace Hopper", "grace@example.com")
    iid = arrive(live_server.database_url, customer, "Hi there")["interaction_id"]
    offer_id = card_for(qtbot, routing, iid)
    rest(live_server, "PUT", "/routing/me", "agent2", json={"state": "available"})

    routing.decline(offer_id)  # the toolbar's shortcut and both buttons end here
    qtbot.waitUntil(lambda: offer_id not in routing.panel.cards, timeout=10_000)
    qtbot.waitUntil(lambda: any(o["interaction_id"] == iid
                                for o in rest(live_server, "GET", "/offers", "agent2")), timeout=LIVE_MS)

    # A short countdown that runs out: the card and the toast go, the interaction is waiting again.
    rest(live_server, "PUT", "/routing/me", "agent2", json={"state": "offline"})
    rest(live_server, "PUT", "/routing/channels/chat", "admin", json={"offer_timeout_seconds": 5})
    second = arrive(live_server.database_url, customer, "Hello again")["interaction_id"]
    offer_id = card_for(qtbot, routing, second)
    assert routing.toast is not None
    assert routing.toast.offer_id == offer_id
    qtbot.waitUntil(lambda: offer_id not in routing.panel.cards and routing.toast is None, timeout=15_000)
    offer_ids = {o["id"] for o in rest(live_server, "GET", "/offers")}
    assert offer_id not in offer_ids


def test_a_queue_call_offer_is_accepted_when_the_softphone_answers(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory) -> None:
    _, routing = routing_desk(qtbot, live_server, desk_factory)
    me = int(rest(live_server, "GET", "/me")["id"])
    go_available(qtbot, routing)
    call_id = f"{uuid.uuid4()}@test"
    asked = {"call_id": call_id, "caller": "+8613800138000", "queue": "8000"}  # what Kamailio asks (loopback)
    routed = requests.get(f"{live_server.url}/api/v1/voice/route", params=asked, timeout=10)
    assert routed.status_code == 200, routed.text
    route = routed.json()
    assert route["action"] == "route"
    iid = int(route["interaction_id"])
    assert card_for(qtbot, routing, iid) == route["offer_id"]

    # The softphone's line for that INVITE (X-Interaction-Id), answered: the client accepts the offer.
    line = CallLine(1, "inbound", "+8613800138000", state="confirmed", interaction_id=str(iid))
    line.mark_answered()
    routing.call_answered(line)
    qtbot.waitUntil(lambda: rest(live_server, "GET", f"/interactions/{iid}")["status"] == "active",
                    timeout=10_000)
    assert rest(live_server, "GET", f"/interactions/{iid}")["assigned_agent_id"] == me
    qtbot.waitUntil(lambda: not routing.panel.cards, timeout=10_000)

    # Hanging up ends it: after-call work starts and the wrap-up form opens.
    line.ended_at = line.answered_at
    routing.call_ended(line)
    qtbot.waitUntil(lambda: iid in routing.wrap_dialogs, timeout=10_000)
    assert rest(live_server, "GET", f"/interactions/{iid}")["status"] == "wrap_up"
    qtbot.waitUntil(lambda: routing.state is not None and routing.state.state == "after_call_work",
                    timeout=10_000)
    dialog = routing.wrap_dialogs[iid]
    assert "left" in dialog.acw_label.text()  # voice has 30 s of after-call work
    assert routing.selector.button.text() == "After-call work"


def test_state_figures_and_offers_arrive_as_live_frames_not_by_polling(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory, tmp_path: Path) -> None:
    desk, routing = routing_desk(qtbot, live_server, desk_factory)
    assert routing._poll.interval() == 30_000  # a safety net only
    with qtbot.waitSignal(routing.refreshed, timeout=10_000):  # the start's REST answers are in
        routing.refresh()
    qtbot.wait(500)
    polls: list[int] = []
    routing.refreshed.connect(lambda: polls.append(1))
    me = int(rest(live_server, "GET", "/me")["id"])
    # A supervisor puts me on a break: no event of mine, no poll due — only the routing frame can say so.
    rest(live_server, "PUT", f"/routing/agents/{me}/state", "lead",
         json={"state": "break", "reason_code": "lunch"})
    qtbot.waitUntil(lambda: routing.selector.button.text() == "Break · Lunch 午餐", timeout=5000)
    support = queue_id(live_server, "Support")
    table = routing.panel.figures
    before = table.cell_text(support, 1)
    customer = new_customer(live_server, "Zhou Xun 周迅", "zhou.xun@example.cn")
    iid = arrive(live_server.database_url, customer, "在吗？")["interaction_id"]
    qtbot.waitUntil(lambda: table.cell_text(support, 1) == str(int(before or "0") + 1), timeout=8000)
    assert polls == []
    go_available(qtbot, routing)
    offer_id = card_for(qtbot, routing, iid)
    card = routing.panel.cards[offer_id]
    assert 0 < int(card.countdown.text().split()[0]) <= 30
    desk.window.show_page(Page.CUSTOMERS)
    qtbot.wait(300)
    assert desk.window.grab().save(str(shots(tmp_path) / "routing_live_offer_and_figures.png"))
    routing.decline(offer_id)
    qtbot.waitUntil(lambda: offer_id not in routing.panel.cards, timeout=10_000)
    routing.selector.actions_by_key[("offline", None)].trigger()
    qtbot.waitUntil(lambda: rest(live_server, "GET", "/routing/me")["state"] == "offline", timeout=10_000)


def test_an_offer_counts_down_by_the_servers_clock_even_when_ours_differs() -> None:
    server_now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    data = {"agent_id": 7, "state": "available", "reason_code": None, "state_since": server_now.isoformat(),
            "server_time": server_now.isoformat(), "offers": [{
                "id": 1, "interaction_id": 2, "queue_id": 3, "channel": "chat", "status": "pending",
                "created_at": (server_now - timedelta(seconds=5)).isoformat(),
                "expires_at": (server_now + timedelta(seconds=15)).isoformat()}]}
    ours = server_now + timedelta(minutes=3)  # our clock runs three minutes ahead (or a reconnect later)
    [offer] = RoutingState.from_json(data, now=ours).offers
    assert offer.seconds_left(ours) == 15.0
    assert offer.seconds_left(ours + timedelta(seconds=10)) == 5.0
    frame = {"type": "routing", "topic": "routing", "to_agent_id": 7, "me": data}
    assert isinstance(parse_frame(frame, 7), RoutingState)
    assert parse_frame(frame, 8) is None  # not mine
    assert parse_frame({"type": "routing", "to_agent_id": 7, "me": {"state": 1}}, 7) is None  # malformed
