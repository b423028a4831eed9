"""Just enough SIP to send a REGISTER by hand (UDP or a TLS socket) and answer a digest challenge.

Written from RFC 3261/2617, independently of pjsua2, to probe the server the way any client could.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import socket
import ssl
from dataclasses import dataclass


@dataclass(frozen=True)
class Response:
    code: int
    reason: str
    headers: dict[str, str]


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()  # SIP digest is MD5 by definition


def register(*, user: str, domain: str, transport: str, local: str, call_id: str, cseq: int,
             authorization: str = "", from_user: str | None = None) -> bytes:
    branch = "z9hG4bK" + secrets.token_hex(8)
    tag = secrets.token_hex(4)
    lines = [
        f"REGISTER sip:{domain} SIP/2.0",
        f"Via: SIP/2.0/{transport.upper()} {local};rport;branch={branch}",
        "Max-Forwards: 70",
        f"From: <sip:{from_user or user}@{domain}>;tag={tag}",
        f"To: <sip:{user}@{domain}>",
        f"Call-ID: {call_id}",
        f"CSeq: {cseq} REGISTER",
        f"Contact: <sip:{user}@{local};transport={transport}>",
        "Expires: 60",
        "User-Agent: huitong-sip-wire-test",
    ]
    if authorization:
        lines.append(f"Authorization: {authorization}")
    lines.append("Content-Length: 0")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def parse_response(data: bytes) -> Response:
    head = data.decode(errors="replace").split("\r\n\r\n", 1)[0].split("\r\n")
    _, code, reason = head[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), value.strip())
    return Response(int(code), reason, headers)


def digest(challenge: str, *, method: str, uri: str, username: str, password: str) -> str:
    params = dict(re.findall(r'(\w+)="?([^",]*)"?', challenge.split(" ", 1)[1]))
    realm, nonce = params["realm"], params["nonce"]
    ha1 = _md5(f"{username}:{realm}:{password}")
    ha2 = _md5(f"{method}:{uri}")
    fields = f'username="{username}", realm="{realm}", nonce="{nonce}", uri="{uri}", algorithm=MD5'
    if "auth" in params.get("qop", "").split(","):
        cnonce, nc = secrets.token_hex(8), "00000001"
        answer = _md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
        return f'Digest {fields}, response="{answer}", qop=auth, nc={nc}, cnonce="{cnonce}"'
    return f'Digest {fields}, response="{_md5(f"{ha1}:{nonce}:{ha2}")}"'


def _read_response(sock: ssl.SSLSocket) -> Response:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        data += chunk
    return parse_response(data)


def register_over_tls(*, context: ssl.SSLContext, port: int, user: str, auth_username: str,
                      password: str, server_name: str = "127.0.0.1") -> Response:
    """REGISTER sip:<user> over TLS, answering one digest challenge; the final response."""
    domain = f"127.0.0.1:{port}"
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, \
            context.wrap_socket(raw, server_hostname=server_name) as tls:
        local = "{}:{}".format(*tls.getsockname()[:2])
        call_id = secrets.token_hex(8)
        tls.sendall(register(user=user, domain=domain, transport="tls", local=local, call_id=call_id, cseq=1))
        first = _read_response(tls)
        if first.code != 401:
            return first
        auth = digest(first.headers["www-authenticate"], method="REGISTER", uri=f"sip:{domain}",
                      username=auth_username, password=password)
        tls.sendall(register(user=user, domain=domain, transport="tls", local=local, call_id=call_id, cseq=2,
                             authorization=auth))
        return _read_response(tls)
