"""Paints one inbox row at a fixed height: channel badge, customer, time, subject/preview, unread pill.

Fixed height plus cached fonts and metrics keep a paint to a few drawText calls, so scrolling through
100,000 rows stays inside a frame. Text is drawn with drawText(): never interpreted as HTML.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.domain import Interaction
from app.ui.channel_labels import badge_for
from app.ui.inbox_labels import status_label
from app.ui.inbox_model import InteractionRole
from app.ui.pyside_refcount_guard import keep_none_alive
from app.ui.theme import ACCENT, BORDER, MUTED, TEXT
from app.ui.timeline_delegate import format_event_time

# One shared pen: PySide6 6.x drops a reference to None on every setPen(Qt.PenStyle.NoPen) call,
# which crashes the process after enough paints (seen while scrolling 100k rows).
NO_PEN = QPen(Qt.PenStyle.NoPen)
keep_none_alive()  # every paint makes void calls; see pyside_refcount_guard
ROW_HEIGHT = 62
PAD = 10
BADGE = 28
CHANNEL_BADGE = {"chat": "chat", "email": "email", "sms": "sms", "social": "social", "voice": "call"}


class InboxDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fonts: tuple[QFont, QFont, QFontMetrics, QFontMetrics] | None = None
        self._font_key: str = ""

    def _font_set(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFontMetrics, QFontMetrics]:
        key = option.font.key()
        if self._fonts is None or key != self._font_key:
            body = QFont(option.font)
            bold = QFont(body)
            bold.setBold(True)
            self._fonts = (bold, body, QFontMetrics(bold), QFontMetrics(body))
            self._font_key = key
        return self._fonts

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 _index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(option.rect.width() or 300, ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,  # noqa: PLR0915 - one straight paint
              index: QModelIndex | QPersistentModelIndex) -> None:
        item = index.data(InteractionRole)
        if not isinstance(item, Interaction):
            return
        bold, body, bold_m, body_m = self._font_set(option)
        rect: QRect = option.rect
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor("#dceaf5"))
        elif item.unread:
            painter.fillRect(rect, QColor("#f7fafc"))
        painter.setPen(QColor(BORDER))
        painter.drawLine(rect.left() + PAD, rect.bottom(), rect.right() - PAD, rect.bottom())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        glyph, colour = badge_for(CHANNEL_BADGE.get(item.channel, item.channel))
        badge = QRect(rect.left() + PAD, rect.top() + (ROW_HEIGHT - BADGE) // 2, BADGE, BADGE)
        painter.setPen(NO_PEN)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(badge)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, glyph)

        left = badge.right() + PAD
        right = rect.right() - PAD
        line_h = body_m.lineSpacing()
        top = rect.top() + (ROW_HEIGHT - 2 * line_h - 4) // 2
        stamp = format_event_time(item.updated_at)
        if not item.is_open:
            stamp = f"{status_label(item.status)} · {stamp}"
        painter.setFont(body)
        painter.setPen(QColor(MUTED))
        stamp_w = body_m.horizontalAdvance(stamp)
        painter.drawText(QRect(right - stamp_w, top, stamp_w, line_h), Qt.AlignmentFlag.AlignRight, stamp)
        painter.setFont(bold if item.unread else body)
        painter.setPen(QColor(TEXT))
        name_w = max(right - stamp_w - PAD - left, 20)
        name = (bold_m if item.unread else body_m).elidedText(item.customer_name or f"#{item.customer_id}",
                                                              Qt.TextElideMode.ElideRight, name_w)
        painter.drawText(QRect(left, top, name_w, line_h), Qt.AlignmentFlag.AlignLeft, name)

        second = top + line_h + 4
        pill_w = 0
        if item.unread:
            count = str(item.unread) if item.unread < 100 else "99+"
            pill_w = max(bold_m.horizontalAdvance(count) + 12, line_h + 2)
            pill = QRect(right - pill_w, second, pill_w, line_h + 2)
            painter.setPen(NO_PEN)
            painter.setBrush(QColor(ACCENT))
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(QColor("white"))
            painter.setFont(bold)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, count)
        text = item.preview
        if item.subject and item.channel == "email":
            text = f"{item.subject} — {item.preview}" if item.preview else item.subject
        painter.setFont(body)
        painter.setPen(QColor(TEXT if item.unread else MUTED))
        text_w = max(right - left - (pill_w + PAD if pill_w else 0), 20)
        painter.drawText(QRect(left, second, text_w, line_h), Qt.AlignmentFlag.AlignLeft,
                         body_m.elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight, text_w))
        painter.restore()
