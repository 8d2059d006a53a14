"""``deskeditor lint ID|FILE``: every linter on one draft, as text or JSON.

Exit status 1 when any unresolved finding is an error (dismissed findings do
not count), 0 otherwise, 2 for bad input. A grammar server that is missing or
down is one line in ``notes`` (and on stderr for the text format); the other
engines still report.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..core.lint.analysis import site_url_setting
from ..core.lint.runner import ENGINES, LintReport, LintRunner


def _known_words(store: Any, draft_id: int | None) -> frozenset[str]:
    """The words of the writer's other drafts (probable names when flagged)."""
    import sqlite3

    try:
        return store.drafts.vocabulary(exclude_id=draft_id)
    except sqlite3.Error:  # no index to read (a read-only or damaged store): no help, no harm
        return frozenset()


def grammar_settings(store: Any, args: argparse.Namespace | None = None, draft_id: int | None = None):
    """GrammarSettings from the store's settings, the personal dictionary
    (every scope that applies to the draft) and the other drafts' words."""
    from ..core.lint.grammar import GrammarSettings

    conf = store.settings.get("grammar", {}) if store is not None else {}
    words = tuple(store.dictionary.words_for(draft_id)) if store is not None else ()
    known = _known_words(store, draft_id) if store is not None else frozenset()
    language = getattr(args, "language", None) or conf.get("language", "en-US")
    return GrammarSettings(
        language=language,
        picky=bool(conf.get("picky", False)),
        disabled_rules=tuple(conf.get("disabled_rules", ())),
        dictionary=words,
        known_words=known,
        server_url=getattr(args, "grammar_server", None) or conf.get("server_url", ""),
        allow_download=bool(conf.get("allow_download", False)),
        use_public_api=bool(conf.get("use_public_api", False)),
    )


def make_grammar_engine(store: Any, args: argparse.Namespace | None = None, draft_id: int | None = None):
    from ..core.lint.grammar import GrammarEngine, server_for
    from ..core.lint.grammar.disk_cache import cache_for

    settings = grammar_settings(store, args, draft_id)
    server = server_for(settings)
    return GrammarEngine(settings, server, cache=cache_for(settings, server))


def lint_source(text: str, fields: dict[str, Any], *, store: Any = None, draft_id: int | None = None,
                engines: tuple[str, ...] = ENGINES, grammar: Any = None) -> LintReport:
    from ..core.site.links import for_draft

    site = for_draft(store, draft_id)
    if site is not None and site[0].base_url:  # a site's post: its own address tells internal links
        fields = dict(fields, site_url_setting=site[0].base_url)
    runner = LintRunner(grammar=grammar, sources=store.sources if store is not None else None,
                        engines=engines, site=site)
    others: list[str] = []
    dismissed: set[str] = set()
    if store is not None:
        others = [k for _id, k in store.drafts.focus_keyphrases(exclude_id=draft_id)]
        if draft_id is not None:
            dismissed = store.decisions.dismissed_keys(draft_id)
    return runner.run(text, fields, other_focus_keyphrases=others, dismissed_keys=dismissed)


def _print_text(report: LintReport, source: str) -> None:
    out = sys.stdout
    st = report.stats
    if st:
        out.write(f"{st.get('words', 0)} words, {st.get('sentences', 0)} sentences, "
                  f"{st.get('paragraphs', 0)} paragraphs, "
                  f"{st.get('reading_time_minutes', 0)} min read\n")
    if report.scores:
        out.write("scores: " + ", ".join(f"{k} {v}" for k, v in report.scores.items()) + "\n")
    kp = report.keyphrase
    if kp.get("phrase"):
        out.write(f"keyphrase {kp['phrase']!r}: found {kp.get('count')} times (Yoast's count), "
                  f"density {kp.get('density')}%; {kp.get('exact_count')} exact, "
                  f"{kp.get('sentence_count')} sentences\n")
    for f in report.findings:
        d = f.to_dict(source)
        text = d["text"].replace("\n", " ")
        if len(text) > 40:
            text = text[:37] + "..."
        loc = f"{d['line']}:{d['column']}"
        extra = f" -> {', '.join(f.replacements[:3])}" if f.replacements else ""
        quoted = f" \"{text}\"" if text else ""
        out.write(f"{loc:>8}  {f.severity:<7} {f.engine}/{f.rule}: {f.message}{quoted}{extra}\n")
    for note in report.notes:
        print(f"deskeditor: {note}", file=sys.stderr)


def run_lint(args: argparse.Namespace) -> int:
    from .main import load_target, open_store, print_json

    text, fields, draft = load_target(args, args.target)
    store = None
    try:
        store = open_store(args) if (draft is not None or args.db) else None
    except Exception:
        store = None
    if args.keyphrase is not None:
        fields = dict(fields, keyphrase=args.keyphrase)
    if args.site_url:
        fields = dict(fields, site_url=args.site_url)
    elif store is not None:
        fields = dict(fields, site_url_setting=site_url_setting(store))
    engines = tuple(e for e in ENGINES if e not in set(args.skip or ()))
    grammar = None
    if "grammar" in engines:
        grammar = make_grammar_engine(store, args, draft.id if draft else None)
    try:
        report = lint_source(text, fields, store=store, draft_id=draft.id if draft else None,
                             engines=engines, grammar=grammar)
    finally:
        if grammar is not None:
            grammar.server.stop()  # a local server this command started is not left running
    if args.format == "json":
        print_json(report.to_dict(text))
        for note in report.notes:
            print(f"deskeditor: {note}", file=sys.stderr)
    else:
        _print_text(report, text)
    return 1 if report.errors else 0


def register(sub, add) -> None:
    p = add("lint", run_lint, "check a draft or a file: SEO, readability, citations, grammar")
    p.add_argument("target", metavar="ID|FILE")
    p.add_argument("--keyphrase", metavar="K", help="focus keyphrase (overrides the draft's)")
    p.add_argument("--site-url", metavar="URL",
                   help="the site's address, to tell internal links from outbound ones "
                        "(default: the draft's site_url, else the site_url setting)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--skip", action="append", choices=list(ENGINES), metavar="ENGINE",
                   help="leave an engine out (seo, readability, citations, grammar); repeatable")
    p.add_argument("--language", metavar="xx-YY", help="English variant for grammar, e.g. en-GB")
    p.add_argument("--grammar-server", metavar="URL", help="use this LanguageTool server")
