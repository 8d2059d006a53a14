"""A review of the sample post in the real window: 20 suggestions and 10 comments
accepted, rejected and resolved from the Review panel."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

N = 30


def _plan(markdown: str):
    """The sample with 30 marks on words of its paragraphs, and the text expected
    once mark i is accepted (even i) or rejected (odd i); comments are resolved."""
    body_at = markdown.index("\n---\n", 4) + 5
    body = markdown[body_at:]
    words = [m for m in re.finditer(r"(?<![\w’'\-\[(])[a-z]{6,}(?![\w’'-])", body)
             if not body[body.rfind("\n", 0, m.start()) + 1:].startswith("#")]  # prose words, no headings
    step = len(words) // N
    chosen = [words[i * step] for i in range(N)]
    marked, expected, cur = [], [], 0
    for i, m in enumerate(chosen):
        a, b = body_at + m.start(), body_at + m.end()
        w = markdown[a:b]
        marked.append(markdown[cur:a])
        expected.append(markdown[cur:a])
        accept = i % 2 == 0
        if i % 3 == 2:  # 10 comments, highlighting the word or after it
            marked.append(f"{{=={w}==}}{{>>@ed note {i}<<}}" if i % 2 else f"{w}{{>>@ed note {i}<<}}")
            expected.append(w)
        elif i % 3 == 0 and (i // 3) % 2 == 0 or i % 3 == 1 and (i // 3) % 2 == 1:
            kind = ("insert", "delete", "substitute")[(i // 3 + i) % 3]
            marked.append({"insert": f"{w}{{++ indeed++}}", "delete": f"{{--{w}--}}",
                           "substitute": f"{{~~{w}~>{w.upper()}~~}}"}[kind])
            expected.append({"insert": w + (" indeed" if accept else ""), "delete": "" if accept else w,
                             "substitute": w.upper() if accept else w}[kind])
        else:
            marked.append(f"{{~~{w}~>{w.capitalize()}~~}}")
            expected.append(w.capitalize() if accept else w)
        cur = b
    marked.append(markdown[cur:])
    expected.append(markdown[cur:])
    return "".join(marked), "".join(expected)


@pytest.fixture
def reviewed(open_window, db_path, sample_markdown):
    from deskeditor.core.store import Store

    marked, expected = _plan(sample_markdown)
    with Store.open(db_path) as store:
        draft = store.drafts.create(marked)
    window = open_window(db_path)
    return window, draft.id, marked, expected


def _wait_revisions(qtbot, window, draft_id, count):
    qtbot.waitUntil(lambda: len(window.store.drafts.history(draft_id)) >= count, timeout=10_000)


def test_review_of_the_sample_post_from_the_panel(qtbot, reviewed):
    from deskeditor.core.review.marks import find_marks

    window, draft_id, marked, expected = reviewed
    found = find_marks(marked)
    assert len(found) == N and sum(m.is_suggestion for m in found) == 20 and sum(bool(m.comments) for m in found) == 10
    panel = window.review.panel
    window.review.show_panel()
    qtbot.waitUntil(lambda: panel.list.count() == N, timeout=5_000)
    assert panel.summary.text() == "20 suggestion(s), 10 comment(s)"
    for i in range(N):
        panel.list.setCurrentRow(0)
        first = panel.marks[0]
        button = panel.accept_btn if i % 2 == 0 or not first.is_suggestion else panel.reject_btn
        qtbot.mouseClick(button, Qt.LeftButton)
        _wait_revisions(qtbot, window, draft_id, i + 2)
        assert panel.list.count() == N - 1 - i
    assert window.editor.text() == expected
    assert window.store.drafts.get(draft_id).body == expected
    notes = [r.note for r in reversed(window.store.drafts.history(draft_id))][1:]
    assert len(notes) == N and all(n.startswith("review: ") for n in notes)
    assert notes[0].startswith("review: accepted mark 1 (") and notes[1].startswith("review: rejected mark 1 (")


def test_an_accept_is_one_undoable_edit(qtbot, reviewed):
    window, draft_id, marked, _expected = reviewed
    panel = window.review.panel
    window.review.show_panel()
    qtbot.waitUntil(lambda: panel.list.count() == N, timeout=5_000)
    qtbot.mouseClick(panel.accept_all_btn, Qt.LeftButton)
    assert "{++" not in window.editor.text() and "{>>" not in window.editor.text()
    window.editor.undo()
    assert window.editor.text() == marked


def test_clicking_a_row_jumps_to_the_mark(qtbot, reviewed):
    window, _draft_id, marked, _expected = reviewed
    panel = window.review.panel
    window.review.show_panel()
    qtbot.waitUntil(lambda: panel.list.count() == N, timeout=5_000)
    item = panel.list.item(5)
    qtbot.mouseClick(panel.list.viewport(), Qt.LeftButton, pos=panel.list.visualItemRect(item).center())
    c = window.editor.textCursor()
    mark = panel.marks[5]
    assert (c.selectionStart(), c.selectionEnd()) == (mark.start, mark.end)


def test_gate_and_workflow_in_the_window(qtbot, reviewed):
    window, draft_id, _marked, _expected = reviewed
    window.review.move("approve")
    assert "Cannot approve" in window.status.currentMessage()
    window.review.move("review")
    _wait_revisions(qtbot, window, draft_id, 2)
    assert window.review.suggest.on and window.review.badge.text() == "Suggesting"
    assert window.store.drafts.history(draft_id)[0].note.startswith("status: draft -> review by ")


def test_preview_shows_track_changes_or_all_accepted(qtbot, reviewed):
    window, _draft_id, _marked, _expected = reviewed
    sync = getattr(window, "session", window).preview_sync

    def rendered() -> str:
        return "".join(b.html or "" for b in sync.blocks)

    qtbot.waitUntil(lambda: '<ins class="critic">' in rendered(), timeout=10_000)
    assert 'class="critic comment"' in rendered() and '<del class="critic">' in rendered()
    window.review.actions["accepted_preview"].setChecked(True)
    qtbot.waitUntil(lambda: bool(rendered()) and 'class="critic' not in rendered(), timeout=10_000)
    window.review.actions["accepted_preview"].setChecked(False)
    qtbot.waitUntil(lambda: 'class="critic' in rendered(), timeout=10_000)


# -- two reviewers: typing in someone else's suggestion ---------------------------------
TWO = "The {++peace ++}talks {++were long and ++}ended.\n"


@pytest.fixture
def bob_reviews_ana(open_window, db_path):
    """A draft with Ana's insertion and Bob's, opened by Bob in suggest mode."""
    from deskeditor.core.review import service
    from deskeditor.core.review.marks import find_marks
    from deskeditor.core.store import Store

    with Store.open(db_path) as store:
        draft = store.drafts.create(TWO)
        peace, were = find_marks(draft.body)
        service.record_author(store, draft.id, peace, "bob")
        service.record_author(store, draft.id, were, "ana")
        store.settings.set("review.name", "bob")
    window = open_window(db_path)
    window.review.show_panel()
    return window, draft.id


def _ready(qtbot, window, count):
    qtbot.waitUntil(lambda: window.review.panel.list.count() == count, timeout=5_000)


def _authors(qtbot, window, draft_id, expected):
    """Wait for the review to settle, then the marks' (text, author) as the panel knows them."""
    from deskeditor.core.review import service

    def settled():
        window.review.refresh()
        rows = service.list_marks(window.store, draft_id, window.editor.text())
        return [(r["text"] if r["kind"] != "substitute" else r["replacement"], r["author"]) for r in rows] == expected

    qtbot.waitUntil(settled, timeout=5_000)


