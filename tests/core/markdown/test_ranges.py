"""markdown.ranges: a large draft cut into ranges of whole top-level blocks."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from deskeditor.core.markdown.parser import make_parser
from deskeditor.core.markdown.prose import extract_prose
from deskeditor.core.markdown.ranges import block_ranges, shift_segments, shift_tokens

LIST_ITEM = re.compile(r"([-*+]|\d{1,9}[.)])( |$)")
BLOCKS = st.sampled_from([
    "Para one.\n", "# Heading\n", "- a\n- b\n", "- a\n\n  continued\n", "```\ncode\n\nmore\n```\n",
    "> quote\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "<pre>\nx\n\ny\n</pre>\n", "<!-- c\n\nd -->\n",
    "    indented code\n", "Text with [a link](http://e.com) and *em*.\n", "1. one\n\n2. two\n",
])


def whole_blocks_of(source: str) -> list[tuple[int, int]]:
    tokens = make_parser().parse(source, {"source_lines": False})
    return [tuple(t.map) for t in tokens if t.level == 0 and t.nesting >= 0 and t.map]


@settings(max_examples=200, deadline=None)
@given(st.lists(BLOCKS, min_size=1, max_size=30), st.integers(1, 60), st.booleans())
def test_ranges_cover_the_draft_and_cut_only_between_top_level_blocks(blocks, size, front_matter):
    source = ("---\ntitle: T\n\nx: 1\n---\n" if front_matter else "") + "\n".join(blocks)
    ranges = block_ranges(source, size)
    assert "".join(source[r.start:r.end] for r in ranges) == source
    assert [r.start for r in ranges[1:]] == [r.end for r in ranges[:-1]]
    starts = {a for a, _ in whole_blocks_of(source)}
    for r in ranges[1:]:
        assert r.line == source.count("\n", 0, r.start)
        line = source[r.start:].split("\n", 1)[0]
        # a new top-level block begins there, or a new item of a loose list (documented)
        assert r.line in starts or LIST_ITEM.match(line), (r, source)


def test_prose_from_ranges_equals_prose_of_the_whole():
    block = ("## Talks\n\nThe ceasefire talks resumed, [Reuters](https://r.com) said.\n\n"
             "- first point\n- second point\n\n```\nnot prose\n\nstill code\n```\n\n> A quote.\n\n")
    source = block * 40
    whole = extract_prose(source)
    tokens_all, segs_all, blocks = [], [], 0
    for r in block_ranges(source, 500):
        piece = source[r.start:r.end]
        toks = make_parser().parse(piece, {"source_lines": False})
        segs = extract_prose(piece, toks)
        n = shift_tokens(toks, r.line)
        shift_segments(segs, r.start, r.line, blocks)
        blocks += n
        segs_all += segs
    assert len(block_ranges(source, 500)) > 10
    assert [(s.kind, s.text, s.offsets, s.line, s.block) for s in segs_all] == \
        [(s.kind, s.text, s.offsets, s.line, s.block) for s in whole]


def test_a_block_as_large_as_a_range_is_a_range_of_its_own():
    small = "A short paragraph.\n\n"
    huge = "word " * 300 + "\n\n"
    source = small * 3 + huge + small * 3
    ranges = block_ranges(source, 1_000)
    pieces = [source[r.start:r.end] for r in ranges]
    assert pieces == [small * 3, huge, small * 3]
    assert [r.lines(source) for r in ranges] == [(1, 6), (7, 8), (9, 14)]
