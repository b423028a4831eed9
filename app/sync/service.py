"""`SyncService`: everything the UI needs from the server, behind one object with blocking methods.

The UI calls the blocking methods from its worker pool and receives pushes (live events, connection state,
session loss, outbox size) through `SyncListener` callbacks, which arrive on background threads.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from app.domain import Agent, ConnectionState, Customer, TimelineEvent, TimelinePage
from app.sync.api_client import ApiClient
from app.sync.cache import LocalCache
from app.sync.codec import agent_to_json
from app.sync.credentials import CredentialStore
from app.sync.errors import AuthRequired, ServerUnreachable, SyncError
from app.sync.inbox import InboxListener, InboxSync
from app.sync.live_events import LiveEventsThread
from app.sync.outbox import Outbox, OutboxItem
from app.sync.paths import cache_file, default_cache_dir
from app.sync.session import SessionMixin

__all__ = ["SyncListener", "SyncService", "default_cache_dir"]
log = logging.getLogger(__name__)
NOTE_CHANNEL = "internal"


class SyncListener(Protocol):
    """Called from background threads — the UI marshals to its own thread."""

    def on_connection_state(self, state: ConnectionState, detail: str) -> None: ...
    def on_event(self, event: TimelineEvent) -> None: ...
    def on_session_lost(self, reason: str) -> None: ...
    def on_outbox_changed(self, pending: int) -> None: ...


class SyncService(SessionMixin):
    """Everything the UI needs from the server."""

    def __init__(self, server_url: str, *, cache_dir: Path, credentials: CredentialStore | None = None,
                 api: ApiClient | None = None) -> None:
        self.server_url = server_url.rstrip("/")
        self.agent: Agent | None = None
        self.connection_state = ConnectionState.OFFLINE
        self._cache_dir = Path(cache_dir)
        self._creds = credentials if credentials is not None else CredentialStore()
        self._api = api if api is not None else ApiClient(self.server_url)
        self._api.on_refresh_token_rotated = self._token_rotated
        self._listeners: list[SyncListener] = []
        self._lock = threading.RLock()
        self._remember = False
        self._username: str | None = None
        self._cache: LocalCache | None = None
        self._outbox: Outbox | None = None
        self._live: LiveEventsThread | None = None
        self._inbox_listeners: list[InboxListener] = []
        self._frame_listeners: list[Callable[[dict[str, object]], None]] = []
        self.inbox = InboxSync(self._api, lambda: self._outbox)

    @property
    def api(self) -> ApiClient:
        return self._api

    @property
    def cache(self) -> LocalCache | None:
        """The signed-in agent's local cache (None before a session opens): for the sync package's parts
        that keep their own rows in it (inbox counts, call records)."""
        return self._cache

    def add_listener(self, listener: SyncListener) -> None:
        self._listeners.append(listener)

    def add_inbox_listener(self, listener: InboxListener) -> None:
        """Reply outcomes and typing frames, for the inbox (kept apart so other listeners need not care)."""
        self._inbox_listeners.append(listener)

    def add_frame_listener(self, listener: Callable[[dict[str, object]], None]) -> None:
        """Ephemeral live frames besides typing (routing state, offers, queue figures); on the live thread."""
        if listener not in self._frame_listeners:
            self._frame_listeners.append(listener)

    def _emit_frame(self, frame: dict[str, object]) -> None:
        for listener in list(self._frame_listeners):
            try:
                listener(frame)
            except Exception:
                log.exception("frame listener raised")

    def _notify_inbox(self, method: str, *args: object) -> None:
        for listener in list(self._inbox_listeners):
            try:
                getattr(listener, method)(*args)
            except Exception:
                log.exception("InboxListener.%s raised", method)

    # -- fan-out to listeners (a failing listener must not kill a sync thread) -----------------------
    def _notify(self, method: str, *args: object) -> None:
        for listener in list(self._listeners):
            try:
                getattr(listener, method)(*args)
            except Exception:
                log.exception("SyncListener.%s raised", method)

    def _set_state(self, state: ConnectionState, detail: str) -> None:
        self.connection_state = state
        self._notify("on_connection_state", state, detail)

    def _emit_event(self, event: TimelineEvent) -> None:
        self._notify("on_event", event)

    # -- session plumbing ---------------------------------------------------------------------------
    def _open_session(self, agent: Agent, *, online: bool = True) -> None:
        path = cache_file(self._cache_dir, self.server_url, agent.username)
        with self._lock:
            if self._cache is not None and self._cache.path != path:
                self._stop_threads()
                self._cache.close()
                self._cache = None
            if self._cache is None:
                self._cache = LocalCache(path)
                self._outbox = Outbox(self._cache, self._api,
                                      on_changed=lambda n: self._notify("on_outbox_changed", n),
                                      on_auth_lost=self._session_lost,
                                      on_message_sent=lambda c, m: self._notify_inbox("on_message_sent",
                                                                                      c, m),
                                      on_failed=lambda c, r: self._notify_inbox("on_message_failed", c, r))
            self._cache.set_meta("agent", json.dumps(agent_to_json(agent)))
            if online and self._cache.last_seq() == 0:
                self._set_baseline_seq(self._cache)
            self.agent, self._username = agent, agent.username
            assert self._outbox is not None
            self._outbox.start()
        self._notify("on_outbox_changed", self._outbox.pending_count())

    def _set_baseline_seq(self, cache: LocalCache) -> None:
        """A new cache follows live events from the login on, not from the start of the server's history.

        Done at login rather than at the first socket connect, so events posted between the two (or while
        a later offline start waits for the server) are still delivered.
        """
        try:
            seq = int(self._api.health().get("seq") or 0)
        except SyncError:
            return  # the live thread takes the baseline when it first connects
        if seq:
            cache.set_meta("last_seq", str(seq))

    def _require_cache(self) -> LocalCache:
        if self._cache is None:
            raise AuthRequired("You are not logged in. Please log in.", "not_logged_in")
        return self._cache

    def start_live(self) -> None:
        cache = self._require_cache()
        with self._lock:
            if self._live is not None and self._live.is_alive():
                return
            outbox = self._outbox
            self._live = LiveEventsThread(self._api, cache, on_event=self._emit_event,
                                          on_state=self._set_state, on_auth_lost=self._session_lost,
                                          on_connected=outbox.wake if outbox else None,
                                          on_typing=lambda i, p, a: self._notify_inbox("on_typing", i, p, a),
                                          on_frame=self._emit_frame)
            self._live.start()

    def _stop_threads(self) -> None:
        live, outbox = self._live, self._outbox
        self._live = None
        if live is not None:
            live.stop(0.0)  # signal both first, then wait: close() must stay well under a second
        if outbox is not None:
            outbox.stop(0.0)
        if live is not None:
            live.join(0.5)
        if outbox is not None:
            outbox.stop(0.4)

    def close(self) -> None:
        with self._lock:
            self._stop_threads()
            if self._cache is not None:
                self._cache.close()
            self._cache, self._outbox = None, None
        self._api.close()
        self._creds.close()

    # -- customers and timeline -----------------------------------------------------------------------
    def search_customers(self, query: str) -> list[Customer]:
        cache = self._require_cache()
        try:
            found = self._guard(lambda: self._api.search_customers(query))
        except ServerUnreachable:
            return cache.search(query)
        for c in found:
            cache.put_customer(c)
        return found

    def cached_customer(self, customer_id: int) -> tuple[Customer, TimelinePage] | None:
        if self._cache is None:
            return None
        c = self._cache.get_customer(customer_id)
        if c is not None and c.merged_into_id is not None:
            c = self._cache.get_customer(c.merged_into_id) or c
        return None if c is None else (c, self._cache.timeline(c.id))

    def fetch_customer(self, customer_id: int) -> tuple[Customer, TimelinePage]:
        """Fresh from the server. A merged-away id answers with the customer it was merged into."""
        cache = self._require_cache()
        c = self._guard(lambda: self._api.get_customer(customer_id))
        if c.merged_into_id is not None:
            cache.put_customer(c)
            target = c.merged_into_id
            c = self._guard(lambda: self._api.get_customer(target))
        page = self._guard(lambda: self._api.timeline(c.id))
        cache.put_customer(c)
        cache.put_page(c.id, page)
        return c, page

    def older_events(self, customer_id: int, before: int) -> TimelinePage:
        cache = self._require_cache()
        try:
            page = self._guard(lambda: self._api.timeline(customer_id, before=before))
        except ServerUnreachable:
            return cache.timeline(customer_id, before=before)
        cache.put_page(customer_id, page)
        return page

    def add_note(self, customer_id: int, body: str) -> str:
        """Queue a note in the durable outbox; it is sent in the background, exactly once."""
        self._require_cache()
        if not body.strip():
            raise SyncError("empty_note", "A note cannot be empty.")
        assert self._outbox is not None
        return self._outbox.add(customer_id, kind="note", channel=NOTE_CHANNEL, body=body)

    def outbox_items(self) -> list[OutboxItem]:
        """Unsent (pending or failed) writes, oldest first."""
        return [] if self._outbox is None else self._outbox.items()

    def retry_failed(self, client_id: str) -> None:
        if self._outbox is not None:
            self._outbox.retry_failed(client_id)

    def resolve_phone(self, number: str) -> tuple[Customer, bool]:
        cache = self._require_cache()
        customer, created = self._guard(lambda: self._api.resolve_identity("phone", number))
        cache.put_customer(customer)
        return customer, created

