"""The publication gate: what is still unresolved before a post leaves.

Before an export or a publication the lint runner checks the draft (grammar
only when an engine is given), dismissed findings are set aside, and the rest
are listed. The store setting ``export.block_on_errors`` (default True)
decides whether unresolved errors block; warnings and infos never do. The
summary names each engine's share of the errors, so a writer sees at once
whether spelling or SEO holds the post back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..lint.runner import ENGINES, LintRunner
from ..model import Finding, line_col
from ..review.marks import find_marks, pending

BLOCK_SETTING = "export.block_on_errors"


@dataclass
class GateResult:
    findings: list[Finding] = field(default_factory=list)  # unresolved (not dismissed)
    dismissed: int = 0
    notes: list[str] = field(default_factory=list)
    block_on_errors: bool = True
    source: str = ""
    review: tuple[int, int] = (0, 0)  # suggestions and comment threads still open (CriticMarkup)
    review_travels: bool = False  # they go with the post, for review (a WordPress draft or pending post)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def review_blocks(self) -> bool:
        """Open suggestions and comments block, unless they travel with the post to be reviewed there."""
        return any(self.review) and not self.review_travels

    @property
    def blocked(self) -> bool:
        return (self.block_on_errors and bool(self.errors)) or self.review_blocks

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def lines(self) -> list[str]:
        """One line per unresolved finding: ``line:col severity engine/rule message``."""
        rows = []
        if any(self.review):
            line, col = line_col(self.source, find_marks(self.source)[0].start)
            what = "travel with the post, for review" if self.review_travels else \
                "to accept, reject or resolve (Review panel)"
            rows.append(f"{line}:{col}\t{'info' if self.review_travels else 'error'}\treview/pending\t"
                        f"{self.review[0]} suggestion(s) and {self.review[1]} comment(s) {what}")
        for f in self.findings:
            line, col = line_col(self.source, f.start)
            rows.append(f"{line}:{col}\t{f.severity}\t{f.engine}/{f.rule}\t{f.message}")
        return rows

    def errors_by_engine(self) -> dict[str, int]:
        """Unresolved errors per engine, most first: {"grammar": 3, "seo": 1}."""
        out: dict[str, int] = {}
        for f in self.errors:
            out[f.engine] = out.get(f.engine, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))

    def summary(self) -> str:
        c = self.counts()
        shares = ", ".join(f"{engine} {n}" for engine, n in self.errors_by_engine().items())
        text = (f"{c['error']} error(s){f' ({shares})' if shares else ''}, {c['warning']} warning(s), "
                f"{c['info']} info unresolved"
                f"{f'; {self.dismissed} dismissed' if self.dismissed else ''}")
        if any(self.review):
            text += f"; {self.review[0]} suggestion(s) and {self.review[1]} comment(s) under review"
            text += " (sent with the post)" if self.review_travels else ""
        if self.blocked:
            text += (" - blocked: accept or reject the suggestions and resolve the comments" if self.review_blocks
                     else " - blocked: resolve or dismiss the errors")
        return text


def draft_fields(draft: Any) -> dict[str, Any]:
    return {k: getattr(draft, k) for k in (
        "title", "slug", "seo_title", "meta_description", "keyphrase", "related_keyphrases",
        "author", "tags", "categories", "date", "status")}


def check(store: Any, draft: Any, *, grammar: Any = None) -> GateResult:
    """Run the linters on ``draft`` and list what is unresolved."""
    engines = [e for e in ENGINES if e != "grammar" or grammar is not None]
    from ..site.links import for_draft

    runner = LintRunner(grammar=grammar, sources=store.sources, engines=engines, site=for_draft(store, draft.id))
    others = [kp for _id, kp in store.drafts.focus_keyphrases(draft.id)]
    report = runner.run(draft.body, draft_fields(draft), other_focus_keyphrases=others,
                        dismissed_keys=store.decisions.dismissed_keys(draft.id))
    notes = list(report.notes)
    if grammar is None:
        notes.append("grammar not checked (no LanguageTool server in use)")
    return GateResult(
        findings=list(report.findings),
        dismissed=len(report.dismissed),
        notes=notes,
        block_on_errors=bool(store.settings.get(BLOCK_SETTING, True)),
        source=draft.body,
        review=pending(find_marks(draft.body)),
    )