def _green_pixels(editor, text) -> int:
    """How many pixels of ``text`` (on one line of the editor) are drawn in the insertions' green."""
    from PySide6.QtGui import QTextCursor

    start = editor.text().index(text)
    c = QTextCursor(editor.document())
    c.setPosition(start)
    left = editor.cursorRect(c)
    c.setPosition(start + len(text))
    right = editor.cursorRect(c)
    assert left.top() == right.top()
    image = editor.viewport().grab().toImage()
    return sum(1 for x in range(left.right() + 2, right.left() - 1) for y in range(left.top(), left.bottom())
               if (p := image.pixelColor(x, y)).green() > p.red() + 50 and p.green() > p.blue() + 40)


def _cursor_after(window, text):
    window.editor.set_cursor_offset(window.editor.text().index(text) + len(text))
    window.editor.setFocus()


def test_typing_inside_someone_elses_insertion_makes_ones_own_mark(qtbot, bob_reviews_ana):
    window, draft_id = bob_reviews_ana
    _ready(qtbot, window, 2)
    window.review.suggest.set_on(True)
    _cursor_after(window, "{++were")
    qtbot.keyClicks(window.editor, " not")
    assert window.editor.text() == "The {++peace ++}talks {++were++}{++ not++}{++ long and ++}ended.\n"
    _authors(qtbot, window, draft_id, [("peace ", "bob"), ("were", "ana"), (" not", "bob"), (" long and ", "ana")])
    assert _green_pixels(window.editor, "{++ not++}")  # coloured, though it touches Ana's mark before it
    qtbot.keyClick(window.editor, Qt.Key_Z, Qt.ControlModifier)  # the run of typing is one undo step
    assert window.editor.text() == TWO


