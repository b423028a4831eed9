"""Shared by the desk's softphone tests: a server issuing SIP credentials for the test Kamailio, scripted
pjsua2 peers in their own processes, and a desk signed in whose phone is registered."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.ui.desk_controller import DeskController
from tests.fixtures.server import ServerProcess
from tests.telephony.conftest import PeerProcess
from tests.telephony.kamailio import Kamailio
from tests.ui.conftest import DeskFactory, sign_in, wait_connected


@pytest.fixture(name="peers")
def peers_fixture(kamailio: Kamailio) -> Iterator[Callable[..., PeerProcess]]:
    """Makes peers (`peers(user, answer_after=None)`), all stopped after the test."""
    made: list[PeerProcess] = []

    def make(user: str, answer_after: float | None = None) -> PeerProcess:
        made.append(PeerProcess(kamailio, user, answer_after=answer_after))
        return made[-1]

    yield make
    for peer in made:
        peer.stop()


@pytest.fixture(name="phone_server")
def phone_server_fixture(server_factory: Callable[..., ServerProcess], kamailio: Kamailio) -> ServerProcess:
    """A seeded server whose SIP credentials point at the test Kamailio."""
    return server_factory(HUITONG_SIP_DOMAIN=kamailio.domain)


def registered_desk(qtbot: QtBot, desk_factory: DeskFactory, server: ServerProcess,
                    restart: bool = False) -> DeskController:
    """A desk signed in (by hand, or with `restart` by its remembered session) whose phone is registered."""
    desk = desk_factory(server.url)
    if restart:
        qtbot.waitUntil(lambda: desk.agent is not None, timeout=15000)
    else:
        sign_in(qtbot, desk)
    wait_connected(qtbot, desk)
    qtbot.waitUntil(lambda: desk.softphone is not None and desk.softphone.phone.state == "registered",
                    timeout=20000)
    return desk
