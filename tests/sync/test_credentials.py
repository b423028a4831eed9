"""The keyring, reached through its helper process: only real OS stores hold a token, never a file or a no-op;
the desk process itself never loads `keyring` or `cryptography`."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from app.sync import credentials
from app.sync.credentials import CredentialStore
from app.sync.errors import KeyringUnavailable

pytestmark = pytest.mark.keyring


@pytest.mark.parametrize("backend", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring",
                                     "tests.sync.fake_keyrings.PlaintextKeyring"],
                         ids=["fail", "null", "keyrings.alt plaintext"])
def test_insecure_backends_are_refused_in_plain_words(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
    store = CredentialStore()
    ok, reason = store.available()
    assert not ok
    assert "keyring" in reason.lower() or "password store" in reason.lower()
    for call in (lambda: store.save("http://h", "agent1", "secret-token"), lambda: store.load("http://h"),
                 lambda: store.clear("http://h")):
        with pytest.raises(KeyringUnavailable):
            call()
    store.close()


def test_the_real_secret_service_round_trips_per_server(secure_keyring: str) -> None:
    store = CredentialStore(service="huitong-test-round-trip")
    assert store.available() == (True, "")
    store.save("http://h/", "agent1", "tok-1")
    assert store.load("http://h") == ("agent1", "tok-1")
    assert store.load("http://other") is None
    store.clear("http://h")
    store.clear("http://h")  # clearing twice is fine
    assert store.load("http://h") is None
    store.close()


def test_the_desk_process_never_loads_keyring_or_cryptography(secure_keyring: str) -> None:
    script = (
        "import sys\n"
        "from app.sync.credentials import CredentialStore, warm_up_keyring\n"
        "warm_up_keyring()\n"
        "s = CredentialStore(service='huitong-test-imports')\n"
        "s.save('http://h', 'agent1', 'tok-2')\n"
        "assert s.load('http://h') == ('agent1', 'tok-2')\n"
        "s.clear('http://h')\n"
        "s.close()\n"
        "heavy = ('keyring', 'secretstorage', 'cryptography', 'jeepney')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                         check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_the_helper_ends_after_a_short_idle_and_a_new_one_serves_the_next_request(
        secure_keyring: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(credentials, "LINGER_SECONDS", 0.2)
    store = CredentialStore(service="huitong-test-linger")
    store.save("http://h", "agent1", "tok-3")
    helper = store._helper
    assert helper is not None
    deadline = time.monotonic() + 10
    while helper.proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert helper.proc.poll() == 0, "an idle helper should have ended"
    assert store.load("http://h") == ("agent1", "tok-3")
    store.clear("http://h")
    store.close()


def test_a_helper_that_dies_mid_request_is_a_plain_keyring_error_not_a_hang(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(credentials, "helper_command",
                        lambda: [sys.executable, "-c", "import sys; sys.stdin.readline(); sys.exit(3)"])
    store = CredentialStore()
    with pytest.raises(KeyringUnavailable) as exc:
        store.load("http://h")
    assert "did not answer" in exc.value.message
    assert store.available()[0] is False  # and the next request tries a fresh helper, same plain answer
    store.close()
