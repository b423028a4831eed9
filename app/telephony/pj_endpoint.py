"""Creating and configuring the one pjsua2 Endpoint of this process (engine thread only)."""

from __future__ import annotations

import ctypes
import socket

import pjsua2 as pj

from app.telephony.pj_objects import EngineEndpoint
from app.telephony.settings import EngineSettings, SipAccount

# Wideband first, then G.711; speex is pjsua2's default top codec but scores lower (LAB.md).
CODEC_PRIORITIES = {"G722/16000": 255, "PCMU/8000": 254, "PCMA/8000": 253}
DEMOTED_CODEC_PRIORITY = 64


def _nodelay() -> pj.SockOptParams:
    params = pj.SockOptParams()
    opt = pj.SockOpt()
    opt.level, opt.optName, opt.optVal = socket.IPPROTO_TCP, socket.TCP_NODELAY, 1
    params.sockOpts.append(opt)
    return params


def _udp_and_tcp_on_one_port(ep: pj.Endpoint, settings: EngineSettings, attempts: int = 20) -> int:
    """UDP and TCP listeners on the same port. With port 0 the UDP port is free but the same TCP
    port may not be (another process's connection): then close it and draw again."""
    for attempt in range(attempts):
        udp = pj.TransportConfig()
        udp.port = settings.sip_port
        if settings.bind_address:
            udp.boundAddress = udp.publicAddress = settings.bind_address
        udp_id = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, udp)
        port = int(ep.transportGetInfo(udp_id).localName.rsplit(":", 1)[1])
        tcp = pj.TransportConfig()
        tcp.port = port
        if settings.bind_address:
            tcp.boundAddress = tcp.publicAddress = settings.bind_address
        tcp.sockOptParams = _nodelay()  # without it call setup over TCP costs ~47 ms instead of ~2 ms
        try:
            ep.transportCreate(pj.PJSIP_TRANSPORT_TCP, tcp)
            return port
        except BaseException:  # pj.Error: the TCP port is taken
            ep.transportClose(udp_id)
            if settings.sip_port or attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def create_endpoint(settings: EngineSettings) -> tuple[EngineEndpoint, int]:
    """libCreate/libInit/libStart on the calling thread, which becomes pjsua2's only thread."""
    ctypes.CDLL(pj._pjsua2.__file__).pj_log_set_level(settings.log_level)  # quiet libCreate() too
    ep = EngineEndpoint()
    ep.libCreate()
    try:
        return ep, _configure(ep, settings)
    except BaseException:
        ep.libDestroy(pj.PJSUA_DESTROY_NO_RX_MSG)  # else the next Endpoint of this process aborts
        raise


def _configure(ep: EngineEndpoint, settings: EngineSettings) -> int:
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.uaConfig.maxCalls = 4
    cfg.uaConfig.userAgent = "Huitong"
    cfg.logConfig.level = settings.log_level
    cfg.logConfig.consoleLevel = settings.log_level
    media = cfg.medConfig
    media.noVad = True
    # Measured with benchmarks.audio_quality (PESQ): clock rate 16 kHz = G.722's own rate, so the top
    # codec is never resampled (32 kHz: PCMU nb 3.931 vs 3.934; 8 kHz cannot carry G.722 at all);
    # resampler quality 10 and an echo-canceller tail of 0 scored exactly as the defaults (8, 200 ms:
    # the null device has no sound port, hence no EC); a larger jitter buffer start (jbInit 40) cost
    # 0.06–0.11. Jitter buffer left at pjsua2's defaults (remeasured with natural speech, CMU ARCTIC):
    # a clean call scores PCMU 4.37 nb / G.722 4.22 wb whenever the receiving buffer never runs dry;
    # every lower run had played empty frames (a CPU stall, load average ≥ 2 on 2 CPUs). jbInit 60
    # made it worse (G.722 3.3–3.9 wb in 6 of 6 calls: the buffer shrinks back during speech);
    # jbMinPre 60 equalled the default (16 interleaved calls, all 4.22); jbDiscardAlgo is not settable
    # from Python (an opaque SWIG pointer).
    media.clockRate = 16000
    media.quality = 8
    if settings.null_audio:
        media.ecTailLen = 0  # no microphone and speaker, no echo to cancel
    ep.libInit(cfg)
    port = _udp_and_tcp_on_one_port(ep, settings)
    if settings.tls_ca_file:
        ep.transportCreate(pj.PJSIP_TRANSPORT_TLS, tls_transport_config(settings))
    ep.libStart()
    if settings.null_audio:
        ep.audDevManager().setNullDev()  # else the engine's devices.settle decides (no sound card → null)
    for codec in ep.codecEnum2():
        ep.codecSetPriority(codec.codecId, CODEC_PRIORITIES.get(codec.codecId, DEMOTED_CODEC_PRIORITY))
    return port


def tls_transport_config(settings: EngineSettings) -> pj.TransportConfig:
    """A client TLS transport that only talks TLS 1.2+ to a server whose certificate chains to the
    given CA and names the host we dialled (pjsip checks the name against the request URI)."""
    tls = pj.TransportConfig()
    tls.port = 0
    if settings.bind_address:
        tls.boundAddress = tls.publicAddress = settings.bind_address
    cfg = tls.tlsConfig
    cfg.CaListFile = settings.tls_ca_file
    cfg.verifyServer = settings.tls_verify_server
    cfg.method = pj.PJSIP_TLSV1_2_METHOD
    cfg.proto = pj.PJ_SSL_SOCK_PROTO_TLS1_2 | pj.PJ_SSL_SOCK_PROTO_TLS1_3
    cfg.sockOptParams = _nodelay()
    return tls


SRTP_USE = {"off": pj.PJMEDIA_SRTP_DISABLED, "optional": pj.PJMEDIA_SRTP_OPTIONAL,
            "mandatory": pj.PJMEDIA_SRTP_MANDATORY}


def account_config(account: SipAccount, settings: EngineSettings) -> pj.AccountConfig:
    cfg = pj.AccountConfig()
    name = f'"{account.display_name}" ' if account.display_name else ""
    cfg.idUri = f"{name}<{account.uri}>"
    cfg.regConfig.registrarUri = account.registrar
    cfg.regConfig.timeoutSec = account.register_expires
    cfg.regConfig.retryIntervalSec = account.reg_retry_seconds
    cfg.regConfig.firstRetryIntervalSec = account.reg_retry_seconds
    cfg.regConfig.randomRetryIntervalSec = 0
    cfg.sipConfig.proxies.append(f"{account.registrar};lr")
    cred = pj.AuthCredInfo("digest", "*", account.auth_username or account.username, 0, account.password)
    cfg.sipConfig.authCreds.append(cred)
    nat = cfg.natConfig
    nat.contactRewriteUse = nat.viaRewriteUse = nat.sdpNatRewriteUse = 0
    nat.iceEnabled = False
    cfg.mediaConfig.srtpUse = SRTP_USE[account.srtp]
    cfg.mediaConfig.srtpSecureSignaling = 0  # SDES over UDP/TCP too (the default demands TLS)
    if settings.bind_address:
        media = cfg.mediaConfig.transportConfig
        media.boundAddress = media.publicAddress = settings.bind_address
    return cfg
