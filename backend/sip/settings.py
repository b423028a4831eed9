"""SIP settings from the environment: the shared secret with Kamailio, domain, transport, TTL, SRTP, CA.

HUITONG_SIP_SECRET, when unset, is generated once and kept in `<data dir>/sip_secret` (mode 0600);
it is never logged and never leaves the server except into Kamailio's include file.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

TRANSPORTS = ("udp", "tcp", "tls")
SRTP_MODES = ("off", "optional", "mandatory")
MIN_TTL_SECONDS = 60
MAX_TTL_SECONDS = 7 * 24 * 3600
SECRET_FILE = "sip_secret"  # noqa: S105 - a file name, not a secret
# The secret is written into a Kamailio config string: keep it to characters that need no escaping.
_SECRET_CHARS = re.compile(r"^[A-Za-z0-9_.~+/=-]{16,256}$")
_DOMAIN = re.compile(r"^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")


class SipSettingsError(ValueError):
    """A SIP setting from the environment is not usable; the message says which and why."""


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class SipSettings:
    secret: str = field(default_factory=_new_secret, repr=False)
    domain: str = "127.0.0.1:5060"
    transport: str = "udp"
    ttl_seconds: int = 3600
    srtp: str = "off"
    record_calls: bool = False
    ca_pem: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        check_secret(self.secret)
        if not _DOMAIN.match(self.domain):
            raise SipSettingsError(f"HUITONG_SIP_DOMAIN {self.domain!r} is not host[:port]")
        if self.transport not in TRANSPORTS:
            raise SipSettingsError(f"HUITONG_SIP_TRANSPORT must be one of {', '.join(TRANSPORTS)}")
        if not MIN_TTL_SECONDS <= self.ttl_seconds <= MAX_TTL_SECONDS:
            raise SipSettingsError(
                f"HUITONG_SIP_TTL must be between {MIN_TTL_SECONDS} and {MAX_TTL_SECONDS} seconds")
        if self.srtp not in SRTP_MODES:
            raise SipSettingsError(f"HUITONG_SIP_SRTP must be one of {', '.join(SRTP_MODES)}")

    @classmethod
    def from_env(cls, env: Mapping[str, str], data_dir: Path) -> SipSettings:
        secret = env.get("HUITONG_SIP_SECRET") or stored_secret(data_dir)
        ttl_text = env.get("HUITONG_SIP_TTL") or "3600"
        try:
            ttl = int(ttl_text)
        except ValueError:
            raise SipSettingsError(f"HUITONG_SIP_TTL {ttl_text!r} is not a whole number of seconds") from None
        ca_file = env.get("HUITONG_SIP_CA_FILE") or ""
        return cls(
            secret=secret,
            domain=env.get("HUITONG_SIP_DOMAIN") or "127.0.0.1:5060",
            transport=(env.get("HUITONG_SIP_TRANSPORT") or "udp").lower(),
            ttl_seconds=ttl,
            srtp=(env.get("HUITONG_SIP_SRTP") or "off").lower(),
            record_calls=(env.get("HUITONG_RECORD_CALLS") or "").lower() in ("1", "true", "yes", "on"),
            ca_pem=read_ca(Path(ca_file)) if ca_file else None,
        )


def check_secret(secret: str) -> None:
    if not _SECRET_CHARS.match(secret):
        raise SipSettingsError("HUITONG_SIP_SECRET must be 16–256 characters of A–Z a–z 0–9 _ . ~ + / = -")


def read_ca(path: Path) -> str:
    try:
        text = path.read_text()
    except OSError as exc:
        raise SipSettingsError(f"HUITONG_SIP_CA_FILE {str(path)!r} cannot be read: {exc.strerror}") from None
    if "-----BEGIN CERTIFICATE-----" not in text:
        raise SipSettingsError(f"HUITONG_SIP_CA_FILE {str(path)!r} holds no PEM certificate")
    return text


def stored_secret(data_dir: Path) -> str:
    """The generated secret in `<data dir>/sip_secret` (mode 0600), created on first use."""
    path = data_dir / SECRET_FILE
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = _new_secret()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(value + "\n")
    return value
