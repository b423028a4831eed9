"""Login, resume from the keyring, logout and session loss — the part of SyncService that owns tokens.

The refresh token is handed straight from the API client to the keyring and never stored elsewhere.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app.domain import Agent
from app.sync.api_client import ApiClient
from app.sync.cache import LocalCache
from app.sync.credentials import CredentialStore
from app.sync.errors import AuthRequired, KeyringUnavailable, ServerUnreachable, SyncError
from app.sync.paths import cache_file

if TYPE_CHECKING:
    from app.sync.outbox import Outbox

log = logging.getLogger(__name__)
T = TypeVar("T")


class SessionMixin:
    server_url: str
    agent: Agent | None
    _api: ApiClient
    _creds: CredentialStore
    _cache_dir: Path
    _cache: LocalCache | None
    _outbox: Outbox | None
    _lock: threading.RLock
    _remember: bool
    _username: str | None

    def _open_session(self, agent: Agent, *, online: bool = True) -> None: raise NotImplementedError
    def _stop_threads(self) -> None: raise NotImplementedError
    def _notify(self, method: str, *args: object) -> None: raise NotImplementedError

    def login(self, username: str, password: str, *, remember: bool = True) -> Agent:
        """Blocking. With `remember` the refresh token goes to the keyring; KeyringUnavailable if it can't."""
        if remember:
            ok, reason = self._creds.available()
            if not ok:  # refuse before the server issues a token we could not keep
                raise KeyringUnavailable(reason)
        self._username = username
        self._remember = False  # no keyring writes from rotation until this login is settled
        agent, refresh_token = self._api.login(username, password)
        if remember:
            try:
                self._creds.save(self.server_url, agent.username, refresh_token)
            except KeyringUnavailable:
                self._revoke_quietly(refresh_token)
                raise
        else:
            self._clear_keyring_quietly()  # an old remembered login must not outlive a "don't remember" one
        self._remember = remember
        self._open_session(agent)
        return agent

    def resume_session(self) -> Agent | None:
        """Blocking. Log in with the keyring's refresh token; None when nothing is stored.

        With the server unreachable but this agent's cache on disk, the session starts offline (cached
        data, outbox queued) and the live thread connects when the server is back.
        """
        try:
            stored = self._creds.load(self.server_url)
        except KeyringUnavailable as exc:
            log.info("no keyring, nothing to resume: %s", exc.message)
            return None
        if stored is None:
            return None
        username, refresh_token = stored
        self._username, self._remember = username, True
        try:
            agent, _ = self._api.refresh(refresh_token)  # rotation saves the new token via the callback
        except AuthRequired:
            self._remember = False
            self._clear_keyring_quietly()
            raise
        except ServerUnreachable:
            agent_offline = self._cached_agent(username)
            if agent_offline is None:
                raise
            self._api.set_refresh_token(refresh_token)
            self._open_session(agent_offline, online=False)
            return agent_offline
        self._open_session(agent)
        return agent

    def _cached_agent(self, username: str) -> Agent | None:
        path = cache_file(self._cache_dir, self.server_url, username)
        if not path.exists():
            return None
        cache = LocalCache(path)
        try:
            raw = cache.get_meta("agent")
        finally:
            cache.close()
        return Agent.from_json(json.loads(raw)) if raw else None

    def logout(self) -> None:
        """Revoke the session on the server (best effort when offline) and forget it locally."""
        with self._lock:
            self._stop_threads()
            if self._cache is not None:  # the signed-out desk must not keep reading this agent's data
                self._cache.close()
            self._cache, self._outbox = None, None
            refresh_token = self._api.current_refresh_token()
            self.agent = None
            self._remember = False
        if refresh_token:
            self._revoke_quietly(refresh_token)
        self._clear_keyring_quietly()

    # -- callbacks ------------------------------------------------------------------------------------
    def _token_rotated(self, refresh_token: str) -> None:
        """Runs on whichever thread refreshed: keep the keyring copy current, or the next start fails."""
        if not self._remember or not self._username:
            return
        try:
            self._creds.save(self.server_url, self._username, refresh_token)
        except KeyringUnavailable as exc:
            log.warning("could not update the stored login: %s", exc.message)

    def _session_lost(self, reason: str) -> None:
        with self._lock:
            if self.agent is None:
                return  # already reported (or logged out on purpose)
            self.agent = None
        self._clear_keyring_quietly()
        self._notify("on_session_lost", reason)

    def _guard(self, call: Callable[[], T]) -> T:
        """Run a REST call; a refused session is also reported to listeners, not only to the caller."""
        try:
            return call()
        except AuthRequired as exc:
            self._session_lost(exc.message)
            raise

    def _revoke_quietly(self, refresh_token: str) -> None:
        try:
            self._api.logout(refresh_token)
        except SyncError as exc:
            log.info("server logout not confirmed: %s", exc.code)

    def _clear_keyring_quietly(self) -> None:
        with contextlib.suppress(KeyringUnavailable):
            self._creds.clear(self.server_url)
