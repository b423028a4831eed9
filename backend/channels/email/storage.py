"""Attachment files on disk under `<data dir>/email/attachments/`, named by their SHA-256 (stored once)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from backend.channels.email.mime import Attachment
from backend.files import write_atomically


def attachments_dir(data_dir: Path) -> Path:
    return data_dir / "email" / "attachments"


def path_for(data_dir: Path, digest: str) -> Path:
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ValueError("not a SHA-256 hex digest")
    return attachments_dir(data_dir) / digest[:2] / digest


def store(data_dir: Path, attachment: Attachment) -> str:
    """Writes the attachment (atomically, once per content) and returns its SHA-256."""
    digest = hashlib.sha256(attachment.data).hexdigest()
    target = path_for(data_dir, digest)
    if target.exists():
        return digest
    write_atomically(target, attachment.data)
    return digest
