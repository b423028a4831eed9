"""Typing both ways, end to end: the visitor types in the widget (headless Chromium) and the agent client
(the real desk under pytest-qt) shows "The customer is typing…"; the agent types in the desk's composer and
the widget shows "Agent is typing…". Each indicator goes away after the typist pauses because the
"stopped" signal arrived (the widget sends it after 3 s idle, the desk after 5 s) — the frames themselves are
watched, so the 8 s safety timeouts cannot make the test pass."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.ui.desk_controller import DeskController
from app.ui.inbox_page import InboxPage
from app.ui.navigation import Page
from tests.fixtures.server import ServerProcess
from tests.ui.conftest import DeskFactory, desk_factory, sign_in, wait_connected  # noqa: F401 - fixture
from tests.webchat.browser import WidgetPage, chromium

LIVE_MS = 20_000
# Records every frame the widget's WebSocket receives (installed before the widget's script runs).
SPY = """
window.__frames = [];
var Native = window.WebSocket;
window.WebSocket = function (url, protocols) {
  var ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
  ws.addEventListener("message", function (e) {
    try { window.__frames.push(JSON.parse(e.data)); } catch (err) { /* not JSON */ }
  });
  return ws;
};
window.WebSocket.prototype = Native.prototype;
["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { window.WebSocket[k] = Native[k]; });
"""
TYPING_FRAMES = "return window.__frames.filter(function (f) { return f.type === 'typing'; })"


def _inbox(qtbot: QtBot, desk: DeskController) -> InboxPage:
    sign_in(qtbot, desk)
    wait_connected(qtbot, desk)
    desk.window.resize(1400, 820)
    desk.window.show_page(Page.INBOX)
    page = desk.window.inbox_page
    assert page is not None
    qtbot.waitUntil(lambda: page.agent is not None and not page.model.loading, timeout=10_000)
    return page


def test_typing_shows_both_ways_and_stops_after_the_pause(
        qtbot: QtBot, chat_server: ServerProcess, desk_factory: DeskFactory) -> None:  # noqa: F811
    inbox = _inbox(qtbot, desk_factory(chat_server.url))
    driver = chromium()
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SPY})
    try:
        widget = WidgetPage(driver, chat_server.url).open()
        widget.start_chat(name="Typing Visitor")
        widget.type_and_send("Hello, anyone there?")
        widget.wait(widget.sent_ids)
        iid = int(driver.execute_script(
            "return Number(document.querySelector('#hc-log .hc-msg[data-id]').dataset.id)"))
        qtbot.waitUntil(lambda: any(inbox.model.interaction(r).preview == "Hello, anyone there?"
                                    for r in range(inbox.model.rowCount())), timeout=LIVE_MS)
        chat = next(inbox.model.interaction(r) for r in range(inbox.model.rowCount())
                    if inbox.model.interaction(r).preview == "Hello, anyone there?")
        assert iid > 0
        assert inbox.open_interaction(chat.id)
        conv = inbox.conversation
        qtbot.waitUntil(lambda: conv.model.rowCount() >= 1, timeout=10_000)
        assert not conv.typing_shown

        # The visitor types: the desk shows it; the visitor pauses: it goes away.
        def stopped(interaction_id: int, party: str, active: bool) -> bool:
            return interaction_id == chat.id and party == "visitor" and not active

        with qtbot.waitSignal(inbox.bridge.typing, timeout=LIVE_MS, check_params_cb=stopped):
            widget.find("#hc-input").send_keys("I have a quest")
            qtbot.waitUntil(lambda: conv.typing_shown, timeout=LIVE_MS)
            assert conv.typing_label.text() == "The customer is typing…"
        assert not conv.typing_shown  # hidden by the visitor's "stopped", not by the client's timeout

        # The agent types in the desk: the widget shows it; the agent pauses: it goes away.
        assert not widget.find("#hc-typing").is_displayed()
        editor = conv.composer.chat_editor
        editor.setFocus()
        qtbot.keyClicks(editor, "Let me check")
        # (waiting through qtbot: the desk's idle timer needs Qt's event loop running meanwhile)
        qtbot.waitUntil(lambda: widget.find("#hc-typing").is_displayed(), timeout=LIVE_MS)
        assert widget.find("#hc-typing").text == "Agent is typing…"
        assert [f["active"] for f in driver.execute_script(TYPING_FRAMES)] == [True]
        qtbot.waitUntil(lambda: [f["active"] for f in driver.execute_script(TYPING_FRAMES)] == [True, False],
                        timeout=LIVE_MS)
        assert not widget.find("#hc-typing").is_displayed()  # hidden by the agent's "stopped"
        assert driver.execute_script(TYPING_FRAMES)[-1]["interaction_id"] == chat.id
        assert editor.toPlainText() == "Let me check"  # nothing was sent: only the signal went away
    finally:
        driver.quit()
