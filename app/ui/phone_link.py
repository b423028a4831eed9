"""Click-to-dial everywhere a phone number is shown: chips, timeline entries, search results.

Widgets that show numbers do not know the softphone; they call `request_dial(number)`, and the desk
connects the one `dial_hub().dial_requested` signal to the phone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QMenu, QWidget

from app.domain import Customer, TimelineEvent
from app.ui.phone_format import international_phone

PHONE_KINDS = ("phone", "whatsapp", "sms")
_NUMBER_IN_TEXT = re.compile(r"\+?\d[\d \-()]{5,18}\d")


class DialHub(QObject):
    dial_requested = Signal(str, object)  # number, customer id or None


_hubs: list[DialHub] = []


def dial_hub() -> DialHub:
    """The process's one hub (created on first use, owned by the application)."""
    if not _hubs:
        _hubs.append(DialHub(QCoreApplication.instance()))
    return _hubs[0]


def request_dial(number: str, customer_id: int | None = None) -> None:
    dial_hub().dial_requested.emit(number, customer_id)


def _call_text(number: str) -> str:
    return QCoreApplication.translate("PhoneLink", "Call %1").replace("%1", international_phone(number))


def phone_chip(text: str, number: str, customer_id: int | None = None) -> QLabel:
    """A chip showing a phone number; clicking it dials."""
    chip = QLabel(f'<a href="tel:{number}" style="text-decoration:none">{_escape(text)}</a>')
    chip.setObjectName("identityChip")
    chip.setTextFormat(Qt.TextFormat.RichText)
    chip.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                 | Qt.TextInteractionFlag.TextSelectableByMouse)
    chip.setToolTip(_call_text(number))
    chip.setCursor(Qt.CursorShape.PointingHandCursor)
    chip.setProperty("phoneNumber", number)
    chip.linkActivated.connect(lambda link: request_dial(link.removeprefix("tel:"), customer_id))
    return chip


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def numbers_in_event(event: TimelineEvent) -> list[str]:
    """Phone numbers an event mentions: a call's remote number, then numbers written in its body."""
    found: list[str] = []
    remote = event.payload.get("remote_number")
    if isinstance(remote, str) and remote:
        found.append(remote)
    for match in _NUMBER_IN_TEXT.findall(event.body or ""):
        cleaned = re.sub(r"[ \-()]", "", match)
        if len(re.sub(r"\D", "", cleaned)) >= 7 and cleaned not in found:
            found.append(cleaned)
    return found


def customer_numbers(customer: Customer) -> list[str]:
    return [i.value for i in customer.identities if i.kind in PHONE_KINDS]


def _menu(parent: QWidget, numbers: list[str], customer_id: int | None, pos: QPoint) -> None:
    if not numbers:
        return
    menu = QMenu(parent)
    for number in numbers:
        action = menu.addAction(_call_text(number))
        action.triggered.connect(lambda _c=False, n=number: request_dial(n, customer_id))
    menu.popup(pos)


def install_timeline_dialing(view: QAbstractItemView, event_role: int) -> None:
    """Right-click a timeline entry → "Call <number>" for each number it mentions."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(pos: QPoint) -> None:
        event = view.indexAt(pos).data(event_role)
        if isinstance(event, TimelineEvent):
            _menu(view, numbers_in_event(event), event.customer_id, view.viewport().mapToGlobal(pos))

    view.customContextMenuRequested.connect(show)


def install_search_dialing(results: QListWidget, customers: Callable[[], list[Customer]]) -> None:
    """Right-click a search result → "Call <number>" for each of that customer's phone numbers."""
    results.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(pos: QPoint) -> None:
        row = results.indexAt(pos).row()
        found = customers()
        if 0 <= row < len(found):
            customer = found[row]
            _menu(results, customer_numbers(customer), customer.id, results.viewport().mapToGlobal(pos))

    results.customContextMenuRequested.connect(show)
