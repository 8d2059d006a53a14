"""The Citations tab: the draft's sources, where each is cited, and the
attributions that link nothing.

The panel never edits the editor itself. It emits:

* ``jumpTo(start, end)``: select a citation or attribution (code-point offsets);
* ``insertText(text)``: insert ``[@key]`` at the cursor;
* ``replaceRange(start, end, text)``: replace a range (an attribution becoming
  ``[@key]``, the front matter gaining a ``sources:`` entry), for the window to
  apply as one undoable edit.

It writes to the store's shared source library (add, edit, import). Everything
it shows comes from ``core.citations.analysis.analyze``.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ...core.citations import csl as csl_mod
from ...core.citations.analysis import AttributionGroup, CitationReport, analyze
from ...core.citations.importers import ImportResult, import_file, store_entries
from ...core.citations.model import Attribution
from ...core.errors import DeskeditorError, InputError
from ...core.markdown import frontmatter
from ..jobs.workers import LatestOnly

ROLE = Qt.UserRole
ASYNC_CHARS = 100_000  # a draft this large is analysed in a worker
TYPES = ["webpage", "article-newspaper", "article-magazine", "article-journal", "post-weblog", "post",
         "report", "book", "chapter", "motion_picture", "broadcast", "interview", "dataset", "document"]


def excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def attach_edit(source: str, keys: list[str]) -> tuple[int, int, str] | None:
    """The edit that adds ``keys`` to the front matter's ``sources:`` list:
    (start, end, text) replacing the front matter, or None if nothing changes."""
    try:
        fm = frontmatter.split(source)
    except InputError:
        return None
    current = fm.data.get("sources") or []
    if isinstance(current, str):
        current = [current]
    wanted = list(dict.fromkeys([str(k) for k in current] + keys))
    if wanted == [str(k) for k in current]:
        return None
    new = frontmatter.with_fields(source, sources=wanted)
    body = source[fm.end:]
    if not new.endswith(body):
        return None
    return 0, fm.end, new[: len(new) - len(body)]


class SourceDialog(QDialog):
    """Add or edit one source: key, type, title, site, short name, authors,
    dates and URL. ``values()`` gives (key, CSL-JSON)."""

    def __init__(self, parent=None, key: str = "", csl: dict[str, Any] | None = None,
                 taken: set[str] | frozenset = frozenset(), editing: bool = False,
                 attach: bool | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit source" if editing else "Add source")
        self.taken = set(taken)
        self.editing = editing
        self.base = dict(csl or {})
        c = self.base
        self.key = QLineEdit(key)
        self.key.setReadOnly(editing)  # drafts cite the key: renaming would break them
        self.type = QComboBox()
        self.type.addItems(TYPES)
        kind = str(c.get("type") or "webpage")
        if kind not in TYPES:
            self.type.addItem(kind)
        self.type.setCurrentText(kind)
        self.title = QLineEdit(str(c.get("title") or ""))
        self.site = QLineEdit(str(c.get("container-title") or c.get("publisher") or ""))
        self.short = QLineEdit(str(c.get("container-title-short") or ""))
        self.authors = QPlainTextEdit("\n".join(csl_mod.name_text(n) for n in c.get("author") or []
                                                if isinstance(n, dict)))
        self.authors.setFixedHeight(60)
        self.issued = QLineEdit(csl_mod.date_text(c.get("issued")))
        self.issued.setPlaceholderText("YYYY-MM-DD")
        self.accessed = QLineEdit(csl_mod.date_text(c.get("accessed")))
        self.accessed.setPlaceholderText("YYYY-MM-DD")
        self.url = QLineEdit(csl_mod.url_of(c))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("Key", self.key)
        form.addRow("Type", self.type)
        form.addRow("Title", self.title)
        form.addRow("Site or publication", self.site)
        form.addRow("Short name", self.short)
        form.addRow("Authors (Family, Given)", self.authors)
        form.addRow("Published", self.issued)
        form.addRow("Accessed", self.accessed)
        form.addRow("URL", self.url)
        self.attach = QCheckBox("Attach to this draft")
        self.attach.setChecked(bool(attach))
        self.attach.setVisible(attach is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        today = QPushButton("Today")
        today.setToolTip("Set the accessed date to today")
        today.clicked.connect(lambda: self.accessed.setText(csl_mod.date_text(csl_mod.today())))
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.attach)
        row.addStretch(1)
        row.addWidget(today)
        lay.addLayout(row)
        lay.addWidget(self.error)
        lay.addWidget(buttons)

    def values(self) -> tuple[str, dict[str, Any]]:
        """(key, CSL-JSON); raises ``InputError`` saying what is wrong."""
        key = self.key.text().strip()
        if not key or any(ch.isspace() for ch in key):
            raise InputError("a source needs a key without spaces")
        if not self.editing and key in self.taken:
            raise InputError(f"the key {key!r} is taken")
        csl = dict(self.base)
        for var in ("title", "container-title", "container-title-short", "URL", "issued", "accessed", "author"):
            csl.pop(var, None)
        csl["type"] = self.type.currentText()
        for var, widget in (("title", self.title), ("container-title", self.site),
                            ("container-title-short", self.short), ("URL", self.url)):
            if widget.text().strip():
                csl[var] = widget.text().strip()
        for var, widget in (("issued", self.issued), ("accessed", self.accessed)):
            text = widget.text().strip()
            if text:
                d = csl_mod.parse_date(text)
                if not d or "date-parts" not in d:
                    raise InputError(f"{var} date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
                csl[var] = d
        names = [ln.strip() for ln in self.authors.toPlainText().splitlines() if ln.strip()]
        if names:
            csl["author"] = [csl_mod.parse_name(n) for n in names]
        try:
            return key, csl_mod.normalize(dict(csl, id=key))
        except csl_mod.CSLError as exc:
            raise InputError(str(exc)) from None

    def accept(self) -> None:
        try:
            self.values()
        except InputError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


class CitationsPanel(QWidget):
    jumpTo = Signal(int, int)
    insertText = Signal(str)
    replaceRange = Signal(int, int, str)
    libraryChanged = Signal()

    def __init__(self, store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.source = ""
        self.draft_id: int | None = None
        self.report: CitationReport | None = None
        self._newlines: list[int] = []
        self._generation = 0  # bumped by every refresh; a worker's late answer is dropped
        self._worker = LatestOnly(QThreadPool.globalInstance(), self)
        self._worker.finished.connect(self._analysed)
        self._worker.failed.connect(self._analysis_failed)
        self.summary = QLabel("No draft open")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Source", "Cited"])
        self.tree.setColumnWidth(0, 240)
        self.tree.setWordWrap(True)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.import_button = QPushButton("Import…")
        self.convert_button = QPushButton("Make citation")
        self.convert_button.setToolTip("Turn the selected attribution (or all of a group) into [@key]")
        self.add_button.clicked.connect(self.add_source_dialog)
        self.edit_button.clicked.connect(self.edit_selected)
        self.import_button.clicked.connect(self.import_dialog)
        self.convert_button.clicked.connect(self.convert_selected)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the library to cite…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill_library)
        self.search.returnPressed.connect(self.insert_selected)
        self.library_list = QListWidget()
        self.library_list.itemActivated.connect(lambda _item: self.insert_selected())
        self.library_list.itemDoubleClicked.connect(lambda _item: self.insert_selected())
        self.insert_button = QPushButton("Insert citation")
        self.insert_button.clicked.connect(self.insert_selected)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.import_button, self.convert_button):
            buttons.addWidget(b)
        cite_row = QHBoxLayout()
        cite_row.addWidget(self.search, 1)
        cite_row.addWidget(self.insert_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 0)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 3)
        lay.addLayout(buttons)
        lay.addLayout(cite_row)
        lay.addWidget(self.library_list, 1)
        lay.addWidget(self.message)
        self._fill_library()
        self._update_buttons()

    # -- the document ------------------------------------------------------------
    def set_document(self, source: str, draft_id: int | None) -> None:
        self.source = source
        self.draft_id = draft_id
        self.refresh()

    def refresh(self) -> None:
        """Analyse the text again: at once for an ordinary draft, in a worker
        for a large one (``ASYNC_CHARS``), whose parse would freeze the window."""
        self._generation += 1
        if len(self.source) < ASYNC_CHARS:
            self._show(analyze(self.source, self.store.sources))
            return
        source, generation = self.source, self._generation
        library = {s.key: s.csl for s in self.store.sources.all()}  # the store stays on this thread
        self.summary.setText("Reading the citations of this large draft…")
        self._worker.submit(generation, lambda: analyze(source, library))

    def _analysed(self, generation: int, report: CitationReport) -> None:
        if generation == self._generation:  # else the text changed meanwhile: a newer one is coming
            self._show(report)

    def _analysis_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.summary.setText(f"The citations could not be read: {message}")

    def _show(self, report: CitationReport) -> None:
        self.report = report
        self._newlines = [m.start() for m in re.finditer("\n", self.source)]
        expanded, current = self._tree_state()
        self._fill_tree()
        self._restore_tree_state(expanded, current)
        self._fill_library()
        self._update_buttons()

    def _where(self, start: int, end: int) -> str:
        line = bisect.bisect_left(self._newlines, start) + 1
        return f"line {line}: {excerpt(self.source[start:end])}"

    def _items(self):
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    def _tree_state(self) -> tuple[set, Any]:
        """What the user opened and selected, to keep it across refreshes."""
        expanded = {item.data(0, ROLE) for item in self._items() if item.isExpanded() and item.data(0, ROLE)}
        current = self.tree.currentItem()
        return expanded, (current.data(0, ROLE) if current is not None else None)

    def _restore_tree_state(self, expanded: set, current: Any) -> None:
        for item in self._items():
            data = item.data(0, ROLE)
            if data in expanded:
                item.setExpanded(True)
            if current is not None and data == current:
                self.tree.setCurrentItem(item)

    def _section(self, title: str, count: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [f"{title} ({count})", ""])
        item.setFirstColumnSpanned(True)
        item.setExpanded(True)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        return item

    def _fill_tree(self) -> None:
        self.tree.clear()
        r = self.report
        if r is None:
            return
        uses = list(r.uses.values())
        sec = self._section("Sources of this draft", len(uses))
        for use in uses:
            name = csl_mod.label(use.csl) if use.csl else f"{use.key} (not in the library)"
            item = QTreeWidgetItem(sec, [name, f"{use.count}×"])
            item.setData(0, ROLE, ("source", use.key))
            item.setToolTip(0, f"[@{use.key}]  {csl_mod.url_of(use.csl) if use.csl else ''}")
            if use.citations:
                first = use.citations[0]
                item.setData(1, ROLE, ("jump", first.start, first.end))
            for c in use.citations:
                child = QTreeWidgetItem(item, [self._where(c.start, c.end), c.kind])
                child.setData(0, ROLE, ("jump", c.start, c.end))
        groups = [g for g in r.groups if g.kind == "parenthetical"]
        anchors = [g for g in r.groups if g.kind == "anchor"]
        sec = self._section("Unlinked attributions", sum(g.count for g in groups))
        for g in groups:
            hint = f" → [@{g.match}]" if g.match else ""
            item = QTreeWidgetItem(sec, [g.label + hint, f"{g.count}×"])
            item.setData(0, ROLE, ("group", g.group))
            item.setToolTip(0, "Make citation turns every one of these into a citation")
            for a in g.attributions:
                child = QTreeWidgetItem(item, [self._where(a.start, a.end), ""])
                child.setData(0, ROLE, ("attribution", a.start, a.end))
        if anchors:
            sec = self._section("Phrases that link nothing", sum(g.count for g in anchors))
            for g in anchors:
                for a in g.attributions:
                    child = QTreeWidgetItem(sec, [self._where(a.start, a.end), ""])
                    child.setData(0, ROLE, ("jump", a.start, a.end))
        if r.unresolved:
            sec = self._section("Keys not in the library", len(r.unresolved))
            for key, c in r.unresolved:
                child = QTreeWidgetItem(sec, [f"[@{key}]", ""])
                child.setData(0, ROLE, ("jump", c.start, c.end) if c else ("missing", key))
        if r.external:
            sec = self._section("Links to sources not in the library", len(r.external))
            for url, cites in r.external.items():
                item = QTreeWidgetItem(sec, [excerpt(cites[0].urls[0], 70), f"{len(cites)}×"])
                item.setData(0, ROLE, ("jump", cites[0].start, cites[0].end))
                item.setData(1, ROLE, ("url", cites[0].urls[0]))
        n_attr = sum(g.count for g in groups)
        self.summary.setText(
            f"{len(uses)} sources, {len(r.scan.citations)} citations; "
            f"{n_attr} unlinked attributions, {sum(g.count for g in anchors)} phrases that link nothing"
            + (f"; {len(r.unresolved)} unknown keys" if r.unresolved else ""))

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, ROLE)
        if not data:
            data = item.data(1, ROLE)
        if not data:
            return
        if data[0] in ("jump", "attribution"):
            self.jumpTo.emit(int(data[1]), int(data[2]))
        elif data[0] == "source":
            jump = item.data(1, ROLE)
            if jump:
                self.jumpTo.emit(int(jump[1]), int(jump[2]))
        elif data[0] == "group":
            g = self._group(data[1])
            if g and g.attributions:
                self.jumpTo.emit(g.attributions[0].start, g.attributions[0].end)
        self._update_buttons()

    def _group(self, group: str) -> AttributionGroup | None:
        if self.report is None:
            return None
        return next((g for g in self.report.groups if g.group == group), None)

    def _selected(self) -> tuple | None:
        item = self.tree.currentItem()
        return item.data(0, ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        data = self._selected()
        kind = data[0] if data else ""
        self.convert_button.setEnabled(kind in ("group", "attribution"))
        self.edit_button.setEnabled(kind == "source" or self.library_list.currentItem() is not None)

    # -- the library ---------------------------------------------------------------
    def library_matches(self, query: str = "") -> list[str]:
        """Keys of library sources matching every word of ``query`` (in key,
        title, site, short name or authors)."""
        return [s.key for s in self._matching_sources(query)]

    def _matching_sources(self, query: str) -> list:
        words = query.casefold().split()
        out = []
        for s in self.store.sources.all():
            c = s.csl
            hay = " ".join([s.key, str(c.get("title", "")), str(c.get("container-title", "")),
                            str(c.get("container-title-short", "")), str(c.get("publisher", "")),
                            " ".join(csl_mod.name_text(n) for n in c.get("author") or [] if isinstance(n, dict))]
                           ).casefold()
            if all(w in hay for w in words):
                out.append(s)
        return out

    def _fill_library(self, *_args) -> None:
        current = self.library_list.currentItem()
        keep = current.data(ROLE) if current is not None else None
        self.library_list.clear()
        for src in self._matching_sources(self.search.text()):
            key, csl = src.key, src.csl
            item = QListWidgetItem(f"{csl_mod.label(csl)}  [@{key}]")
            item.setData(ROLE, key)
            item.setToolTip(csl_mod.url_of(csl))
            self.library_list.addItem(item)
            if key == keep:
                self.library_list.setCurrentItem(item)
        if self.library_list.currentItem() is None and self.library_list.count():
            self.library_list.setCurrentRow(0)

    def insert_citation(self, key: str) -> None:
        self.insertText.emit(f"[@{key}]")
        self._say(f"Cited [@{key}]")

    def insert_selected(self) -> None:
        item = self.library_list.currentItem()
        if item is not None:
            self.insert_citation(item.data(ROLE))

    def add_source(self, key: str, csl: dict[str, Any], attach: bool = False) -> str:
        """Put a source into the library; with ``attach``, add it to the draft's
        front matter ``sources:`` (emits ``replaceRange``)."""
        self.store.sources.put(key, csl)
        self.libraryChanged.emit()
        if attach and self.source is not None:
            edit = attach_edit(self.source, [key])
            if edit:
                self.replaceRange.emit(*edit)
        self.refresh()
        return key

    def import_file(self, path: str | Path) -> ImportResult:
        """Import a .bib or CSL-JSON file into the library; the result says what
        was skipped. Raises ``InputError`` for an unreadable file."""
        result = import_file(path)
        added, updated = store_entries(self.store.sources, result)
        self.libraryChanged.emit()
        text = f"{Path(path).name}: {added} added, {updated} updated"
        if result.problems:
            text += f", {len(result.problems)} skipped:\n" + "\n".join(result.problems)
        self._say(text)
        self.refresh()
        return result

    # -- attributions ------------------------------------------------------------
    def source_for(self, group: AttributionGroup) -> str:
        """The key of the source an attribution group names: the matching
        library source, or a new one made from the attribution."""
        if group.match:
            return group.match
        existing = [s.key for s in self.store.sources.all()]
        csl = csl_mod.from_attribution(group.name, group.title)
        key = csl_mod.make_key(csl, existing)
        self.store.sources.put(key, csl)
        self.libraryChanged.emit()
        return key

    def convert_attributions(self, attributions: list[Attribution], group: AttributionGroup) -> str:
        """Replace ``attributions`` (all of one group) by ``[@key]`` in one
        edit: one ``replaceRange`` from the first to the last of them."""
        if not attributions:
            return ""
        key = self.source_for(group)
        cite = f"[@{key}]"
        ordered = sorted(attributions, key=lambda a: a.start)
        start, end = ordered[0].start, ordered[-1].end
        pieces, pos = [], start
        for a in ordered:
            pieces.append(self.source[pos:a.start])
            pieces.append(cite)
            pos = a.end
        pieces.append(self.source[pos:end])
        self.replaceRange.emit(start, end, "".join(pieces))
        self._say(f"{len(ordered)} × “{group.label}” → {cite}")
        return key

    def convert_selected(self) -> str:
        data = self._selected()
        if not data or self.report is None:
            return ""
        if data[0] == "group":
            g = self._group(data[1])
            return self.convert_attributions(g.attributions, g) if g else ""
        if data[0] == "attribution":
            for g in self.report.groups:
                for a in g.attributions:
                    if (a.start, a.end) == (data[1], data[2]):
                        return self.convert_attributions([a], g)
        return ""

    # -- dialogs -----------------------------------------------------------------
    def _taken(self) -> set[str]:
        return {s.key for s in self.store.sources.all()}

    def add_source_dialog(self, csl: dict[str, Any] | None = None) -> None:
        csl = csl if isinstance(csl, dict) else {"type": "webpage", "accessed": csl_mod.today()}
        key = csl_mod.make_key(csl, self._taken()) if csl.get("title") or csl.get("container-title") else ""
        dlg = SourceDialog(self, key, csl, self._taken(), attach=True if self.draft_id is not None or
                           self.source else None)
        if dlg.exec() != QDialog.Accepted:
            return
        key, value = dlg.values()
        self.add_source(key, value, attach=dlg.attach.isChecked())

    def edit_selected(self) -> None:
        data = self._selected()
        key = data[1] if data and data[0] == "source" else None
        if key is None and self.library_list.currentItem() is not None:
            key = self.library_list.currentItem().data(ROLE)
        if not key:
            return
        src = self.store.sources.find(key)
        if src is None:  # a cited key not in the library: add it under that key
            dlg = SourceDialog(self, key, {"type": "webpage", "accessed": csl_mod.today()}, self._taken())
        else:
            dlg = SourceDialog(self, key, src.csl, self._taken(), editing=True)
        if dlg.exec() != QDialog.Accepted:
            return
        key, value = dlg.values()
        self.add_source(key, value)

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import sources", "",
                                              "BibTeX or CSL-JSON (*.bib *.bibtex *.json);;All files (*)")
        if not path:
            return
        try:
            self.import_file(path)
        except DeskeditorError as exc:
            QMessageBox.warning(self, "Import sources", str(exc))

    def _say(self, text: str) -> None:
        self.message.setText(text)
