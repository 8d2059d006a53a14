"""The Markdown highlighter in a real editor: a large document is coloured
gradually (visible lines at once, the rest while idle) with the same result
as colouring it all at once, and without touching the text or the undo stack."""

from __future__ import annotations

from deskeditor.gui.editor import MarkdownEditor
from deskeditor.gui.editor import highlighter as hl

SMALL = "# Title\n\n```\n# not a heading\n```\n\nSome **bold** and [a link](https://e.com).\n"


def formats(editor, number: int) -> list[tuple[int, int, str]]:
    block = editor.document().findBlockByNumber(number)
    return [(r.start, r.length, r.format.foreground().color().name()) for r in block.layout().formats()]


def all_formats(editor) -> list:
    return [(b, formats(editor, b), editor.document().findBlockByNumber(b).userState())
            for b in range(editor.document().blockCount())]


def prose_line(editor, near: int) -> int:
    """The number of the first "Some **bold**…" line at or after ``near`` (a
    line the load itself leaves uncoloured: fenced lines it colours)."""
    doc = editor.document()
    return next(b for b in range(near, doc.blockCount()) if doc.findBlockByNumber(b).text().startswith("Some"))


def large_doc(target: int) -> str:
    parts, size = [], 0
    while size < target:
        parts.append(SMALL)
        size += len(SMALL)
    return "".join(parts)


def shown_large_editor(qtbot) -> MarkdownEditor:
    """A shown editor with a large document loaded, its idle colouring stopped."""
    e = MarkdownEditor()
    qtbot.addWidget(e)
    e.resize(800, 600)
    e.show()
    e.load_text(large_doc(hl.GRADUAL_CHARS * 2))
    e.highlighter._idle.stop()
    return e


def test_a_large_document_is_coloured_visible_lines_first_then_all_as_if_at_once(qtbot):
    text = large_doc(hl.GRADUAL_CHARS + 1000)
    reference = MarkdownEditor()
    qtbot.addWidget(reference)
    reference.highlighter.states_only = False
    reference.setPlainText(text)  # highlighted at once, the way a small document is
    expected = all_formats(reference)

    e = MarkdownEditor()
    qtbot.addWidget(e)
    e.resize(800, 600)
    e.show()
    e.load_text(text)
    version = e.version
    assert e.highlighter.catching_up
    assert formats(e, prose_line(e, 0)), "the first lines are in view: coloured at once"
    assert not formats(e, prose_line(e, e.document().blockCount() - 10)), "far below: not yet"
    # block states (fenced code) were carried by the load itself
    assert [s for _, _, s in all_formats(e)] == [s for _, _, s in expected]
    qtbot.waitUntil(lambda: not e.highlighter.catching_up, timeout=30_000)
    assert all_formats(e) == expected
    assert e.version == version and e.document().availableUndoSteps() == 0 and not e.document().isModified()


