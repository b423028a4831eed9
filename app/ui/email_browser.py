"""A read-only QTextBrowser for one e-mail's sanitised HTML that never loads anything by itself.

Pictures are handed over as bytes (fetched by `app.sync.email_files` on a worker thread); `loadResource`
answers only from them, so neither a remote address nor a local file is ever read by Qt. Links open in the
system browser only when the agent clicks them (http, https, mailto).
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

LINK_SCHEMES = ("http", "https", "mailto")
MAX_IMAGE_WIDTH = 640  # wide newsletter banners are scaled down to the reader


class EmailBrowser(QTextBrowser):
    link_opened = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emailBrowser")
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._images: dict[str, QImage] = {}
        self.refused: list[str] = []  # addresses Qt asked for and did not get (for tests and diagnosis)
        self.anchorClicked.connect(self._anchor_clicked)

    def show_html(self, html: str, images: dict[str, bytes] | None = None) -> None:
        self._images = {}
        for src, data in (images or {}).items():
            image = QImage.fromData(data)
            if image.isNull():
                continue
            if image.width() > MAX_IMAGE_WIDTH:
                image = image.scaledToWidth(MAX_IMAGE_WIDTH)
            self._images[src] = image
        self.refused = []
        self.document().setBaseUrl(QUrl())
        self.setHtml(html)

    @property
    def images(self) -> dict[str, QImage]:
        """The pictures this message may show, by the address written in its HTML."""
        return dict(self._images)

    def show_plain(self, text: str) -> None:
        self._images, self.refused = {}, []
        self.setPlainText(text)

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 - Qt's name
        """Only pictures handed over in show_html; all else (network, files, style sheets) is refused."""
        address = name.toString() if isinstance(name, QUrl) else str(name)
        if getattr(kind, "value", kind) == QTextDocument.ResourceType.ImageResource.value:
            image = self._images.get(address)
            if image is not None:
                return image
        self.refused.append(address)
        return None

    def _anchor_clicked(self, url: QUrl) -> None:
        if url.scheme().lower() in LINK_SCHEMES:
            self.link_opened.emit(url)
            QDesktopServices.openUrl(url)
