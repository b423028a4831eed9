"""Which keyring backends may hold a refresh token: only real OS stores, never a file or a no-op."""

from __future__ import annotations

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from app.sync.credentials import CredentialStore
from app.sync.errors import KeyringUnavailable


class _Memory(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.data.pop((service, username), None)


def _plaintext_backend() -> KeyringBackend:
    # Stands in for keyrings.alt.file.PlaintextKeyring without installing keyrings.alt.
    cls = type("PlaintextKeyring", (_Memory,), {"__module__": "keyrings.alt.file"})
    return cls()


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), _plaintext_backend()],
                         ids=["fail", "null", "keyrings.alt plaintext"])
def test_insecure_backends_are_refused_in_plain_words(backend: KeyringBackend) -> None:
    store = CredentialStore(backend=backend)
    ok, reason = store.available()
    assert not ok
    assert "keyring" in reason.lower()
    for call in (lambda: store.save("http://h", "agent1", "secret-token"), lambda: store.load("http://h"),
                 lambda: store.clear("http://h")):
        with pytest.raises(KeyringUnavailable):
            call()


def test_a_real_backend_round_trips_per_server() -> None:
    backend = _Memory()
    store = CredentialStore(backend=backend)
    assert store.available() == (True, "")
    store.save("http://h/", "agent1", "tok-1")
    assert store.load("http://h") == ("agent1", "tok-1")
    assert store.load("http://other") is None
    store.clear("http://h")
    store.clear("http://h")  # clearing twice is fine
    assert store.load("http://h") is None
