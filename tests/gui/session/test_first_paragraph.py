"""The SEO snippet's first paragraph: what it picks, and how far it reads."""

from __future__ import annotations

from deskeditor.gui.session.fields import SNIPPET_CHARS, SNIPPET_SCAN, first_paragraph


def test_the_first_prose_paragraph_after_front_matter_and_headings_with_whitespace_folded():
    text = "---\ntitle: T\n---\n# Heading\n\n![alt](a.png)\n\n  Talks   resumed\non Monday.\n\nSecond.\n"
    assert first_paragraph(text) == "Talks resumed on Monday."


def test_a_blank_line_of_spaces_ends_a_paragraph():
    assert first_paragraph("# H\n \t \nFirst.\n") == "First."


def test_a_huge_paragraph_is_cut_and_a_paragraph_past_the_scan_is_not_looked_for():
    assert first_paragraph("word " * 1_000_000) == ("word " * SNIPPET_CHARS)[:SNIPPET_CHARS]
    assert first_paragraph("# h\n\n" + "| t |\n" * SNIPPET_SCAN + "\nFar.\n") == ""
