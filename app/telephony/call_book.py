"""The engine thread's table of live calls: pjsua2 callbacks in, engine events out, call operations.

It keeps a reference to every Call until pjsua2 reports it disconnected, then drops it outside the
callback (on the next loop turn), because a Call must never be collected from inside its own callback.
Audio wiring (mute, conference, recording) is the AudioRouter's job.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import pjsua2 as pj

from app.telephony import events as ev
from app.telephony.audio_router import AudioRouter
from app.telephony.call_retries import CallRetries
from app.telephony.inbound import TrustedSource
from app.telephony.pj_objects import EngineAccount, EngineCall
from app.telephony.quality import call_quality
from app.telephony.settings import SipAccount
from app.telephony.sip_message import number_from_uri, parse_headers, target_uri

_STATES = {
    pj.PJSIP_INV_STATE_CALLING: ev.CallState.CALLING,
    pj.PJSIP_INV_STATE_INCOMING: ev.CallState.INCOMING,
    pj.PJSIP_INV_STATE_EARLY: ev.CallState.EARLY,
    pj.PJSIP_INV_STATE_CONNECTING: ev.CallState.CONNECTING,
    pj.PJSIP_INV_STATE_CONFIRMED: ev.CallState.CONFIRMED,
    pj.PJSIP_INV_STATE_DISCONNECTED: ev.CallState.DISCONNECTED,
}
log = logging.getLogger(__name__)
MAX_CALLS = 3  # customer + consult + supervisor legs; pjsua2 allows 4 per process


class CallBook:
    def __init__(self, publish: Callable[[ev.EngineEvent], None], ring_timeout_seconds: float = 60.0) -> None:
        self._publish = publish
        self._ring_timeout = ring_timeout_seconds
        self.trusted: TrustedSource | None = None  # the registrar: the only source allowed to ring us
        self.reg_state = ev.RegistrationState.UNREGISTERED  # as last reported by pjsua2
        self.quiet_refresh: float | None = None  # monotonic time a periodic UDP refresh was sent
        self._calls: dict[int, EngineCall] = {}
        self._ended: list[EngineCall] = []
        self._adopted: list[EngineCall] = []  # created in a callback, id not known yet
        self._refused: dict[int, EngineCall] = {}  # answered 403, not disconnected yet
        self._ep: pj.Endpoint | None = None
        self._thread: threading.Thread | None = None
        self.account: EngineAccount | None = None
        self.sip_account: SipAccount | None = None
        self.router: AudioRouter | None = None
        self._retries = CallRetries(publish, {"media": _send_media_op, "dtmf": _dial_dtmf})

    def attach(self, ep: pj.Endpoint, capture_wav: str = "") -> None:
        self._ep = ep
        self._thread = threading.current_thread()
        self.router = AudioRouter(ep, capture_wav)

    def _on_engine_thread(self) -> None:
        assert threading.current_thread() is self._thread, "pjsua2 touched off the engine thread"

    def _router(self) -> AudioRouter:
        assert self.router is not None
        return self.router

    # ---- callbacks -------------------------------------------------------------------------------
    def account_reg_state(self, active: bool, code: int, reason: str) -> None:
        self._on_engine_thread()
        if active and code // 100 == 2:
            state = ev.RegistrationState.REGISTERED
        elif code // 100 == 2 or code == 0:
            state = ev.RegistrationState.UNREGISTERED
        else:
            state = ev.RegistrationState.FAILED
        quiet, self.quiet_refresh = self.quiet_refresh, None
        self.reg_state = state
        if quiet is not None and state is ev.RegistrationState.REGISTERED:
            return  # a periodic UDP refresh that found everything as it was: nothing to tell
        self._publish(ev.RegistrationDidChange(state, code, reason))
        if state is ev.RegistrationState.FAILED:
            tls_problem = getattr(self._ep, "tls_problem", "")
            if "ECERTVERIF" in reason and tls_problem:
                reason = tls_problem
            self._publish(ev.RegistrationDidFail(code, reason))

    def account_incoming_call(self, account: EngineAccount, call_id: int, whole_msg: str,
                              source: str) -> None:
        self._on_engine_thread()
        call = EngineCall(self, account, call_id)
        self._calls[call_id] = call
        if self.trusted is None or not self.trusted.admits(source):
            # not relayed by our registrar/proxy (someone who can reach our port): never ring
            log.info("refused an INVITE from %s: not the registrar %s", source,
                     f"{self.trusted.host}:{self.trusted.port}" if self.trusted else "(none)")
            call.refused = True
            # kept until pjsua2 says it is gone; the 403 goes out on the next loop turn: hanging up
            # inside this callback tripped a pjsip assertion (rx data clone) for a 60 kB INVITE
            self._refused[call_id] = self._calls.pop(call_id)
            return
        if len(self._calls) > MAX_CALLS:
            call.hangup(_op(486))
            return
        info = call.getInfo()
        headers = parse_headers(whole_msg)
        self._publish(ev.CallDidArrive(call_id, str(info.remoteUri), number_from_uri(str(info.remoteUri)),
                                       headers))
        call.answer(_op(180))
        call.rings_since = time.monotonic()

    def call_state(self, call: EngineCall, info: pj.CallInfo) -> None:
        self._on_engine_thread()
        if call.refused:
            if info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
                self._ended.append(self._refused.pop(int(info.id), call))
            return
        state = _STATES.get(info.state, ev.CallState.CALLING)
        code, reason, call_id = int(info.lastStatusCode), str(info.lastReason), int(info.id)
        if any(call is adopted for adopted in self._adopted):
            self._adopted = [c for c in self._adopted if c is not call]
            if state is not ev.CallState.DISCONNECTED:
                self._calls[call_id] = call
        self._publish(ev.CallDidChangeState(call_id, state, code, reason))
        if state is ev.CallState.CONFIRMED and call.connected_at is None:
            call.connected_at = time.monotonic()
            self._publish(ev.CallDidConnect(call_id, str(info.remoteUri)))
        elif state is ev.CallState.DISCONNECTED:
            talked = time.monotonic() - call.connected_at if call.connected_at else 0.0
            self._calls.pop(call_id, None)
            self._ended.append(call)
            self._forget_media(call_id)
            self._publish(ev.CallDidEnd(call_id, code, reason, talked))

    def call_media_state(self, call: EngineCall, info: pj.CallInfo) -> None:
        # The conference slot changes after every re-INVITE: reconnect audio each time.
        self._on_engine_thread()
        self._router().connect(call, self._calls)
        # The far end's a=sendonly and a=inactive both read PJSUA_CALL_MEDIA_REMOTE_HOLD (while we
        # hold the call ourselves pjsua reports LOCAL_HOLD instead, so a remote hold is seen after).
        held_by_remote = any(m.type == pj.PJMEDIA_TYPE_AUDIO and m.status == pj.PJSUA_CALL_MEDIA_REMOTE_HOLD
                             for m in info.media)
        if held_by_remote != call.held_by_remote:
            call.held_by_remote = held_by_remote
            self._publish(ev.CallDidChangeMedia(int(info.id), held_by_remote, call.held))

    def call_transfer_status(self, call: EngineCall, code: int, reason: str, final: bool) -> bool:
        """NOTIFYs about a REFER we sent; returns whether to keep receiving them."""
        call_id = int(call.getId())
        if not final and code < 200:
            self._publish(ev.CallTransferDidProgress(call_id, code, reason))
            return True
        if code // 100 == 2:
            self._publish(ev.CallTransferDidSucceed(call_id))
            if call.isActive():
                call.hangup(_op(0))  # our leg is done: the customer now talks to the target
        else:
            self._publish(ev.CallTransferDidFail(call_id, code, reason or "the transfer failed"))
        return False

    def call_transfer_request(self, call: EngineCall, target: str) -> EngineCall | None:
        """The far end sent REFER: follow it with a new call (kept here before pjsua2 sees it)."""
        if self.account is None or len(self._calls) >= MAX_CALLS:
            return None
        self._publish(ev.CallWillTransfer(int(call.getId()), target))
        new_call = EngineCall(self, self.account)
        self._adopted.append(new_call)
        return new_call

    def call_replaced(self, call: EngineCall, new_call_id: int) -> EngineCall:
        """An INVITE with Replaces took over `call`: track the new one under its id."""
        assert self.account is not None
        new_call = EngineCall(self, self.account, new_call_id)
        self._calls[new_call_id] = new_call
        self._publish(ev.CallDidReplace(int(call.getId()), new_call_id))
        return new_call

    def call_info_done(self, call: EngineCall) -> None:
        call.dtmf_info_busy = False
        self._send_next_info_digit(call)

    # ---- operations (engine thread, from commands) --------------------------------------------
    def keep(self, call: EngineCall) -> None:
        """Tracks an outgoing call once makeCall gave it an id (unless it already ended inside makeCall)."""
        if not any(call is ended for ended in self._ended):
            self._calls[int(call.getId())] = call

    def get(self, call_id: int) -> EngineCall:
        call = self._calls.get(call_id)
        if call is None:
            raise KeyError(f"there is no call {call_id}")
        return call

    def answer(self, call_id: int) -> None:
        call = self.get(call_id)
        call.answer(_op(200))
        call.rings_since = None

    def hangup(self, call_id: int, code: int) -> None:
        call = self.get(call_id)
        call.hangup(_op(code))
        call.rings_since = None

    def _refuse_strangers(self) -> None:
        for call in list(self._refused.values()):  # a hang-up may disconnect (and drop) it at once
            if not call.refusal_sent:
                call.refusal_sent = True
                try:
                    call.hangup(_op(403))
                except BaseException:  # pj.Error: the stranger cancelled first
                    log.info("a refused call ended before its 403")

    def _end_unanswered(self) -> None:
        """Inbound calls that rang too long: 480 to the caller, a missed call for the agent."""
        now = time.monotonic()
        for call_id, call in list(self._calls.items()):
            if call.rings_since is None or now - call.rings_since < self._ring_timeout:
                continue
            rang, call.rings_since = now - call.rings_since, None
            info = call.getInfo()
            if info.state not in (pj.PJSIP_INV_STATE_INCOMING, pj.PJSIP_INV_STATE_EARLY):
                continue  # answered or ending meanwhile
            uri = str(info.remoteUri)
            self._publish(ev.CallDidGoUnanswered(call_id, uri, number_from_uri(uri), rang))
            try:
                call.hangup(_op(480))
            except BaseException:  # pj.Error: the caller gave up at the same moment
                log.info("call %s ended before its ring timeout", call_id)

    def hold(self, call_id: int) -> None:
        self._media_op(call_id, "hold")

    def resume(self, call_id: int) -> None:
        self._media_op(call_id, "resume")

    def _media_op(self, call_id: int, op: str) -> None:
        call = self.get(call_id)
        self._retries.attempt(call_id, call, "media", op)
        call.held = op == "hold"

    def set_mute(self, call_id: int, muted: bool) -> None:
        self._router().set_mute(self.get(call_id), muted)

    def send_dtmf(self, call_id: int, digits: str, method: str | None = None) -> None:
        if not digits or any(c not in "0123456789*#ABCD" for c in digits.upper()):
            raise ValueError(f"'{digits}' are not DTMF digits")
        chosen = method or (self.sip_account.dtmf_method if self.sip_account else "rfc4733")
        if chosen not in ("rfc4733", "info"):
            raise ValueError(f"unknown DTMF method '{chosen}' (rfc4733 or info)")
        call = self.get(call_id)
        if chosen == "rfc4733":
            self._retries.attempt(call_id, call, "dtmf", digits.upper(), queue=True)
            return
        # Back-to-back INFOs were reordered and a digit lost (LAB.md): one at a time.
        call.dtmf_info_queue.extend(digits.upper())
        self._send_next_info_digit(call)

    def _send_next_info_digit(self, call: EngineCall) -> None:
        if call.dtmf_info_busy or not call.dtmf_info_queue or not call.isActive():
            return
        prm = pj.CallSendDtmfParam()
        prm.method = pj.PJSUA_DTMF_METHOD_SIP_INFO
        prm.digits = call.dtmf_info_queue.pop(0)
        prm.duration = 160
        call.dtmf_info_busy = True
        call.sendDtmf(prm)

    def transfer(self, call_id: int, target: str) -> None:
        """Blind transfer: REFER the far end to `target` (a number, an extension or a SIP URI)."""
        call = self.get(call_id)
        domain = self.sip_account.domain if self.sip_account else ""
        call.xfer(target_uri(target, domain), pj.CallOpParam(True))

    def transfer_attended(self, call_id: int, to_call_id: int) -> None:
        """Consult transfer: REFER `call_id`'s party to `to_call_id`'s party with Replaces."""
        if call_id == to_call_id:
            raise ValueError("a call cannot be transferred to itself")
        call, target = self.get(call_id), self.get(to_call_id)
        call.xferReplaces(target, pj.CallOpParam(True))

    def conference(self, call_ids: tuple[int, ...]) -> None:
        if len(set(call_ids)) < 2:
            raise ValueError("a conference needs at least two different calls")
        calls = [self.get(c) for c in call_ids]
        for call in calls:
            if call.held:
                self.resume(int(call.getId()))
        self._router().join(set(call_ids), self._calls)
        self._publish(ev.ConferenceDidChange(tuple(sorted(self._router().conference))))

    def split(self) -> None:
        router = self._router()
        if not router.conference:
            raise RuntimeError("there is no conference to split")
        router.split(self._calls)
        self._publish(ev.ConferenceDidChange(()))

    def start_recording(self, call_id: int, path: str) -> None:
        self._router().start_recording(self.get(call_id), path, self._calls)
        self._publish(ev.RecordingDidStart(call_id, path))

    def stop_recording(self, call_id: int) -> None:
        self.get(call_id)
        if not self._router().stop_recording(call_id):
            raise RuntimeError(f"call {call_id} is not being recorded")

    def quality(self, call_id: int) -> ev.CallQuality:
        return call_quality(call_id, self.get(call_id))

    def _forget_media(self, call_id: int) -> None:
        router = self._router()
        was_conference = bool(router.conference)
        router.forget(call_id)
        if was_conference and not router.conference:
            self._publish(ev.ConferenceDidChange(()))

    def hangup_all(self) -> None:
        if self.router is not None:
            for call_id in list(self.router.recorders):
                self.router.stop_recording(call_id)
        for call in list(self._calls.values()):
            try:
                call.hangup(_op(0))
            except BaseException:  # noqa: S112 - a call already ending refuses; the rest must still hang up
                continue

    def active(self) -> bool:
        return bool(self._calls)

    def calls(self) -> list[EngineCall]:
        return list(self._calls.values())

    def calls_by_id(self) -> dict[int, EngineCall]:
        return self._calls

    def recording(self) -> bool:
        """A recording is still running or its WAV is not finished yet."""
        return self.router is not None and bool(self.router.recorders or self.router.finishing)

    def reap(self) -> None:
        """Drops the Python references of calls that ended, now that their callbacks have returned;
        announces recordings whose WAV is complete."""
        self._ended.clear()
        self._refuse_strangers()
        self._end_unanswered()
        if self._retries:
            self._retries.run(self._calls)
        if self.router is not None and self.router.finishing:
            for done in self.router.finished_recordings():
                self._publish(ev.RecordingDidFinish(done.call_id, done.path))

    def forget_all(self) -> None:
        """Drops every pjsua2 reference; libDestroy() aborts if any Call or the Endpoint outlives it."""
        if self.router is not None:
            self.router.close()
        self._retries.clear()
        self._calls.clear()
        self._ended.clear()
        self._adopted.clear()
        self._refused.clear()
        self.account = None
        self.router = None
        self._ep = None


def _op(code: int) -> pj.CallOpParam:
    prm = pj.CallOpParam()
    prm.statusCode = code
    return prm


def _send_media_op(call: EngineCall, op: str) -> None:
    if op == "hold":
        call.setHold(pj.CallOpParam(True))
        return
    prm = pj.CallOpParam(True)
    prm.opt.flag = pj.PJSUA_CALL_UNHOLD
    call.reinvite(prm)


def _dial_dtmf(call: EngineCall, digits: str) -> None:
    call.dialDtmf(digits)

