"""Lint in place: runs the lint engines after a pause and puts the findings
on the text (underlines), in the Lint panel and in the SEO panel.

``LintRunner.run`` runs on a worker thread with ``is_stale`` comparing the
editor's version, so a run overtaken by typing stops early. A report that
arrives a few keystrokes late is carried over onto the current text
(``remap_findings``) instead of being thrown away. Dismissals are recorded in
the store (keyed by the flagged text and its context) and so survive restarts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from ..core.errors import DeskeditorError, InputError
from ..core.markdown import frontmatter
from ..core.model import Finding
from .editor import MarkdownEditor
from .editor.textdiff import remap_findings
from .editor.underlines import Marked

if TYPE_CHECKING:
    from ..core.lint.runner import LintReport, LintRunner

PAUSE_MS = 600


def fields_for(text: str, base: dict[str, Any]) -> dict[str, Any]:
    """The draft's fields as the text's front matter says (``base`` where it is silent)."""
    out = dict(base)
    try:
        out.update(frontmatter.fields_from(frontmatter.split(text)))
    except InputError:
        pass
    return out


class LintController(QObject):
    reportReady = Signal(object)  # LintReport, its findings now on the current text
    checking = Signal(bool)
    message = Signal(str)

    def __init__(self, editor: MarkdownEditor, store, pool: QThreadPool,
                 runner_factory: Callable[[], LintRunner], parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.store = store
        self.runner_factory = runner_factory
        self.from_worker = None
        self.worker_pool = pool
        from .workers import LatestOnly

        self.worker = LatestOnly(pool, self)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.draft_id: int | None = None
        self.base_fields: dict[str, Any] = {}
        self.other_keyphrases: list[str] = []
        self.dismissed: set[str] = set()
        self.report: LintReport | None = None
        self.generation = 0
        self.enabled = True
        self._timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._timer.timeout.connect(self.run_now)
        editor.add_edit_listener(self._edited)

    # -- the draft ----------------------------------------------------------------
    def set_draft(self, draft_id: int, base_fields: dict[str, Any]) -> None:
        self.generation += 1
        self.draft_id = draft_id
        self.base_fields = base_fields
        self.report = None
        self.editor.underlines.clear()
        self.editor.set_layer("lint", [])
        try:
            self.dismissed = self.store.decisions.dismissed_keys(draft_id)
            self.other_keyphrases = [k for _id, k in self.store.drafts.focus_keyphrases(draft_id)]
        except DeskeditorError as exc:
            self.dismissed, self.other_keyphrases = set(), []
            self.message.emit(f"Cannot read review decisions: {exc}")
        self.run_now()

    def hold(self) -> None:
        """No draft to check for now (the window holds one back): stop, and
        drop the report and any answer still on its way."""
        self._timer.stop()
        self.generation += 1
        self.draft_id = None
        self.report = None
        self.editor.underlines.clear()
        self.editor.set_layer("lint", [])

    def _edited(self) -> None:
        if self.enabled:
            self._timer.start()

    def run_now(self) -> None:
        self._timer.stop()
        if self.draft_id is None or not self.enabled:
            return
        editor = self.editor
        text, version = editor.text(), editor.version
        fields = fields_for(text, self.base_fields)
        runner = self.runner_factory()
        others, dismissed = list(self.other_keyphrases), set(self.dismissed)

        def job():
            report = runner.run(text, fields, other_focus_keyphrases=others, dismissed_keys=dismissed,
                                is_stale=lambda: editor.version != version or not self.enabled)
            return text, report

        self.checking.emit(True)
        self.worker.submit((self.generation, version), job)

    def _finished(self, token, value) -> None:
        generation, version = token
        if not self.worker.busy:
            self.checking.emit(False)
        if generation != self.generation:
            return
        text, report = value
        if report.stale and version != self.editor.version:
            self._timer.start()  # overtaken by typing: the next pause runs it again
            return
        current = self.editor.text() if version != self.editor.version else text
        if current != text:
            report.findings = remap_findings(report.findings, text, current)
        self.report = report
        self.editor.underlines.set_findings(report.findings, current)
        self.editor.refresh_underlines()
        self.reportReady.emit(report)

    def _failed(self, token, message: str) -> None:
        if not self.worker.busy:
            self.checking.emit(False)
        self.message.emit(f"Lint failed: {message}")

    # -- acting on findings ---------------------------------------------------------
    def current_finding(self, m: Marked) -> tuple[Finding, str]:
        """``m``'s finding with offsets on the current text, and that text."""
        from dataclasses import replace

        text = self.editor.text()
        umap = self.editor.utf16_map()
        start, end = umap.to_codepoint(m.start), umap.to_codepoint(m.end)
        if m.finding.start == m.finding.end == 0:
            return m.finding, text
        return replace(m.finding, start=start, end=end), text

    def apply(self, m: Marked, replacement: str) -> None:
        c = m.cursor
        if c.selectionEnd() <= c.selectionStart():
            return
        c.insertText(replacement)  # one undoable edit
        self._drop(m)

    def dismiss(self, m: Marked, reason: str) -> bool:
        if self.draft_id is None:
            return False
        finding, text = self.current_finding(m)
        try:
            key = self.store.decisions.record(self.draft_id, finding, text, "dismissed", reason)
        except DeskeditorError as exc:
            self.message.emit(f"Cannot record the dismissal: {exc}")
            return False
        self.dismissed.add(key)
        if self.report is not None:
            self.report.dismissed.append(finding)
        self._drop(m)
        return True

    def add_word(self, word: str) -> bool:
        try:
            self.store.dictionary.add(word)
        except DeskeditorError as exc:
            self.message.emit(f"Cannot add {word!r} to the dictionary: {exc}")
            return False
        drop = [m for m in self.editor.underlines.items
                if m.finding.engine == "grammar" and m.cursor.selectedText() == word]
        for m in drop:
            self._drop(m, emit=False)
        self._emit_current()
        return True

    def _drop(self, m: Marked, emit: bool = True) -> None:
        self.editor.underlines.remove({m.id})
        if self.report is not None:
            self.report.findings = [f for f in self.report.findings if f is not m.finding]
        self.editor.refresh_underlines()
        if emit:
            self._emit_current()

    def _emit_current(self) -> None:
        if self.report is not None:
            self.reportReady.emit(self.report)
