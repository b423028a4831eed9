"""Which inbound INVITEs may ring the agent: only those relayed by the registrar/proxy.

pjsua2 hands `onIncomingCall` the packet's source (`SipRxData.srcAddress`, the UDP sender or the
TCP/TLS connection's peer); Via and Record-Route are written by the sender and prove nothing, so
the source is what is checked: its IP must be one of the registrar host's addresses and its port the
registrar's port. Kamailio relays UDP from its listening socket and, over TCP/TLS, reuses the
connection the engine registered on (measured: source = registrar host:port on both). A proxy that
opened new connections towards the phone would be refused; anything else gets 403 without ringing.
The host is resolved like pjsip does without a DNS resolver configured: plain A/AAAA, no SRV.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

from app.telephony.settings import SipAccount

DEFAULT_PORTS = {"udp": 5060, "tcp": 5060, "tls": 5061}


@dataclass(frozen=True, slots=True)
class TrustedSource:
    host: str
    port: int
    ips: frozenset[str]

    def admits(self, source: str) -> bool:
        """`source` as pjsua2 prints it: "ip:port" or "[v6]:port"."""
        ip, port = split_host_port(source)
        return port == self.port and ip in self.ips


def split_host_port(text: str) -> tuple[str, int | None]:
    text = text.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        return host, int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
    host, sep, port = text.rpartition(":")
    if sep and port.isdigit() and ":" not in host:
        return host, int(port)
    return text, None


def trusted_source(account: SipAccount) -> TrustedSource:
    """The registrar's addresses (a DNS lookup for a host name; may block briefly)."""
    host, port = split_host_port(account.domain)
    port = port or DEFAULT_PORTS[account.transport]
    try:
        ips = frozenset(str(info[4][0]) for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_UDP))
    except OSError:
        ips = frozenset()  # unresolvable: registration fails too, and no INVITE can be trusted
    return TrustedSource(host, port, ips)
