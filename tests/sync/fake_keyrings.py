"""A keyring backend the helper process loads by name (PYTHON_KEYRING_BACKEND), for test_credentials.py."""

from __future__ import annotations

from keyring.backend import KeyringBackend


class PlaintextKeyring(KeyringBackend):
    """Stands in for keyrings.alt.file.PlaintextKeyring without installing keyrings.alt (same module name)."""

    __module__ = "keyrings.alt.file"
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        raise AssertionError("a plain-file keyring must never be read")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise AssertionError("a plain-file keyring must never be written")

    def delete_password(self, service: str, username: str) -> None:
        raise AssertionError("a plain-file keyring must never be touched")
