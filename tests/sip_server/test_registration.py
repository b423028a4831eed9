"""Agents register to the deployment Kamailio only with valid, own, unexpired server-issued credentials."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import SipAccount
from backend.sip.service import ephemeral_password, ephemeral_username
from tests.sip_server.deployment import SipServer
from tests.telephony.conftest import EventLog

Engine = Callable[..., tuple[SoftphoneEngine, EventLog]]


def account(creds: dict[str, Any], **changes: Any) -> SipAccount:
    fields = {"username": creds["username"], "password": creds["password"], "domain": creds["domain"],
              "transport": creds["transport"], "auth_username": creds["auth_username"], **changes}
    return SipAccount(**fields)


def outcome(log: EventLog) -> Any:
    """The first final registration result: REGISTERED, or a RegistrationDidFail."""
    return log.wait_for(object, lambda e: isinstance(e, ev.RegistrationDidFail) or (
        isinstance(e, ev.RegistrationDidChange) and e.state is ev.RegistrationState.REGISTERED))


def test_credentials_from_the_server_register(sip: SipServer, credentials: Callable[[str], Any],
                                              engine_factory: Engine) -> None:
    creds = credentials("agent1")
    assert creds["domain"] == sip.domain  # HUITONG_SIP_DOMAIN reaches the client
    eng, log = engine_factory()
    eng.register(account(creds)).result(5)
    result = outcome(log)
    assert isinstance(result, ev.RegistrationDidChange), result
    assert result.code == 200


def test_expired_credentials_are_refused(sip: SipServer, engine_factory: Engine) -> None:
    secret = (sip.workdir / "data" / "sip_secret").read_text().strip()
    auth_username = ephemeral_username("agent1", int(time.time()) - 5)  # correctly signed, but 5 s too old
    eng, log = engine_factory()
    eng.register(SipAccount("agent1", ephemeral_password(secret, auth_username), sip.domain,
                            auth_username=auth_username)).result(5)
    result = outcome(log)
    assert isinstance(result, ev.RegistrationDidFail), result
    assert result.code in (401, 403)


def test_a_wrong_password_is_refused(credentials: Callable[[str], Any], engine_factory: Engine) -> None:
    creds = credentials("agent1")
    other = credentials("agent2")["password"]  # a real password, for someone else
    eng, log = engine_factory()
    eng.register(account(creds, password=other)).result(5)
    result = outcome(log)
    assert isinstance(result, ev.RegistrationDidFail), result
    assert result.code == 401


def test_a_longer_lifetime_than_issued_is_refused(credentials: Callable[[str], Any],
                                                  engine_factory: Engine) -> None:
    creds = credentials("agent1")
    expiry, _, user = creds["auth_username"].partition(":")
    eng, log = engine_factory()
    eng.register(account(creds, auth_username=f"{int(expiry) + 86400}:{user}")).result(5)
    result = outcome(log)
    assert isinstance(result, ev.RegistrationDidFail), result
    assert result.code == 401


def test_my_credentials_cannot_register_another_agent(credentials: Callable[[str], Any],
                                                      engine_factory: Engine) -> None:
    mine = credentials("agent1")
    eng, log = engine_factory()
    eng.register(account(mine, username="agent2")).result(5)  # AOR agent2, credentials of agent1
    result = outcome(log)
    assert isinstance(result, ev.RegistrationDidFail), result
    assert result.code == 403
