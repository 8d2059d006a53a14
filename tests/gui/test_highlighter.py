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
    e = MarkdownEditor()
    qtbot.addWidget(e)
    e.resize(800, 600)
    e.show()
    e.load_text(large_doc(hl.GRADUAL_CHARS * 2))
    e.highlighter._idle.stop()  # no idle steps: only the scrolling colours
    last = e.document().blockCount() - 1
    e.verticalScrollBar().setValue(e.verticalScrollBar().maximum())
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
