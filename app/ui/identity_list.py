"""The customer's identities grouped by channel: a label per kind and one selectable chip per value."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from app.domain import IDENTITY_KINDS, Customer, Identity
from app.ui.channel_labels import badge_for, identity_kind_label
from app.ui.phone_format import international_phone
from app.ui.phone_link import PHONE_KINDS, phone_chip

CHIP_MIN_WIDTH = 48


def identity_text(identity: Identity) -> str:
    if identity.kind in ("phone", "whatsapp", "sms"):
        return international_phone(identity.value, identity.display_value)
    return identity.display_value or identity.value


class IdentityList(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identityList")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(6)
        self._customer: Customer | None = None
        self.shown_texts: list[str] = []

    def set_customer(self, customer: Customer | None) -> None:
        self._customer = customer
        self._rebuild()

    def _rebuild(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.shown_texts = []
        if self._customer is None:
            return
        kinds = [k for k in IDENTITY_KINDS if self._customer.identities_of(k)]
        kinds += sorted({i.kind for i in self._customer.identities} - set(IDENTITY_KINDS))
        for row, kind in enumerate(kinds):
            glyph, colour = badge_for(kind)
            label = QLabel(f"{glyph}  {identity_kind_label(kind)}")
            label.setObjectName("muted")
            label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: 600; }}")
            self._grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            chips = QWidget()
            # one chip per line, each free to shrink below its text (the whole value in its tooltip):
            # side by side, or at their full width, a customer's long e-mail address or second number
            # set the panel's minimum width, and so the window's, wider than a laptop screen
            chip_column = QVBoxLayout(chips)
            chip_column.setContentsMargins(0, 0, 0, 0)
            chip_column.setSpacing(4)
            for identity in self._customer.identities_of(kind):
                text = identity_text(identity)
                if identity.kind in PHONE_KINDS:  # click-to-dial
                    chip = phone_chip(text, identity.value, self._customer.id)
                else:
                    chip = QLabel(text)
                    chip.setObjectName("identityChip")
                    chip.setTextFormat(Qt.TextFormat.PlainText)
                    chip.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                    chip.setToolTip(text)
                chip.setMinimumWidth(CHIP_MIN_WIDTH)
                chip_column.addWidget(chip, 0, Qt.AlignmentFlag.AlignLeft)
                self.shown_texts.append(text)
            self._grid.addWidget(chips, row, 1)
        self._grid.setColumnStretch(1, 1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._rebuild()
        super().changeEvent(event)
