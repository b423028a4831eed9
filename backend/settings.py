"""Server settings read once from the environment."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from backend.sip.settings import SipSettings


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    default_region: str = "CN"
    access_ttl_seconds: int = 15 * 60
    refresh_ttl_seconds: int = 30 * 24 * 3600
    max_body_bytes: int = 1024 * 1024
    max_recording_bytes: int = 256 * 1024 * 1024  # HUITONG_MAX_RECORDING_BYTES: one call's WAV upload
    argon2_fast: bool = False
    ping_interval_seconds: float = 20.0
    login_max_failures: int = 5
    login_window_seconds: int = 300
    poll_interval_seconds: float = 5.0
    sip: SipSettings = field(default_factory=SipSettings)  # HUITONG_SIP_*, HUITONG_RECORD_CALLS
    data_dir: Path = Path("./var")  # HUITONG_DATA_DIR: e-mail attachments live under it
    email_fetch: bool = True  # HUITONG_EMAIL_FETCH=0: this process does not fetch mail (another one does)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        data_dir = Path(env.get("HUITONG_DATA_DIR") or "./var")
        url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'huitong.sqlite3'}"
        secret = env.get("HUITONG_SECRET_KEY") or _stored_secret(data_dir)
        return cls(
            database_url=url,
            secret_key=secret,
            default_region=(env.get("HUITONG_DEFAULT_REGION") or "CN").upper(),
            argon2_fast=env.get("HUITONG_ARGON2_FAST", "") not in ("", "0"),
            sip=SipSettings.from_env(env, data_dir),
            data_dir=data_dir,
            email_fetch=env.get("HUITONG_EMAIL_FETCH", "1") not in ("", "0"),
            max_recording_bytes=int(env.get("HUITONG_MAX_RECORDING_BYTES") or 256 * 1024 * 1024),
        )


def _stored_secret(data_dir: Path) -> str:
    """The generated secret kept in `<data dir>/secret_key` (mode 0600), created on first use."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(value + "\n")
    return value
