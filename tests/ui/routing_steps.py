"""Steps the routing UI tests share: a signed-in desk with routing ready, REST calls as any demo agent."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import requests
from pytestqt.qtbot import QtBot

from app.ui.desk_controller import DeskController
from app.ui.routing_desk import RoutingDesk
from tests.fixtures.server import ServerProcess
from tests.ui.conftest import DeskFactory, sign_in, wait_connected

LIVE_MS = 20_000


def shots(tmp_path: Path) -> Path:
    out = Path(os.environ.get("HUITONG_SCREENSHOT_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    return out


def rest(server: ServerProcess, method: str, path: str, username: str = "agent1", **kw: Any) -> Any:
    token = server.login(username)["access_token"]
    r = requests.request(method, f"{server.url}/api/v1{path}", headers={"Authorization": f"Bearer {token}"},
                         timeout=10, **kw)
    assert r.status_code < 400, r.text
    return r.json() if r.content else None


def routing_desk(qtbot: QtBot, server: ServerProcess,
          desk_factory: DeskFactory) -> tuple[DeskController, RoutingDesk]:
    desk = desk_factory(server.url)
    sign_in(qtbot, desk)
    wait_connected(qtbot, desk)
    desk.window.resize(1400, 860)
    qtbot.waitUntil(lambda: desk.routing is not None and desk.routing.state is not None
                    and bool(desk.routing.selector.reasons) and bool(desk.routing.queues), timeout=10_000)
    assert desk.routing is not None
    return desk, desk.routing


def go_available(qtbot: QtBot, routing: RoutingDesk) -> None:
    routing.selector.actions_by_key[("available", None)].trigger()
    qtbot.waitUntil(lambda: routing.state is not None and routing.state.state == "available", timeout=10_000)


def card_for(qtbot: QtBot, routing: RoutingDesk, interaction_id: int) -> int:
    def shown() -> bool:
        return any(c.view.offer.interaction_id == interaction_id for c in routing.panel.cards.values())

    qtbot.waitUntil(shown, timeout=LIVE_MS)
    return next(i for i, c in routing.panel.cards.items() if c.view.offer.interaction_id == interaction_id)


def queue_id(server: ServerProcess, prefix: str) -> int:
    return next(int(q["id"]) for q in rest(server, "GET", "/routing/queues") if q["name"].startswith(prefix))
