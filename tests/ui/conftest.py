"""UI test fixtures: a desk (DeskController) wired to a real server, real keyring, temp settings and cache."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain import ConnectionState
from app.sync.service import SyncService
from app.ui.desk_controller import DeskController, LaunchOptions
from app.ui.settings_store import SettingsStore
from app.ui.theme import apply_theme
from tests.fixtures.server import DEMO_PASSWORD, ServerProcess

DeskFactory = Callable[..., DeskController]


@pytest.fixture
def desk_factory(qapp: QApplication, qtbot: QtBot, tmp_path: Path,
                 secret_service: None) -> Iterator[DeskFactory]:
    """Builds desks that share one cache dir and one settings file, like restarts on one PC."""
    apply_theme(qapp)
    made: list[DeskController] = []
    settings_file = tmp_path / "settings.ini"

    def factory(server_url: str | None = None, **options: str) -> DeskController:
        settings = SettingsStore(QSettings(str(settings_file), QSettings.Format.IniFormat))
        controller = DeskController(
            lambda url: SyncService(url, cache_dir=tmp_path / "cache"),
            LaunchOptions(server_url=server_url, **options), settings=settings)
        qtbot.addWidget(controller.window)
        made.append(controller)
        controller.start()
        return controller

    yield factory
    for controller in made:
        controller.shutdown()
        controller.window.close()


def sign_in(qtbot: QtBot, desk: DeskController, username: str = "agent1",
            password: str = DEMO_PASSWORD) -> None:
    qtbot.waitUntil(lambda: desk.login_dialog is not None and desk.login_dialog.isVisible(), timeout=15000)
    dialog = desk.login_dialog
    assert dialog is not None
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: desk.agent is not None, timeout=15000)


def wait_connected(qtbot: QtBot, desk: DeskController) -> None:
    qtbot.waitUntil(lambda: desk.window.connection.state is ConnectionState.CONNECTED, timeout=15000)


def rest_headers(server: ServerProcess, username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {server.login(username)['access_token']}"}


def rest_customers(server: ServerProcess, query: str = "") -> list[dict[str, object]]:
    r = requests.get(f"{server.url}/api/v1/customers", params={"q": query, "limit": 200},
                     headers=rest_headers(server, "agent2"), timeout=10)
    r.raise_for_status()
    return list(r.json()["items"])


def post_note(server: ServerProcess, customer_id: int, body: str, headers: dict[str, str]) -> None:
    r = requests.post(f"{server.url}/api/v1/customers/{customer_id}/timeline",
                      json={"client_id": str(uuid.uuid4()), "kind": "note", "channel": "internal",
                            "body": body, "payload": {}}, headers=headers, timeout=10)
    r.raise_for_status()


def open_customer(qtbot: QtBot, desk: DeskController, customer_id: int) -> None:
    page = desk.window.customers_page
    assert page is not None
    page.panel.open_customer(customer_id)
    qtbot.waitUntil(lambda: page.panel.customer is not None and page.panel.customer.id == customer_id
                    and page.panel.model.rowCount() > 0, timeout=15000)
