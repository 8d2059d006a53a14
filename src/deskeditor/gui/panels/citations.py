"""The Citations tab: the draft's sources, where each is cited, and the
attributions that link nothing.

The panel never edits the editor itself. It emits:

* ``jumpTo(start, end)``: select a citation or attribution (code-point offsets);
* ``insertText(text)``: insert ``[@key]`` at the cursor;
* ``replaceRange(start, end, text)``: replace a range (an attribution becoming
  ``[@key]``, the front matter gaining a ``sources:`` entry), for the window to
  apply as one undoable edit.

It writes to the store's shared source library (add, edit, import). Everything
it shows comes from ``core.citations.analysis.analyze``; the tree of it is
``citation_tree.CitationTree``, a source is edited in ``dialogs.source``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool, Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
    QPushButton, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ...core.citations import csl as csl_mod
from ...core.citations.analysis import AttributionGroup, CitationReport, analyze
from ...core.citations.importers import ImportResult, import_file, store_entries
from ...core.citations.model import Attribution
from ...core.errors import DeskeditorError, InputError
from ...core.markdown import frontmatter
from ..dialogs.source import SourceDialog
from ..jobs.workers import LatestOnly
from .citation_tree import ROLE, CitationTree

ASYNC_CHARS = 100_000  # a draft this large is analysed in a worker


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
        self._generation = 0  # bumped by every refresh; a worker's late answer is dropped
        self._worker = LatestOnly(QThreadPool.globalInstance(), self)
        self._worker.finished.connect(self._analysed)
        self._worker.failed.connect(self._analysis_failed)
        self.summary = QLabel("No draft open")
        self.summary.setWordWrap(True)
        self.tree = CitationTree()
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
        self.summary.setText(self.tree.fill(report, self.source))
        self._fill_library()
        self._update_buttons()

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

    def _update_buttons(self) -> None:
        data = self.tree.selected()
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
        from ...core.citations.attributions import host_mentions

        links = self.report.external if self.report is not None else {}
        url = next((u for cites in links.values() for c in cites for u in c.urls  # the draft links the site
                    if host_mentions(u, group.name)), "")
        if url:
            csl["URL"] = url
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
        data = self.tree.selected()
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
        data = self.tree.selected()
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
