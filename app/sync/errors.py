"""The errors the sync layer raises; every message is a plain English sentence fit to show an agent."""

from __future__ import annotations


class SyncError(Exception):
    """Base of everything app.sync raises on purpose."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


class ServerUnreachable(SyncError):  # noqa: N818 — public names fixed by the UI contract
    """Connection refused, timed out or the name did not resolve: nothing reached the server."""

    def __init__(self, message: str = "The server cannot be reached. Check the network connection.",
                 code: str = "server_unreachable") -> None:
        super().__init__(code, message)


class ApiError(SyncError):
    """The server answered with `{"error": {code, message}}` (or an unexpected status)."""

    def __init__(self, status: int, code: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(code, message)
        self.status = status
        # Seconds the server asked us to wait (429 Retry-After); None when it did not say.
        self.retry_after = retry_after


class AuthRequired(ApiError):  # noqa: N818 — public names fixed by the UI contract
    """The session is gone (refresh refused or nothing stored): the user must log in again."""

    def __init__(self, message: str = "Your session has ended. Please log in again.",
                 code: str = "auth_required", status: int = 401) -> None:
        super().__init__(status, code, message)


class KeyringUnavailable(SyncError):  # noqa: N818 — public names fixed by the UI contract
    """No secure OS keyring to keep the login in."""

    def __init__(self, message: str, code: str = "keyring_unavailable") -> None:
        super().__init__(code, message)
