"""What the deployment config does with hostile traffic: floods banned, malformed requests refused,
no relaying for strangers, no calls as an agent without credentials."""

from __future__ import annotations

import secrets
import socket
import time

from tests.sip_server.deployment import SipServer, wait_for_sip
from tests.sip_server.sip_wire import Response, parse_response, register


def _udp(source: str) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((source, 0))
    sock.settimeout(0.3)
    return sock


def _local(sock: socket.socket) -> str:
    return "{}:{}".format(*sock.getsockname())


def _answers(sock: socket.socket, wait: float = 0.5) -> list[Response]:
    got = []
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            got.append(parse_response(sock.recv(65536)))
        except TimeoutError:
            continue
    return got


def _invite(sip: SipServer, sock: socket.socket, *, from_uri: str, ruri: str) -> bytes:
    tag, branch = secrets.token_hex(4), secrets.token_hex(8)
    return ("\r\n".join([
        f"INVITE {ruri} SIP/2.0", f"Via: SIP/2.0/UDP {_local(sock)};rport;branch=z9hG4bK{branch}",
        "Max-Forwards: 70", f"From: <{from_uri}>;tag={tag}", f"To: <{ruri}>", f"Call-ID: {branch}",
        "CSeq: 1 INVITE", f"Contact: <sip:x@{_local(sock)}>", "Content-Length: 0"]) + "\r\n\r\n").encode()


def test_a_register_flood_gets_its_source_banned(sip: SipServer) -> None:
    with _udp("127.0.0.2") as flooder:  # its own loopback address: the ban must not hit other tests
        for n in range(60):
            flooder.sendto(register(user="agent1", domain=sip.domain, transport="udp", local=_local(flooder),
                                    call_id=f"flood-{n}", cseq=1), ("127.0.0.1", sip.port))
        answered = _answers(flooder)
        assert 0 < len(answered) < 60  # the first ones are challenged, then the address is cut off
        assert all(r.code == 401 for r in answered)
        flooder.sendto(register(user="agent1", domain=sip.domain, transport="udp", local=_local(flooder),
                                call_id="after-the-flood", cseq=1), ("127.0.0.1", sip.port))
        assert _answers(flooder, 1.0) == []  # still banned
    assert "pike: banning 127.0.0.2" in sip.log()
    wait_for_sip(sip.port, timeout=2)  # everyone else is still served


def test_a_malformed_request_is_refused_and_a_good_one_answered(sip: SipServer) -> None:
    with _udp("127.0.0.3") as sock:
        bad = register(user="agent1", domain=sip.domain, transport="udp", local=_local(sock), call_id="bad",
                       cseq=1).replace(b"CSeq: 1 REGISTER", b"CSeq: 1 INVITE")  # CSeq method ≠ request method
        sock.sendto(bad, ("127.0.0.1", sip.port))
        refused = [(r.code, r.reason) for r in _answers(sock)]
        assert refused == [(400, "CSeq method does not match request method")]
        good = register(user="agent1", domain=sip.domain, transport="udp", local=_local(sock), call_id="good",
                        cseq=1)
        sock.sendto(good, ("127.0.0.1", sip.port))
        assert [r.code for r in _answers(sock)] == [401]
    assert "malformed SIP request from 127.0.0.3" in sip.log()


def test_strangers_cannot_relay_and_nobody_calls_as_an_agent_without_credentials(sip: SipServer) -> None:
    with _udp("127.0.0.4") as sock:
        stranger = _invite(sip, sock, from_uri="sip:mallory@evil.example",
                           ruri="sip:+8613800000000@pstn.example")
        sock.sendto(stranger, ("127.0.0.1", sip.port))
        relay = [r for r in _answers(sock) if r.code >= 200]
        assert [(r.code, r.reason) for r in relay] == [(403, "Not relaying")]
        sock.sendto(_invite(sip, sock, from_uri=f"sip:agent1@{sip.domain}", ruri=f"sip:agent2@{sip.domain}"),
                    ("127.0.0.1", sip.port))
        challenged = [r for r in _answers(sock) if r.code >= 200]
        assert [r.code for r in challenged] == [407]
        assert "proxy-authenticate" in challenged[0].headers
