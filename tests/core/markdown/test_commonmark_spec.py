"""The CommonMark spec's own examples render as the spec says through our
pipeline, once our source-line attributes are removed.

The examples come from the npm package commonmark-spec (fetched into the user
cache by scripts/fetch-commonmark-spec). Our extensions change some examples on
purpose; ``CHANGED_ON_PURPOSE`` lists each with the reason, and the test
checks that this list stays exact: an example listed here that starts to pass
fails the test too.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from deskeditor.core.markdown.parser import make_commonmark_parser, make_parser

SPEC = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "deskeditor/commonmark-spec/0.31.2/spec.json"


def load():
    if not SPEC.exists():
        if os.environ.get("DESKEDITOR_REQUIRE_GRAMMAR"):  # set by scripts/test: CI must not skip
            pytest.fail(f"{SPEC} is missing: scripts/fetch-commonmark-spec did not run")
        pytest.skip("CommonMark spec not fetched (run scripts/fetch-commonmark-spec)")
    return [dict(e, markdown=e["markdown"].replace("→", "\t"), html=e["html"].replace("→", "\t"))
            for e in json.loads(SPEC.read_text())]


def strip_lines(html: str) -> str:
    return re.sub(r' data-source-line="\d+"', "", html)


def ours(markdown: str) -> str:
    """Our pipeline's HTML without our attributes: source lines and heading ids."""
    html = strip_lines(make_parser().render(markdown, {}))
    return re.sub(r'(<h[1-6]) id="[^"]*"', r"\1", html)


def test_source_line_rule_changes_nothing_else():
    """On plain CommonMark, adding source lines changes no example's output."""
    from markdown_it import MarkdownIt

    plain = MarkdownIt("commonmark")
    md = make_commonmark_parser()
    changed = [e["number"] for e in load()
               if strip_lines(md.render(e["markdown"], {})) != plain.render(e["markdown"])]
    assert changed == []


def test_our_pipeline_matches_the_spec_except_where_listed():
    failures = {}
    for e in load():
        got = ours(e["markdown"])
        if got != e["html"]:
            failures[e.get("number", e.get("example"))] = e["section"]
    listed = {n: s for n, s in CHANGED_ON_PURPOSE.items()}
    assert sorted(failures) == sorted(listed), (
        f"unexpected: {sorted(set(failures) - set(listed))}; now passing: {sorted(set(listed) - set(failures))}")


# Example number -> spec section, for each example whose output differs on purpose.
# Heading ids (the anchors extension) are removed before comparing, like source lines.
CHANGED_ON_PURPOSE: dict[int, str] = {
    # front matter: a document opening with "---" ... "---" is YAML front matter
    96: "Setext headings",
    98: "Setext headings",
    # linkify: bare URLs and e-mail addresses become links
    602: "Autolinks",
    608: "Autolinks",
    611: "Autolinks",
    612: "Autolinks",
    # markdown-it-py itself (not our extensions) prints an empty block quote on one line
    218: "Link reference definitions",
    239: "Block quotes",
    240: "Block quotes",
}
