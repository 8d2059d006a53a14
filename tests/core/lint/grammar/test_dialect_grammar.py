"""The dialect corpus (tests/data/dialect) against the real LanguageTool:
exactly the expected grammar findings, each located exactly, none inside
math, shortcodes, Liquid, emoji codes, attribute lists or HTML tags, and the
caption written in raw HTML is checked."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from deskeditor.core.lint.grammar import GrammarEngine, GrammarSettings

sys.path.insert(0, str(Path(__file__).parents[2] / "markdown"))
from dialect_spans import dialect_spans  # noqa: E402

DATA = Path(__file__).parents[3] / "data" / "dialect"
POSTS = sorted(p.stem for p in DATA.glob("*.md"))

pytestmark = pytest.mark.grammar


@pytest.fixture
def engine(lt_server):
    return GrammarEngine(GrammarSettings(), lt_server)


@pytest.mark.parametrize("name", POSTS)
def test_expected_grammar_findings_and_none_inside_the_dialect(engine, name):
    src = (DATA / f"{name}.md").read_text()
    expected = json.loads((DATA / f"{name}.expected.json").read_text())["grammar"]
    result = engine.check(src)
    assert result.available, result.status
    got = [[f.rule, f.text(src)] for f in result.findings]
    assert sorted(got) == sorted(expected)
    spans = dialect_spans(src)
    for f in result.findings:
        assert not any(a < f.end and f.start < b for a, b, _k in spans), (f.rule, f.text(src))
        assert f.text(src) == src[f.start : f.end]


def test_a_caption_in_raw_html_is_checked(engine):
    src = ('Intro paragraph that is fine.\n\n<div class="imgcap">\n<img src="a.png">\n'
           '<div class="thecap">The circuit, where we recieve the gradient.</div>\n</div>\n')
    result = engine.check(src)
    hits = [f for f in result.findings if f.text(src) == "recieve"]
    assert hits and hits[0].extra["block_kind"] == "paragraph"
    assert src[hits[0].start : hits[0].end] == "recieve"
