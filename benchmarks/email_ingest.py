"""E-mail ingest benchmark: messages parsed and stored per second from a real IMAP mailbox (dovecot).

Fills a fresh dovecot mailbox with N messages (the test corpus cycled, each with its own Message-ID and a
mix of new threads and replies), then runs the product's fetcher thread against it on a fresh SQLite
database — and a fresh PostgreSQL one unless `--no-pg` — and times until every UID is filed (interaction,
message, raw copy, attachments on disk). Also reports the parse-only rate.
`python -m benchmarks.email_ingest [--messages 1000] [--no-pg]`; last line JSON.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from backend.channels.email import mime
from backend.channels.email.crypto import encrypt
from backend.channels.email.fetcher import MailboxFetcher
from backend.channels.email.models import Mailbox
from backend.db import Database
from backend.interactions.models import Message
from backend.migrate import upgrade
from backend.settings import Settings
from benchmarks.timeline import temporary_postgres
from tests.email import dovecot

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "email" / "corpus"
SECRET = "benchmark-secret-0123456789abcdef"


def _messages(count: int) -> list[bytes]:
    sources = [p.read_bytes() for p in sorted(CORPUS.glob("*.eml")) if "huge" not in p.name]
    out = []
    for i in range(count):
        raw = sources[i % len(sources)]
        header = f"Message-ID: <bench-{i}@bench.test>\r\nX-Bench: {i}\r\n".encode()
        if i % 3 == 2:  # a reply to the message before it
            header += f"In-Reply-To: <bench-{i - 1}@bench.test>\r\n".encode()
        out.append(header + raw.replace(b"Message-ID:", b"X-Old-Message-ID:"))
    return out


def ingest_rate(server: dovecot.Dovecot, url: str, data_dir: Path, total: int) -> dict[str, float]:
    """Runs the product's fetcher on a fresh database until all `total` UIDs are filed."""
    upgrade(url)
    settings = Settings(database_url=url, secret_key=SECRET, data_dir=data_dir)
    db = Database(url)
    with db.sessions() as session:
        box = Mailbox(name="Bench", address=server.user, imap_host="127.0.0.1", imap_port=server.port,
                      imap_security="none", imap_username=server.user,
                      password_encrypted=encrypt(SECRET, server.password), smtp_host="127.0.0.1",
                      smtp_port=1, smtp_security="none", poll_seconds=60)
        session.add(box)
        session.commit()
        box_id = box.id
    fetcher = MailboxFetcher(db, settings, box_id)
    start = time.perf_counter()
    cpu = time.process_time()
    fetcher.start()
    filed = 0
    while filed < total and time.perf_counter() - start < 600:
        time.sleep(0.05)
        with db.sessions() as session:
            filed = session.scalar(select(Mailbox.last_uid).where(Mailbox.id == box_id)) or 0
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    fetcher.stop()
    with db.sessions() as session:
        stored = session.scalar(select(func.count()).select_from(Message)) or 0
    db.dispose()
    return {"filed": filed, "stored_messages": stored, "seconds": round(elapsed, 2),
            "per_s": round(filed / elapsed if elapsed else 0.0, 1), "cpu_ms_per_message": round(
                1000 * cpu / filed if filed else 0.0, 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = parser.parse_args()
    raws = _messages(args.messages)

    start = time.perf_counter()
    for raw in raws:
        mime.parse(raw)
    parse_rate = len(raws) / (time.perf_counter() - start)
    print(f"parse only: {parse_rate:,.0f} messages/s ({len(raws)} messages)")

    server = dovecot.start()
    tmp = Path(tempfile.mkdtemp(prefix="huitong-bench-email-"))
    results: dict[str, dict[str, float]] = {}
    try:
        server.append(*raws)
        results["sqlite"] = ingest_rate(server, f"sqlite:///{tmp / 'bench.sqlite3'}", tmp / "data", len(raws))
        if not args.no_pg:
            with temporary_postgres() as url:
                results["postgresql"] = ingest_rate(server, url, tmp / "data-pg", len(raws))
    finally:
        server.stop()
    for name, r in results.items():
        print(f"IMAP fetch + parse + store ({name}): {r['per_s']:,.0f} messages/s ({r['filed']:.0f} UIDs, "
              f"{r['stored_messages']:.0f} messages, {r['seconds']:.2f} s, "
              f"{r['cpu_ms_per_message']:.2f} ms CPU per message)")
    figures: dict[str, object] = {"messages": len(raws), "parse_per_s": round(parse_rate, 1)}
    for name, r in results.items():
        figures.update({f"{name}_{k}": v for k, v in r.items()})
    figures["ingest_per_s"] = results["sqlite"]["per_s"]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
