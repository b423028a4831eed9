"""Login, remembered sessions in the OS keyring, and the errors an agent sees at the login dialog."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.sync.credentials import CredentialStore
from app.sync.errors import ApiError, AuthRequired, KeyringUnavailable, ServerUnreachable
from app.sync.service import SyncService
from tests.fixtures.ports import free_port
from tests.fixtures.server import DEMO_PASSWORD, REPO
from tests.sync.conftest import Rig

pytestmark = pytest.mark.keyring

RESUME_SCRIPT = """
import sys
from pathlib import Path
from app.sync.service import SyncService
svc = SyncService(sys.argv[1], cache_dir=Path(sys.argv[2]))
agent = svc.resume_session()
print(agent.username if agent else "NONE", len(svc.search_customers("")) >= 0)
svc.close()
"""


def _files_contain(root: Path, needle: str) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle.encode() in p.read_bytes()]


def test_remembered_login_resumes_in_a_new_process_without_the_password(
        rig: Rig, secure_keyring: str) -> None:
    svc, _ = rig.service()
    agent = svc.login("agent1", DEMO_PASSWORD, remember=True)
    assert agent.username == "agent1"
    svc.close()
    # A different interpreter: only the keyring connects the two runs.
    out = subprocess.run([sys.executable, "-c", RESUME_SCRIPT, rig.proxy.url, str(rig.cache_dir)], cwd=REPO,
                         env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.split() == ["agent1", "True"], out.stderr
    # The other process rotated the refresh token; this process resumes again with the rotated one.
    svc2, _ = rig.service()
    assert svc2.resume_session() is not None


def test_refresh_token_is_in_the_keyring_and_in_no_file_under_the_cache_dir(
        rig: Rig, secure_keyring: str, any_customer_id: int) -> None:
    svc, _ = rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=True)
    svc.fetch_customer(any_customer_id)
    svc.add_note(any_customer_id, "token hygiene check")
    stored = CredentialStore().load(rig.proxy.url)
    assert stored is not None
    assert stored[0] == "agent1"
    access = svc.api.access_token()
    svc.close()
    assert any(rig.cache_dir.iterdir()), "the cache should exist"
    for secret in (stored[1], access, DEMO_PASSWORD):
        assert _files_contain(rig.cache_dir, secret) == []


def test_no_secure_keyring_refuses_to_remember_in_plain_words_and_writes_nothing(
        rig: Rig, fail_keyring: None, tmp_path: Path) -> None:
    ok, reason = CredentialStore().available()
    assert not ok
    assert "keyring" in reason.lower()
    svc, _ = rig.service()
    with pytest.raises(KeyringUnavailable) as exc:
        svc.login("agent1", DEMO_PASSWORD, remember=True)
    assert "keyring" in exc.value.message.lower()
    assert "Traceback" not in exc.value.message
    assert not rig.cache_dir.exists() or not any(rig.cache_dir.rglob("*"))
    with pytest.raises(KeyringUnavailable):
        CredentialStore().save(rig.proxy.url, "agent1", "x")
    assert svc.resume_session() is None  # nothing could have been stored
    # The caller told the user and retries without remembering: that works.
    assert svc.login("agent1", DEMO_PASSWORD, remember=False).username == "agent1"


def test_wrong_password_is_an_api_error_with_a_code(rig: Rig) -> None:
    svc, _ = rig.service()
    with pytest.raises(ApiError) as exc:
        svc.login("agent1", "not-the-password", remember=False)
    assert exc.value.status == 401
    assert exc.value.code
    assert exc.value.message
    assert svc.agent is None


def test_server_down_at_login_is_server_unreachable(tmp_path: Path) -> None:
    svc = SyncService(f"http://127.0.0.1:{free_port()}", cache_dir=tmp_path)
    with pytest.raises(ServerUnreachable) as exc:
        svc.login("agent1", DEMO_PASSWORD, remember=False)
    assert "cannot be reached" in exc.value.message
    svc.close()


def test_expired_access_token_is_refreshed_transparently_and_keyring_follows_rotation(
        rig: Rig, secure_keyring: str, any_customer_id: int) -> None:
    import jwt

    svc, _ = rig.service()
    agent = svc.login("agent1", DEMO_PASSWORD, remember=True)
    before = CredentialStore().load(rig.proxy.url)
    # A token the server itself would have issued, already expired; the client still believes it valid.
    expired = jwt.encode({"sub": str(agent.id), "role": agent.role, "typ": "access", "iat": 1, "exp": 2},
                         rig.server.env["HUITONG_SECRET_KEY"], algorithm="HS256")
    svc.api._access = expired
    customer, _page = svc.fetch_customer(any_customer_id)
    assert customer.id == any_customer_id
    assert svc.api.access_token() != expired
    after = CredentialStore().load(rig.proxy.url)
    assert after is not None
    assert before is not None
    assert after[1] != before[1]


def test_refused_refresh_token_means_log_in_again(rig: Rig, secure_keyring: str) -> None:
    svc, _rec = rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=True)
    stored = CredentialStore().load(rig.proxy.url)
    assert stored is not None
    svc.api.refresh(stored[1])  # rotates: the stored copy is updated, the old token is now dead
    CredentialStore().save(rig.proxy.url, "agent1", stored[1])  # simulate a stale keyring entry
    svc2, _ = rig.service()
    with pytest.raises(AuthRequired):
        svc2.resume_session()
    assert CredentialStore().load(rig.proxy.url) is None  # the dead token is forgotten


def test_logout_revokes_the_session_and_clears_the_keyring(rig: Rig, secure_keyring: str) -> None:
    svc, _ = rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=True)
    stored = CredentialStore().load(rig.proxy.url)
    assert stored is not None
    svc.logout()
    assert CredentialStore().load(rig.proxy.url) is None
    with pytest.raises(AuthRequired):
        SyncService(rig.proxy.url, cache_dir=rig.cache_dir).api.refresh(stored[1])


def test_after_logout_the_cache_is_closed_and_a_new_login_reopens_it(rig: Rig, any_customer_id: int) -> None:
    svc, _ = rig.service()
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    svc.fetch_customer(any_customer_id)
    svc.logout()
    assert svc.cached_customer(any_customer_id) is None
    with pytest.raises(AuthRequired):
        svc.add_note(any_customer_id, "signed out")
    svc.login("agent1", DEMO_PASSWORD, remember=False)
    assert svc.cached_customer(any_customer_id) is not None
