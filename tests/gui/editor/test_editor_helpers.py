"""The editor's pure helpers: UTF-16 offsets, minimal edits, find and replace,
formatting, list continuation, clipboard HTML, the diff table, the outline."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from deskeditor.core.model import Finding
from deskeditor.gui.editor.find import Query, count, find_next, replace_all, replacement_for
from deskeditor.gui.editor.formatting import make_link, toggle_wrap, word_bounds
from deskeditor.gui.editor.lists import continuation
from deskeditor.gui.editor.offsets import Utf16Map, to_utf16_offsets, utf16_len
from deskeditor.gui.editor.paste import has_structure, html_to_markdown
from deskeditor.gui.editor.textdiff import minimal_edit, remap_findings, shift_offset
from deskeditor.gui.panels.diff import diff_stats, side_by_side_html
from deskeditor.gui.panels.outline import heading_of


# -- UTF-16 offsets ------------------------------------------------------------
def test_emoji_shifts_utf16_positions_after_it():
    text = "a😀b😀c"
    m = Utf16Map(text)
    assert [m.to_utf16(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [m.to_codepoint(u) for u in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
    assert utf16_len(text) == 7 == len(text.encode("utf-16-le")) // 2


def test_position_inside_a_surrogate_pair_maps_to_that_character():
    m = Utf16Map("x😀y")
    assert m.to_codepoint(2) == 1  # between the two halves of the emoji


def test_plain_text_maps_to_itself():
    m = Utf16Map("naïve café — “quotes”")
    assert m.identity
    assert m.to_utf16(5) == 5 and m.to_codepoint(5) == 5


def test_offsets_are_clamped():
    m = Utf16Map("😀")
    assert m.to_utf16(99) == 2 and m.to_utf16(-3) == 0


@given(st.text(alphabet=st.sampled_from("ab \n😀🇺🇦é\u00a0"), max_size=40))
def test_utf16_map_agrees_with_python_encoding(text):
    m = Utf16Map(text)
    for i in range(len(text) + 1):
        u = len(text[:i].encode("utf-16-le")) // 2
        assert m.to_utf16(i) == u
        assert m.to_codepoint(u) == i
    assert to_utf16_offsets(text, [len(text)]) == [utf16_len(text)]


# -- minimal edits --------------------------------------------------------------
@given(st.text(max_size=30), st.text(max_size=30))
def test_minimal_edit_rebuilds_the_new_text(old, new):
    e = minimal_edit(old, new)
    assert old[:e.start] + new[e.start:e.new_end] + old[e.old_end:] == new


def test_findings_move_with_an_edit_before_them_and_vanish_inside_it():
    old = "one two three four"
    new = "one TWO two three four"
    f_before = Finding("seo", "r", "info", "m", 0, 3)
    f_after = Finding("seo", "r", "info", "m", 8, 13)  # "three"
    f_doc = Finding("seo", "r", "info", "m", 0, 0)
    moved = remap_findings([f_before, f_after, f_doc], old, new)
    assert [new[f.start:f.end] for f in moved] == ["one", "three", ""]
    inside = Finding("seo", "r", "info", "m", 4, 7)  # "two", edited
    assert remap_findings([inside], "one two", "one tw0") == []
    assert shift_offset(2, minimal_edit("abc", "abXc")) == 2


# -- find and replace ----------------------------------------------------------
def test_find_next_wraps_and_goes_backwards():
    text = "cat dog cat"
    q = Query("cat")
    assert find_next(text, q, 1) == (8, 11)
    assert find_next(text, q, 9) == (0, 3)  # wrapped
    assert find_next(text, q, 8, backwards=True) == (0, 3)


def test_regex_replace_all_uses_groups_and_whole_words():
    text = "cat catalog Cat"
    q = Query(r"(c)at", regex=True, whole_word=True)
    assert replace_all(text, q, r"\1ow") == [(0, 3, "cow"), (12, 15, "Cow")]
    assert count(text, Query("cat", case=True)) == 2
    assert replacement_for(text, q, 0, 3, r"<\1>") == "<c>"
    assert replacement_for(text, q, 4, 7, "x") is None


def test_bad_regex_is_a_message_not_a_crash():
    with pytest.raises(ValueError, match="bad regular expression"):
        Query("(unclosed", regex=True).compile()


# -- formatting -------------------------------------------------------------------
def test_bold_wraps_and_unwraps_keeping_spaces_outside():
    r = toggle_wrap("word ", "**")
    assert r.text == "**word** " and r.text[r.sel_start:r.sel_end] == "word"
    assert toggle_wrap("**word**", "**").text == "word"
    assert toggle_wrap("**word**", "*").text == "***word***"
    assert toggle_wrap("", "*").text == "**" and toggle_wrap("", "*").sel_start == 1


def test_link_selects_the_url_placeholder():
    r = make_link("the talks")
    assert r.text == "[the talks](https://)" and r.text[r.sel_start:r.sel_end] == "https://"
    r = make_link("https://example.org/x")
    assert r.text == "[](https://example.org/x)" and r.sel_start == r.sel_end == 1
    assert word_bounds("say hello there", 6) == (4, 9)


def test_enter_continues_lists_and_ends_empty_items():
    assert continuation("- milk", 6) == ("insert", "- ")
    assert continuation("9. nine", 7) == ("insert", "10. ")
    assert continuation("  > * [x] done", 14) == ("insert", "  > * [ ] ")
    assert continuation("- ", 2) == ("end", "")
    assert continuation("plain text", 5) is None


# -- paste -------------------------------------------------------------------------
def test_clipboard_html_becomes_markdown_with_structure():
    html = ("<meta charset='utf-8'><h2>Talks</h2><p>See <a href='https://example.org'>the report</a>.</p>"
            "<ul><li>one</li><li>two</li></ul><img src='https://example.org/a.png' alt='Map'>")
    md = html_to_markdown(html)
    assert "## Talks" in md
    assert "[the report](https://example.org)" in md
    assert "- one" in md and "- two" in md
    assert "![Map](https://example.org/a.png)" in md


def test_inline_clipboard_html_stays_inline():
    assert html_to_markdown("<!--StartFragment--><b>bold</b> words<!--EndFragment-->") == "**bold** words"
    assert not has_structure("<span>just text</span>")


# -- diff and outline ---------------------------------------------------------------
def test_side_by_side_diff_marks_the_changed_word():
    a = "# Title\n\nThe talks failed.\n\nEnd."
    b = "# Title\n\nThe talks succeeded.\n\nEnd."
    html = side_by_side_html(a, b, "Revision 1", "Current text")
    assert "Revision 1" in html and "Current text" in html
    assert "succeeded" in html and "failed" in html
    assert diff_stats(a, b) == (1, 1)
    assert "No differences" in side_by_side_html(a, a, "x", "y")


def test_headings_atx_and_setext():
    lines = ["# One #", "", "Two", "===", "Three", "---"]
    assert heading_of(lines, 0, 1).text == "One" and heading_of(lines, 0, 1).level == 1
    assert heading_of(lines, 2, 4).level == 1 and heading_of(lines, 2, 4).text == "Two"
    assert heading_of(lines, 4, 6).level == 2


# -- long lines -----------------------------------------------------------------------
def test_long_paragraph_lines_break_at_spaces_and_render_the_same():
    from deskeditor.core.markdown.render import render_html
    from deskeditor.gui.editor.longlines import break_long_lines, longest_line

    para = " ".join(f"w{i}" for i in range(5000))
    text = f"# Title\n\n{para}\n\n| a | {para} |\n\n```\n{para}\n```\n"
    broken = break_long_lines(text, limit=1000, width=100)
    assert longest_line(broken.split("| a |")[0]) <= 100
    assert f"| a | {para} |" in broken and f"```\n{para}\n```" in broken  # not paragraphs: untouched
    assert render_html(broken.split("\n\n| a")[0], source_lines=False).replace("\n", " ") == \
        render_html(text.split("\n\n| a")[0], source_lines=False).replace("\n", " ")
    assert break_long_lines("short\n") == "short\n"
    assert break_long_lines("x" * 50, limit=10, width=5) == "x" * 50  # one long word stays whole
