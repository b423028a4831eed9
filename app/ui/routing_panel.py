"""The routing panel beside the desk's pages: offers waiting for an answer, my work in progress (with End,
Transfer and Wrap up), and the queues' figures."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import Interaction
from app.ui.inbox_labels import status_label
from app.ui.offer_card import OfferCard
from app.ui.queue_figures import QueueFiguresTable
from app.ui.routing_labels import channel_badge


class RoutingPanel(QWidget):
    end_requested = Signal(int)        # interaction id
    transfer_requested = Signal(int)
    wrap_up_requested = Signal(int)
    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routingPanel")
        self.offers_title = QLabel()
        self.offers_title.setObjectName("sectionTitle")
        self.no_offers = QLabel()
        self.no_offers.setObjectName("muted")
        self.offers_box = QVBoxLayout()
        self.offers_box.setSpacing(8)
        self.work_title = QLabel()
        self.work_title.setObjectName("sectionTitle")
        self.work = QListWidget()
        self.work.setObjectName("myWork")
        self.work.setMaximumHeight(150)
        self.end_button = QPushButton()
        self.transfer_button = QPushButton()
        self.wrap_button = QPushButton()
        actions = QHBoxLayout()
        for b in (self.end_button, self.transfer_button, self.wrap_button):
            actions.addWidget(b)
        self.figures_title = QLabel()
        self.figures_title.setObjectName("sectionTitle")
        self.figures = QueueFiguresTable(fit_rows=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.offers_title)
        layout.addWidget(self.no_offers)
        layout.addLayout(self.offers_box)
        layout.addWidget(self.work_title)
        layout.addWidget(self.work)
        layout.addLayout(actions)
        layout.addWidget(self.figures_title)
        layout.addWidget(self.figures)
        layout.addStretch(1)
        self.cards: dict[int, OfferCard] = {}
        self.items: list[Interaction] = []
        self.work.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.work.itemDoubleClicked.connect(
            lambda item: self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.end_button.clicked.connect(lambda: self._emit(self.end_requested))
        self.transfer_button.clicked.connect(lambda: self._emit(self.transfer_requested))
        self.wrap_button.clicked.connect(lambda: self._emit(self.wrap_up_requested))
        self.retranslate_ui()

    # --- offers ----------------------------------------------------------------------------------
    def add_card(self, card: OfferCard) -> None:
        self.cards[card.offer_id] = card
        self.offers_box.addWidget(card)
        self.no_offers.hide()

    def remove_card(self, offer_id: int) -> None:
        card = self.cards.pop(offer_id, None)
        if card is not None:
            card.hide()
            card.deleteLater()
        self.no_offers.setVisible(not self.cards)

    # --- my work ---------------------------------------------------------------------------------
    def set_work(self, items: list[Interaction]) -> None:
        selected = self.selected_id()
        self.items = list(items)
        self.work.clear()
        for i in self.items:
            glyph, _colour = channel_badge(i.channel)
            who = i.customer_name or self.tr("Customer #%1").replace("%1", str(i.customer_id))
            row = QListWidgetItem(f"{glyph}  {who} · {status_label(i.status)}")
            row.setData(Qt.ItemDataRole.UserRole, i.id)
            self.work.addItem(row)
            if i.id == selected:
                self.work.setCurrentItem(row)
        if self.work.currentRow() < 0 and self.items:
            self.work.setCurrentRow(0)
        self._update_buttons()

    def select(self, interaction_id: int) -> bool:
        for row in range(self.work.count()):
            if self.work.item(row).data(Qt.ItemDataRole.UserRole) == interaction_id:
                self.work.setCurrentRow(row)
                return True
        return False

    def selected_id(self) -> int | None:
        item = self.work.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def selected(self) -> Interaction | None:
        sid = self.selected_id()
        return next((i for i in self.items if i.id == sid), None)

    def _emit(self, signal: object) -> None:
        sid = self.selected_id()
        if sid is not None:
            signal.emit(sid)  # type: ignore[attr-defined]

    def _update_buttons(self) -> None:
        item = self.selected()
        status = item.status if item is not None else ""
        self.end_button.setEnabled(status == "active")
        self.transfer_button.setEnabled(status == "active")
        self.wrap_button.setEnabled(status == "wrap_up")

    def retranslate_ui(self) -> None:
        self.offers_title.setText(self.tr("Offers"))
        self.no_offers.setText(self.tr("Nothing offered to you right now."))
        self.no_offers.setVisible(not self.cards)
        self.work_title.setText(self.tr("My work"))
        self.end_button.setText(self.tr("End"))
        self.end_button.setToolTip(self.tr("The conversation or call is over: wrap it up"))
        self.transfer_button.setText(self.tr("Transfer…"))
        self.wrap_button.setText(self.tr("Wrap up…"))
        self.figures_title.setText(self.tr("Queues"))
        if self.items:
            self.set_work(self.items)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
