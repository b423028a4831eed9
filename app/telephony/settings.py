"""What the softphone engine is configured with: the SIP account and local transport choices."""

from __future__ import annotations

from dataclasses import dataclass


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
