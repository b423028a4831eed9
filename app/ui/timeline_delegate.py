"""Paints one timeline event: kind badge, kind · channel · author, time, and the body as plain text."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.domain import TimelineEvent
from app.ui.call_labels import call_summary
from app.ui.channel_labels import badge_for, channel_label, event_kind_label
from app.ui.theme import ACCENT, BORDER, MUTED, TEXT
from app.ui.timeline_model import EventRole, PendingRole

PAD = 10
BADGE = 26
MAX_BODY_LINES = 12


def format_event_time(moment: datetime) -> str:
    local = moment.astimezone() if moment.tzinfo else moment
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def header_text(event: TimelineEvent) -> str:
    parts = [event_kind_label(event.kind)]
    channel = channel_label(event.channel)
    if channel and event.channel != event.kind:
        parts.append(channel)
    if event.author_name:
        parts.append(event.author_name)
    return " · ".join(parts)


def event_body(event: TimelineEvent) -> str:
    """A call event reads in the agent's language from its payload; everything else shows its body."""
    return (call_summary(event.payload) or event.body) if event.kind == "call" else event.body


class TimelineDelegate(QStyledItemDelegate):
    """Text is drawn with drawText(): never interpreted as HTML, whatever a customer typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size_cache: dict[tuple[int, int, str], QSize] = {}

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        body = QFont(option.font)
        header = QFont(body)
        header.setBold(True)
        return header, body

    def _body_rect(self, rect: QRect) -> QRect:
        left = rect.left() + PAD + BADGE + PAD
        return QRect(left, rect.top(), max(rect.right() - PAD - left, 50), rect.height())

    def _body_height(self, option: QStyleOptionViewItem, body: str, width: int) -> int:
        _, body_font = self._fonts(option)
        metrics = QFontMetrics(body_font)
        bounds = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, body)
        return min(bounds.height(), metrics.lineSpacing() * MAX_BODY_LINES)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        event = index.data(EventRole)
        if not isinstance(event, TimelineEvent):
            return QSize(200, 40)
        width = option.rect.width() or 600
        key = (event.seq, width, QCoreApplication.translate("TimelineDelegate", "Sending…"))
        cached = self._size_cache.get(key)
        if cached is not None:
            return cached
        header_font, _ = self._fonts(option)
        body_width = self._body_rect(QRect(0, 0, width, 100)).width()
        height = PAD + QFontMetrics(header_font).lineSpacing() + 4 + \
            self._body_height(option, event_body(event), body_width) + PAD
        size = QSize(width, max(height, BADGE + 2 * PAD))
        if len(self._size_cache) > 50_000:
            self._size_cache.clear()
        self._size_cache[key] = size
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        event = index.data(EventRole)
        if not isinstance(event, TimelineEvent):
            return
        pending = bool(index.data(PendingRole))
        rect: QRect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor("#e8f1f8"))
        painter.setPen(QColor(BORDER))
        painter.drawLine(rect.left() + PAD, rect.bottom(), rect.right() - PAD, rect.bottom())
        glyph, colour = badge_for(event.kind)
        badge = QRect(rect.left() + PAD, rect.top() + PAD, BADGE, BADGE)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(badge)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, glyph)

        header_font, body_font = self._fonts(option)
        text_rect = self._body_rect(rect)
        header_height = QFontMetrics(header_font).lineSpacing()
        stamp = (QCoreApplication.translate("TimelineDelegate", "Sending…") if pending
                 else format_event_time(event.created_at))
        painter.setFont(body_font)
        painter.setPen(QColor(ACCENT if pending else MUTED))
        header_line = QRect(text_rect.left(), rect.top() + PAD, text_rect.width(), header_height)
        painter.drawText(header_line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, stamp)
        stamp_width = QFontMetrics(body_font).horizontalAdvance(stamp) + PAD
        painter.setFont(header_font)
        painter.setPen(QColor(TEXT))
        title = QFontMetrics(header_font).elidedText(header_text(event), Qt.TextElideMode.ElideRight,
                                                     max(header_line.width() - stamp_width, 20))
        painter.drawText(header_line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)

        painter.setFont(body_font)
        text_colour = option.palette.color(QPalette.ColorRole.Text)
        painter.setPen(QColor(MUTED) if pending else text_colour)
        body_top = header_line.bottom() + 4
        body_rect = QRect(text_rect.left(), body_top, text_rect.width(), rect.bottom() - PAD - body_top)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignTop)
        painter.drawText(body_rect, flags, event_body(event))
        painter.restore()
