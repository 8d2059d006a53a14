"""Hostile drafts: the core renders, extracts and analyses them without crashing.

Sizes here are kept moderate so the suite stays fast; bench/hostile.py runs
the full-size versions (a 5 MB line, 100,000 links, a 10,000-row table) and
prints how long each stage took.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskeditor.core.lint.analysis import analyze
from deskeditor.core.markdown.prose import extract_prose
from deskeditor.core.citations.render import CitationRenderer as BlockRenderer, render_html  # what the app renders with
from deskeditor.core.citations.render import PLUGINS
from deskeditor.core.markdown.render import render_blocks

HOSTILE = {
    "nested lists": "".join("  " * i + "- x\n" for i in range(300)),
    "nested quotes": ">" * 5000 + " deep\n",
    "big table": "| a | b |\n|---|---|\n" + "".join(f"| {i} | cell {i} |\n" for i in range(2000)),
    "long line": "word " * 200_000,
    "many links": " ".join(f"[l{i}](http://e.com/{i})" for i in range(5000)),
    "control chars": "".join(chr(i) for i in range(1, 32)) * 200 + "\n",
    "bidi overrides": "abc \u202e def \u202d ghi \u2066x\u2069 jkl\n" * 500,
    "NUL bytes": "a\x00b\x00 c.\n" * 2000,
    "emphasis bomb": "*a **a " * 5000,
    "bracket bomb": "[" * 10000 + "a" + "]" * 10000,
    "lone surrogates": "text \udc80 more \ud800 end.\n",
    "front matter only": "---\ntitle: x\n---\n",
    "unclosed front matter": "---\ntitle: x\n\nbody text here.\n",
    "empty": "",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_core_survives(name):
    src = HOSTILE[name]
    html = render_html(src)
    assert "<script" not in html
    segs = extract_prose(src)
    for s in segs:
        for ch, off in zip(s.text, s.offsets):
            assert off < 0 or src[off] == ch
    analysis = analyze(src, {"keyphrase": "cell"})
    assert analysis.scores  # it finished with figures
    r = BlockRenderer()
    r.reset(src)
    r.update(src + "\n\nmore\n")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text(src):
    render_html(src)
    for s in extract_prose(src):
        for ch, off in zip(s.text, s.offsets):
            assert off < 0 or src[off] == ch
    analyze(src, {"keyphrase": "a b"})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="#>*-_`[]()!|\\:\n \tab1.~<&@^=", max_size=300))
def test_markdown_punctuation_soup(src):
    blocks = render_blocks(src, plugins=PLUGINS).blocks
    assert all(b.start <= b.end for b in blocks)
    for s in extract_prose(src):
        for ch, off in zip(s.text, s.offsets):
            assert off < 0 or src[off] == ch
