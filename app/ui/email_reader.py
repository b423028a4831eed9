"""The e-mail reader under a conversation's message list: the opened message's headers, its sanitised HTML
(or its plain text), a "remote images are blocked" bar, and its attachments (open or save as).

All network work goes through `app.sync.email_files` on the worker pool; the reader only shows and asks.
Remote pictures are fetched only after "Show images", for that message only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import Attachment, Message
from app.sync.email_files import EmailFiles, EmailHtml, safe_file_name
from app.ui.background import BackgroundRunner
from app.ui.conversation_email import header_lines, human_size
from app.ui.email_browser import EmailBrowser
from app.ui.error_messages import operation_error_text

Services = Callable[[], "tuple[EmailFiles, BackgroundRunner] | None"]
ERROR_COLOUR = "#c2413b"
ATTACHMENT_ROWS = 3  # shown at once; more scroll
STYLE = """
QFrame#emailReader { background: #ffffff; border: 1px solid #d9dee3; border-radius: 6px; }
QFrame#emailImagesBar { background: #fdf3d7; border: 1px solid #ecd9a0; border-radius: 4px; }
QToolButton#emailAttachment { background: #f4f6f8; border: 1px solid #d9dee3; border-radius: 4px;
    padding: 4px 8px; }
QToolButton#emailAttachment:hover { border-color: #2f6f9f; }
QScrollArea#emailAttachments, QWidget#emailAttachmentList { background: transparent; }
"""


class _Relay(QObject):
    """Carries download progress from a worker thread to the GUI thread (queued)."""

    progress = Signal(int, int, int)  # token, bytes so far, total (0 = unknown)


class EmailReader(QFrame):
    """Shows one message; `services()` gives the sync side and the worker pool (None while signed out)."""

    opened_file = Signal(str)  # a downloaded attachment's local path, after it was handed to the desktop

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:  # noqa: PLR0915 - one layout
        super().__init__(parent)
        self.setObjectName("emailReader")
        self.setStyleSheet(STYLE)
        self._services = services
        self.message: Message | None = None
        self.subject = ""
        self._token = 0
        self._download_token = 0
        self._html_loaded = False
        self._relay = _Relay(self)
        self._relay.progress.connect(self._progress)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.images_bar = QFrame()
        self.images_bar.setObjectName("emailImagesBar")
        self.images_label = QLabel()
        self.images_label.setWordWrap(True)
        self.show_images_button = QPushButton()
        self.show_images_button.setCursor(Qt.CursorShape.PointingHandCursor)
        bar = QHBoxLayout(self.images_bar)
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.images_label, 1)
        bar.addWidget(self.show_images_button)
        self.browser = EmailBrowser()
        self.attachments = QWidget()
        self.attachments.setObjectName("emailAttachmentList")
        self._attachment_row = QVBoxLayout(self.attachments)
        self._attachment_row.setContentsMargins(0, 0, 0, 0)
        self._attachment_row.setSpacing(4)
        self._attachment_scroll = QScrollArea()
        self._attachment_scroll.setObjectName("emailAttachments")
        self._attachment_scroll.setWidget(self.attachments)
        self._attachment_scroll.setWidgetResizable(True)
        self._attachment_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._attachment_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.images_bar)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self._attachment_scroll)
        layout.addWidget(self.status)
        self.show_images_button.clicked.connect(self.show_images)
        self.buttons: list[QToolButton] = []
        self.ask_save_path: Callable[[str], str] = self._ask_save_path
        self.show_message(None)
        self.retranslate_ui()

    # --- showing a message ----------------------------------------------------------------------
    def show_message(self, message: Message | None, subject: str = "") -> None:
        self._token += 1
        self.message, self.subject = message, subject
        self._html_loaded = False
        self.images_bar.hide()
        self._set_status("")
        self._fill_attachments(message)
        if message is None:
            self.header.clear()
            self.browser.show_plain("")
            return
        self.header.setText(self._header_text(message, subject))
        if message.html and message.id > 0:
            self.browser.show_html(message.html)  # at once, pictures follow with the server's copy
            self._load_html(remote_images=False)
        else:
            self.browser.show_plain(message.body)

    @staticmethod
    def _header_text(message: Message, subject: str) -> str:
        """From on its own line, then To / Cc / Date on one; the subject only when it is not the thread's."""
        lines = header_lines(message, subject)
        keep = [(label, value) for label, value in lines if value != subject or not subject]
        first, rest = keep[:1], keep[1:]
        return "\n".join(filter(None, ["".join(f"{k}: {v}" for k, v in first),
                                        "  ·  ".join(f"{k}: {v}" for k, v in rest)]))

    @property
    def html_loaded(self) -> bool:
        """The server's sanitised HTML (with its pictures) is shown."""
        return self._html_loaded

    def show_images(self) -> None:
        """The agent allows remote pictures for this message only."""
        if self.message is None:
            return
        self.show_images_button.setEnabled(False)
        self.images_label.setText(self.tr("Loading images…"))
        self._load_html(remote_images=True)

    def _load_html(self, *, remote_images: bool) -> None:
        services = self._services()
        message = self.message
        if services is None or message is None:
            return
        files, runner = services
        token, message_id = self._token, message.id
        runner.run(lambda: files.html(message_id, remote_images=remote_images),
                   lambda result: self._html_ready(token, result),
                   lambda exc: self._html_failed(token, exc))

    def _html_ready(self, token: int, result: EmailHtml) -> None:
        if token != self._token:
            return
        if result.html is None:
            self.browser.show_plain(self.message.body if self.message else "")
        else:
            self.browser.show_html(result.html, result.images)
        self._html_loaded = True
        blocked = result.remote_images_blocked > 0 and not result.remote_images_allowed
        self.images_bar.setVisible(blocked)
        self.show_images_button.setEnabled(True)
        self.retranslate_ui()
        if result.images_failed:
            failed = self.tr("%n picture(s) could not be loaded.", "", result.images_failed)
            self._set_status(failed, error=True)

    def _html_failed(self, token: int, exc: BaseException) -> None:
        if token == self._token:
            self.show_images_button.setEnabled(True)
            self.retranslate_ui()
            text = self.tr("The e-mail could not be loaded: %1").replace("%1", operation_error_text(exc))
            self._set_status(text, error=True)

    # --- attachments ------------------------------------------------------------------------------
    def _fill_attachments(self, message: Message | None) -> None:
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        while self._attachment_row.count():
            self._attachment_row.takeAt(0)
        items = message.attachments if message is not None else ()
        for index, attachment in enumerate(items):
            button = QToolButton()
            button.setObjectName("emailAttachment")
            button.setText(f"{attachment.name or self.tr('(unnamed)')} · {human_size(attachment.size)}")
            button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(attachment.mime)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            menu = QMenu(button)
            open_text = self.tr("Open with the default app")
            menu.addAction(open_text, functools.partial(self.open_attachment, index))
            menu.addAction(self.tr("Save as…"), functools.partial(self.save_attachment, index))
            button.setMenu(menu)
            button.clicked.connect(lambda _checked=False, i=index: self.open_attachment(i))
            self._attachment_row.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.buttons.append(button)
        self._attachment_row.addStretch(1)
        shown = self.buttons[:ATTACHMENT_ROWS]
        spacing = self._attachment_row.spacing()
        self._attachment_scroll.setFixedHeight(sum(b.sizeHint().height() + spacing for b in shown))
        self._attachment_scroll.setVisible(bool(items))

    def _attachment(self, index: int) -> Attachment | None:
        if self.message is None or not 0 <= index < len(self.message.attachments):
            return None
        return self.message.attachments[index]

    def open_attachment(self, index: int) -> None:
        """Downloads the attachment into the agent's cache folder, then opens it with the desktop's app."""
        attachment, services = self._attachment(index), self._services()
        if attachment is None or services is None:
            return
        files, runner = services
        token = self._start_download(attachment)
        runner.run(lambda: files.download(attachment, self._progress_callback(token)),
                   lambda path: self._downloaded(token, attachment, path),
                   lambda exc: self._download_failed(token, attachment, exc))

    def save_attachment(self, index: int, destination: str | None = None) -> None:
        """Save as…: asks where (unless `destination` is given), then downloads and copies it there."""
        attachment, services = self._attachment(index), self._services()
        if attachment is None or services is None:
            return
        target = destination or self.ask_save_path(safe_file_name(attachment.name, attachment.mime))
        if not target:
            return
        files, runner = services
        token = self._start_download(attachment)
        runner.run(lambda: files.save_as(attachment, Path(target), self._progress_callback(token)),
                   lambda path: self._saved(token, attachment, path),
                   lambda exc: self._download_failed(token, attachment, exc))

    def _ask_save_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save attachment"), str(Path.home() / suggested))
        return path

    def _start_download(self, attachment: Attachment) -> int:
        self._download_token += 1
        self._set_status(self.tr("Downloading “%1” (%2)…").replace("%1", attachment.name)
                         .replace("%2", human_size(attachment.size)))
        return self._download_token

    def _progress_callback(self, token: int) -> Callable[[int, int], None]:
        relay = self._relay
        last = [-1]

        def report(done: int, total: int) -> None:  # on the worker thread: only emit
            step = done * 20 // total if total else done // (256 * 1024)
            if step != last[0]:
                last[0] = step
                relay.progress.emit(token, done, total)
        return report

    def _progress(self, token: int, done: int, total: int) -> None:
        if token == self._download_token and total:
            self._set_status(self.tr("Downloading… %1 of %2").replace("%1", human_size(done))
                             .replace("%2", human_size(total)))

    def _downloaded(self, token: int, attachment: Attachment, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            text = self.tr("No application could open “%1”. Use Save as… to keep it somewhere else.")
            self._set_status(text.replace("%1", attachment.name), error=True)
            return
        self.opened_file.emit(str(path))
        if token == self._download_token:
            self._set_status(self.tr("Opened “%1” (%2).").replace("%1", attachment.name)
                             .replace("%2", human_size(path.stat().st_size)))

    def _saved(self, token: int, attachment: Attachment, path: Path) -> None:
        if token == self._download_token:
            text = self.tr("Saved “%1” to %2.").replace("%1", attachment.name)
            self._set_status(text.replace("%2", str(path)))

    def _download_failed(self, token: int, attachment: Attachment, exc: BaseException) -> None:
        if token == self._download_token:
            self._set_status(self.tr("“%1” could not be downloaded: %2").replace("%1", attachment.name)
                             .replace("%2", operation_error_text(exc)), error=True)

    # --- text ------------------------------------------------------------------------------------
    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "color: #616e7c;")
        self.status.setVisible(bool(text))

    def retranslate_ui(self) -> None:
        self.images_label.setText(self.tr("Remote images are blocked to protect your privacy."))
        self.show_images_button.setText(self.tr("Show images"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
