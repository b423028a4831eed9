"""The connection indicator follows the server, and a customer seen before opens while offline."""

from __future__ import annotations

from urllib.parse import urlparse

from pytestqt.qtbot import QtBot

from app.domain import ConnectionState
from tests.fixtures.server import ServerProcess, start_server
from tests.ui.conftest import DeskFactory, open_customer, rest_customers, sign_in, wait_connected


def test_indicator_follows_server_stop_and_restart_and_offline_open_works(
        qtbot: QtBot, live_server: ServerProcess, desk_factory: DeskFactory) -> None:
    customer_id = int(rest_customers(live_server)[0]["id"])  # type: ignore[call-overload]
    desk = desk_factory(live_server.url)
    sign_in(qtbot, desk)
    wait_connected(qtbot, desk)
    assert desk.window.connection.text == "Connected"
    open_customer(qtbot, desk, customer_id)
    seen_name = desk.window.customers_page.panel.customer.display_name  # type: ignore[union-attr]
    desk.window.customers_page.panel.open_customer(-1)  # type: ignore[union-attr]  # look elsewhere

    live_server.stop()
    qtbot.waitUntil(lambda: desk.window.connection.state in (ConnectionState.RECONNECTING,
                                                             ConnectionState.OFFLINE), timeout=15000)
    assert desk.window.connection.text in ("Reconnecting…", "Offline")

    open_customer(qtbot, desk, customer_id)  # from this computer's cache, server down
    panel = desk.window.customers_page.panel  # type: ignore[union-attr]
    assert panel.name_label.text() == seen_name

    port = urlparse(live_server.url).port
    restarted = start_server(live_server.database_url, seed=False, port=port)
    try:
        wait_connected(qtbot, desk)
        assert desk.window.connection.text == "Connected"
    finally:
        restarted.stop()
