"""The client's composition root: reads options, builds the sync service, hands both to the UI."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.sync.service import SyncService

LANGUAGES = ("en", "zh_CN", "zh_TW")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="huitong", description="Huitong agent desk")
    parser.add_argument("--server", help="server URL, e.g. http://127.0.0.1:8080 (remembered)")
    parser.add_argument("--username", help="sign in as this user (password from HUITONG_PASSWORD)")
    parser.add_argument("--language", choices=LANGUAGES, help="UI language (remembered)")
    return parser.parse_known_args(argv)[0]


def make_service(server_url: str) -> SyncService:
    """Called on a worker thread after the window is shown, so the sync stack's imports cost no start-up."""
    from app.sync.service import SyncService, default_cache_dir

    return SyncService(server_url, cache_dir=default_cache_dir())


def main(argv: list[str] | None = None) -> int:
    if (argv if argv is not None else sys.argv[1:])[:1] == ["--keyring-helper"]:  # in an installed build
        from app.sync.keyring_helper import main as keyring_helper

        return keyring_helper()
    args = parse_args(argv)
    from app.sync.credentials import warm_up_keyring
    from app.ui.application import create_application, run_event_loop
    from app.ui.desk_controller import DeskController, LaunchOptions

    app = create_application()
    options = LaunchOptions(server_url=args.server, username=args.username,
                            password=os.environ.get("HUITONG_PASSWORD") or None, language=args.language)
    controller = DeskController(make_service, options)
    controller.start()
    # The keyring helper starts now, its store detection overlapping the first paint and the sync import.
    # Started before Qt, it competed with the window on a 2-CPU machine: first window ~370 → ~280 ms,
    # "connected" ~1,150 → ~900 ms (benchmarks.client_startup, same run conditions).
    warm_up_keyring()
    code = run_event_loop(app)
    controller.shutdown()
    return code
