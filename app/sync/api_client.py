"""REST client for the server API v1 (ARCHITECTURE.md): blocking calls, one `requests.Session`.

Token handling lives here so every caller gets it for free: an access token that is about to expire is
refreshed first, and a 401 `token_expired` answer triggers one refresh and one retry. Refresh rotates the
refresh token; `on_refresh_token_rotated` lets the owner put the new one into the keyring.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import requests

from app.domain import Agent, Customer, Interaction, Message, TimelineEvent, TimelinePage
from app.sync.errors import ApiError, AuthRequired, ServerUnreachable

API = "/api/v1"
REFRESH_MARGIN = 60.0  # seconds: refresh before expiry so a request never leaves with a dying token
_AUTH_RETRY_CODES = ("token_expired", "token_invalid", "invalid_token", "not_authenticated")


def _error_from(resp: requests.Response) -> ApiError:
    code, message = f"http_{resp.status_code}", f"The server answered with an error ({resp.status_code})."
    try:
        err = resp.json().get("error") or {}
        code = str(err.get("code") or code)
        message = str(err.get("message") or message)
    except (ValueError, AttributeError):
        pass
    retry_after: float | None = None
    if resp.headers.get("Retry-After", "").strip().isdigit():
        retry_after = float(resp.headers["Retry-After"])
    return ApiError(resp.status_code, code, message, retry_after)


class ApiClient:
    """Thread-safe enough for a small worker pool: token state is guarded, requests.Session is shared."""

    def __init__(self, server_url: str, *, timeout: float = 10.0) -> None:
        self.server_url = server_url.rstrip("/")
        self.timeout = timeout
        self.on_refresh_token_rotated: Callable[[str], None] | None = None
        self.agent: Agent | None = None
        self._http = requests.Session()
        self._lock = threading.RLock()  # guards the token fields and serialises refreshes
        self._access = ""
        self._access_expires = 0.0  # time.monotonic() deadline
        self._refresh = ""

    # -- plumbing ---------------------------------------------------------------------------------------
    def _send(self, method: str, path: str, *, token: str | None = None, **kw: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        try:
            return self._http.request(method, self.server_url + path, headers=headers,
                                      timeout=self.timeout, **kw)
        except (requests.ConnectionError, requests.Timeout) as exc:
            # Say what failed without echoing URLs that might carry a token.
            raise ServerUnreachable(f"The server at {self.server_url} cannot be reached "
                                    f"({type(exc).__name__}). Check the network connection.") from None

    def _request(self, method: str, path: str, **kw: Any) -> Any:
        """An authenticated call; returns the decoded JSON body (None for 204)."""
        token = self.access_token()
        resp = self._send(method, path, token=token, **kw)
        if resp.status_code == 401:
            err = _error_from(resp)
            if err.code not in _AUTH_RETRY_CODES:
                raise AuthRequired(err.message, err.code)
            self._refresh_if_stale(token)  # once; AuthRequired propagates when refused
            resp = self._send(method, path, token=self._access, **kw)
            if resp.status_code == 401:
                err = _error_from(resp)
                raise AuthRequired(err.message, err.code)
        if resp.status_code >= 400:
            raise _error_from(resp)
        return None if resp.status_code == 204 or not resp.content else resp.json()

    def _take_tokens(self, data: dict[str, Any]) -> tuple[Agent, str]:
        agent = Agent.from_json(data["agent"])
        with self._lock:
            self._access = str(data["access_token"])
            self._access_expires = time.monotonic() + float(data.get("expires_in") or 300)
            self._refresh = str(data["refresh_token"])
            self.agent = agent
        return agent, self._refresh

    # -- session ----------------------------------------------------------------------------------------
    def login(self, username: str, password: str) -> tuple[Agent, str]:
        resp = self._send("POST", f"{API}/auth/login", json={"username": username, "password": password})
        if resp.status_code >= 400:
            raise _error_from(resp)
        return self._take_tokens(resp.json())

    def refresh(self, refresh_token: str) -> tuple[Agent, str]:
        # Serialised: the server refuses a reused refresh token, so racing refreshes would end the session.
        with self._lock:
            return self._refresh_locked(refresh_token)

    def _refresh_locked(self, refresh_token: str) -> tuple[Agent, str]:
        resp = self._send("POST", f"{API}/auth/refresh", json={"refresh_token": refresh_token})
        if resp.status_code in (400, 401, 403, 404, 422):
            err = _error_from(resp)
            if self._refresh == refresh_token:
                self._refresh, self._access, self._access_expires = "", "", 0.0
            raise AuthRequired(err.message, err.code, resp.status_code)
        if resp.status_code >= 400:
            raise _error_from(resp)
        agent, new_refresh = self._take_tokens(resp.json())
        callback = self.on_refresh_token_rotated
        if callback is not None:
            callback(new_refresh)
        return agent, new_refresh

    def set_refresh_token(self, refresh_token: str) -> None:
        """Adopt a stored refresh token without a round trip (offline start); the next call refreshes."""
        with self._lock:
            self._refresh, self._access, self._access_expires = refresh_token, "", 0.0

    def current_refresh_token(self) -> str:
        """For logout only; never log it."""
        with self._lock:
            return self._refresh

    def logout(self, refresh_token: str) -> None:
        """Revoke `refresh_token` on the server and forget the local tokens (even if the server is down)."""
        with self._lock:
            own = refresh_token == self._refresh
            try:
                # The endpoint needs a live access token; getting one may rotate the token being revoked.
                token = self.access_token() if own else self._access
                if own:
                    refresh_token = self._refresh
            finally:
                self._access, self._access_expires, self._refresh = "", 0.0, ""
        resp = self._send("POST", f"{API}/auth/logout", token=token or None,
                          json={"refresh_token": refresh_token})
        if resp.status_code >= 400:
            raise _error_from(resp)

    def _refresh_if_stale(self, seen_token: str | None) -> None:
        """Refresh unless another thread already replaced `seen_token` while we waited for the lock."""
        with self._lock:
            if seen_token is not None and self._access and self._access != seen_token:
                return
            if not self._refresh:
                raise AuthRequired("You are not logged in. Please log in.", "not_logged_in")
            self.refresh(self._refresh)

    def access_token(self) -> str:
        with self._lock:
            if not self._access or time.monotonic() > self._access_expires - REFRESH_MARGIN:
                self._refresh_if_stale(None)
            return self._access

    def invalidate_access_token(self) -> None:
        """Forget the access token (e.g. the live socket was closed with 4401) so the next use refreshes."""
        with self._lock:
            self._access_expires = 0.0

    def health(self) -> dict[str, Any]:
        resp = self._send("GET", "/healthz")
        if resp.status_code >= 400:
            raise _error_from(resp)
        return dict(resp.json())

    # -- customers and timeline ---------------------------------------------------------------------
    def me(self) -> Agent:
        return Agent.from_json(self._request("GET", f"{API}/me"))

    def search_customers(self, query: str, limit: int = 20) -> list[Customer]:
        data = self._request("GET", f"{API}/customers", params={"q": query, "limit": limit})
        return [Customer.from_json(c) for c in data["items"]]

    def get_customer(self, customer_id: int) -> Customer:
        return Customer.from_json(self._request("GET", f"{API}/customers/{int(customer_id)}"))

    def timeline(self, customer_id: int, before: int | None = None, limit: int = 50) -> TimelinePage:
        params: dict[str, int] = {"limit": limit}
        if before is not None:
            params["before"] = before
        data = self._request("GET", f"{API}/customers/{int(customer_id)}/timeline", params=params)
        return TimelinePage(tuple(TimelineEvent.from_json(e) for e in data["items"]), data.get("next_before"))

    def post_event(self, customer_id: int, *, client_id: str, kind: str, channel: str, body: str,
                   payload: dict[str, Any] | None = None) -> TimelineEvent:
        data = self._request("POST", f"{API}/customers/{int(customer_id)}/timeline",
                             json={"client_id": client_id, "kind": kind, "channel": channel, "body": body,
                                   "payload": payload or {}})
        return TimelineEvent.from_json(data)

    def resolve_identity(self, kind: str, value: str,
                         display_name: str | None = None) -> tuple[Customer, bool]:
        body: dict[str, Any] = {"kind": kind, "value": value}
        if display_name is not None:
            body["display_name"] = display_name
        data = self._request("POST", f"{API}/customers/resolve", json=body)
        return Customer.from_json(data["customer"]), bool(data["created"])

    # -- interactions (the inbox) -------------------------------------------------------------------
    def list_interactions(self, *, scope: str = "all", channel: str | None = None, status: str = "open",
                          before: int | None = None,
                          limit: int = 200) -> tuple[list[Interaction], int | None]:
        params: dict[str, Any] = {"scope": scope, "status": status, "limit": limit}
        if channel:
            params["channel"] = channel
        if before is not None:
            params["before"] = before
        data = self._request("GET", f"{API}/interactions", params=params)
        return [Interaction.from_json(i) for i in data["items"]], data.get("next_before")

    def get_interaction(self, interaction_id: int) -> Interaction:
        return Interaction.from_json(self._request("GET", f"{API}/interactions/{int(interaction_id)}"))

    def messages(self, interaction_id: int, before: int | None = None,
                 limit: int = 50) -> tuple[list[Message], int | None]:
        """Newest first, like the server pages them."""
        params: dict[str, int] = {"limit": limit}
        if before is not None:
            params["before"] = before
        data = self._request("GET", f"{API}/interactions/{int(interaction_id)}/messages", params=params)
        return [Message.from_json(m) for m in data["items"]], data.get("next_before")

    def post_message(self, interaction_id: int, *, client_id: str, body: str, html: str | None = None,
                     internal: bool = False) -> Message:
        payload: dict[str, Any] = {"client_id": client_id, "body": body, "internal": internal}
        if html is not None:
            payload["html"] = html
        return Message.from_json(self._request("POST", f"{API}/interactions/{int(interaction_id)}/messages",
                                               json=payload))

    def retry_message(self, message_id: int) -> Message:
        return Message.from_json(self._request("POST", f"{API}/messages/{int(message_id)}/retry"))

    def mark_read(self, interaction_id: int) -> None:
        self._request("POST", f"{API}/interactions/{int(interaction_id)}/read")

    def set_interaction_status(self, interaction_id: int, status: str) -> Interaction:
        return Interaction.from_json(self._request("POST", f"{API}/interactions/{int(interaction_id)}/status",
                                                   json={"status": status}))

    def send_typing(self, interaction_id: int, active: bool) -> None:
        self._request("POST", f"{API}/interactions/{int(interaction_id)}/typing", json={"active": active})

    def close(self) -> None:
        self._http.close()
