"""Lint in place: runs the lint engines after a pause and puts the findings
on the text (underlines), in the Lint panel and in the SEO panel.

``LintRunner.run`` runs in the lint worker process (``deskeditor.worker``,
through ``analysis_jobs``); a newer text sent there makes the run going on
stale, so a run overtaken by typing stops early. A report that arrives a few
keystrokes late is carried over onto the current text (``remap_findings``)
instead of being thrown away. A worker stopped over its budget, or crashed,
is one note per engine in the report ("seo gave up on lines 5–4,995: ...").
Dismissals are recorded in the store (keyed by the flagged text and its
context) and so survive restarts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.errors import DeskeditorError, InputError
from ...core.lint.analysis import site_url_setting
from ...core.markdown import frontmatter
from ...core.model import Finding
from ..editor import MarkdownEditor
from ..editor.textdiff import remap_findings
from ..editor.underlines import Marked

if TYPE_CHECKING:
    from ...core.lint.runner import LintReport
    from ...worker.lint import LintSpec

PAUSE_MS = 600


def fields_for(text: str, base: dict[str, Any]) -> dict[str, Any]:
    """The draft's fields as the text's front matter says (``base`` where it is silent)."""
    out = dict(base)
    try:
        out.update(frontmatter.fields_from(frontmatter.split(text)))
    except InputError:
        pass
    return out


def lint_spec(grammar, lint_engines: tuple[str, ...] | None, sources: dict) -> "LintSpec":
    """How to lint now: the engines (grammar left out while a cancel paused
    it), where grammar answers (``grammar``: the session's GrammarControl),
    and the sources snapshot (the lint worker never touches the store)."""
    from ...core.lint import runner
    from ...worker.lint import LintSpec

    engines = tuple(lint_engines or runner.ENGINES)
    handle = grammar.handle
    if grammar.paused:  # a long check was cancelled
        engines = tuple(e for e in engines if e != "grammar")
    return LintSpec(engines=engines, budget_s=runner.BUDGET_S,
                    grammar=handle.job() if handle is not None and "grammar" in engines else None,
                    sources=sources, handle=handle)


class LintController(QObject):
    reportReady = Signal(object)  # LintReport, its findings now on the current text
    checking = Signal(bool)
    message = Signal(str)

    def __init__(self, editor: MarkdownEditor, store, pool: Any = None,
                 runner_factory: Callable[[], LintSpec] | None = None, parent=None) -> None:
        """``runner_factory()`` says how to lint now (a ``worker.lint.LintSpec``);
        ``pool`` is not used (the lint runs in its own process)."""
        super().__init__(parent)
        self.editor = editor
        self.store = store
        self.runner_factory = runner_factory
        from ..jobs.analysis import AnalysisJobs

        self.worker = AnalysisJobs("lint", self)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.worker.gaveUp.connect(self._gave_up)
        self.worker.progress.connect(self._progress)
        self._job = 0  # the number of the newest job sent
        self.draft_id: int | None = None
        self.site_snapshot: dict | None = None  # {"index", "path"} of the open draft's site (SiteSync)
        self.base_fields: dict[str, Any] = {}
        self.other_keyphrases: list[str] = []
        self.dismissed: set[str] = set()
        self.draft_words: set[str] = set()  # the draft's own dictionary ("Ignore in this draft")
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
        self.site_snapshot = None  # SiteSync sends the new draft's, if it is a site's post
        self.base_fields = dict(base_fields, site_url_setting=site_url_setting(self.store))
        self.report = None
        self.editor.underlines.clear()
        self.editor.set_layer("lint", [])
        try:
            self.dismissed = self.store.decisions.dismissed_keys(draft_id)
            self.draft_words = set(self.store.dictionary.draft_words(draft_id))
            self.other_keyphrases = [k for _id, k in self.store.drafts.focus_keyphrases(draft_id)]
        except DeskeditorError as exc:
            self.dismissed, self.other_keyphrases = set(), []
            self.message.emit(f"Cannot read review decisions: {exc}")
        self.run_now()

    def set_site(self, draft_id: int, snapshot: dict | None) -> None:
        """The open draft's site (its index and the post's path), read in the save
        thread: site links are checked from the next run on, and the site's address
        tells internal links from outbound ones."""
        if draft_id != self.draft_id or snapshot == self.site_snapshot:
            return
        self.site_snapshot = snapshot
        if snapshot and snapshot["index"].get("base_url"):
            self.base_fields["site_url_setting"] = snapshot["index"]["base_url"]
        self.run_now()

    def hold(self) -> None:
        """No draft to check for now (the window holds one back): stop, and
        drop the report and any answer still on its way."""
        self._timer.stop()
        self.generation += 1
        self.draft_id = None
        self.report = None
        if self._job:
            self.worker.cancel(self._job)
        self.editor.underlines.clear()
        self.editor.set_layer("lint", [])

    def _edited(self) -> None:
        if self.enabled:
            self._timer.start()

    def run_now(self) -> None:
        from ...worker.lint import LintRequest, LintSpec

        self._timer.stop()
        if self.draft_id is None or not self.enabled:
            return
        text, version = self.editor.text(), self.editor.version
        spec = self.runner_factory() if self.runner_factory is not None else LintSpec()
        request = LintRequest(tuple(spec.engines), spec.budget_s, spec.grammar, fields_for(text, self.base_fields),
                              tuple(self.other_keyphrases), frozenset(self.dismissed))
        self.checking.emit(True)
        token = (self.generation, version, text, spec)
        self._job = self.worker.submit(token, "lint", request, text,
                                       {"sources": spec.sources or {}, "site": self.site_snapshot})

    def _finished(self, token, answer) -> None:
        generation, version, text, spec = token
        if spec.handle is not None:
            spec.handle.checked(answer.grammar)
        self._show(generation, version, text, answer.report)

    def _gave_up(self, token, reason: str, step) -> None:
        """The worker was stopped over its budget, or crashed: one note per
        engine of the step it was in (all of the job's but grammar if it had
        not said), and the next job runs in a fresh worker."""
        from ...core.lint.runner import LintReport

        generation, version, text, spec = token
        if spec.handle is not None:
            spec.handle.checked(None)
        engines = step.engines or tuple(e for e in spec.engines if e != "grammar") or tuple(spec.engines)
        where = f" on {step.lines}" if step.lines else ""
        self._show(generation, version, text, LintReport(notes=[f"{e} gave up{where}: {reason}" for e in engines]))

    def _progress(self, token, seq: int, data) -> None:
        spec = token[3] if token is not None else None
        if spec is not None and spec.handle is not None and token[0] == self.generation:
            spec.handle.progress(seq, data, lambda: self.worker.cancel(seq))

    def _show(self, generation: int, version: int, text: str, report: LintReport) -> None:
        if not self.worker.busy:
            self.checking.emit(False)
        if generation != self.generation:
            return
        if report.stale and version != self.editor.version:
            self._timer.start()  # overtaken by typing: the next pause runs it again
            return
        if self.draft_words:
            from ...core.lint.grammar.checker import drop_words

            report.findings = drop_words(report.findings, text, self.draft_words)
        current = self.editor.text() if version != self.editor.version else text
        if current != text:
            report.findings = remap_findings(report.findings, text, current)
        self.report = report
        self.editor.underlines.set_findings(report.findings, current)
        self.editor.refresh_underlines()
        self.reportReady.emit(report)

    def _failed(self, token, message: str) -> None:
        if token is not None and token[3].handle is not None:
            token[3].handle.checked(None)
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

    def dismiss_all(self, m: Marked, reason: str) -> int:
        """Dismiss every finding like ``m`` (same engine, rule and flagged
        text) in one go; how many were dismissed."""
        if self.draft_id is None:
            return 0
        flagged = m.cursor.selectedText()
        like = [x for x in self.editor.underlines.items if x.finding.engine == m.finding.engine
                and x.finding.rule == m.finding.rule and x.cursor.selectedText() == flagged]
        pairs = [self.current_finding(x) for x in like]
        try:
            keys = self.store.decisions.record_all(self.draft_id, [f for f, _t in pairs], self.editor.text(),
                                                   "dismissed", reason)
        except DeskeditorError as exc:
            self.message.emit(f"Cannot record the dismissals: {exc}")
            return 0
        self.dismissed.update(keys)
        for x, (finding, _t) in zip(like, pairs):
            if self.report is not None:
                self.report.dismissed.append(finding)
            self._drop(x, emit=False)
        self._emit_current()
        return len(like)

    def add_word(self, word: str, draft_only: bool = False) -> bool:
        """Add ``word`` to the dictionary (or to this draft's only): every
        occurrence stops being flagged."""
        try:
            self.store.dictionary.add(word, draft_id=self.draft_id if draft_only else None)
            if draft_only:
                self.draft_words.add(word)
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
