"""The engine thread's table of live calls: pjsua2 callbacks in, engine events out, call operations.

It keeps a reference to every Call until pjsua2 reports it disconnected, then drops it outside the
callback (on the next loop turn), because a Call must never be collected from inside its own callback.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pjsua2 as pj

from app.telephony import events as ev
from app.telephony.pj_objects import EngineAccount, EngineCall
from app.telephony.sip_message import number_from_uri, parse_headers

_STATES = {
    pj.PJSIP_INV_STATE_CALLING: ev.CallState.CALLING,
    pj.PJSIP_INV_STATE_INCOMING: ev.CallState.INCOMING,
    pj.PJSIP_INV_STATE_EARLY: ev.CallState.EARLY,
    pj.PJSIP_INV_STATE_CONNECTING: ev.CallState.CONNECTING,
    pj.PJSIP_INV_STATE_CONFIRMED: ev.CallState.CONFIRMED,
    pj.PJSIP_INV_STATE_DISCONNECTED: ev.CallState.DISCONNECTED,
}


class CallBook:
    def __init__(self, publish: Callable[[ev.EngineEvent], None]) -> None:
        self._publish = publish
        self._calls: dict[int, EngineCall] = {}
        self._ended: list[EngineCall] = []
        self._ep: pj.Endpoint | None = None
        self._thread: threading.Thread | None = None
        self.account: EngineAccount | None = None

    def attach(self, ep: pj.Endpoint) -> None:
        self._ep = ep
        self._thread = threading.current_thread()

    def _on_engine_thread(self) -> None:
        assert threading.current_thread() is self._thread, "pjsua2 touched off the engine thread"

    # ---- callbacks -------------------------------------------------------------------------------
    def account_reg_state(self, active: bool, code: int, reason: str) -> None:
        self._on_engine_thread()
        if active and code // 100 == 2:
            state = ev.RegistrationState.REGISTERED
        elif code // 100 == 2 or code == 0:
            state = ev.RegistrationState.UNREGISTERED
        else:
            state = ev.RegistrationState.FAILED
        self._publish(ev.RegistrationDidChange(state, code, reason))

    def account_incoming_call(self, account: EngineAccount, call_id: int, whole_msg: str) -> None:
        self._on_engine_thread()
        call = EngineCall(self, account, call_id)
        self._calls[call_id] = call
        if len(self._calls) > 3:  # customer + consult + supervisor legs; the wheel allows 4
            call.hangup(_op(486))
            return
        info = call.getInfo()
        headers = parse_headers(whole_msg)
        self._publish(ev.CallDidArrive(call_id, str(info.remoteUri), number_from_uri(str(info.remoteUri)),
                                       headers))
        call.answer(_op(180))

    def call_state(self, call: EngineCall, info: pj.CallInfo) -> None:
        self._on_engine_thread()
        state = _STATES.get(info.state, ev.CallState.CALLING)
        code, reason = int(info.lastStatusCode), str(info.lastReason)
        self._publish(ev.CallDidChangeState(int(info.id), state, code, reason))
        if state is ev.CallState.CONFIRMED and call.connected_at is None:
            call.connected_at = time.monotonic()
            self._publish(ev.CallDidConnect(int(info.id), str(info.remoteUri)))
        elif state is ev.CallState.DISCONNECTED:
            talked = time.monotonic() - call.connected_at if call.connected_at else 0.0
            self._publish(ev.CallDidEnd(int(info.id), code, reason, talked))
            self._calls.pop(int(info.id), None)
            self._ended.append(call)

    def call_media_state(self, call: EngineCall, info: pj.CallInfo) -> None:
        # The conference slot changes after every re-INVITE: reconnect audio each time.
        self._on_engine_thread()
        assert self._ep is not None
        adm = self._ep.audDevManager()
        for index, media in enumerate(info.media):
            if media.type != pj.PJMEDIA_TYPE_AUDIO or media.status != pj.PJSUA_CALL_MEDIA_ACTIVE:
                continue
            audio = call.getAudioMedia(index)
            audio.startTransmit(adm.getPlaybackDevMedia())
            if not call.muted:
                adm.getCaptureDevMedia().startTransmit(audio)

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
        self.get(call_id).answer(_op(200))

    def hangup(self, call_id: int, code: int) -> None:
        self.get(call_id).hangup(_op(code))

    def hold(self, call_id: int) -> None:
        call = self.get(call_id)
        call.setHold(pj.CallOpParam(True))
        call.held = True

    def resume(self, call_id: int) -> None:
        call = self.get(call_id)
        prm = pj.CallOpParam(True)
        prm.opt.flag = pj.PJSUA_CALL_UNHOLD
        call.reinvite(prm)
        call.held = False

    def set_mute(self, call_id: int, muted: bool) -> None:
        assert self._ep is not None
        call = self.get(call_id)
        call.muted = muted
        capture = self._ep.audDevManager().getCaptureDevMedia()
        info = call.getInfo()
        for index, media in enumerate(info.media):
            if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                audio = call.getAudioMedia(index)
                if muted:
                    capture.stopTransmit(audio)
                else:
                    capture.startTransmit(audio)

    def send_dtmf(self, call_id: int, digits: str) -> None:
        if not digits or any(c not in "0123456789*#ABCD" for c in digits.upper()):
            raise ValueError(f"'{digits}' are not DTMF digits")
        self.get(call_id).dialDtmf(digits.upper())

    def hangup_all(self) -> None:
        for call in list(self._calls.values()):
            try:
                call.hangup(_op(0))
            except BaseException:  # noqa: S112 - a call already ending refuses; the rest must still hang up
                continue

    def active(self) -> bool:
        return bool(self._calls)

    def reap(self) -> None:
        """Drops the Python references of calls that ended, now that their callbacks have returned."""
        self._ended.clear()

    def forget_all(self) -> None:
        """Drops every pjsua2 reference; libDestroy() aborts if any Call or the Endpoint outlives it."""
        self._calls.clear()
        self._ended.clear()
        self.account = None
        self._ep = None


def _op(code: int) -> pj.CallOpParam:
    prm = pj.CallOpParam()
    prm.statusCode = code
    return prm
