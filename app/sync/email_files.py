"""E-mail content for the agent's reader, plain Python: the server's sanitised HTML, the pictures it shows,
and attachments downloaded into a per-user cache folder.

- Inline (`cid:`) pictures and attachments come only from the server's own attachment API, with the agent's
  token; the token is never sent anywhere else.
- Remote pictures are fetched only after the agent asked for them ("Show images"), without any credentials,
  size-capped, http/https only.
- A downloaded file gets a safe name made here (never a path taken from the mail) inside
  `$XDG_CACHE_HOME/huitong/attachments/<server+agent>/<message>-<index>/`.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from app.domain import Attachment
from app.sync.api_client import API, ApiClient, _error_from
from app.sync.errors import AuthRequired, ServerUnreachable, SyncError

ATTACHMENT_PREFIX = f"{API}/email/attachments/"
CHUNK = 64 * 1024
MAX_IMAGE_BYTES = 5 * 1024 * 1024  # per picture shown in the reader
MAX_IMAGES = 40  # pictures fetched per message; more are left out rather than slowing the reader
REMOTE_TIMEOUT = 10.0
MAX_NAME = 120
_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
Progress = Callable[[int, int], None]  # (bytes so far, total or 0 when unknown)


@dataclass(frozen=True, slots=True)
class EmailHtml:
    """What the reader shows for one message: the sanitised HTML and the pictures it refers to."""

    message_id: int
    html: str | None
    remote_images_blocked: int
    remote_images_allowed: bool
    images: dict[str, bytes] = field(default_factory=dict)  # src as written in the HTML → bytes
    images_failed: int = 0


class _ImageSources(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.sources.extend(v for k, v in attrs if k == "src" and v)


def image_sources(html: str) -> list[str]:
    """Every `<img src>` in the HTML, in order, without repeats."""
    parser = _ImageSources()
    parser.feed(html)
    parser.close()
    return list(dict.fromkeys(parser.sources))


def is_remote(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() in ("http", "https")


def safe_file_name(name: str, mime: str = "", fallback: str = "attachment") -> str:
    """A file name that is only a name: no directories, no control or reserved characters, no leading dots,
    not a Windows device name, at most MAX_NAME characters, with an extension from the MIME type if none."""
    base = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip().strip(".").strip()
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    if not stem or stem.casefold().split(".")[0] in _RESERVED:
        stem = f"{fallback}_{stem}" if stem else fallback
    if not ext:
        kind = mime.split(";", maxsplit=1)[0].strip()
        ext = (mimetypes.guess_extension(kind) or "").lstrip(".") if kind else ""
    ext = ext[:16]
    stem = stem[:MAX_NAME - len(ext) - 1]
    return f"{stem}.{ext}" if ext else stem


def attachments_root(server_url: str, username: str) -> Path:
    """One folder per server + agent under the user's cache directory."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "huitong" / "attachments"
    host = re.sub(r"[^A-Za-z0-9.-]+", "_", server_url.split("://", 1)[-1].rstrip("/"))[:40]
    digest = hashlib.sha256(f"{server_url.rstrip('/')}\n{username}".encode()).hexdigest()[:16]
    return base / f"{host}-{digest}"


def _attachment_key(url: str) -> str:
    """`/api/v1/email/attachments/<raw>/<index>` → "<raw>-<index>" (digits only, so a safe folder name)."""
    parts = url[len(ATTACHMENT_PREFIX):].split("/")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise SyncError("bad_attachment", "This attachment has no valid download address.")
    return "-".join(parts)


