"""Attachment checks: a file's type comes from its bytes, never from what the browser claims; clean names."""

from __future__ import annotations

import re
import unicodedata

from backend.errors import ApiError

ALLOWED_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain")
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
_UNSAFE_NAME = re.compile(r"[\\/\x00-\x1f\x7f<>:\"|?*]")


def sniff(data: bytes) -> str | None:
    """The MIME type the bytes really are, among the allowed ones; None otherwise."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if len(data) >= 12 and data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if b"\x00" not in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text/plain"
    return None


def clean_name(raw: str, mime: str) -> str:
    """A display-safe file name: no path, no control or markup characters, at most 120 characters."""
    name = unicodedata.normalize("NFC", raw or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    name = _UNSAFE_NAME.sub("_", name).strip(" .")[:120]
    if not name:
        name = "file." + {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
                          "application/pdf": "pdf"}.get(mime, "txt")
    return name


def human_size(size: int) -> str:
    """1048576 → "1 MB", 1536 → "1.5 KB"."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"


def too_large(max_bytes: int) -> ApiError:
    return ApiError(413, "file_too_large",
                    f"The file is larger than {human_size(max_bytes)}, the most a chat attachment may be.")


def check_upload(data: bytes, *, max_bytes: int) -> str:
    """The sniffed type of an upload; 413 when too big, 415 when not an allowed type, 400 when empty."""
    if not data:
        raise ApiError(400, "empty_file", "The file is empty.")
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    mime = sniff(data)
    if mime is None:
        raise ApiError(415, "file_type_not_allowed",
                       "This type of file is not accepted; send an image (PNG, JPEG, GIF, WebP), a PDF or "
                       "a text file.")
    return mime
