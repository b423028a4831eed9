"""The refresh token lives in the OS keyring (Secret Service, Keychain, Credential Locker) and nowhere else.

Insecure or absent backends are refused rather than used: `keyring` falls back to a fail/null backend when
there is no D-Bus session, and keyrings.alt would write the token to a plain file. Callers get a
`KeyringUnavailable` with a sentence they can show, and decide with the user whether to go on without
remembering the login.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from app.sync.errors import KeyringUnavailable

log = logging.getLogger(__name__)

_NO_KEYRING = ("No secure password store (keyring) is available on this computer, so the login cannot be "
               "remembered. Install and unlock GNOME Keyring or KWallet, or log in without remembering.")
_BROKEN_KEYRING = ("The system password store (keyring) did not answer; it may be locked or not running. "
                   "Unlock it, or log in without remembering.")


def _insecure_reason(backend: KeyringBackend) -> str | None:
    """Why this backend must not hold a token, or None when it is acceptable."""
    if isinstance(backend, fail.Keyring | null.Keyring):
        return _NO_KEYRING
    module = type(backend).__module__
    name = type(backend).__name__
    # keyrings.alt's file backends keep secrets on disk (plaintext, or "encrypted" with a console prompt).
    if module.startswith("keyrings.alt") and ("Plaintext" in name or module == "keyrings.alt.file"):
        return ("The only password store available writes passwords to a plain file, which Huitong refuses "
                "to use. Install and unlock GNOME Keyring or KWallet, or log in without remembering.")
    if isinstance(backend, chainer.ChainerBackend):
        usable = [b for b in backend.backends if _insecure_reason(b) is None]
        return None if usable else _NO_KEYRING
    return None


def warm_up_keyring() -> threading.Thread:
    """Start `keyring`'s backend detection on a daemon thread and return it.

    Detection imports every backend and reads the installed packages' entry points; on Linux the macOS
    backend's `find_library` alone runs ldconfig/gcc/ld (9 subprocesses). Started before the rest of the
    sync stack is imported, that waiting overlaps the imports instead of following them; the result is
    `keyring`'s own (process-wide) choice, so nothing about which store is used changes.
    """

    def detect() -> None:
        try:
            keyring.get_keyring()
        except Exception:  # the real call reports it; a warm-up has nobody to tell
            log.debug("keyring warm-up failed", exc_info=True)

    thread = threading.Thread(target=detect, name="huitong-keyring-warm-up", daemon=True)
    thread.start()
    return thread


class CredentialStore:
    """(username, refresh_token) per server URL, in the OS keyring under `service`."""

    def __init__(self, service: str = "huitong", *, backend: KeyringBackend | None = None) -> None:
        self.service = service
        # None = whatever `keyring` selected for this process (keyring.set_keyring() is honoured).
        self._backend = backend

    def _keyring(self) -> KeyringBackend:
        backend = self._backend or keyring.get_keyring()
        reason = _insecure_reason(backend)
        if reason is not None:
            raise KeyringUnavailable(reason)
        return backend

    @staticmethod
    def _key(server_url: str) -> str:
        return server_url.rstrip("/")

    def available(self) -> tuple[bool, str]:
        try:
            backend = self._keyring()
            # A read proves the store answers (D-Bus up, collection unlocked) before we rely on it.
            backend.get_password(self.service, "__huitong_probe__")
        except KeyringUnavailable as exc:
            return False, exc.message
        except Exception:  # secretstorage/jeepney/dbus raise their own types; all mean "unusable"
            log.warning("keyring probe failed", exc_info=True)
            return False, _BROKEN_KEYRING
        return True, ""

    def _call(self, op: str, *args: Any) -> Any:
        backend = self._keyring()
        try:
            return getattr(backend, op)(self.service, *args)
        except keyring.errors.PasswordDeleteError:
            return None  # nothing stored: clearing is already done
        except Exception as exc:
            # Log the type only: the arguments may contain the token.
            log.warning("keyring %s failed: %s", op, type(exc).__name__)
            raise KeyringUnavailable(_BROKEN_KEYRING) from None

    def load(self, server_url: str) -> tuple[str, str] | None:
        raw = self._call("get_password", self._key(server_url))
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return str(data["username"]), str(data["refresh_token"])
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring an unreadable keyring entry for %s", self._key(server_url))
            return None

    def save(self, server_url: str, username: str, refresh_token: str) -> None:
        blob = json.dumps({"username": username, "refresh_token": refresh_token})
        self._call("set_password", self._key(server_url), blob)

    def clear(self, server_url: str) -> None:
        self._call("delete_password", self._key(server_url))
