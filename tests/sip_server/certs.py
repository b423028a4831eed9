"""A throw-away CA and a server certificate for 127.0.0.1, made with the openssl command at test time."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TestPki:
    ca_pem: Path
    server_pem: Path
    server_key: Path


def _run(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_ca(directory: Path, name: str = "Huitong Test CA") -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    _run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={name}",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
         "-keyout", "ca.key", "-out", "ca.pem", cwd=directory)
    return directory / "ca.pem", directory / "ca.key"


def make_pki(directory: Path) -> TestPki:
    """CA + server certificate with subjectAltName IP:127.0.0.1, DNS:localhost."""
    ca_pem, _ = make_ca(directory)
    _run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key",
         "-out", "server.csr", cwd=directory)
    (directory / "server.ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                                          "extendedKeyUsage=serverAuth\n")
    _run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
         "-days", "2", "-extfile", "server.ext", "-out", "server.pem", cwd=directory)
    return TestPki(ca_pem, directory / "server.pem", directory / "server.key")
