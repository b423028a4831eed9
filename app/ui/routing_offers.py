"""The routing desk's offers: a card per pending offer in the Work dock plus a toast on top, kept in line
with the agent's live routing state; Accept / Decline (a queue call is accepted by answering it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from app.domain import Interaction
from app.sync.errors import ApiError
from app.sync.routing_api import Offer
from app.ui.offer_card import OfferCard, OfferToast, OfferView

if TYPE_CHECKING:
    from app.ui.routing_desk import RoutingDesk

GONE_CODES = ("offer_gone", "offer_expired", "offer_not_found", "not_your_offer")


class OfferDesk(QObject):
    def __init__(self, desk: RoutingDesk) -> None:
        super().__init__(desk)
        self.desk = desk
        self.toast: OfferToast | None = None
        self._loading: set[int] = set()
        self.gone: set[int] = set()

    @property
    def cards(self) -> dict[int, OfferCard]:
        return self.desk.panel.cards

    def clear(self) -> None:
        for offer_id in list(self.cards):
            self.drop(offer_id)

    def reconcile(self, offers: tuple[Offer, ...]) -> None:
        """Cards for exactly the offers the server says are pending (one being decided stays meanwhile)."""
        live = {o.id for o in offers}
        for offer_id, card in list(self.cards.items()):
            if offer_id not in live and not card.busy:
                self.drop(offer_id)
        for offer in offers:
            known = offer.id in self.cards or offer.id in self._loading
            if known or offer.id in self.gone or offer.seconds_left() <= 0:
                continue
            self._load(offer)

    def drop_for(self, interaction_id: object, offer_id: object) -> bool:
        """An `interaction` event ended an offer: its card goes (True if there was one)."""
        found = False
        for card in list(self.cards.values()):
            if card.view.offer.interaction_id == interaction_id:
                found = True
                if offer_id in (None, card.offer_id):
                    self.drop(card.offer_id)
        return found

    def _load(self, offer: Offer) -> None:
        desk = self.desk
        api, gen = desk.api, desk.generation
        if api is None:
            return
        self._loading.add(offer.id)

        def done(item: Interaction) -> None:
            self._loading.discard(offer.id)
            if gen != desk.generation or offer.id in self.gone or offer.seconds_left() <= 0:
                return
            queue = desk.queues.get(offer.queue_id)
            self._show(OfferView(offer, item.customer_name, item.subject, queue.name if queue else ""))

        def failed(exc: BaseException) -> None:
            self._loading.discard(offer.id)
            if gen == desk.generation:
                self._show(OfferView(offer))
                desk.poll_failed(exc)

        desk.runner.run(lambda: api.interaction(offer.interaction_id), done, failed)

    def _show(self, view: OfferView) -> None:
        if view.offer.id in self.cards:
            return
        card = OfferCard(view)
        self._wire(card)
        self.desk.panel.add_card(card)
        self.desk.dock.show()
        self.desk.dock.raise_()
        if self.toast is not None:
            self.toast.hide()
            self.toast.deleteLater()
        self.toast = OfferToast(view, self.desk.window)
        self._wire(self.toast)
        self.toast.pop()

    def _wire(self, card: OfferCard) -> None:
        card.accept_clicked.connect(self.accept)
        card.decline_clicked.connect(self.decline)
        card.ran_out.connect(self._ran_out)

    def drop(self, offer_id: int) -> None:
        self.desk.panel.remove_card(offer_id)
        if self.toast is not None and self.toast.offer_id == offer_id:
            self.toast.hide()
            self.toast.deleteLater()
            self.toast = None

    def forget(self, offer_id: int) -> None:
        """Decided or gone: its card goes and a late state must not bring it back."""
        self.gone.add(offer_id)
        self.drop(offer_id)

    def _ran_out(self, offer_id: int) -> None:
        self.forget(offer_id)
        self.desk.refresh_soon()

    def first_card(self, handler: Any) -> None:
        cards = sorted(self.cards.values(), key=lambda c: c.view.offer.expires_at)
        if cards:
            handler(cards[0].offer_id)

    def _set_busy(self, offer_id: int, busy: bool) -> None:
        for card in (self.cards.get(offer_id), self.toast):
            if card is not None and card.offer_id == offer_id:
                card.set_busy(busy)

    def accept(self, offer_id: int) -> None:
        card, api, desk = self.cards.get(offer_id), self.desk.api, self.desk
        if card is None or api is None or card.busy:
            return
        offer = card.view.offer
        line = desk.calls.ringing_line(offer.interaction_id)
        if offer.channel == "voice" and line is not None and desk.calls.phone is not None:
            desk.calls.phone.answer(line.call_id)  # answering accepts the offer (see QueueCalls)
            self._set_busy(offer_id, True)
            return
        self._set_busy(offer_id, True)
        desk.runner.run(lambda: api.accept(offer_id), lambda _o: self._accepted(card.view),
                        lambda exc: self._failed(offer_id, exc))

    def decline(self, offer_id: int) -> None:
        card, api, desk = self.cards.get(offer_id), self.desk.api, self.desk
        if card is None or api is None or card.busy:
            return
        line = desk.calls.ringing_line(card.view.offer.interaction_id)
        if line is not None and desk.calls.phone is not None:
            desk.calls.phone.reject(line.call_id)
        self._set_busy(offer_id, True)
        desk.runner.run(lambda: api.decline(offer_id), lambda _o: self._declined(offer_id),
                        lambda exc: self._failed(offer_id, exc))

    def _accepted(self, view: OfferView) -> None:
        self.forget(view.offer.id)
        self.desk.refresh()
        self.desk.open_by_id(view.offer.interaction_id)

    def _declined(self, offer_id: int) -> None:
        self.forget(offer_id)
        self.desk.refresh()

    def _failed(self, offer_id: int, exc: BaseException) -> None:
        self.desk.report_failure(exc)
        if isinstance(exc, ApiError) and exc.code in GONE_CODES:
            self.forget(offer_id)
        else:
            self._set_busy(offer_id, False)
        self.desk.refresh()
