"""The refresh token lives in the OS keyring (Secret Service, Keychain, Credential Locker) and nowhere else.

The keyring is reached through a short-lived helper process (`app.sync.keyring_helper`, which says why),
so the desk never imports `keyring` itself. Insecure or absent stores are refused rather than used: callers
get a `KeyringUnavailable` with a sentence they can show, and decide with the user whether to go on without
remembering the login.
"""

from __future__ import annotations

import json
import logging
import os
import select
import subprocess
import sys
import threading
from typing import Any

from app.sync.errors import KeyringUnavailable

log = logging.getLogger(__name__)

_NO_KEYRING = ("No secure password store (keyring) is available on this computer, so the login cannot be "
               "remembered. Install and unlock GNOME Keyring or KWallet, or log in without remembering.")
_PLAIN_FILE = ("The only password store available writes passwords to a plain file, which Huitong refuses "
               "to use. Install and unlock GNOME Keyring or KWallet, or log in without remembering.")
_BROKEN_KEYRING = ("The system password store (keyring) did not answer; it may be locked or not running. "
                   "Unlock it, or log in without remembering.")
_REASONS = {"no_keyring": _NO_KEYRING, "plain_file": _PLAIN_FILE}

LINGER_SECONDS = 2.0  # a helper stays this long after a request, so sign-in's read + write share one
REPLY_TIMEOUT_SECONDS = 120.0  # the store may ask the user to unlock it


def helper_command() -> list[str]:
    if getattr(sys, "frozen", False):  # an installed build: the app's own executable is the helper
        return [sys.executable, "--keyring-helper"]
    return [sys.executable, "-m", "app.sync.keyring_helper"]


class _Helper:
    """One helper process and the environment it was started with."""

    def __init__(self) -> None:
        self.env = dict(os.environ)
        self.proc = subprocess.Popen(helper_command(), stdin=subprocess.PIPE,  # noqa: S603 - our own program
                                     stdout=subprocess.PIPE, text=True, encoding="utf-8", env=self.env)

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], REPLY_TIMEOUT_SECONDS)
        line = self.proc.stdout.readline() if ready else ""
        if not line:
            raise OSError("the keyring helper did not answer")
        reply = json.loads(line)
        if not isinstance(reply, dict):
            raise OSError("the keyring helper answered nonsense")
        return reply

    def close(self) -> None:
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()  # the helper ends at end of input
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


class _Prestarted:
    """At most one helper started ahead of need (`warm_up_keyring`), for the first request to take over."""

    lock = threading.Lock()
    helper: _Helper | None = None


def warm_up_keyring() -> None:
    """Start a helper now, so its start-up and keyring's backend detection (which runs ldconfig and other
    subprocesses) overlap the client's own start; the first CredentialStore request takes it over."""
    with _Prestarted.lock:
        if _Prestarted.helper is None:
            try:
                _Prestarted.helper = _Helper()
            except OSError:
                log.warning("could not start the keyring helper", exc_info=True)


def _take_prestarted() -> _Helper | None:
    """The warmed-up helper, if it was started with the environment a new one would get."""
    with _Prestarted.lock:
        helper, _Prestarted.helper = _Prestarted.helper, None
    if helper is not None and helper.env != dict(os.environ):
        helper.close()  # started for another D-Bus session / backend choice
        return None
    return helper


class CredentialStore:
    """(username, refresh_token) per server URL, in the OS keyring under `service`."""

    def __init__(self, service: str = "huitong") -> None:
        self.service = service
        self._lock = threading.Lock()
        self._helper: _Helper | None = None
        self._idle: threading.Timer | None = None

    @staticmethod
    def _key(server_url: str) -> str:
        return server_url.rstrip("/")

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            if self._idle is not None:
                self._idle.cancel()
            try:
                if self._helper is None:
                    self._helper = _take_prestarted() or _Helper()
                reply = self._helper.ask({**request, "service": self.service})
            except (OSError, ValueError):
                log.warning("keyring helper failed", exc_info=True)
                self._close_helper()
                raise KeyringUnavailable(_BROKEN_KEYRING) from None
            self._idle = threading.Timer(LINGER_SECONDS, self.close)
            self._idle.daemon = True
            self._idle.start()
        if not reply.get("ok"):
            raise KeyringUnavailable(_REASONS.get(str(reply.get("reason")), _BROKEN_KEYRING))
        return reply

    def _close_helper(self) -> None:
        helper, self._helper = self._helper, None
        if helper is not None:
            helper.close()

    def close(self) -> None:
        """End the helper process now (it also ends by itself when this process does)."""
        with self._lock:
            if self._idle is not None:
                self._idle.cancel()
                self._idle = None
            self._close_helper()

    def available(self) -> tuple[bool, str]:
        try:
            self._ask({"op": "available"})
        except KeyringUnavailable as exc:
            return False, exc.message
        return True, ""

    def load(self, server_url: str) -> tuple[str, str] | None:
        raw = self._ask({"op": "get", "key": self._key(server_url)}).get("value")
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
        self._ask({"op": "set", "key": self._key(server_url), "value": blob})

    def clear(self, server_url: str) -> None:
        self._ask({"op": "delete", "key": self._key(server_url)})
