"""What the softphone engine is configured with: the SIP account and local transport choices."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DTMF_METHODS = ("rfc4733", "info")
SRTP_MODES = ("off", "optional", "mandatory")


@dataclass(frozen=True, slots=True)
class SipAccount:
    """A SIP identity on the registrar. The password is passed in memory only, never stored here."""

    username: str
    password: str
    domain: str                # e.g. "127.0.0.1:5060" or "sip.example.com"
    transport: str = "udp"     # udp | tcp | tls
    display_name: str = ""
    auth_username: str = ""    # auth_ephemeral: "<expiry>:<agent>"; defaults to username
    register_expires: int = 300
    reg_retry_seconds: int = 5  # after a failed registration (e.g. the registrar restarted)
    # UDP only: re-REGISTER this often (0 = only at expiry). Nothing on UDP tells the phone that the
    # registrar restarted and forgot it; a refresh both finds that out and fixes it (TCP/TLS notice
    # the dropped connection instead).
    udp_refresh_seconds: int = 5
    dtmf_method: str = "rfc4733"  # rfc4733 | info (SIP INFO); send_dtmf may override per call
    srtp: str = "off"          # off | optional | mandatory (SDES keys in the SDP)

    def __post_init__(self) -> None:
        if self.transport not in ("udp", "tcp", "tls"):
            raise ValueError(f"unknown SIP transport '{self.transport}' (udp, tcp or tls)")
        if self.dtmf_method not in DTMF_METHODS:
            raise ValueError(f"unknown DTMF method '{self.dtmf_method}' (rfc4733 or info)")
        if self.srtp not in SRTP_MODES:
            raise ValueError(f"unknown SRTP mode '{self.srtp}' (off, optional or mandatory)")

    @property
    def uri(self) -> str:
        return f"sip:{self.username}@{self.domain}"

    @property
    def registrar(self) -> str:
        suffix = "" if self.transport == "udp" else f";transport={self.transport}"
        return f"sip:{self.domain}{suffix}"


@dataclass(frozen=True, slots=True)
class EngineSettings:
    bind_address: str = "127.0.0.1"   # loopback for tests and the demo; "" binds every interface
    sip_port: int = 0                  # 0 picks a free port
    null_audio: bool = False           # no sound card (tests, CI)
    log_level: int = 0
    tls_ca_file: str = ""              # set: a TLS transport that verifies the server against this CA
    tls_verify_server: bool = True
    capture_wav: str = ""              # set: this WAV, looped, replaces the microphone (tests, demos)
    ring_timeout_seconds: float = 60.0  # an inbound call nobody answers is ended with 480 after this
    # Linux: with no sound device in pjmedia, install the ALSA driver (alsa_cards.py).
    # HUITONG_SYSTEM_SOUND=0 turns the default off (tests with their own sound cards).
    system_sound: bool = field(default_factory=lambda: os.environ.get("HUITONG_SYSTEM_SOUND", "1") != "0")