def test_scrolling_onto_uncoloured_lines_colours_them_at_once(qtbot):
    e = shown_large_editor(qtbot)  # no idle steps: only the scrolling colours
    last = e.document().blockCount() - 1
    moved = []
    e.viewportMoved.connect(lambda: moved.append(e.visible_blocks()))
    sb = e.verticalScrollBar()
    for value in range(sb.maximum() - 40, sb.maximum() + 1):  # many scroll steps, one turn of the loop
        sb.setValue(value)
    assert not moved  # the scroll steps are gathered ...
    qtbot.waitUntil(lambda: bool(moved), timeout=5000)  # ... into one, at the next turn of the event loop
    assert len(moved) <= 2  # (colouring what came into view may nudge the scroll bar once more)
    first_seen, last_seen = e.visible_blocks()
    assert last_seen == last
    assert formats(e, prose_line(e, first_seen))
    assert not formats(e, prose_line(e, last // 2))


def test_a_document_of_many_short_lines_is_coloured_gradually_too(qtbot):
    e = MarkdownEditor()
    qtbot.addWidget(e)
    e.load_text("a\x00b\x00 *c*.\n" * hl.GRADUAL_LINES)
    assert e.highlighter.catching_up
    qtbot.waitUntil(lambda: not e.highlighter.catching_up, timeout=30_000)
    assert formats(e, hl.GRADUAL_LINES - 1)


def test_a_small_document_is_coloured_at_once(qtbot):
    e = MarkdownEditor()
    qtbot.addWidget(e)
    e.load_text(SMALL)
    assert not e.highlighter.catching_up
    assert formats(e, 0) and formats(e, 6)


LINES = ["---", "+++", "title = 'T'", "title: T", "...", "```", "```py", "~~~", "~~~~", "``` x", "   ```", "    ```",
         "# h", "text", "", "- item", "> quote ```"]


def states(editor) -> list[int]:
    doc = editor.document()
    return [doc.findBlockByNumber(b).userState() for b in range(doc.blockCount())]


def test_the_states_a_large_load_computes_from_the_text_are_the_highlighters(qtbot):
    import random

    rng = random.Random(8)
    for n, first in enumerate(["---", "```", "text", "--- x", "----", "---", "+++", "+++ x"]):
        lines = [rng.choice(LINES) for _ in range(hl.GRADUAL_LINES + 200)]
        lines[0] = first
        if n % 2:  # no fence until far down
            lines[1: len(lines) // 2] = ["text" if "`" in x or "~" in x else x for x in lines[1: len(lines) // 2]]
        text = "\n".join(lines)
        reference = MarkdownEditor()
        qtbot.addWidget(reference)
        reference.setPlainText(text)  # highlighted line by line by Qt
        e = MarkdownEditor()
        qtbot.addWidget(e)
        e.load_text(text)
        assert e.highlighter.catching_up
        assert states(e) == states(reference)
        assert hl.line_states(hl.lines_of(text)) == states(reference)
        assert dict(hl.special_states(text)) == {i: s for i, s in enumerate(states(reference)) if s != hl.NORMAL}


def test_a_large_load_whose_lines_are_not_the_blocks_takes_its_states_from_qt(qtbot):
    text = large_doc(hl.GRADUAL_CHARS + 1000) + "one\u2029two\n```\ncode\n"
    reference = MarkdownEditor()
    qtbot.addWidget(reference)
    reference.setPlainText(text)
    e = MarkdownEditor()
    qtbot.addWidget(e)
    e.load_text(text)
    assert not e.highlighter.load_states(text)  # Qt made two blocks of one line
    assert states(e) == states(reference) and states(e)[-2] == hl.FENCE_BACKTICK


def test_the_highlighter_colours_edits_again_after_a_large_load(qtbot):
    e = MarkdownEditor()
    qtbot.addWidget(e)
    e.load_text(large_doc(hl.GRADUAL_CHARS + 1000))
    e.appendPlainText("# A new heading")
    assert formats(e, e.document().blockCount() - 1), "the highlighter is connected again"


def test_lines_that_come_into_view_beyond_the_budget_are_the_next_coloured(qtbot):
    e = shown_large_editor(qtbot)
    last = e.document().blockCount() - 1
    middle = prose_line(e, last // 2)
    assert not formats(e, middle)
    e.highlighter.colour_now(middle - 5, middle + 5, budget_s=0)  # no time at all: none now
    assert not formats(e, middle)
    e.highlighter._colour_some()  # the next idle step takes them first, top down
    assert formats(e, middle)
    assert not formats(e, prose_line(e, last - 20))


def test_the_visible_blocks_estimate_holds_the_lines_in_view_and_few_long_ones(qtbot):
    e = MarkdownEditor()
    qtbot.addWidget(e)
    e.resize(800, 600)
    e.show()
    for text, most in (("Some **bold** words.\n" * 3000, 60), (("word " * 2000 + "\n") * 300, 3)):
        e.load_text(text)
        for line in (0, e.document().blockCount() // 2):
            e.go_to_line(line)
            qtbot.wait(20)
            first, last = e.visible_blocks()
            in_view = e.cursorForPosition(e.viewport().rect().bottomRight()).blockNumber()  # asks Qt's layout
            assert first <= in_view <= last <= first + most


def test_hugo_toml_front_matter_is_front_matter_not_markdown(qtbot):
    e = MarkdownEditor()
    qtbot.addWidget(e)
    e.setPlainText('+++\n# a TOML comment\ntitle = "T"\n+++\n\n# A heading\n')
    assert states(e)[:4] == [hl.TOML_FRONT_MATTER] * 3 + [hl.NORMAL]
    assert states(e)[5] == hl.NORMAL  # the heading after it is Markdown again
    e.setPlainText("---\ntitle: T\n+++\n---\n")  # "+++" does not close YAML front matter
    assert states(e)[:4] == [hl.FRONT_MATTER, hl.FRONT_MATTER, hl.FRONT_MATTER, hl.NORMAL]
