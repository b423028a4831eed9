"""pjsua2 Account and Call subclasses whose callbacks forward to the engine, each one guarded.

The binding swallows exceptions raised in callbacks (or aborts), so every body catches its own and
reports it; the engine, not Python's GC, decides when these objects die.
"""

from __future__ import annotations

import logging
from typing import Protocol

import pjsua2 as pj

log = logging.getLogger(__name__)


class CallbackSink(Protocol):
    def account_reg_state(self, active: bool, code: int, reason: str) -> None: ...
    def account_incoming_call(self, account: EngineAccount, call_id: int, whole_msg: str,
                              source: str) -> None: ...
    def call_state(self, call: EngineCall, info: pj.CallInfo) -> None: ...
    def call_media_state(self, call: EngineCall, info: pj.CallInfo) -> None: ...
    def call_transfer_status(self, call: EngineCall, code: int, reason: str, final: bool) -> bool: ...
    def call_transfer_request(self, call: EngineCall, target: str) -> EngineCall | None: ...
    def call_replaced(self, call: EngineCall, new_call_id: int) -> EngineCall: ...
    def call_info_done(self, call: EngineCall) -> None: ...


class EngineAccount(pj.Account):
    def __init__(self, sink: CallbackSink) -> None:
        super().__init__()
        self._sink = sink

    def onRegState(self, prm: pj.OnRegStateParam) -> None:  # noqa: N802 - pjsua2 callback name
        try:
            self._sink.account_reg_state(bool(self.getInfo().regIsActive), int(prm.code), str(prm.reason))
        except Exception:
            log.exception("onRegState failed")

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:  # noqa: N802
        try:
            rdata = prm.rdata
            self._sink.account_incoming_call(self, int(prm.callId), str(rdata.wholeMsg),
                                             str(rdata.srcAddress))
        except Exception:
            log.exception("onIncomingCall failed")


class EngineCall(pj.Call):
    def __init__(self, sink: CallbackSink, account: EngineAccount,
                 call_id: int = pj.PJSUA_INVALID_ID) -> None:
        super().__init__(account, call_id)
        self._sink = sink
        self.muted = False
        self.held = False
        self.held_by_remote = False  # the far end put us on hold (a=sendonly / a=inactive)
        self.rings_since: float | None = None  # inbound, ringing, not answered or rejected yet
        self.refused = False  # not from the registrar: answered 403, never shown (no events)
        self.refusal_sent = False
        self.connected_at: float | None = None
        self.account = account
        self.dtmf_info_queue: list[str] = []  # SIP INFO digits: one INFO at a time, next on its answer
        self.dtmf_info_busy = False

    def onCallState(self, prm: pj.OnCallStateParam) -> None:  # noqa: N802, ARG002
        try:
            info = self.getInfo()  # bind first: reading fields of a temporary reads freed memory
            self._sink.call_state(self, info)
        except Exception:
            log.exception("onCallState failed")

    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:  # noqa: N802, ARG002
        try:
            info = self.getInfo()
            self._sink.call_media_state(self, info)
        except Exception:
            log.exception("onCallMediaState failed")

    def onCallTransferStatus(self, prm: pj.OnCallTransferStatusParam) -> None:  # noqa: N802
        try:
            prm.cont = self._sink.call_transfer_status(self, int(prm.statusCode), str(prm.reason),
                                                       bool(prm.finalNotify))
        except Exception:
            log.exception("onCallTransferStatus failed")

    def onCallTransferRequest(self, prm: pj.OnCallTransferRequestParam) -> None:  # noqa: N802
        try:
            new_call = self._sink.call_transfer_request(self, str(prm.dstUri))
            if new_call is None:
                prm.statusCode = 603
            else:
                prm.newCall = new_call  # stored by the sink first: a temporary here segfaults
        except Exception:
            prm.statusCode = 500
            log.exception("onCallTransferRequest failed")

    def onCallReplaced(self, prm: pj.OnCallReplacedParam) -> None:  # noqa: N802
        try:
            prm.newCall = self._sink.call_replaced(self, int(prm.newCallId))
        except Exception:
            log.exception("onCallReplaced failed")

    def onCallTsxState(self, prm: pj.OnCallTsxStateParam) -> None:  # noqa: N802
        try:
            if prm.e.type != pj.PJSIP_EVENT_TSX_STATE:
                return
            tsx = prm.e.body.tsxState.tsx
            if (tsx.role == pj.PJSIP_ROLE_UAC and tsx.method == "INFO"
                    and tsx.state >= pj.PJSIP_TSX_STATE_COMPLETED and self.dtmf_info_busy):
                self._sink.call_info_done(self)
        except Exception:
            log.exception("onCallTsxState failed")


class EngineEndpoint(pj.Endpoint):
    """The Endpoint, remembering why the last TLS server certificate was refused (pjsip itself only
    reports PJSIP_TLS_ECERTVERIF to the registration), and the sound device failing under a call.

    A sound device that fails while open (a USB headset pulled out) makes its pjmedia stream publish
    PJMEDIA_EVENT_AUD_DEV_ERROR; the sound port republishes it and pjsua hands it to `onMediaEvent`
    (through pjsua2's pending jobs: on the engine thread, inside libHandleEvents). The engine reads
    `audio_device_errors` after each libHandleEvents slice and moves the bridge to another device."""

    def __init__(self) -> None:
        super().__init__()
        self.tls_problem = ""
        self.audio_device_errors: list[tuple[int, int, int]] = []  # (dir, device id, status)

    def onTransportState(self, prm: pj.OnTransportStateParam) -> None:  # noqa: N802
        try:
            info = prm.tlsInfo
            if not info.isEmpty() and int(info.verifyStatus) != 0:
                self.tls_problem = describe_tls_failure(int(info.verifyStatus), list(info.verifyMsgs))
        except Exception:
            log.exception("onTransportState failed")

    def onMediaEvent(self, prm: pj.OnMediaEventParam) -> None:  # noqa: N802
        try:
            event = prm.ev
            if int(event.type) == pj.PJMEDIA_EVENT_AUD_DEV_ERROR:
                error = event.data.audDevError
                self.audio_device_errors.append((int(error.dir), int(error.id), int(error.status)))
        except Exception:
            log.exception("onMediaEvent failed")


def describe_tls_failure(status: int, messages: list[str]) -> str:
    """pj_ssl_cert_verify_flag_t bits → one plain sentence for the agent."""
    untrusted = pj.PJ_SSL_CERT_EUNTRUSTED | pj.PJ_SSL_CERT_EISSUER_NOT_FOUND | pj.PJ_SSL_CERT_EISSUER_MISMATCH
    if status & untrusted:
        return "the SIP server's TLS certificate is not trusted (not signed by the configured CA)"
    if status & pj.PJ_SSL_CERT_EIDENTITY_NOT_MATCH:
        return "the SIP server's TLS certificate was issued for another name than the server's address"
    if status & pj.PJ_SSL_CERT_EVALIDITY_PERIOD:
        return "the SIP server's TLS certificate has expired or is not valid yet"
    detail = "; ".join(m for m in messages if m) or f"status {status:#x}"
    return f"the SIP server's TLS certificate could not be verified ({detail})"
