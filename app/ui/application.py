"""Creates the QApplication with Huitong's identity, theme and remembered language."""

from __future__ import annotations

import sys

from app.ui.pyside_import_hook import lean_pyside_import_hook

lean_pyside_import_hook()  # first, so no module imported after Qt has its source kept in memory

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.ui.gc_policy import install_gc_policy  # noqa: E402
from app.ui.pyside_refcount_guard import keep_none_alive  # noqa: E402
from app.ui.theme import apply_theme  # noqa: E402


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    keep_none_alive()  # before any painting: PySide6 6.12 on Python 3.11 leaks references to None
    app = QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("Huitong")
    app.setApplicationName("Huitong")
    app.setApplicationDisplayName("Huitong 汇通")
    apply_theme(app)
    install_gc_policy(app)  # full garbage collections while the agent is idle, not mid-scroll
    return app


def run_event_loop(app: QApplication) -> int:
    return int(app.exec())
