"""The live-events thread: one WebSocket to /api/v1/live, resumed from the last applied `seq`.

Why the care: the agent must see every event exactly once and in order, across network drops and server
restarts. So the thread asks for `since=<last applied seq>` on every (re)connect, drops anything at or below
it, and advances the stored seq in the same cache transaction that stores the event.
"""

from __future__ import annotations

import json
import logging
import struct
import threading
from collections.abc import Callable
from urllib.parse import urlencode

import websocket

from app.domain import ConnectionState, TimelineEvent
from app.sync.api_client import ApiClient
from app.sync.backoff import Backoff
from app.sync.cache import LocalCache
from app.sync.errors import AuthRequired, ServerUnreachable

log = logging.getLogger(__name__)
CLOSE_TOKEN_INVALID = 4401
RECV_TIMEOUT = 45.0  # the server pings every 20 s; silence this long means the link is dead


TypingCallback = Callable[[int, str, bool], None]  # (interaction_id, party, active)
FrameCallback = Callable[[dict[str, object]], None]  # other ephemeral frames (routing, queue_figures)


def parse_typing(msg: dict[str, object]) -> tuple[int, str, bool] | None:
    """An ephemeral typing frame `{"type":"typing","interaction_id":N,"party":"visitor","active":true}`;
    None when malformed (a bad frame is ignored, never fatal)."""
    interaction_id, party, active = msg.get("interaction_id"), msg.get("party"), msg.get("active")
    if not isinstance(interaction_id, int) or isinstance(interaction_id, bool):
        return None
    if not isinstance(active, bool):
        return None
    return interaction_id, str(party or ""), active


class _TokenRejectedError(Exception):
    """The server refused our access token (close 4401 or a 401/403 handshake)."""


def live_url(server_url: str, token: str, since: int) -> str:
    base = server_url.rstrip("/")
    scheme = "wss" if base.startswith("https://") else "ws"
    query = {"token": token, "since": since, "topics": "routing"}  # + my routing state, offers, figures
    return f"{scheme}://{base.split('://', 1)[1]}/api/v1/live?" + urlencode(query)


