"""A throw-away CA and server certificate made with the openssl command line, for the TLS tests."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Pki:
    ca_cert: Path
    server_cert: Path
    server_key: Path
    tls_cfg: Path  # Kamailio's tls module configuration naming the two server files


def _run(*argv: str) -> None:
    subprocess.run(argv, check=True, capture_output=True)


def make_ca(folder: Path, name: str = "Huitong Test CA") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    key, cert = folder / "ca.key", folder / "ca.crt"
    _run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
         "-subj", f"/CN={name}", "-keyout", str(key), "-out", str(cert))
    return cert, key


def make_pki(folder: Path, san: str = "IP:127.0.0.1") -> Pki:
    """A CA, and a server certificate it signed for `san` (e.g. `IP:127.0.0.1` or `DNS:elsewhere.example`)."""
    ca_cert, ca_key = make_ca(folder)
    key, csr, cert = folder / "server.key", folder / "server.csr", folder / "server.crt"
    ext = folder / "server.ext"
    ext.write_text(f"subjectAltName={san}\nextendedKeyUsage=serverAuth\n")
    _run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-sha256", "-subj", "/CN=huitong-sip-test",
         "-keyout", str(key), "-out", str(csr))
    _run("openssl", "x509", "-req", "-in", str(csr), "-CA", str(ca_cert), "-CAkey", str(ca_key),
         "-CAcreateserial", "-days", "2", "-sha256", "-extfile", str(ext), "-out", str(cert))
    tls_cfg = folder / "tls.cfg"
    tls_cfg.write_text(
        "[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n"
        f"private_key = {key}\ncertificate = {cert}\n\n"
        "[client:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n")
    return Pki(ca_cert, cert, key, tls_cfg)
