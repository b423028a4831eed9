"""Switching the language re-translates the open windows, live."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.fixtures.server import ServerProcess
from tests.ui.conftest import DeskFactory, sign_in


def test_language_switch_changes_visible_texts_to_chinese(qtbot: QtBot, live_server: ServerProcess,
                                                          desk_factory: DeskFactory) -> None:
    desk = desk_factory(live_server.url)
    qtbot.waitUntil(lambda: desk.login_dialog is not None and desk.login_dialog.isVisible(), timeout=15000)
    dialog = desk.login_dialog
    assert dialog is not None
    assert dialog.sign_in_button.text() == "Sign in"
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))  # live, in the dialog
    qtbot.waitUntil(lambda: dialog.sign_in_button.text() == "登录", timeout=3000)
    assert dialog.windowTitle() == "登录汇通"
    sign_in(qtbot, desk)
    window = desk.window
    assert window.navigation.visible_titles() == ["收件箱", "通话", "客户"]
    assert window.connection.text in ("正在连接…", "已连接")
    assert "已登录" in window.agent_label.text()

    window.language_actions["zh_TW"].trigger()
    qtbot.waitUntil(lambda: window.navigation.visible_titles() == ["收件匣", "通話", "客戶"], timeout=3000)
    assert window.windowTitle() == "匯通 — 客服工作台"
    window.language_actions["en"].trigger()
    english = ["Inbox", "Calls", "Customers"]
    qtbot.waitUntil(lambda: window.navigation.visible_titles() == english, timeout=3000)
    assert desk.settings.language == "en"


def test_the_phones_state_and_sound_notice_follow_a_language_switch(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory) -> None:
    # They were worded once, when the state changed: after a switch they stayed in the old language.
    desk = desk_factory(live_server.url)
    sign_in(qtbot, desk)
    qtbot.waitUntil(lambda: desk.softphone is not None and desk.softphone.phone.state != "off", timeout=15000)
    assert desk.softphone is not None
    panel, status_bar_label = desk.softphone.panel, desk.softphone.status
    qtbot.waitUntil(lambda: "without sound" in panel.feedback.text(), timeout=15000)  # no sound card here
    assert "Phone:" in panel.status_label.text()
    desk.window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: "电话" in panel.status_label.text(), timeout=3000)
    assert "电话" in status_bar_label.text()
    assert "没有声音" in panel.feedback.text(), panel.feedback.text()
    desk.window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: "Phone:" in panel.status_label.text(), timeout=3000)
    assert "without sound" in panel.feedback.text()
