"""Screenshots of the sign-in dialog and the desk with a customer open, in English and Simplified Chinese.

They land in $HUITONG_SCREENSHOT_DIR when set (to look at them), else in the test's temp dir.
"""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

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


def test_screenshots_of_sign_in_and_customer_panel(qtbot: QtBot, live_server: ServerProcess,
                                                   desk_factory: DeskFactory, tmp_path: Path) -> None:
    out = Path(os.environ.get("HUITONG_SCREENSHOT_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    customer = next(c for c in rest_customers(live_server) if len(c["identities"]) >= 3)  # type: ignore[arg-type]
    customer_id = int(customer["id"])  # type: ignore[call-overload]
    post_note(live_server, customer_id, "Customer asked to move the delivery to Saturday morning; "
              "confirmed by phone, ticket updated.", rest_headers(live_server, "agent2"))
    desk = desk_factory(live_server.url)
    qtbot.waitUntil(lambda: desk.login_dialog is not None and desk.login_dialog.isVisible(), timeout=15000)
    assert desk.login_dialog is not None
    desk.login_dialog.username_edit.setText("agent1")
    assert desk.login_dialog.grab().save(str(out / "login_en.png"))
    sign_in(qtbot, desk)
    wait_connected(qtbot, desk)
    desk.window.resize(1280, 800)
    assert desk.window.customers_page is not None
    desk.window.customers_page.search.field.setText(str(customer["display_name"]))
    qtbot.waitUntil(lambda: bool(desk.window.customers_page.search.results), timeout=10000)  # type: ignore[union-attr]
    open_customer(qtbot, desk, customer_id)
    qtbot.wait(200)
    assert desk.window.grab().save(str(out / "desk_customer_en.png"))
    desk.set_language("zh_CN")
    qtbot.waitUntil(lambda: desk.window.navigation.visible_titles()[0] == "收件箱", timeout=3000)
    qtbot.wait(200)
    assert desk.window.grab().save(str(out / "desk_customer_zh_CN.png"))
    desk.set_language("zh_TW")
    qtbot.wait(300)
    assert desk.window.grab().save(str(out / "desk_customer_zh_TW.png"))
    desk.set_language("en")
    qtbot.wait(100)
    assert all((out / n).stat().st_size > 10_000 for n in ("login_en.png", "desk_customer_en.png",
                                                            "desk_customer_zh_CN.png"))
