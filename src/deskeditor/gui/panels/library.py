"""The draft library: every draft, full-text search with snippets, a status
filter, and new / duplicate / trash / restore.

The list of summaries is one quick query and refreshes on the GUI thread; a
search runs in a thread of its own (a long pasted query, a large library) and
only its latest answer is shown. The window does the writing, because it must
save the open draft first.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QSizePolicy,
                               QStyle, QStyledItemDelegate, QToolButton, QVBoxLayout, QWidget)

from ...core.errors import DeskeditorError

FILTERS = [("All drafts", None), ("Draft", "draft"), ("In review", "review"), ("Ready", "ready"),
           ("Published", "published"), ("Trash", "trash")]
ID_ROLE, SUB_ROLE = Qt.UserRole, Qt.UserRole + 1


def snippet_markup(snippet: str) -> str:
    """FTS snippet ``a [match] b`` as HTML with the matches in bold."""
    text = html.escape(" ".join(snippet.split()))
    return re.sub(r"\[([^\[\]]*)\]", r"<b>\1</b>", text)


def age(stamp: str, now: dt.datetime | None = None) -> str:
    try:
        t = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return ""
    now = now or dt.datetime.now(dt.timezone.utc)
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.timezone.utc)
    secs = (now - t).total_seconds()
    if secs < 60:
        return "just now"
    if secs < 3600:
        return f"{int(secs // 60)} min ago"
    if secs < 86400:
        return f"{int(secs // 3600)} h ago"
    return t.astimezone().strftime("%Y-%m-%d")


class _TwoLineDelegate(QStyledItemDelegate):
    """Title on the first line, status and age (or a search snippet) below."""

    def _document(self, option, index: QModelIndex) -> QTextDocument:
        selected = bool(option.state & QStyle.State_Selected)
        pal = option.palette
        color = pal.color(QPalette.HighlightedText if selected else QPalette.Text).name()
        muted = pal.color(QPalette.HighlightedText if selected else QPalette.PlaceholderText).name()
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        title = index.data(Qt.DisplayRole) or ""
        sub = index.data(SUB_ROLE) or ""
        doc.setHtml(f'<div style="color:{color}"><b>{html.escape(title)}</b></div>'
                    f'<div style="color:{muted}">{sub}</div>')
        doc.setTextWidth(max(40, option.rect.width() - 12))
        return doc

    def paint(self, painter, option, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        doc = self._document(option, index)
        option.text = ""
        if widget is not None:
            widget.style().drawControl(QStyle.CE_ItemViewItem, option, painter, widget)
        painter.save()
        painter.translate(option.rect.left() + 6, option.rect.top() + 5)
        painter.setClipRect(QRectF(0, 0, option.rect.width() - 12, option.rect.height() - 8))
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option, index: QModelIndex) -> QSize:  # noqa: N802
        self.initStyleOption(option, index)
        width = option.widget.viewport().width() if option.widget is not None else 240
        option.rect.setWidth(width)
        doc = self._document(option, index)
        return QSize(width, int(doc.size().height()) + 10)


class LibraryPane(QWidget):
    draftActivated = Signal(int)
    newRequested = Signal()
    duplicateRequested = Signal(int)
    trashRequested = Signal(int)
    restoreRequested = Signal(int)
    problem = Signal(str)
    _searched = Signal(int, object)  # (request number, rows or the error message), from the search thread

    def __init__(self, store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.search = QLineEdit(placeholderText="Search drafts", clearButtonEnabled=True)
        self.filter = QComboBox()
        for label, value in FILTERS:
            self.filter.addItem(label, value)
        self.list = QListWidget()
        self.list.setItemDelegate(_TwoLineDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListWidget.Adjust)
        self.new_button = QToolButton(text="New", toolTip="A new draft (Ctrl+N)")
        self.dup_button = QToolButton(text="Duplicate", toolTip="A copy of the selected draft")
        self.trash_button = QToolButton(text="Trash", toolTip="Move the selected draft to the trash")
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for b in (self.new_button, self.dup_button, self.trash_button):
            b.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 0, 6)
        lay.addWidget(self.search)
        lay.addWidget(self.filter)
        lay.addWidget(self.list, 1)
        lay.addLayout(buttons)
        self._current: int | None = None
        self._searches = ThreadPoolExecutor(max_workers=1, thread_name_prefix="deskeditor-search")
        self._search_no = 0
        self._searched.connect(self._show_search)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda: self._search_timer.start())
        self.filter.currentIndexChanged.connect(lambda *_: self.refresh())
        self.list.itemClicked.connect(self._activate)
        self.list.itemActivated.connect(self._activate)
        self.new_button.clicked.connect(self.newRequested)
        self.dup_button.clicked.connect(lambda: self._with_selected(self.duplicateRequested))
        self.trash_button.clicked.connect(self._trash_or_restore)

    @property
    def showing_trash(self) -> bool:
        return self.filter.currentData() == "trash"

    def refresh(self) -> None:
        status = self.filter.currentData()
        trashed = status == "trash"
        query = self.search.text().strip()
        self._search_no += 1
        if query:
            number, drafts = self._search_no, self.store.drafts
            self._searches.submit(lambda: self._searched.emit(number, self._search(drafts, query, status, trashed)))
            return
        try:
            rows = self.store.drafts.summaries(None if trashed else status, trashed=trashed)
        except Exception as exc:  # a damaged database: show, do not crash
            self.problem.emit(str(exc) if isinstance(exc, DeskeditorError) else f"cannot list drafts: {exc}")
            return
        self._fill(rows, trashed)

    @staticmethod
    def _search(drafts, query: str, status, trashed: bool):
        """In the search thread: the rows, or the error message."""
        try:
            rows = drafts.search(query, trashed=trashed)
        except DeskeditorError as exc:
            return str(exc)
        except Exception as exc:  # FTS syntax or a damaged database: show, do not crash
            return f"search failed: {exc}"
        return [r for r in rows if r["status"] == status] if status and not trashed else rows

    def _show_search(self, number: int, rows) -> None:
        if number != self._search_no:
            return  # typing went on: a newer search is coming
        if isinstance(rows, str):
            self.problem.emit(rows)
            return
        self._fill(rows, self.showing_trash)

    def _fill(self, rows, trashed: bool) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for r in rows:
            item = QListWidgetItem(r["title"] or "Untitled")
            item.setData(ID_ROLE, r["id"])
            if r.get("snippet"):
                sub = "…" + snippet_markup(r["snippet"]).lstrip("…")
            else:
                sub = html.escape(f"{r['status']} · {age(r['updated'])}")
            item.setData(SUB_ROLE, sub)
            self.list.addItem(item)
            if r["id"] == self._current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.trash_button.setText("Restore" if trashed else "Trash")
        self.dup_button.setEnabled(not trashed and bool(rows))
        self.trash_button.setEnabled(bool(rows))  # nothing listed: nothing to act on

    def set_current(self, draft_id: int | None) -> None:
        self._current = draft_id
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ID_ROLE) == draft_id:
                self.list.blockSignals(True)
                self.list.setCurrentItem(item)
                self.list.blockSignals(False)
                return

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def _activate(self, item: QListWidgetItem) -> None:
        draft_id = int(item.data(ID_ROLE))
        if not self.showing_trash and draft_id != self._current:
            self.draftActivated.emit(draft_id)

    def _with_selected(self, signal) -> None:
        draft_id = self.selected_id() or self._current
        if draft_id is not None:
            signal.emit(draft_id)

    def _trash_or_restore(self) -> None:
        self._with_selected(self.restoreRequested if self.showing_trash else self.trashRequested)
