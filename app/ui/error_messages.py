"""Plain-words explanations of sync failures, for dialogs and the status bar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.sync.errors import ApiError, AuthRequired, KeyringUnavailable, ServerUnreachable, SyncError


def login_error_text(exc: BaseException) -> str:
    """What to tell an agent whose login failed, without jargon or stack traces."""
    if isinstance(exc, KeyringUnavailable):
        return QCoreApplication.translate(
            "ErrorMessages",
            "This computer has no password store (keyring), so Huitong cannot remember your sign-in "
            "safely. You can continue without being remembered and sign in again next time.")
    if isinstance(exc, ServerUnreachable):
        return QCoreApplication.translate(
            "ErrorMessages", "The server cannot be reached. Check the server address and your network.")
    if isinstance(exc, ApiError):
        status = getattr(exc, "status", None)
        if status == 429:
            return QCoreApplication.translate(
                "ErrorMessages", "Too many login attempts. Please wait a minute and try again.")
        if isinstance(exc, AuthRequired) or status == 401:
            return QCoreApplication.translate("ErrorMessages", "Wrong username or password.")
        if status == 403:
            return QCoreApplication.translate("ErrorMessages", "This account is not allowed to sign in.")
        return QCoreApplication.translate(
            "ErrorMessages", "The server refused the request: %1").replace("%1", _message(exc))
    if isinstance(exc, SyncError):
        return _message(exc)
    return QCoreApplication.translate("ErrorMessages", "Something went wrong: %1").replace("%1", str(exc))


def operation_error_text(exc: BaseException) -> str:
    """Short status-bar text for a failed background operation."""
    if isinstance(exc, ServerUnreachable):
        return QCoreApplication.translate("ErrorMessages", "Offline: showing what this computer remembers.")
    if isinstance(exc, AuthRequired):
        return QCoreApplication.translate("ErrorMessages", "Your session has ended. Please sign in again.")
    return login_error_text(exc)


def _message(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc)
    return str(text)
