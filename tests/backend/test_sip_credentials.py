"""POST /api/v1/sip/credentials: auth_ephemeral credentials any logged-in agent gets, and their settings."""

from __future__ import annotations

import base64
import dataclasses
import logging
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from backend.main import create_app
from backend.settings import Settings
from backend.sip.kamailio_include import include_text
from backend.sip.service import ephemeral_password
from backend.sip.settings import SipSettings, SipSettingsError
from tests.fixtures.server import REPO

Headers = dict[str, str]
CONTRACT_KEYS = {"username", "auth_username", "password", "domain", "transport", "expires_at", "ttl_seconds",
                 "srtp", "record_calls", "ca_pem"}


def test_password_matches_an_openssl_vector() -> None:
    # printf '%s' '1795000000:agent1' | openssl dgst -sha1 -hmac 'test-shared-secret' -binary | base64
    assert ephemeral_password("test-shared-secret", "1795000000:agent1") == "zM5mgERuOdG6CwIGU5Jqae1dVzY="


def test_password_matches_rfc2202_test_case_2() -> None:
    expected = base64.b64encode(bytes.fromhex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")).decode()
    assert ephemeral_password("Jefe", "what do ya want for nothing?") == expected


@pytest.mark.parametrize("username", ["agent1", "lead", "admin"])
def test_every_logged_in_agent_gets_credentials_for_itself(
        client: TestClient, settings: Settings, as_user: Callable[[str], Headers], username: str) -> None:
    before = int(time.time())
    r = client.post("/api/v1/sip/credentials", headers=as_user(username))
    after = int(time.time())
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    body = r.json()
    assert set(body) == CONTRACT_KEYS
    assert body["username"] == username
    expiry_text, _, user = body["auth_username"].partition(":")
    assert user == username
    expiry = int(expiry_text)
    assert before + 3600 <= expiry <= after + 3600
    assert body["ttl_seconds"] == 3600
    assert body["expires_at"] == datetime.fromtimestamp(expiry, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert body["password"] == ephemeral_password(settings.sip.secret, body["auth_username"])
    assert (body["domain"], body["transport"], body["srtp"], body["record_calls"], body["ca_pem"]) == (
        "127.0.0.1:5060", "udp", "off", False, None)


def test_credentials_need_a_login(client: TestClient) -> None:
    r = client.post("/api/v1/sip/credentials")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "not_authenticated"
    r = client.post("/api/v1/sip/credentials", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "invalid_token"


def test_server_policy_reaches_the_client(settings: Settings, tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    sip = SipSettings.from_env({
        "HUITONG_SIP_SECRET": "a-configured-secret-1234", "HUITONG_SIP_DOMAIN": "sip.example.com:5061",
        "HUITONG_SIP_TRANSPORT": "TLS", "HUITONG_SIP_TTL": "600", "HUITONG_SIP_SRTP": "mandatory",
        "HUITONG_RECORD_CALLS": "yes", "HUITONG_SIP_CA_FILE": str(ca)}, tmp_path)
    with TestClient(create_app(dataclasses.replace(settings, sip=sip))) as c:
        r = c.post("/api/v1/auth/login", json={"username": "agent2", "password": "demo-pass-2026"})
        token = r.json()["access_token"]
        body = c.post("/api/v1/sip/credentials", headers={"Authorization": f"Bearer {token}"}).json()
    assert (body["domain"], body["transport"], body["srtp"], body["record_calls"], body["ttl_seconds"]) == (
        "sip.example.com:5061", "tls", "mandatory", True, 600)
    assert body["ca_pem"] == ca.read_text()
    assert body["password"] == ephemeral_password("a-configured-secret-1234", body["auth_username"])


def test_a_username_sip_cannot_carry_is_refused_plainly(client: TestClient, admin: Headers) -> None:
    r = client.post("/api/v1/agents", headers=admin, json={
        "username": "wang@desk", "display_name": "王", "password": "long-enough-pw", "role": "agent"})
    assert r.status_code == 201, r.text
    r = client.post("/api/v1/auth/login", json={"username": "wang@desk", "password": "long-enough-pw"})
    token = r.json()["access_token"]
    r = client.post("/api/v1/sip/credentials", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "sip_username_unusable"


def test_issuing_never_logs_the_password_or_secret(client: TestClient, settings: Settings, agent: Headers,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        body = client.post("/api/v1/sip/credentials", headers=agent).json()
    assert "agent1" in caplog.text  # it is logged that credentials were issued…
    assert body["password"] not in caplog.text  # …but not what they are
    assert settings.sip.secret not in caplog.text


@pytest.mark.parametrize(("name", "value", "words"), [
    ("HUITONG_SIP_TRANSPORT", "sctp", "HUITONG_SIP_TRANSPORT must be one of udp, tcp, tls"),
    ("HUITONG_SIP_SRTP", "always", "HUITONG_SIP_SRTP must be one of off, optional, mandatory"),
    ("HUITONG_SIP_TTL", "1h", "HUITONG_SIP_TTL '1h' is not a whole number"),
    ("HUITONG_SIP_TTL", "5", "HUITONG_SIP_TTL must be between 60"),
    ("HUITONG_SIP_DOMAIN", "sip:x@y", "HUITONG_SIP_DOMAIN 'sip:x@y' is not host[:port]"),
    ("HUITONG_SIP_SECRET", 'short"', "HUITONG_SIP_SECRET must be 16–256 characters"),
    ("HUITONG_SIP_CA_FILE", "/nonexistent/ca.pem",
     "HUITONG_SIP_CA_FILE '/nonexistent/ca.pem' cannot be read"),
])
def test_bad_settings_are_named(tmp_path: Path, name: str, value: str, words: str) -> None:
    with pytest.raises(SipSettingsError) as raised:
        SipSettings.from_env({"HUITONG_SIP_SECRET": "a-configured-secret-1234", name: value}, tmp_path)
    assert str(raised.value).startswith(words)


def test_generated_secret_is_kept_once_in_a_private_file(tmp_path: Path) -> None:
    first = SipSettings.from_env({}, tmp_path)
    second = SipSettings.from_env({}, tmp_path)
    assert first.secret == second.secret
    path = tmp_path / "sip_secret"
    assert path.read_text().strip() == first.secret
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert first.secret not in repr(first)
    assert SipSettings.from_env({"HUITONG_SIP_SECRET": "from-the-environment-1"}, tmp_path).secret == (
        "from-the-environment-1")


def _cli(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("HUITONG_SIP")}
    full.update({"HUITONG_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(REPO), **env})
    return subprocess.run([sys.executable, "-m", "backend", *args], cwd=REPO, env=full, capture_output=True,
                          text=True, timeout=60, check=False)


def test_cli_writes_the_kamailio_include_with_the_servers_secret(tmp_path: Path) -> None:
    target = tmp_path / "etc" / "huitong-secret.cfg"
    done = _cli(tmp_path, "sip-secret", "--kamailio-include", str(target))
    assert done.returncode == 0, done.stderr
    secret = (tmp_path / "data" / "sip_secret").read_text().strip()
    assert f'modparam("auth_ephemeral", "secret", "{secret}")' in target.read_text()
    assert target.read_text() == include_text(SipSettings(secret=secret))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert secret not in done.stdout + done.stderr
    target.chmod(0o644)  # a rewrite puts the mode right again
    assert _cli(tmp_path, "sip-secret", "--kamailio-include", str(target),
                HUITONG_SIP_SECRET="rotated-secret-0123456789").returncode == 0
    assert '"rotated-secret-0123456789"' in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_cli_refuses_a_bad_setting_without_writing(tmp_path: Path) -> None:
    target = tmp_path / "huitong-secret.cfg"
    done = _cli(tmp_path, "sip-secret", "--kamailio-include", str(target),
                HUITONG_SIP_TRANSPORT="carrier-pigeon")
    assert done.returncode == 2
    assert "configuration error: HUITONG_SIP_TRANSPORT must be one of udp, tcp, tls" in done.stderr
    assert "Traceback" not in done.stderr
    assert not target.exists()
