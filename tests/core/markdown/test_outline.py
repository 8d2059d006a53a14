"""Headings and the first paragraph, read with the Markdown parser: what the
store names a draft after, what the Outline lists, what the SEO snippet shows."""

from __future__ import annotations

from deskeditor.core.markdown.outline import (SCAN_CHARS, SNIPPET_CHARS, Heading, first_heading, first_paragraph,
                                             heading_of, opening_heading)
from deskeditor.core.store import Store


def test_the_first_prose_paragraph_after_front_matter_and_headings_with_whitespace_folded():
    text = "---\ntitle: T\n---\n# Heading\n\n![alt](a.png)\n\n  Talks   resumed\non Monday.\n\nSecond.\n"
    assert first_paragraph(text) == "Talks resumed on Monday."


def test_a_blank_line_of_spaces_ends_a_paragraph():
    assert first_paragraph("# H\n \t \nFirst.\n") == "First."


def test_a_huge_paragraph_is_cut_and_a_paragraph_past_the_scan_is_not_looked_for():
    assert first_paragraph("word " * 1_000_000) == ("word " * SNIPPET_CHARS)[:SNIPPET_CHARS]
    table = "# h\n\n| a |\n|---|\n"
    assert first_paragraph(table + "| t |\n" * SCAN_CHARS + "\nFar.\n") == ""
    assert first_paragraph(table + "| t |\n" * 100 + "\nNear.\n") == "Near."


def test_the_first_paragraph_is_what_a_reader_sees():
    text = "```\nprint('code first')\n\nstill code\n```\n\nThe **talks** [resumed](https://example.com) on `Monday`.\n"
    assert first_paragraph(text) == "The talks resumed on Monday."
    assert first_paragraph("<div>\nraw html\n</div>\n\n> a quote\n\n- a list\n\nProse.\n") == "Prose."


def test_the_first_level_one_heading_ignores_code_and_reads_setext_and_markup():
    assert first_heading("```sh\n# not a title\n```\n\n# The *real* title #\n") == "The real title"
    assert first_heading("Intro.\n\n## Sub\n\nTitle [with a link](https://x.org)\n===\n") == "Title with a link"
    assert first_heading("---\ntitle: x\n---\n    # indented code\n\nNo heading.\n") == ""


def test_a_draft_is_named_after_its_first_real_heading(tmp_path):
    with Store.open(tmp_path / "d.db") as store:
        d = store.drafts.create("```python\n# a comment\n```\n\nCeasefire *talks*\n=================\n\nText.\n")
        assert d.title == "Ceasefire talks" and d.slug == "ceasefire-talks"


def test_heading_of_a_block():
    assert heading_of(["## A **b** ##"], 0, 1) == Heading(0, 2, "A b")
    assert heading_of(["x", "Setext", "------"], 1, 3) == Heading(1, 2, "Setext")
    assert heading_of(["a paragraph"], 0, 1) is None
    assert heading_of(["#hashtag, not a heading"], 0, 1) is None
    assert heading_of([], 0, 1) is None


def test_the_heading_a_text_opens_with():
    assert opening_heading("\n# The *title* #\n\nText.\n") == (1, "The *title*", 17)
    assert opening_heading("Title\n=====\nText.\n") == (1, "Title", 12)
    assert opening_heading("Text.\n\n# Later\n") is None
    assert opening_heading("    # indented code\n") is None
