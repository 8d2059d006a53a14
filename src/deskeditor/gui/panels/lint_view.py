"""What the window shows of lint: the hover text, the context-menu actions, the
Lint and SEO panels and the status-bar count, for the findings the
``LintController`` put on the text."""

from __future__ import annotations

import html
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu, QWidget

from ...core.errors import DeskeditorError
from ..editor import MarkdownEditor
from ..editor.underlines import Marked
from ..session.lint_controller import LintController
from .lint import LintPanel
from .seo import SeoPanel
from ..window.status import StatusBar
from ..window.theme import Colors


def tooltip_html(items: list[Marked], colors: Colors) -> str | None:
    """Message, engine and suggestions of the findings under the mouse."""
    if not items:
        return None
    parts = []
    for m in items[:4]:
        f = m.finding
        color = colors.severity(f.severity).name()
        tip = (f'<p><b style="color:{color}">{html.escape(f.severity.capitalize())}</b> '
               f'<span style="color:{colors.muted.name()}">· {html.escape(f.engine)}</span><br>'
               f"{html.escape(f.message)}")
        if f.replacements:
            tip += "<br>Suggestions: " + ", ".join(f"<b>{html.escape(r)}</b>" for r in f.replacements[:5])
        parts.append(tip + "</p>")
    return "".join(parts)


def flagged_head(m, limit: int = 400) -> str:
    """The first ``limit`` characters of the text ``m`` underlines (all of
    it could be a 5 MB paragraph: the panel shows only an excerpt)."""
    c = QTextCursor(m.cursor)
    start, end = c.selectionStart(), c.selectionEnd()
    c.setPosition(start)
    c.setPosition(min(end, start + limit), QTextCursor.KeepAnchor)
    return c.selectedText().replace("\u2029", " ")

class LintView(QObject):
    """Connects the lint controller to the editor's hover and menu and to the panels."""

    def __init__(self, parent: QWidget, editor: MarkdownEditor, lint: LintController, lint_panel: LintPanel,
                 seo_panel: SeoPanel, status: StatusBar, store, colors: Callable[[], Colors],
                 on_dictionary_changed: Callable[[], None]) -> None:
        super().__init__(parent)  # the window: the parent of the dismissal dialog
        self.editor, self.lint = editor, lint
        self.lint_panel, self.seo_panel, self.status, self.store = lint_panel, seo_panel, status, store
        self.colors = colors
        self.on_dictionary_changed = on_dictionary_changed
        editor.tooltip_provider = self.tooltip_at
        editor.menu_extender = self.extend_menu
        lint.reportReady.connect(self.show_report)
        lint.checking.connect(lambda on: status.set_lint("Checking…" if on else self.summary()))
        lint.message.connect(lambda m: status.showMessage(m, 8000))
        lint_panel.findingActivated.connect(self.select_finding)

    def tooltip_at(self, pos: int) -> str | None:
        return tooltip_html(self.editor.underlines.at(pos), self.colors())

    def extend_menu(self, menu: QMenu, pos: int) -> None:
        """Lint actions for the findings under the click, above the standard items."""
        items = self.editor.underlines.at(pos)
        if not items:
            return
        first = menu.actions()[0] if menu.actions() else None

        def add(text: str, slot) -> None:
            a = QAction(text, menu)
            a.triggered.connect(slot)
            menu.insertAction(first, a)

        for m in items[:3]:
            f = m.finding
            menu.insertSection(first, f.message if len(f.message) < 70 else f.message[:69] + "…")
            for r in f.replacements[:5]:
                add(f"Replace with “{r}”" if r else "Delete", lambda _c=False, mm=m, rr=r: self.lint.apply(mm, rr))
            add("Dismiss…", lambda _c=False, mm=m: self.dismiss(mm))
            add("Dismiss All Like This…", lambda _c=False, mm=m: self.dismiss(mm, every=True))
            word = m.cursor.selectedText()
            if f.engine == "grammar" and word and " " not in word and len(word) < 60:
                add(f"Add “{word}” to Dictionary", lambda _c=False, w=word: self.add_word(w))
                add(f"Ignore “{word}” in This Draft", lambda _c=False, w=word: self.add_word(w, True))
        if first is not None:
            menu.insertSeparator(first)

    def dismiss(self, m: Marked, reason: str | None = None, every: bool = False) -> None:
        if reason is None:
            from ..dialogs import small as dialogs

            reason = dialogs.ask_dismiss_reason(self.parent(), m.finding.message)
            if reason is None:
                return
        if every:
            n = self.lint.dismiss_all(m, reason)
            if n:
                self.status.showMessage(f"Dismissed {n} alike; the decisions are kept with the draft.", 5000)
            return
        if self.lint.dismiss(m, reason):
            self.status.showMessage("Dismissed; the decision is kept with the draft.", 5000)

    def add_word(self, word: str, draft_only: bool = False) -> None:
        if not self.lint.add_word(word, draft_only):
            return
        if draft_only:
            self.status.showMessage(f"“{word}” is ignored in this draft, every occurrence.", 5000)
            return
        self.on_dictionary_changed()
        self.status.showMessage(f"Added “{word}” to the personal dictionary.", 5000)

    def select_finding(self, marked_id: int) -> None:
        m = self.editor.underlines.get(marked_id)
        if m is None:
            return
        if m.end > m.start:
            self.editor.select_positions(m.start, m.end)
            self.editor.centerCursor()
        self.editor.setFocus()

    def summary(self) -> str:
        if self.lint.report is None:
            return ""
        from .lint import problem_counts, problem_summary

        return problem_summary(problem_counts(self.editor.underlines.items))

    def show_report(self, report) -> None:
        text = self.editor.text()
        self.lint_panel.set_report(self.editor.underlines.items, report.notes, self._dismissed(report, text),
                                   flagged_head)
        self.seo_panel.set_report(report.scores, report.keyphrase, report.findings)
        self.status.set_lint(self.summary())

    def _dismissed(self, report, text: str) -> list[tuple[str, str, str]]:
        """(message, flagged text, reason) of the dismissed findings."""
        if not report.dismissed or self.lint.draft_id is None:
            return []
        try:
            decisions = self.store.decisions.for_draft(self.lint.draft_id)
        except DeskeditorError:
            decisions = {}
        reasons = {(d["engine"], d["rule"], d["text"]): d.get("reason", "") for d in decisions.values()}
        out = []
        for f in report.dismissed:
            flagged = text[f.start:f.end] if f.end <= len(text) else ""
            out.append((f.message, flagged, reasons.get((f.engine, f.rule, flagged), "")))
        return out
