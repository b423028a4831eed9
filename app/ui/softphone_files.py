"""Where the softphone keeps files: call recordings until uploaded, and the SIP server's CA certificate
(private, 0600)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from app.sync.paths import default_cache_dir
from app.sync.telephony_api import recording_file_name


def softphone_dir() -> Path:
    return default_cache_dir() / "softphone"


def recording_path(base: Path) -> Path:
    """A new recording's file, named by the UUID it is uploaded under (the outbox deletes it after)."""
    folder = base / "recordings"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / recording_file_name(str(uuid.uuid4()))


def write_private_file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)
    return path
