"""Command line: serve, migrate, seed-demo, create-agent, sip-secret."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys

from backend.settings import Settings

DEFAULT_DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - documented demo credential


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m backend", description="Huitong server")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP/WebSocket server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8600)
    sub.add_parser("migrate", help="bring the database schema up to date")
    seed = sub.add_parser("seed-demo", help="create demo agents, customers and events (idempotent)")
    seed.add_argument("--conversations", action="store_true",
                      help="also web chats for the inbox: some waiting in the queue, two ended")
    create = sub.add_parser("create-agent", help="create an agent (password from HUITONG_AGENT_PASSWORD "
                                                 "or a prompt)")
    create.add_argument("--username", required=True)
    create.add_argument("--display-name", required=True)
    create.add_argument("--role", choices=["agent", "supervisor", "admin"], default="agent")
    sip = sub.add_parser("sip-secret", help="write Kamailio's auth_ephemeral secret include (mode 0600)")
    sip.add_argument("--kamailio-include", required=True, metavar="PATH",
                     help="where to write huitong-secret.cfg (included by kamailio.cfg)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings.from_env()
    except ValueError as exc:  # a bad HUITONG_SIP_* value: say which, start nothing
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    if args.command == "sip-secret":
        from backend.sip.kamailio_include import write_include

        return write_include(settings.sip, args.kamailio_include)
    if args.command == "serve":
        import uvicorn

        from backend.logs import install_redaction
        from backend.main import create_app

        config = uvicorn.Config(create_app(settings), host=args.host, port=args.port, log_level="info")
        install_redaction()  # after uvicorn configured its loggers
        uvicorn.Server(config).run()
        return 0
    if args.command == "migrate":
        from backend.migrate import upgrade

        upgrade(settings.database_url)
        print("database is at the newest schema")
        return 0
    from backend.auth.passwords import make_hasher
    from backend.db import Database

    db = Database(settings.database_url)
    hasher = make_hasher(fast=settings.argon2_fast)
    try:
        with db.sessions() as session:
            if args.command == "seed-demo":
                from backend.demo import seed_demo

                password = os.environ.get("HUITONG_DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
                counts = seed_demo(session, hasher=hasher, password=password)
                print(f"demo data: {counts['customers']} new customers, {counts['events']} new events")
                if args.conversations:
                    from backend.demo_conversations import seed_conversations

                    added = seed_conversations(session, region=settings.default_region)
                    print(f"demo conversations: {added} new visitor messages")
                return 0
            from backend.agents.service import create_agent
            from backend.errors import ApiError

            password = os.environ.get("HUITONG_AGENT_PASSWORD") or getpass.getpass("Password: ")
            try:
                agent = create_agent(session, hasher=hasher, username=args.username,
                                     display_name=args.display_name, password=password, role=args.role)
            except ApiError as exc:
                print(exc.message, file=sys.stderr)
                return 1
            print(f"created agent {agent.username} (id {agent.id}, role {agent.role})")
            return 0
    finally:
        db.dispose()
