"""Where the cache lives: one SQLite file per server + agent, so two agents on one PC never share data."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path


def default_cache_dir() -> Path:
    """`$XDG_DATA_HOME/huitong`, i.e. `~/.local/share/huitong` by default."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "huitong"


def cache_file(cache_dir: Path, server_url: str, username: str) -> Path:
    # The readable host part helps support staff; the hash keeps names unique and free of odd characters.
    host = re.sub(r"[^A-Za-z0-9.-]+", "_", server_url.split("://", 1)[-1].rstrip("/"))[:40]
    digest = hashlib.sha256(f"{server_url.rstrip('/')}\n{username}".encode()).hexdigest()[:16]
    return Path(cache_dir) / f"cache-{host}-{digest}.sqlite3"