class LiveEventsThread(threading.Thread):
    def __init__(self, api: ApiClient, cache: LocalCache, *,
                 on_event: Callable[[TimelineEvent], None],
                 on_state: Callable[[ConnectionState, str], None],
                 on_auth_lost: Callable[[str], None],
                 on_connected: Callable[[], None] | None = None,
                 on_typing: TypingCallback | None = None, on_frame: FrameCallback | None = None) -> None:
        super().__init__(name="huitong-live", daemon=True)
        self._api, self._cache = api, cache
        self._on_event, self._on_state, self._on_auth_lost = on_event, on_state, on_auth_lost
        self._on_connected = on_connected
        self._on_typing = on_typing
        self._on_frame = on_frame
        self._stop_evt = threading.Event()
        self._ws: websocket.WebSocket | None = None
        self._lock = threading.Lock()

    def stop(self, timeout: float = 1.0) -> None:
        self._stop_evt.set()
        with self._lock:
            ws = self._ws
        if ws is not None:
            ws.abort()  # unblocks recv() at once instead of waiting out RECV_TIMEOUT
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)

    def _since(self) -> int:
        since = self._cache.last_seq()
        if since == 0:
            # First start with this cache: begin at "now" instead of replaying the server's whole history.
            since = int(self._api.health().get("seq") or 0)
            self._cache.set_meta("last_seq", str(since))
        return since

    def run(self) -> None:
        backoff = Backoff()
        state, detail = ConnectionState.CONNECTING, "Connecting to the server…"
        token_retry = False  # one immediate retry after a refused token, then back off like any failure
        while not self._stop_evt.is_set():
            self._on_state(state, detail)
            try:
                if self._session(backoff):
                    token_retry = False  # the token worked: a later 4401 deserves its quick retry again
                detail = "The connection to the server was lost. Reconnecting…"
            except AuthRequired as exc:
                self._on_state(ConnectionState.OFFLINE, "Signed out: please log in again.")
                self._on_auth_lost(exc.message)
                return
            except _TokenRejectedError:
                self._api.invalidate_access_token()
                if not token_retry:
                    token_retry = True
                    state = ConnectionState.RECONNECTING
                    continue
                detail = "The server refused the session token. Retrying…"
            except (ServerUnreachable, OSError, websocket.WebSocketException) as exc:
                log.info("live connection failed: %s", type(exc).__name__)
                detail = "The server cannot be reached. Retrying…"
            except Exception:  # keep the thread alive: a bug here must not silently freeze live updates
                log.exception("live events thread error")
                detail = "Unexpected error on the live connection. Retrying…"
            if self._stop_evt.is_set():
                break
            state = ConnectionState.RECONNECTING
            if backoff.at_cap:
                state = ConnectionState.OFFLINE
                detail = "Working offline: the server cannot be reached. Retrying every few seconds…"
                self._on_state(state, detail)
            self._stop_evt.wait(backoff.next_delay())
        self._on_state(ConnectionState.OFFLINE, "Disconnected.")

    def _session(self, backoff: Backoff) -> bool:
        """One connection, until it drops; True if at least one frame arrived (the token was accepted)."""
        since = self._since()
        token = self._api.access_token()
        try:
            ws = websocket.create_connection(live_url(self._api.server_url, token, since), timeout=5.0)
        except websocket.WebSocketBadStatusException as exc:
            if exc.status_code in (401, 403):
                raise _TokenRejectedError from None
            raise
        with self._lock:
            self._ws = ws
        try:
            if self._stop_evt.is_set():
                return False
            ws.settimeout(RECV_TIMEOUT)
            backoff.reset()
            self._on_state(ConnectionState.CONNECTED, "Connected: live updates are on.")
            if self._on_connected is not None:
                self._on_connected()
            return self._receive(ws)
        finally:
            with self._lock:
                self._ws = None
            ws.abort()
            ws.close(timeout=0.2)

    def _receive(self, ws: websocket.WebSocket) -> bool:
        got_frame = False
        while not self._stop_evt.is_set():
            opcode, frame = ws.recv_data_frame(control_frame=False)
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                data = frame.data or b""
                code = struct.unpack("!H", data[:2])[0] if len(data) >= 2 else 1005
                if code == CLOSE_TOKEN_INVALID:
                    raise _TokenRejectedError
                log.info("live socket closed by server (code %s)", code)
                return got_frame
            if opcode not in (websocket.ABNF.OPCODE_TEXT, websocket.ABNF.OPCODE_BINARY):
                continue
            got_frame = True
            msg = json.loads(frame if isinstance(frame, str | bytes) else frame.data)
            if msg.get("type") == "typing":
                self._typing(msg)
                continue
            if msg.get("type") != "event":
                self._frame(msg)  # pings are dropped there; routing frames go to their listener
                continue
            event = TimelineEvent.from_json(msg["event"])
            # apply_live_event drops seq <= last applied, so replays after a reconnect are never doubled.
            if self._cache.apply_live_event(event):
                self._on_event(event)
        return got_frame

    def _frame(self, msg: dict[str, object]) -> None:
        """Ephemeral frames other than typing (no seq, not cached); a failing listener is logged only."""
        if self._on_frame is None or msg.get("type") == "ping":
            return
        try:
            self._on_frame(msg)
        except Exception:
            log.exception("frame listener raised")

    def _typing(self, msg: dict[str, object]) -> None:
        """Typing frames are ephemeral: no seq, not cached, not replayed after a reconnect."""
        parsed = parse_typing(msg)
        if parsed is None or self._on_typing is None:
            return
        try:
            self._on_typing(*parsed)
        except Exception:
            log.exception("typing listener raised")
