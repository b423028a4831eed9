"""Transfer in the agent client against a real server: from the Work dock, the inbox conversation header and
the softphone's Transfer on a routed call; a call whose REFER fails brings its record back."""

from __future__ import annotations

import uuid
from pathlib import Path

import requests
from pytestqt.qtbot import QtBot

from app.telephony import events as ev
from app.ui.call_lines import CallLine
from tests.fixtures.server import ServerProcess
from tests.sync.test_inbox_support import arrive, new_customer
from tests.ui.conftest import DeskFactory
from tests.ui.routing_steps import LIVE_MS, card_for, go_available, queue_id, rest, routing_desk, shots


def test_transfer_to_an_agent_and_to_a_queue(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory, tmp_path: Path) -> None:
    desk, routing = routing_desk(qtbot, live_server, desk_factory)
    agent2 = next(a for a in rest(live_server, "GET", "/routing/agents") if a["username"] == "agent2")
    rest(live_server, "PUT", "/routing/me", "agent2", json={"state": "available"})
    rest(live_server, "PUT", "/routing/me", "agent2", json={"state": "break", "reason_code": "meeting"})
    go_available(qtbot, routing)
    customer = new_customer(live_server, "Ada Lovelace", "ada@example.com")
    first = arrive(live_server.database_url, customer, "Question one")["interaction_id"]
    routing.accept(card_for(qtbot, routing, first))
    qtbot.waitUntil(lambda: routing.panel.select(first), timeout=10_000)
    rest(live_server, "PUT", "/routing/me", "agent2", json={"state": "available"})

    routing.panel.transfer_button.click()
    qtbot.waitUntil(lambda: routing.transfer_dialog is not None and routing.transfer_dialog.isVisible(),
                    timeout=10_000)
    dialog = routing.transfer_dialog
    assert dialog is not None
    dialog.choose_agent(int(agent2["id"]))
    dialog.note.setPlainText("Wants a refund, order HT-1")
    assert dialog.grab().save(str(shots(tmp_path) / "routing_transfer.png"))
    dialog.transfer_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: any(o["interaction_id"] == first
                                for o in rest(live_server, "GET", "/offers", "agent2")), timeout=LIVE_MS)
    offer = next(o for o in rest(live_server, "GET", "/offers", "agent2") if o["interaction_id"] == first)
    assert offer["note"] == "Wants a refund, order HT-1"
    internal = rest(live_server, "GET", f"/interactions/{first}/messages")["items"]
    assert any(m["direction"] == "internal" and m["body"] == "Wants a refund, order HT-1" for m in internal)

    rest(live_server, "PUT", "/routing/me", "agent2", json={"state": "offline"})
    second = arrive(live_server.database_url, customer, "Question two")["interaction_id"]
    routing.accept(card_for(qtbot, routing, second))
    qtbot.waitUntil(lambda: routing.panel.select(second), timeout=10_000)
    sales = queue_id(live_server, "Sales")
    routing.open_transfer(second)
    qtbot.waitUntil(lambda: routing.transfer_dialog is not None and routing.transfer_dialog is not dialog
                    and routing.transfer_dialog.isVisible(), timeout=10_000)
    to_queue = routing.transfer_dialog
    assert to_queue is not None
    to_queue.choose_queue(sales)
    to_queue.transfer_button.click()
    qtbot.waitUntil(lambda: rest(live_server, "GET", f"/interactions/{second}")["queue_id"] == sales,
                    timeout=10_000)
    assert rest(live_server, "GET", f"/interactions/{second}")["assigned_agent_id"] is None
    del desk


def test_transfer_is_offered_in_the_inbox_conversation_header(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory) -> None:
    desk, routing = routing_desk(qtbot, live_server, desk_factory)
    go_available(qtbot, routing)
    customer = new_customer(live_server, "Grace Hopper", "grace@example.com")
    iid = arrive(live_server.database_url, customer, "Compiler question")["interaction_id"]
    routing.accept(card_for(qtbot, routing, iid))
    inbox = desk.window.inbox_page
    assert inbox is not None
    qtbot.waitUntil(lambda: inbox.conversation.interaction is not None
                    and inbox.conversation.interaction.id == iid, timeout=LIVE_MS)
    button = routing.inbox_transfer
    assert button.text() == "Transfer…"
    assert inbox.conversation.isAncestorOf(button)
    qtbot.waitUntil(button.isVisible, timeout=5000)
    button.click()
    qtbot.waitUntil(lambda: routing.transfer_dialog is not None and routing.transfer_dialog.isVisible(),
                    timeout=10_000)
    dialog = routing.transfer_dialog
    assert dialog is not None
    assert dialog.interaction.id == iid
    dialog.close()
    rest(live_server, "POST", f"/interactions/{iid}/end")
    rest(live_server, "POST", f"/interactions/{iid}/wrap_up",
         json={"client_id": str(uuid.uuid4()), "disposition": "resolved", "note": ""})
    routing.selector.actions_by_key[("offline", None)].trigger()
    qtbot.waitUntil(lambda: rest(live_server, "GET", "/routing/me")["state"] == "offline", timeout=10_000)


