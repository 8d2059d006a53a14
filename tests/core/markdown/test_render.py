"""Rendering: source lines, block splitting, incremental updates, sanitizing."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from deskeditor.core.markdown.render import BlockRenderer, render_blocks, render_html


def test_every_block_element_carries_its_source_line():
    src = "# Title\n\nPara one\nstill one\n\n- a\n- b\n\n> q\n"
    html = render_html(src)
    assert '<h1 id="title" data-source-line="0">' in html
    assert '<p data-source-line="2">' in html
    assert '<ul data-source-line="5">' in html
    assert '<li data-source-line="6">' in html
    assert '<blockquote data-source-line="8">' in html


def test_extensions():
    src = ("---\ntitle: t\n---\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n\n"
           "Note[^n].\n\n[^n]: The note.\n\n## Café – Ünïcode\n")
    html = render_html(src, source_lines=False)
    assert "title: t" not in html
    assert "<table>" in html and 'style="text-align:right"' in html
    assert "<s>gone</s>" in html
    assert 'type="checkbox"' in html and "checked" in html
    assert 'class="footnote-ref"' in html and "The note." in html
    assert 'id="cafe-unicode"' in html


def test_raw_html_is_sanitized():
    src = ('<script>alert(1)</script>\n\n<img src="x.png" onerror="alert(1)">\n\n'
           '<a href="javascript:alert(1)">x</a> [y](javascript:alert(2))\n\n<p onclick="z()">p</p>\n')
    html = render_html(src)
    for bad in ("<script", "onerror", 'href="javascript:', "onclick", "alert(1)"):
        assert bad not in html.lower()
    assert "[y](javascript:alert(2))" in html  # a refused link stays visible as text
    assert 'src="x.png"' in html


def test_blocks_have_relative_lines_and_stable_keys():
    src = "# A\n\npara\n\n- x\n- y\n"
    blocks = render_blocks(src).blocks
    assert [(b.start, b.end) for b in blocks] == [(0, 1), (2, 3), (4, 6)]
    assert 'data-source-line="0"' in blocks[2].html and 'data-source-line="1"' in blocks[2].html
    moved = render_blocks("new\n\n" + src).blocks
    assert [b.key for b in moved[1:]] == [b.key for b in blocks]
    assert [b.html for b in moved[1:]] == [b.html for b in blocks]


def test_one_word_edit_rerenders_few_blocks(sample_markdown):
    r = BlockRenderer()
    first = r.reset(sample_markdown)
    edited = sample_markdown.replace("Putin cautiously", "Putin very cautiously", 1)
    result = r.update(edited)
    assert not result.full and result.reparsed <= 3
    assert [b.key for b in result.blocks] == [b.key for b in render_blocks(edited).blocks]
    assert len(result.blocks) == len(first.blocks)


LINES = st.sampled_from([
    "", "", "plain words here", "# Heading", "## Sub", "- item", "  - nested", "1. one", "> quote",
    "    indented code", "***", "text with *emph*", "| a | b |", "|---|---|", "===", "---", "```",
    "~~~", "[ref]: http://x.com", "see [ref]", "<div>", "</div>", "Note[^1].", "[^1]: foot",
    "- [ ] task", "  continuation", "Setext", "",
])


@st.composite
def doc_and_edit(draw):
    lines = draw(st.lists(LINES, min_size=1, max_size=25))
    n = len(lines)
    i = draw(st.integers(0, n))
    j = draw(st.integers(i, min(n, i + 3)))
    new = draw(st.lists(LINES, max_size=3))
    return "\n".join(lines), "\n".join(lines[:i] + new + lines[j:])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc_and_edit())
@example(("1. one\n\n- [ ] task\n\nplain words here", "\n- [ ] task\n\nplain words here"))
@example(("\n\nsee [ref]\n\n\nplain words here\n[ref]: http://x.com", "\n\nsee [ref]\n\n[ref]: http://x.com"))
@example(("# Heading\n# Heading\n", "\n# Heading\n# Heading\n"))
@example(("[^1]: foot\n# Heading", "[^1]: foot\n    indented code\n# Heading"))
@example(("\n\n[ref]: http://x.com\nplain words here\n# Heading\nsee [ref]",
          "\n\n[ref]: http://x.com\nplain words here\n# Heading\nsee [ref]\n"))
def test_incremental_equals_full(pair):
    check_incremental(*pair)


def check_incremental(before: str, after: str) -> None:
    """The preview's incremental update of ``before`` to ``after`` gives the blocks a full render gives."""
    r = BlockRenderer()
    r.reset(before)
    inc = r.update(after).blocks
    full = render_blocks(after).blocks
    assert [(b.start, b.end, b.key, b.html) for b in inc] == [(b.start, b.end, b.key, b.html) for b in full]


def test_incremental_after_several_edits(sample_markdown):
    r = BlockRenderer()
    r.reset(sample_markdown)
    text = sample_markdown
    for k, word in enumerate(["alpha", "beta", "gamma", "delta"]):
        pos = [m.start() for m in re.finditer(r"\n\n", text)][5 + k * 7]
        text = text[:pos] + f" {word}" + text[pos:]
        inc = r.update(text).blocks
    assert [b.key for b in inc] == [b.key for b in render_blocks(text).blocks]


def test_the_title_field_is_the_previews_h1_once():
    """Issue 20, 2: the title is ``title:``; the preview shows it as the H1
    where the front matter stands, unless the body's H1 is that same title."""
    first = render_blocks("---\ntitle: Truce <holds>\n---\n\nText.\n").blocks[0]
    assert first.kind == "front_matter" and first.html == '<h1 class="de-title">Truce &lt;holds&gt;</h1>'
    again = render_blocks("---\ntitle: Truce holds\n---\n\n# Truce  holds\n\nText.\n").blocks[0]
    assert again.html == ""
    assert render_blocks("---\ntitle: [broken\n---\n\nText.\n").blocks[0].html == ""
