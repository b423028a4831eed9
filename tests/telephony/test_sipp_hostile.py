"""Hostile SIP at our engine: malformed messages, oversized headers, garbage SDP, a lying Content-Length.

Each arrives straight at the engine's own port (no proxy to clean it up) or through Kamailio; afterwards
the engine must still run, still be registered, hold no stuck line, and take a normal call from sipp.
"""

from __future__ import annotations

import socket
import time

from app.telephony import events as ev
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

# still parseable as an INVITE: pjsip lets these ring (a lying Content-Length on UDP included); the
# agent sees an ordinary ringing call and can reject it, which frees the line
RINGS = {
    "Content-Length beyond the datagram": lambda raw, port: raw.invite(port, GOOD_SDP, content_length=5000),
    "Content-Length shorter than the body": lambda raw, port: raw.invite(port, GOOD_SDP, content_length=10),
    "a 60 kB header": lambda raw, port: raw.invite(port, GOOD_SDP, extra="X-Big: " + "A" * 60000 + "\r\n"),
}


def is_new(event: object, old: list[object]) -> bool:
    """Not one of the events seen before (by identity: pjsua2 reuses call ids, equal events repeat)."""
    return not any(event is seen for seen in old)


def assert_still_serves_a_normal_call(registered, kamailio) -> None:
    """Registered (Kamailio still routes agent1 to it) and a sipp call rings, connects and ends."""
    eng, log = registered
    seen = len(log.events)
    sipp = Sipp("uac_call.xml", kamailio.domain).start()
    try:
        arrived = log.wait_for(ev.CallDidArrive, lambda e: e.remote_number == "13800138000")
        eng.answer(arrived.call_id).result(5)
        log.wait_for(ev.CallDidEnd, lambda e: e.call_id == arrived.call_id)
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


def test_odd_but_parseable_invites_ring_and_the_agent_can_reject_them(registered, kamailio):
    eng, log = registered
    port = engine_port(log)
    for name, make in RINGS.items():
        raw = RawSip()
        try:
            before = len(log.events)
            raw.sock.sendto(make(raw, port), ("127.0.0.1", port))
            arrived = log.wait_for(ev.CallDidArrive, lambda e, old=log.events[:before]: is_new(e, old))
            assert arrived.remote_number == "intruder", name
            eng.reject(arrived.call_id).result(5)
            log.wait_for(ev.CallDidEnd, lambda e, old=log.events[:before], call=arrived.call_id:
                         e.call_id == call and is_new(e, old))
            assert "SIP/2.0 486 Busy Here" in raw.collect(wait=0.5), name
        finally:
            raw.close()
    assert_still_serves_a_normal_call(registered, kamailio)


def test_garbage_sdp_through_kamailio_is_refused_with_400_and_the_agent_never_rings(registered, kamailio):
    _eng, log = registered
    sipp = Sipp("uac_garbage_sdp.xml", kamailio.domain)
    try:
        assert sipp.run() == 0, sipp.log()
    finally:
        sipp.stop()
    assert not any(isinstance(e, ev.CallDidArrive) for e in log.events)
    assert_still_serves_a_normal_call(registered, kamailio)
