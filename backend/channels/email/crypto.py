"""Mailbox passwords at rest: Fernet with a key derived (HKDF-SHA256) from the server secret.

Plain passwords exist only in memory while connecting; they are never logged or returned by the API.
If the server secret changes, stored passwords cannot be read and the admin must enter them again.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


class PasswordUnreadableError(Exception):
    """The stored password was encrypted with another server secret."""


def _fernet(secret_key: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"huitong-email",
               info=b"mailbox-passwords").derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(secret_key: str, password: str) -> str:
    return "" if not password else _fernet(secret_key).encrypt(password.encode()).decode()


def decrypt(secret_key: str, token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(secret_key).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise PasswordUnreadableError("The mailbox password cannot be decrypted with this server's "
                                      "secret key; enter it again.") from exc
