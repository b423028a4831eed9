"""Hostile SIP at our engine: malformed messages, oversized headers, garbage SDP, a lying Content-Length,
well-formed INVITEs that bypass the proxy, and calls nobody answers.

Each arrives straight at the engine's own port (no proxy to clean it up) or through Kamailio; afterwards
the engine must still run, still be registered, hold no stuck line, and take a normal call from sipp.
Only INVITEs from the registrar's address ring the agent (app/telephony/inbound.py); others get 403.
"""

from __future__ import annotations

import socket
import time

from app.telephony import events as ev
from app.telephony.engine import SoftphoneEngine
from app.telephony.settings import EngineSettings, SipAccount
from tests.telephony.conftest import EventLog
from tests.telephony.sipp.runner import Sipp

GOOD_SDP = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            "m=audio 4000 RTP/AVP 0\r\n")


class RawSip:
    """A UDP socket that sends hand-made bytes and collects the first line of every answer."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]

    def invite(self, target_port: int, body: str, content_length: object = None, extra: str = "",
               content_type: str = "application/sdp") -> bytes:
        length = len(body.encode()) if content_length is None else content_length
        stamp = time.time_ns()
        return (f"INVITE sip:agent1@127.0.0.1:{target_port} SIP/2.0\r\n"
                f"Via: SIP/2.0/UDP 127.0.0.1:{self.port};branch=z9hG4bK{stamp}\r\n"
                f"From: <sip:intruder@127.0.0.1:{self.port}>;tag=t{stamp}\r\n"
                f"To: <sip:agent1@127.0.0.1:{target_port}>\r\nCall-ID: {stamp}@intruder\r\n"
                f"CSeq: 1 INVITE\r\nContact: <sip:intruder@127.0.0.1:{self.port}>\r\nMax-Forwards: 70\r\n"
                f"{extra}Content-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n{body}").encode()

    def exchange(self, port: int, data: bytes, wait: float = 0.5) -> list[str]:
        self.sock.sendto(data, ("127.0.0.1", port))
        return self.collect(wait)

    def collect(self, wait: float) -> list[str]:
        """First lines of everything that arrives until `wait` seconds pass in silence."""
        answers = []
        self.sock.settimeout(wait)
        try:
            while True:
                answers.append(self.sock.recv(65535).decode(errors="replace").split("\r\n", 1)[0])
        except TimeoutError:
            return answers

    def close(self) -> None:
        self.sock.close()


def engine_port(log) -> int:
    return int(next(e for e in log.events if isinstance(e, ev.EngineDidStart)).local_sip_port)


# name → (message maker, the first lines the sender may get back); none of these may ring the agent
DROPPED_OR_REFUSED = {
    "binary garbage": (lambda raw, port: bytes(range(256)) * 4, set()),
    "not a SIP start line": (lambda raw, port: b"HELLO WORLD\r\nVia: nonsense\r\n\r\n", set()),
    "garbage SDP": (lambda raw, port: raw.invite(port, "v=banana\r\nm=audio notaport RTP/AVP zz\r\n\x01%%"),
                    {"SIP/2.0 400 Bad SDP"}),
    "a body that is not SDP": (lambda raw, port: raw.invite(port, "<xml/>", content_type="text/xml"),
                               {"SIP/2.0 415 Unsupported Media Type"}),
    "negative Content-Length": (lambda raw, port: raw.invite(port, GOOD_SDP, content_length=-5), set()),
    "Content-Length not a number": (lambda raw, port: raw.invite(port, GOOD_SDP, content_length="x"), set()),
    "2000 extra headers": (lambda raw, port: raw.invite(
        port, GOOD_SDP, extra="".join(f"X-H{i}: v\r\n" for i in range(2000))), set()),
}

# still parseable as an INVITE (a lying Content-Length on UDP included): pjsip hands them to the
# engine, which refuses them with 403 because they did not come through the registrar
PARSEABLE = {
    "Content-Length beyond the datagram": lambda raw, port: raw.invite(port, GOOD_SDP, content_length=5000),
    "Content-Length shorter than the body": lambda raw, port: raw.invite(port, GOOD_SDP, content_length=10),
    "a 60 kB header": lambda raw, port: raw.invite(port, GOOD_SDP, extra="X-Big: " + "A" * 60000 + "\r\n"),
}


def assert_still_serves_a_normal_call(registered, kamailio) -> None:
    """Registered (Kamailio still routes agent1 to it) and a sipp call rings, connects and ends."""
    eng, log = registered
    seen = len(log.events)
    sipp = Sipp("uac_call.xml", kamailio.domain).start()
    try:
        arrived = log.wait_for(ev.CallDidArrive, lambda e: e.remote_number == "13800138000")
        eng.answer(arrived.call_id).result(5)
        try:
            log.wait_for(ev.CallDidEnd, lambda e: e.call_id == arrived.call_id)
        except AssertionError as failure:
            raise AssertionError(f"{failure}\nsipp's messages:\n{sipp.log()}") from None
        assert sipp.wait() == 0, sipp.log()
    finally:
        sipp.stop()
    registration = [e for e in log.events if isinstance(e, ev.RegistrationDidChange)]
    assert registration[-1].state is ev.RegistrationState.REGISTERED
    assert not any(isinstance(e, ev.EngineDidFail | ev.EngineDidStop) for e in log.events[seen:])


def test_malformed_messages_straight_at_the_engine_never_ring_and_change_nothing(registered, kamailio):
    _eng, log = registered
    port = engine_port(log)
    for name, (make, allowed) in DROPPED_OR_REFUSED.items():
        raw = RawSip()  # a fresh socket each: retransmitted answers of one case never leak into the next
        try:
            answers = set(raw.exchange(port, make(raw, port), wait=0.7))
        finally:
            raw.close()
        assert answers <= allowed, f"{name}: answered {answers}"
        assert not any(isinstance(e, ev.CallDidArrive) for e in log.events), name
    assert_still_serves_a_normal_call(registered, kamailio)


def test_parseable_invites_straight_at_the_engine_are_refused_403_and_never_ring(registered, kamailio):
    _eng, log = registered
    port = engine_port(log)
    for name, make in PARSEABLE.items():
        raw = RawSip()
        try:
            answers = raw.exchange(port, make(raw, port), wait=0.7)
        finally:
            raw.close()
        assert "SIP/2.0 403 Forbidden" in answers, f"{name}: answered {answers}"
    rang = [e for e in log.events if isinstance(e, ev.CallDidArrive | ev.CallDidChangeState | ev.CallDidEnd)]
    assert rang == []
    assert_still_serves_a_normal_call(registered, kamailio)


def test_sipp_invite_straight_at_the_engine_port_is_refused_403(registered, kamailio):
    _eng, log = registered
    sipp = Sipp("uac_forbidden.xml", f"127.0.0.1:{engine_port(log)}")
    try:
        assert sipp.run() == 0, sipp.log()  # sipp checked the 403 and acknowledged it
    finally:
        sipp.stop()
    assert not any(isinstance(e, ev.CallDidArrive) for e in log.events)
    assert_still_serves_a_normal_call(registered, kamailio)


def test_invite_over_tcp_straight_at_the_engine_is_refused_403(registered, kamailio):
    _eng, log = registered
    port = engine_port(log)
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        here = conn.getsockname()[1]
        stamp = time.time_ns()
        conn.sendall((f"INVITE sip:agent1@127.0.0.1:{port};transport=tcp SIP/2.0\r\n"
                      f"Via: SIP/2.0/TCP 127.0.0.1:{here};branch=z9hG4bK{stamp}\r\n"
                      f"From: <sip:intruder@127.0.0.1:{here}>;tag=t{stamp}\r\n"
                      f"To: <sip:agent1@127.0.0.1:{port}>\r\nCall-ID: {stamp}@intruder\r\nCSeq: 1 INVITE\r\n"
                      f"Contact: <sip:intruder@127.0.0.1:{here};transport=tcp>\r\nMax-Forwards: 70\r\n"
                      f"Content-Type: application/sdp\r\nContent-Length: {len(GOOD_SDP)}\r\n\r\n{GOOD_SDP}")
                     .encode())
        received = b""
        while b"403 Forbidden" not in received:
            chunk = conn.recv(65535)
            assert chunk, f"the engine closed the connection; it sent {received!r}"
            received += chunk
    assert not any(isinstance(e, ev.CallDidArrive) for e in log.events)
    assert_still_serves_a_normal_call(registered, kamailio)


def test_a_call_nobody_answers_ends_with_480_and_a_missed_call_event(kamailio):
    log = EventLog()
    eng = SoftphoneEngine(EngineSettings(null_audio=True, ring_timeout_seconds=1.5), log)
    eng.start()
    sipp = Sipp("uac_unanswered.xml", kamailio.domain)
    try:
        eng.register(SipAccount(username="agent1", password="", domain=kamailio.domain)).result(5)
        log.wait_for(ev.RegistrationDidChange, lambda e: e.state is ev.RegistrationState.REGISTERED)
        sipp.start()
        arrived = log.wait_for(ev.CallDidArrive)
        missed = log.wait_for(ev.CallDidGoUnanswered, timeout=15)
        assert missed.call_id == arrived.call_id
        assert missed.remote_number == "13900139000"
        assert missed.rang_seconds >= 1.5
        ended = log.wait_for(ev.CallDidEnd, lambda e: e.call_id == arrived.call_id)
        assert ended.code == 480
        assert ended.connected_seconds == 0
        assert sipp.wait() == 0, sipp.log()  # the caller got 480 through Kamailio and acknowledged it
        assert eng.answer(arrived.call_id).exception(5) is not None  # the line is gone
    finally:
        sipp.stop()
        eng.stop()


def test_an_answered_call_is_not_ended_by_the_ring_timeout(kamailio):
    log = EventLog()
    eng = SoftphoneEngine(EngineSettings(null_audio=True, ring_timeout_seconds=1.0), log)
    eng.start()
    try:
        eng.register(SipAccount(username="agent1", password="", domain=kamailio.domain)).result(5)
        log.wait_for(ev.RegistrationDidChange, lambda e: e.state is ev.RegistrationState.REGISTERED)
        sipp = Sipp("uac_hold.xml", kamailio.domain).start()  # talks ~1.5 s, past the ring timeout
        try:
            arrived = log.wait_for(ev.CallDidArrive)
            eng.answer(arrived.call_id).result(5)
            assert sipp.wait() == 0, sipp.log()
        finally:
            sipp.stop()
        ended = log.wait_for(ev.CallDidEnd, lambda e: e.call_id == arrived.call_id)
        assert ended.code != 480
        assert ended.connected_seconds > 1.0
        assert not any(isinstance(e, ev.CallDidGoUnanswered) for e in log.events)
    finally:
        eng.stop()


def test_garbage_sdp_through_kamailio_is_refused_with_400_and_the_agent_never_rings(registered, kamailio):
    _eng, log = registered
    sipp = Sipp("uac_garbage_sdp.xml", kamailio.domain)
    try:
        assert sipp.run() == 0, sipp.log()
    finally:
        sipp.stop()
    assert not any(isinstance(e, ev.CallDidArrive) for e in log.events)
    assert_still_serves_a_normal_call(registered, kamailio)