class EmailFiles:
    """Blocking calls for the UI's worker pool."""

    def __init__(self, api: ApiClient, *, root: Callable[[], Path] | None = None) -> None:
        self._api = api
        self._root = root
        self._remote = requests.Session()
        self._remote.trust_env = False  # no proxy credentials or netrc go to a sender's tracker

    # --- the server's API -----------------------------------------------------------------------------
    def _get(self, path: str, *, stream: bool = False, **kw: Any) -> requests.Response:
        """An authenticated GET on the server (one refresh and retry on an expired token)."""
        if not path.startswith(f"{API}/"):
            raise SyncError("bad_address", "This address is not on the server.")
        token = self._api.access_token()
        try:
            resp = requests.get(self._api.server_url + path, headers={"Authorization": f"Bearer {token}"},
                                timeout=self._api.timeout, stream=stream, **kw)
            if resp.status_code == 401:
                resp.close()
                self._api.invalidate_access_token()
                token = self._api.access_token()
                resp = requests.get(self._api.server_url + path, headers={"Authorization": f"Bearer {token}"},
                                    timeout=self._api.timeout, stream=stream, **kw)
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise ServerUnreachable(f"The server at {self._api.server_url} cannot be reached "
                                    f"({type(exc).__name__}). Check the network connection.") from None
        if resp.status_code == 401:
            raise AuthRequired(_error_from(resp).message, "not_authenticated")
        if resp.status_code >= 400:
            raise _error_from(resp)
        return resp

    def html(self, message_id: int, *, remote_images: bool = False) -> EmailHtml:
        """The sanitised HTML and its pictures; remote ones only with `remote_images` (agent's choice)."""
        params = {"remote_images": "true"} if remote_images else {}
        data = self._get(f"{API}/email/messages/{int(message_id)}/html", params=params).json()
        html = data.get("html")
        images: dict[str, bytes] = {}
        failed = 0
        for src in image_sources(html or "")[:MAX_IMAGES]:
            try:
                if src.startswith(ATTACHMENT_PREFIX):
                    images[src] = self._read_capped(self._get(src, stream=True))
                elif remote_images and is_remote(src):
                    images[src] = self._remote_image(src)
            except (SyncError, requests.RequestException, ValueError):
                failed += 1
        return EmailHtml(int(data.get("message_id") or message_id), html,
                         int(data.get("remote_images_blocked") or 0), bool(data.get("remote_images_allowed")),
                         images, failed)

    def _remote_image(self, url: str) -> bytes:
        resp = self._remote.get(url, timeout=REMOTE_TIMEOUT, stream=True, allow_redirects=True)
        if resp.status_code >= 400 or not is_remote(resp.url):
            resp.close()
            raise ValueError(f"remote image answered {resp.status_code}")
        return self._read_capped(resp)

    @staticmethod
    def _read_capped(resp: requests.Response) -> bytes:
        chunks, size = [], 0
        with resp:
            for chunk in resp.iter_content(CHUNK):
                size += len(chunk)
                if size > MAX_IMAGE_BYTES:
                    raise ValueError("picture too large")
                chunks.append(chunk)
        return b"".join(chunks)

    # --- attachments ------------------------------------------------------------------------------------
    def root(self) -> Path:
        if self._root is not None:
            return self._root()
        agent = self._api.agent
        return attachments_root(self._api.server_url, agent.username if agent else "anonymous")

    def local_path(self, attachment: Attachment) -> Path:
        """Where the attachment is (or will be) kept: `<root>/<raw>-<index>/<safe name>`."""
        if not attachment.url.startswith(ATTACHMENT_PREFIX):
            raise SyncError("bad_attachment", "This attachment has no valid download address.")
        folder = self.root() / _attachment_key(attachment.url)
        return folder / safe_file_name(attachment.name, attachment.mime)

    def download(self, attachment: Attachment, progress: Progress | None = None) -> Path:
        """Streams the attachment into the cache folder (a finished download is reused); returns its path."""
        target = self.local_path(attachment)
        if target.is_file() and (attachment.size <= 0 or target.stat().st_size == attachment.size):
            if progress is not None:
                progress(target.stat().st_size, target.stat().st_size)
            return target
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = target.with_name(target.name + ".part")
        resp = self._get(attachment.url, stream=True)
        total = int(resp.headers.get("Content-Length") or attachment.size or 0)
        done = 0
        try:
            with resp, partial.open("wb") as out:
                for chunk in resp.iter_content(CHUNK):
                    out.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
            os.replace(partial, target)
        except (requests.RequestException, OSError) as exc:
            partial.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise SyncError("file_error",
                                f"The file could not be written: {exc.strerror or exc}.") from None
            raise ServerUnreachable("The download was interrupted. Check the network connection "
                                    "and try again.") from None
        return target

    def save_as(self, attachment: Attachment, destination: Path, progress: Progress | None = None) -> Path:
        """Downloads (or reuses) the attachment and copies it to where the agent chose."""
        source = self.download(attachment, progress)
        try:
            shutil.copyfile(source, destination)
        except OSError as exc:
            raise SyncError("file_error", f"The file could not be saved to {destination}: "
                                          f"{exc.strerror or exc}.") from None
        return destination
