"""Block-editor HTML <-> Markdown: every core block type, byte-identical round trips."""

from __future__ import annotations

import pytest

from blocks_sample import CONVERTIBLE, EVERY_BLOCK, RAW
from deskeditor.core.wordpress import blocks


@pytest.mark.parametrize("name", sorted(CONVERTIBLE))
def test_core_blocks_become_markdown(name):
    raw = CONVERTIBLE[name]
    md = blocks.block_markdown(raw)
    assert md != raw and "<!--" not in md
    assert blocks.render_chunk(md) == raw  # and back, byte for byte


def test_markdown_forms():
    md = {k: blocks.block_markdown(v) for k, v in CONVERTIBLE.items()}
    assert md["heading"] == "## What it says" and md["heading3"] == "### In detail"
    assert md["list"] == "- Thirty days\n- A **prisoner** exchange"
    assert md["ordered"] == "1. First\n2. Second"
    assert md["quote"] == "> We are ready to talk."
    assert md["image"] == "![A map of the front](https://example.org/map.png)"
    assert md["table"].startswith("| Side | Troops |\n|---|---|")
    assert md["separator"] == "---"
    assert md["code"].startswith("```\ndef talk():") and "a < b && c" in md["code"]
    assert "**Thursday**" in md["paragraph"] and "[the terms](https://example.org/terms)" in md["paragraph"]


@pytest.mark.parametrize("name", sorted(RAW))
def test_blocks_markdown_cannot_express_stay_verbatim(name):
    assert blocks.block_markdown(RAW[name]) == RAW[name]


def test_every_block_round_trips_byte_identical():
    doc = blocks.parse(EVERY_BLOCK)
    assert doc.raw == EVERY_BLOCK
    md = doc.markdown
    assert blocks.split_chunks(md) == [i.md for i in doc.items]
    assert blocks.to_raw(md, [doc]) == EVERY_BLOCK
    for raw in RAW.values():
        assert raw in md  # kept as a raw block in the Markdown


def test_an_edit_touches_only_its_own_block():
    doc = blocks.parse(EVERY_BLOCK)
    md = doc.markdown.replace("## What it says", "## What the proposal says")
    md = md.replace("[gallery ids=\"11,12\" columns=\"2\"]", "[gallery ids=\"11,12\" columns=\"3\"]")
    md += "\nA new closing line.\n"
    out = blocks.to_raw(md, [doc])
    expected = (EVERY_BLOCK.replace("<h2>What it says</h2>", "<h2>What the proposal says</h2>")
                .replace('columns="2"]', 'columns="3"]').rstrip("\n")
                + "\n\n<!-- wp:paragraph -->\n<p>A new closing line.</p>\n<!-- /wp:paragraph -->")
    assert out == expected


def test_freeform_classic_content_survives():
    raw = "<p>Classic <em>one</em></p>\n\n<p>Classic two</p>\n\n<!-- wp:paragraph -->\n<p>Block</p>\n<!-- /wp:paragraph -->\n"
    doc = blocks.parse(raw)
    assert doc.raw == raw
    assert blocks.to_raw(doc.markdown, [doc]) == raw


def test_new_markdown_renders_as_blocks():
    out = blocks.render_chunk("- one\n  - nested\n- two")
    assert out.startswith("<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>one<!-- wp:list -->")
    assert blocks.render_chunk("#### Small") == '<!-- wp:heading {"level":4} -->\n<h4>Small</h4>\n<!-- /wp:heading -->'


def test_unclosed_block_is_kept_as_text():
    raw = "<!-- wp:paragraph -->\n<p>never closed</p>\n"
    doc = blocks.parse(raw)
    assert doc.raw == raw and blocks.to_raw(doc.markdown, [doc]) == raw
