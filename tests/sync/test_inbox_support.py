"""Helpers (no tests) shared by the inbox tests: inbound messages created by the server's own service, in
the server's database, as a channel connector would; and a proxy that can swallow the server's answers."""

from __future__ import annotations

import contextlib
import socket
from typing import Any

import requests

from backend.db import Database
from backend.interactions import service
from tests.fixtures.server import ServerProcess
from tests.sync.tcp_proxy import TcpProxy


def arrive(database_url: str, customer_id: int, body: str, *, channel: str = "chat",
           interaction_id: int | None = None, subject: str = "Question", author_name: str = "Visitor",
           payload: dict[str, Any] | None = None) -> dict[str, int]:
    """A customer's message arriving on a new (or the given) interaction; returns both ids."""
    db = Database(database_url)
    try:
        with db.sessions() as session:
            if interaction_id is None:
                interaction, _ = service.open_interaction(session, channel=channel, customer_id=customer_id,
                                                          subject=subject)
            else:
                interaction = service.get_interaction(session, interaction_id)
            message, _ = service.add_message(session, interaction, direction="in", body=body,
                                             author_name=author_name, payload=payload)
            return {"interaction_id": interaction.id, "message_id": message.id}
    finally:
        db.dispose()


def server_messages(server: ServerProcess, interaction_id: int,
                    username: str = "agent2") -> list[dict[str, Any]]:
    token = server.login(username)["access_token"]
    r = requests.get(f"{server.url}/api/v1/interactions/{interaction_id}/messages", params={"limit": 200},
                     headers={"Authorization": f"Bearer {token}"}, timeout=10)
    r.raise_for_status()
    return list(r.json()["items"])


def new_customer(server: ServerProcess, name: str, email: str) -> int:
    token = server.login("agent2")["access_token"]
    r = requests.post(f"{server.url}/api/v1/customers/resolve",
                      json={"kind": "email", "value": email, "display_name": name},
                      headers={"Authorization": f"Bearer {token}"}, timeout=10)
    r.raise_for_status()
    return int(r.json()["customer"]["id"])


class HoldingProxy(TcpProxy):
    """Like TcpProxy, but with `hold` set the server's answers are swallowed: requests still arrive and
    are processed, the client never hears back — the window between "POST written" and "acknowledged"."""

    hold = False

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            from_server = src.getpeername()[1] == self.target_port
        except OSError:
            return
        try:
            while data := src.recv(65536):
                if from_server and self.hold:
                    continue
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