def test_the_softphones_transfer_on_a_routed_call_opens_routings_dialog_and_moves_the_record(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory) -> None:
    desk, routing = routing_desk(qtbot, live_server, desk_factory)
    qtbot.waitUntil(lambda: desk.softphone is not None, timeout=10_000)
    assert desk.softphone is not None
    phone, panel = desk.softphone.phone, desk.softphone.panel
    assert phone.routed_transfer is not None  # routing took the softphone's Transfer for queue calls
    agent2 = next(a for a in rest(live_server, "GET", "/routing/agents") if a["username"] == "agent2")
    rest(live_server, "PUT", "/routing/me", "agent2", json={"state": "available"})
    rest(live_server, "PUT", "/routing/me", "agent2", json={"state": "break", "reason_code": "meeting"})
    go_available(qtbot, routing)
    asked = {"call_id": f"{uuid.uuid4()}@test", "caller": "+8613800138222", "queue": "8000"}
    route = requests.get(f"{live_server.url}/api/v1/voice/route", params=asked, timeout=10).json()
    assert route["action"] == "route"
    iid = int(route["interaction_id"])
    line = CallLine(7, "inbound", "+8613800138222", state="confirmed", interaction_id=str(iid))
    line.mark_answered()
    phone.lines[line.call_id] = line  # the answered queue call on the softphone
    routing.call_answered(line)
    qtbot.waitUntil(lambda: rest(live_server, "GET", f"/interactions/{iid}")["status"] == "active",
                    timeout=10_000)
    panel.number_edit.clear()
    panel.transfer()  # the softphone's Transfer button
    qtbot.waitUntil(lambda: routing.transfer_dialog is not None and routing.transfer_dialog.isVisible(),
                    timeout=10_000)
    dialog = routing.transfer_dialog
    assert dialog is not None
    assert dialog.interaction.id == iid
    assert dialog.interaction.channel == "voice"
    rest(live_server, "PUT", "/routing/me", "agent2", json={"state": "available"})
    dialog.choose_agent(int(agent2["id"]))
    dialog.transfer_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    moved = rest(live_server, "GET", f"/interactions/{iid}")
    assert moved["status"] in ("queued", "offered")  # waiting for the caller's new call to reach agent2
    # Our leg ending now (the REFER's BYE) must not end the interaction that moved on.
    del phone.lines[line.call_id]
    line.ended_at = line.answered_at
    routing.call_ended(line)
    qtbot.wait(500)
    assert iid not in routing.wrap_dialogs
    assert rest(live_server, "GET", f"/interactions/{iid}")["status"] in ("queued", "offered")
    rest(live_server, "PUT", "/routing/me", "agent2", json={"state": "offline"})
    routing.selector.actions_by_key[("offline", None)].trigger()
    qtbot.waitUntil(lambda: rest(live_server, "GET", "/routing/me")["state"] == "offline", timeout=10_000)


def test_a_routed_call_whose_transfer_fails_brings_its_record_back(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory) -> None:
    """The engine reports the REFER failed (tests/voice_queue covers that with real SIP): the caller is still
    on this line, so the client takes the interaction back from the queue it was sent to."""
    desk, routing = routing_desk(qtbot, live_server, desk_factory)
    qtbot.waitUntil(lambda: desk.softphone is not None, timeout=10_000)
    assert desk.softphone is not None
    phone = desk.softphone.phone
    agent2 = next(a for a in rest(live_server, "GET", "/routing/agents") if a["username"] == "agent2")
    go_available(qtbot, routing)
    asked = {"call_id": f"{uuid.uuid4()}@test", "caller": "+8613800138223", "queue": "8000"}
    iid = int(requests.get(f"{live_server.url}/api/v1/voice/route", params=asked, timeout=10).json()
              ["interaction_id"])
    line = CallLine(8, "inbound", "+8613800138223", state="confirmed", interaction_id=str(iid))
    line.mark_answered()
    phone.lines[line.call_id] = line
    routing.call_answered(line)
    qtbot.waitUntil(lambda: rest(live_server, "GET", f"/interactions/{iid}")["status"] == "active",
                    timeout=10_000)
    rest(live_server, "PUT", "/routing/me", "agent2", json={"state": "available"})
    try:
        routing.open_transfer(iid)
        qtbot.waitUntil(lambda: routing.transfer_dialog is not None and routing.transfer_dialog.isVisible(),
                        timeout=10_000)
        dialog = routing.transfer_dialog
        assert dialog is not None
        dialog.choose_agent(int(agent2["id"]))
        messages: list[str] = []
        routing.message.connect(messages.append)
        dialog.transfer_button.click()
        # the client has the server's answer and has sent the REFER (not only: the server moved the record)
        qtbot.waitUntil(lambda: "Transferring the call…" in messages, timeout=10_000)
        assert rest(live_server, "GET", f"/interactions/{iid}")["status"] in ("queued", "offered")
        phone._on_event(ev.CallTransferDidFail(line.call_id, 404, "Not Found"))
        qtbot.waitUntil(lambda: rest(live_server, "GET", f"/interactions/{iid}")["status"] == "active",
                        timeout=10_000)
        back = rest(live_server, "GET", f"/interactions/{iid}")
        assert back["assigned_agent_id"] == rest(live_server, "GET", "/routing/me")["agent_id"]
        qtbot.waitUntil(lambda: any("stays with you" in m for m in messages), timeout=5000)
    finally:
        rest(live_server, "PUT", "/routing/me", "agent2", json={"state": "offline"})
        del phone.lines[line.call_id]
