"""An offer as the agent sees it: channel badge, customer, queue, a live countdown, Accept and Decline.

The same card sits in the window's routing panel and (as `OfferToast`) on top of other windows. The
countdown runs from the offer's `expires_at`; at zero the card says so and asks to be removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.sync.routing_api import Offer
from app.ui.routing_labels import channel_badge, channel_name

TICK_MS = 200
ACCEPT_KEYS = "Ctrl+Shift+Y"
DECLINE_KEYS = "Ctrl+Shift+N"

translate = QCoreApplication.translate  # called by this name, lupdate finds each literal


@dataclass(frozen=True)
class OfferView:
    """An offer with what the agent needs to decide: who and from which queue."""

    offer: Offer
    customer_name: str = ""
    subject: str = ""
    queue_name: str = ""


class OfferCard(QFrame):
    accept_clicked = Signal(int)  # offer id
    decline_clicked = Signal(int)
    ran_out = Signal(int)

    def __init__(  # noqa: PLR0915 - one layout
        self,
        view: OfferView,
        parent: QWidget | None = None,
        flags: Qt.WindowType = Qt.WindowType.Widget,
    ) -> None:
        super().__init__(parent, flags)
        self.setObjectName("offerCard")
        self.setStyleSheet(
            "QFrame#offerCard { background: #ffffff; border: 2px solid #3d8b6d; "
            "border-radius: 8px; } QProgressBar { max-height: 6px; border: none; "
            "background: #e4e7eb; border-radius: 3px; } QProgressBar::chunk { "
            "background: #3d8b6d; border-radius: 3px; }"
        )
        self.view = view
        self.busy = False
        glyph, colour = channel_badge(view.offer.channel)
        self.badge = QLabel(glyph)
        self.badge.setObjectName("offerBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setFixedSize(34, 34)
        self.badge.setStyleSheet(
            f"QLabel#offerBadge {{ background: {colour}; color: white; "
            "border-radius: 17px; font-size: 16px; font-weight: 700; }"
        )
        self.title = QLabel()
        self.title.setObjectName("muted")
        self.customer_label = QLabel()
        self.customer_label.setObjectName("customerName")
        self.customer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.countdown = QLabel()
        self.countdown.setObjectName("offerCountdown")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setRange(0, 1000)
        self.accept_button = QPushButton()
        self.accept_button.setObjectName("primary")
        self.decline_button = QPushButton()
        head = QHBoxLayout()
        head.addWidget(self.badge)
        texts = QVBoxLayout()
        texts.setSpacing(1)
        texts.addWidget(self.title)
        texts.addWidget(self.customer_label)
        head.addLayout(texts, 1)
        head.addWidget(self.countdown, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.detail)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self.accept_button.clicked.connect(lambda: self._clicked(self.accept_clicked))
        self.decline_button.clicked.connect(lambda: self._clicked(self.decline_clicked))
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._expired = False
        self.retranslate_ui()
        self._tick()

    @property
    def offer_id(self) -> int:
        return self.view.offer.id

    def set_view(self, view: OfferView) -> None:
        self.view = view
        self.retranslate_ui()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.accept_button.setEnabled(not busy and not self._expired)
        self.decline_button.setEnabled(not busy and not self._expired)

    def seconds_left(self) -> float:
        return self.view.offer.seconds_left()

    def _clicked(self, signal: object) -> None:
        if not self.busy and not self._expired:
            signal.emit(self.offer_id)  # type: ignore[attr-defined]

    def _tick(self) -> None:
        offer = self.view.offer
        left = offer.seconds_left()
        whole = max((offer.expires_at - offer.created_at).total_seconds(), 0.001)
        self.bar.setValue(int(1000 * left / whole))
        self.countdown.setText(translate("OfferCard", "%1 s").replace("%1", str(int(left + 0.999))))
        if left <= 0 and not self._expired:
            self._expired = True
            self._timer.stop()
            self.countdown.setText(translate("OfferCard", "Expired"))
            self.set_busy(self.busy)
            self.ran_out.emit(self.offer_id)

    def retranslate_ui(self) -> None:
        view = self.view
        channel = view.offer.channel
        self.title.setText(translate("OfferCard", "%1 offered to you").replace("%1", channel_name(channel)))
        self.customer_label.setText(view.customer_name or translate("OfferCard", "Customer"))
        queue = translate("OfferCard", "Queue: %1").replace("%1", view.queue_name) if view.queue_name else ""
        if view.offer.reason == "target" or view.offer.note:
            queue = (queue + " · " if queue else "") + translate("OfferCard", "Transferred")
        self.detail.setText("\n".join(t for t in (queue, view.subject, view.offer.note) if t))
        self.accept_button.setText(translate("OfferCard", "Accept"))
        self.accept_button.setToolTip(ACCEPT_KEYS)
        self.decline_button.setText(translate("OfferCard", "Decline"))
        self.decline_button.setToolTip(DECLINE_KEYS)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class OfferToast(OfferCard):
    """The card on top of every window, bottom right of the screen, without taking focus."""

    def __init__(self, view: OfferView, parent: QWidget | None = None) -> None:
        super().__init__(
            view,
            parent,
            Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setObjectName("offerToast")
        self.setStyleSheet(self.styleSheet().replace("QFrame#offerCard", "QFrame#offerToast"))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFixedWidth(320)

    def pop(self) -> None:
        self.adjustSize()
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(QPoint(area.right() - self.width() - 24, area.bottom() - self.height() - 150))
        self.show()
        self.raise_()
