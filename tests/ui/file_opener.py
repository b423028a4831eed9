"""Stands in for the desktop's file opener, so tests see what the client asked the system to open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Slot


class FileOpener(QObject):
    """Install with `QDesktopServices.setUrlHandler("file", opener, "open")`; unset it afterwards."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[Path] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.paths.append(Path(url.toLocalFile()))
