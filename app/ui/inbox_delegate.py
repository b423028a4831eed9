"""Paints one inbox row at a fixed height: channel badge, customer, time, subject/preview, unread pill.

Scrolling 100,000 rows at 60 Hz leaves about a millisecond per row, so a paint does no text layout it can
avoid (measured with `python -m benchmarks.inbox_scale`):
- a row's texts (elided name and preview, time stamp) are laid out once into `QStaticText`s and kept in a
  small cache keyed by the row's `Interaction` (frozen: a changed conversation is a new object), its width
  and the font; Qt repaints the same rows many times (the scroll, hover, selection, live updates);
- channel badges and unread pills are pre-rendered pixmaps; colours, pens and flags are module constants;
- the conversation comes straight from the `InboxModel` (no `data()` round trip through Qt);
- the time stamp is formatted without `strftime`/`datetime.now()` per row; the cache drops at midnight
  (today's rows show only the time) and when the language or font changes.
Text is plain (`Qt.TextFormat.PlainText`): never interpreted as HTML, whatever a customer typed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap, QStaticText, QTransform
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.domain import Interaction
from app.ui.channel_labels import badge_for
from app.ui.inbox_labels import status_label
from app.ui.inbox_model import InboxModel, InteractionRole
from app.ui.pyside_refcount_guard import keep_none_alive
from app.ui.theme import ACCENT, BORDER, MUTED, TEXT

# One shared pen: PySide6 6.x drops a reference to None on every setPen(Qt.PenStyle.NoPen) call,
# which crashes the process after enough paints (seen while scrolling 100k rows).
NO_PEN = QPen(Qt.PenStyle.NoPen)
keep_none_alive()  # every paint makes void calls; see pyside_refcount_guard
ROW_HEIGHT = 62
PAD = 10
BADGE = 28
CHANNEL_BADGE = {"chat": "chat", "email": "email", "sms": "sms", "social": "social", "voice": "call"}
CACHE_ROWS = 512  # a few screens of rows; a row costs a few hundred bytes plus three laid-out texts

# PySide6 enum attribute lookups cost microseconds each; a paint would make dozens.
_SELECTED = QStyle.StateFlag.State_Selected
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_CENTER = Qt.AlignmentFlag.AlignCenter
_ANTIALIAS = QPainter.RenderHint.Antialiasing
_SELECTED_FILL, _UNREAD_FILL = QColor("#dceaf5"), QColor("#f7fafc")
_BORDER_PEN, _TEXT_PEN, _MUTED_PEN = QPen(QColor(BORDER)), QPen(QColor(TEXT)), QPen(QColor(MUTED))
_INVALIDATING = (QEvent.Type.LanguageChange, QEvent.Type.FontChange, QEvent.Type.StyleChange)


def _plain(text: str, font: QFont) -> QStaticText:
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)
    static.prepare(QTransform(), font)
    return static


def _next_midnight() -> float:
    now = datetime.now().astimezone()
    return (now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)).timestamp()


def row_stamp(moment: datetime, today: object) -> str:
    """As `format_event_time`: "HH:MM" for today, else "YYYY-MM-DD HH:MM" (local time)."""
    local = moment.astimezone() if moment.tzinfo else moment
    if local.date() == today:
        return f"{local.hour:02d}:{local.minute:02d}"
    return f"{local.year:04d}-{local.month:02d}-{local.day:02d} {local.hour:02d}:{local.minute:02d}"


def row_text(item: Interaction) -> str:
    """The second line: an e-mail's subject before its preview, whitespace folded to single spaces."""
    text = item.preview
    if item.subject and item.channel == "email":
        text = f"{item.subject} — {item.preview}" if item.preview else item.subject
    return " ".join(text.split())


@dataclass(slots=True)
class _Fonts:
    base: QFont
    body: QFont
    bold: QFont
    body_m: QFontMetrics
    bold_m: QFontMetrics
    line_h: int
    ascent: int
    bold_ascent: int


@dataclass(slots=True)
class _Row:
    """One row laid out for one width: offsets from the row's top-left corner."""

    item: Interaction
    width: int
    stamp: QStaticText
    stamp_x: int
    name: QStaticText
    text: QStaticText
    pill: str  # "" when read
    pill_x: int


class InboxDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fonts: _Fonts | None = None
        self._rows: dict[int, _Row] = {}  # id(Interaction) → its layout; the entry keeps the object alive
        self._pixmaps: dict[tuple[str, str, float], QPixmap] = {}
        self._day_ends = _next_midnight()
        self._today = datetime.now().astimezone().date()
        if parent is not None:
            parent.installEventFilter(self)

    def invalidate(self) -> None:
        """Forget every laid-out row (language, font or day changed)."""
        self._rows.clear()
        self._pixmaps.clear()
        self._fonts = None
        self._day_ends = _next_midnight()
        self._today = datetime.now().astimezone().date()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INVALIDATING:
            self.invalidate()
        return False

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 _index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(option.rect.width() or 300, ROW_HEIGHT)

    # --- painting ----------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        model = index.model()  # the model itself, not a data() round trip per row through Qt
        item = model.interaction(index.row()) if isinstance(model, InboxModel) \
            else index.data(InteractionRole)
        if not isinstance(item, Interaction):
            return
        fonts = self._font_set(option.font)
        rect: QRect = option.rect
        x, y, width = rect.x(), rect.y(), rect.width()
        row = self._row(item, width, fonts)
        dpr = painter.device().devicePixelRatioF()
        painter.save()
        if option.state & _SELECTED:
            painter.fillRect(rect, _SELECTED_FILL)
        elif item.unread:
            painter.fillRect(rect, _UNREAD_FILL)
        painter.setPen(_BORDER_PEN)
        bottom = y + ROW_HEIGHT - 1
        painter.drawLine(x + PAD, bottom, x + width - 1 - PAD, bottom)
        painter.drawPixmap(x + PAD, y + (ROW_HEIGHT - BADGE) // 2,
                           self._badge(CHANNEL_BADGE.get(item.channel, item.channel), fonts, dpr))
        left = x + PAD + BADGE + PAD
        top = y + (ROW_HEIGHT - 2 * fonts.line_h - 4) // 2
        second = top + fonts.line_h + 4
        painter.setFont(fonts.body)
        painter.setPen(_MUTED_PEN)
        painter.drawStaticText(x + row.stamp_x, top, row.stamp)
        if row.pill:
            painter.drawPixmap(x + row.pill_x, second, self._pill(row.pill, fonts, dpr))
        painter.setPen(_TEXT_PEN if item.unread else _MUTED_PEN)
        painter.drawStaticText(left, second, row.text)
        if item.unread:
            painter.setFont(fonts.bold)
        painter.setPen(_TEXT_PEN)
        painter.drawStaticText(left, top, row.name)
        painter.restore()

    def _font_set(self, font: QFont) -> _Fonts:
        fonts = self._fonts
        if fonts is None or font != fonts.base:
            body = QFont(font)
            bold = QFont(body)
            bold.setBold(True)
            body_m, bold_m = QFontMetrics(body), QFontMetrics(bold)
            fonts = _Fonts(QFont(font), body, bold, body_m, bold_m, body_m.lineSpacing(), body_m.ascent(),
                           bold_m.ascent())
            self._fonts = fonts
            self._rows.clear()
            self._pixmaps.clear()
        return fonts

    def _row(self, item: Interaction, width: int, fonts: _Fonts) -> _Row:
        if time.time() >= self._day_ends:  # yesterday's "HH:MM" must become a date
            self.invalidate()
            fonts = self._font_set(fonts.base)
        row = self._rows.get(id(item))
        if row is not None and row.item is item and row.width == width:
            return row
        row = self._lay_out(item, width, fonts)
        if len(self._rows) >= CACHE_ROWS:
            self._rows.clear()  # cheaper than LRU bookkeeping on every paint; refills in a screen or two
        self._rows[id(item)] = row
        return row

    def _lay_out(self, item: Interaction, width: int, fonts: _Fonts) -> _Row:
        stamp_text = row_stamp(item.updated_at, self._today)
        if not item.is_open:
            stamp_text = f"{status_label(item.status)} · {stamp_text}"
        stamp = _plain(stamp_text, fonts.body)
        stamp_w = int(stamp.size().width() + 0.999)
        left = PAD + BADGE + PAD
        right = width - 1 - PAD
        name_font, name_m = (fonts.bold, fonts.bold_m) if item.unread else (fonts.body, fonts.body_m)
        name_w = max(right - stamp_w - PAD - left, 20)
        name = name_m.elidedText(item.customer_name or f"#{item.customer_id}", _ELIDE_RIGHT, name_w)
        pill = "" if not item.unread else (str(item.unread) if item.unread < 100 else "99+")
        pill_w = self._pill_width(pill, fonts) if pill else 0
        text_w = max(right - left - (pill_w + PAD if pill_w else 0), 20)
        text = fonts.body_m.elidedText(row_text(item), _ELIDE_RIGHT, text_w)
        return _Row(item, width, stamp, right + 1 - stamp_w, _plain(name, name_font),
                    _plain(text, fonts.body), pill, right - pill_w)

    # --- pre-rendered pieces -------------------------------------------------------------------------
    def _pixmap(self, w: int, h: int, dpr: float) -> QPixmap:
        pixmap = QPixmap(int(w * dpr + 0.5), int(h * dpr + 0.5))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        return pixmap

    def _badge(self, kind: str, fonts: _Fonts, dpr: float) -> QPixmap:
        key = ("badge", kind, dpr)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            glyph, colour = badge_for(kind)
            pixmap = self._pixmap(BADGE, BADGE, dpr)
            painter = QPainter(pixmap)
            painter.setRenderHint(_ANTIALIAS)
            painter.setPen(NO_PEN)
            painter.setBrush(QColor(colour))
            painter.drawEllipse(QRect(0, 0, BADGE, BADGE))
            painter.setPen(QColor("white"))
            painter.setFont(fonts.body)
            painter.drawText(QRect(0, 0, BADGE, BADGE), _CENTER, glyph)
            painter.end()
            self._pixmaps[key] = pixmap
        return pixmap

    def _pill_width(self, count: str, fonts: _Fonts) -> int:
        return max(fonts.bold_m.horizontalAdvance(count) + 12, fonts.line_h + 2)

    def _pill(self, count: str, fonts: _Fonts, dpr: float) -> QPixmap:
        key = ("pill", count, dpr)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            w, h = self._pill_width(count, fonts), fonts.line_h + 2
            pixmap = self._pixmap(w, h, dpr)
            painter = QPainter(pixmap)
            painter.setRenderHint(_ANTIALIAS)
            painter.setPen(NO_PEN)
            painter.setBrush(QColor(ACCENT))
            painter.drawRoundedRect(QRect(0, 0, w, h), h / 2, h / 2)
            painter.setPen(QColor("white"))
            painter.setFont(fonts.bold)
            painter.drawText(QRect(0, 0, w, h), _CENTER, count)
            painter.end()
            self._pixmaps[key] = pixmap
        return pixmap
