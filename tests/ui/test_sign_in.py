"""Signing in, staying signed in across restarts, and plain-words errors in the sign-in dialog."""

from __future__ import annotations

import requests
from pytestqt.qtbot import QtBot

from app.sync.credentials import CredentialStore
from tests.fixtures.server import ServerProcess
from tests.ui.conftest import DeskFactory, sign_in, wait_connected


def test_login_then_restart_logs_in_without_password(qtbot: QtBot, live_server: ServerProcess,
                                                     desk_factory: DeskFactory) -> None:
    first = desk_factory(live_server.url)
    sign_in(qtbot, first)
    wait_connected(qtbot, first)
    first.shutdown()
    first.window.close()

    second = desk_factory()  # no server given: the remembered one is used, and the keyring session
    qtbot.waitUntil(lambda: second.agent is not None, timeout=15000)
    assert second.agent is not None
    assert second.agent.username == "agent1"
    assert second.login_dialog is None
    wait_connected(qtbot, second)
    assert "agent1" in second.window.agent_label.text()


def test_wrong_password_is_explained_in_the_dialog(qtbot: QtBot, live_server: ServerProcess,
                                                   desk_factory: DeskFactory) -> None:
    desk = desk_factory(live_server.url)
    qtbot.waitUntil(lambda: desk.login_dialog is not None and desk.login_dialog.isVisible(), timeout=15000)
    dialog = desk.login_dialog
    assert dialog is not None
    dialog.username_edit.setText("agent1")
    dialog.password_edit.setText("not-the-password")
    dialog.sign_in_button.click()
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=15000)
    assert dialog.error_label.text() == "Wrong username or password."
    assert dialog.isVisible()
    assert desk.agent is None


def test_unreachable_server_is_explained_in_the_dialog(qtbot: QtBot, desk_factory: DeskFactory) -> None:
    desk = desk_factory("http://127.0.0.1:9")
    qtbot.waitUntil(lambda: desk.login_dialog is not None and desk.login_dialog.isVisible(), timeout=15000)
    dialog = desk.login_dialog
    assert dialog is not None
    dialog.username_edit.setText("agent1")
    dialog.password_edit.setText("whatever")
    dialog.sign_in_button.click()
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=15000)
    assert "cannot be reached" in dialog.error_label.text()


def test_supervisor_page_is_offered_only_to_supervisors(qtbot: QtBot, live_server: ServerProcess,
                                                        desk_factory: DeskFactory) -> None:
    lead = desk_factory(live_server.url)
    sign_in(qtbot, lead, "lead")
    assert lead.window.navigation.supervisor_visible()
    assert "Supervisor" in lead.window.navigation.visible_titles()
    lead.logout()
    sign_in(qtbot, lead, "agent1")
    assert not lead.window.navigation.supervisor_visible()
    assert "Supervisor" not in lead.window.navigation.visible_titles()


def test_a_remembered_sign_in_that_was_revoked_asks_again_without_blaming_the_password(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory) -> None:
    first = desk_factory(live_server.url)
    sign_in(qtbot, first)
    first.shutdown()
    first.window.close()
    stored = CredentialStore().load(live_server.url)
    assert stored is not None
    # Someone else uses the remembered token first: the server sees the desk's copy as a stolen one.
    r = requests.post(f"{live_server.url}/api/v1/auth/refresh", json={"refresh_token": stored[1]}, timeout=10)
    assert r.status_code == 200

    second = desk_factory()
    qtbot.waitUntil(lambda: second.login_dialog is not None and second.login_dialog.isVisible(),
                    timeout=15000)
    dialog = second.login_dialog
    assert dialog is not None
    assert dialog.error_label.text() == "Your saved sign-in has ended. Please sign in again."
    assert second.agent is None
    assert CredentialStore().load(live_server.url) is None  # the dead token is not kept
