"""Where the softphone keeps files: call recordings and the SIP server's CA certificate (private, 0600)."""

from __future__ import annotations

import os
from pathlib import Path

from app.sync.paths import default_cache_dir
from app.ui.call_lines import CallLine


def softphone_dir() -> Path:
    return default_cache_dir() / "softphone"


def recording_path(base: Path, line: CallLine) -> Path:
    stamp = line.started_at.strftime("%Y%m%d-%H%M%S")
    safe = "".join(c for c in line.remote_number if c.isalnum() or c in "+-_")[:32] or "call"
    folder = base / "recordings"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / f"{stamp}-{line.direction}-{safe}-{line.call_id}.wav"


def write_private_file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)
    return path