def test_typing_inside_ones_own_insertion_extends_it(qtbot, bob_reviews_ana):
    window, draft_id = bob_reviews_ana
    _ready(qtbot, window, 2)
    window.review.suggest.set_on(True)
    _cursor_after(window, "{++peace")
    qtbot.keyClicks(window.editor, "ful")
    assert window.editor.text() == "The {++peaceful ++}talks {++were long and ++}ended.\n"
    _authors(qtbot, window, draft_id, [("peaceful ", "bob"), ("were long and ", "ana")])


def test_backspace_inside_someone_elses_insertion_is_ones_own_deletion(qtbot, bob_reviews_ana):
    window, draft_id = bob_reviews_ana
    _ready(qtbot, window, 2)
    window.review.suggest.set_on(True)
    _cursor_after(window, "{++were long")
    qtbot.keyClick(window.editor, Qt.Key_Backspace)
    qtbot.keyClick(window.editor, Qt.Key_Backspace)
    assert window.editor.text() == "The {++peace ++}talks {++were lo++}{--ng--}{++ and ++}ended.\n"
    _authors(qtbot, window, draft_id, [("peace ", "bob"), ("were lo", "ana"), ("ng", "bob"), (" and ", "ana")])
    _cursor_after(window, "{++pea")
    qtbot.keyClick(window.editor, Qt.Key_Backspace)  # in one's own: the character is taken back
    assert window.editor.text().startswith("The {++pece ++}talks")


def _menu_action(window, menu_title, text):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == menu_title)
    return next(a for a in menu.actions() if a.text() == text)


def _select(window, text):
    start = window.editor.text().index(text)
    window.editor.select_range(start, start + len(text))


def test_edit_menu_cut_paste_and_delete_are_suggestions(qtbot, bob_reviews_ana):
    from PySide6.QtWidgets import QApplication

    from deskeditor.gui.editor.editor import context_menu

    window, draft_id = bob_reviews_ana
    _ready(qtbot, window, 2)
    window.review.suggest.set_on(True)
    _select(window, "ended")
    _menu_action(window, "&Edit", "Cu&t").trigger()
    assert window.editor.text() == "The {++peace ++}talks {++were long and ++}{--ended--}.\n"
    assert QApplication.clipboard().text() == "ended"  # the plain text
    _select(window, "talks")
    QApplication.clipboard().setText("meetings")
    _menu_action(window, "&Edit", "&Paste").trigger()
    assert window.editor.text() == "The {++peace ++}{~~talks~>meetings~~} {++were long and ++}{--ended--}.\n"
    _select(window, "long")  # inside Ana's insertion: her text stays hers
    _menu_action(window, "&Edit", "Cu&t").trigger()
    assert window.editor.text() == "The {++peace ++}{~~talks~>meetings~~} {++were ++}{--long--}{++ and ++}{--ended--}.\n"
    assert QApplication.clipboard().text() == "long"
    _authors(qtbot, window, draft_id, [("peace ", "bob"), ("meetings", "bob"), ("were ", "ana"), ("long", "bob"),
                                       (" and ", "ana"), ("ended", "bob")])
    _select(window, "The")
    menu = context_menu(window.editor, window.editor.cursorRect().center())
    next(a for a in menu.actions() if a.objectName() == "edit-delete").trigger()
    menu.deleteLater()
    assert window.editor.text().startswith("{--The--} {++peace ++}")
    _select(window, "peace")  # one's own insertion: cut from it is plain
    _menu_action(window, "&Edit", "Cu&t").trigger()
    assert window.editor.text().startswith("{--The--} {++ ++}{~~talks")
