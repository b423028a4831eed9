"""The upload route's own limit against a real server process: bigger than the server's 1 MiB JSON body limit
is fine up to the attachment limit; over it is refused by Content-Length and while streaming (chunked, no
length), with CORS headers and a message; JSON routes keep the global limit."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator

import pytest
import requests

from tests.fixtures.server import ServerProcess, start_server

H = "X-Huitong-Visitor"
MIB = 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(scope="module")
def upload_server() -> Iterator[ServerProcess]:
    url = f"sqlite:///{tempfile.mkdtemp(prefix='huitong-upload-')}/huitong.sqlite3"
    server = start_server(url, seed=False, HUITONG_WEBCHAT_MAX_ATTACHMENT_BYTES=str(3 * MIB),
                          HUITONG_WEBCHAT_UPLOADS_PER_MINUTE="600")
    yield server
    server.stop()


def _token(server: ServerProcess) -> str:
    r = requests.post(f"{server.url}/api/v1/webchat/session", json={}, timeout=10)
    assert r.json()["limits"]["max_attachment_bytes"] == 3 * MIB
    return str(r.json()["token"])


def _upload(server: ServerProcess, token: str, body: bytes | Iterator[bytes]) -> requests.Response:
    return requests.post(f"{server.url}/api/v1/webchat/attachments", params={"name": "scan.png"}, data=body,
                         headers={H: token, "Content-Type": "image/png"}, timeout=30)


def _chunks(total: int, size: int = 256 * 1024) -> Iterator[bytes]:
    yield PNG
    sent = len(PNG)
    while sent < total:
        part = min(size, total - sent)
        sent += part
        yield b"\x00" * part


def test_two_mib_image_is_accepted_though_json_bodies_stop_at_one(upload_server: ServerProcess) -> None:
    token = _token(upload_server)
    ok = _upload(upload_server, token, PNG + b"\x00" * (2 * MIB))
    assert ok.status_code == 201, ok.text
    assert (ok.json()["mime"], ok.json()["size"]) == ("image/png", len(PNG) + 2 * MIB)
    streamed = _upload(upload_server, token, _chunks(2 * MIB))  # chunked: no Content-Length
    assert streamed.status_code == 201, streamed.text
    assert streamed.json()["size"] == 2 * MIB
    big_json = requests.post(f"{upload_server.url}/api/v1/webchat/messages", headers={H: token}, timeout=30,
                             json={"client_id": str(uuid.uuid4()), "body": "x" * (2 * MIB)})
    assert (big_json.status_code, big_json.json()["error"]["code"]) == (413, "too_large")


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_over_the_attachment_limit_is_refused_with_a_message_and_cors(upload_server: ServerProcess,
                                                                      chunked: bool) -> None:
    token = _token(upload_server)
    total = 4 * MIB
    r = _upload(upload_server, token, _chunks(total) if chunked else PNG + b"\x00" * total)
    assert r.status_code == 413
    message = "The file is larger than 3 MB, the most a chat attachment may be."
    assert r.json()["error"] == {"code": "file_too_large", "message": message}
    assert r.headers["Access-Control-Allow-Origin"] == "*"  # the widget on another site can read it


def test_a_file_named_png_is_judged_by_its_bytes(upload_server: ServerProcess) -> None:
    token = _token(upload_server)
    r = _upload(upload_server, token, b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * (2 * MIB))
    assert (r.status_code, r.json()["error"]["code"]) == (415, "file_type_not_allowed")
    assert r.headers["Access-Control-Allow-Origin"] == "*"
