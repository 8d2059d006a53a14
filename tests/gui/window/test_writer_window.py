"""Issue 20, the window as a writer lives in it: new drafts, the title, widths,
restore, focus mode, counts, the welcome page and the smaller things. Driven
like a user (keys and clicks) on a real window and a real SQLite file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from deskeditor.core.store import Store


def make_draft(db_path, body: str, **fields) -> int:
    with Store.open(db_path) as store:
        return store.drafts.create(body, **fields).id


def active(w):
    """Window shortcuts need the active window."""
    w.activateWindow()
    assert QTest.qWaitForWindowActive(w)
    w.editor.setFocus()
    return w


def stored(db_path):
    with Store.open(db_path, check=False) as store:
        return {d.id: d for d in store.drafts.list()}


# -- 1. New Draft ---------------------------------------------------------------------
def test_new_draft_puts_the_cursor_in_the_body_and_an_untouched_one_is_dropped(open_window, db_path, qtbot):
    first = make_draft(db_path, "---\ntitle: Kept\n---\n\nText.\n")
    w = active(open_window(db_path))
    qtbot.keyClick(w.editor, Qt.Key_N, Qt.ControlModifier)
    new_id = w.session.draft.id
    assert new_id != first
    qtbot.keyClicks(w.editor, "Third")
    text = w.editor.text()
    assert text.startswith("---\n") and text.rstrip().endswith("Third"), text
    assert "# Untitled" not in text and "title: Untitled" in text
    w.editor.undo()  # back to the untouched draft
    w.session.open_draft(first)
    assert new_id not in stored(db_path)  # gone to the trash, not piling up
    qtbot.keyClick(w.editor, Qt.Key_N, Qt.ControlModifier)
    qtbot.keyClicks(w.editor, "Words")
    w.session.open_draft(first)
    qtbot.waitUntil(lambda: "Words" in next(d.body for d in stored(db_path).values() if d.id != first),
                    timeout=5_000)


# -- 4. Restore ----------------------------------------------------------------------------
def test_restore_asks_first_and_text_only_keeps_the_current_fields_and_the_diff_follows(
        open_window, db_path, qtbot, answer_dialog):
    draft_id = make_draft(db_path, "---\ntitle: Report\nkeyphrase: ceasefire\nslug: old\n---\n\nThe talks failed.\n")
    with Store.open(db_path) as s:
        s.drafts.save(draft_id, "---\ntitle: Report\nkeyphrase: truce\nslug: new-slug\n---\n\nThe talks succeeded.\n")
    w = open_window(db_path)
    w.view.show_history()
    panel = w.history_panel
    panel.select(1)
    qtbot.waitUntil(lambda: "succeeded" in panel.diff.toPlainText(), timeout=10_000)
    asked = answer_dialog(None)
    qtbot.mouseClick(panel.restore_button, Qt.LeftButton)
    assert asked and "revision 1" in asked[0]
    assert "succeeded" in w.editor.text()  # cancelled: nothing changed
    answer_dialog("Restore Text Only")
    qtbot.mouseClick(panel.restore_button, Qt.LeftButton)
    text = w.editor.text()
    assert "The talks failed." in text and "keyphrase: truce" in text and "slug: new-slug" in text
    qtbot.waitUntil(lambda: "succeeded" not in panel.diff.toPlainText(), timeout=10_000)  # the diff follows
    w.editor.undo()
    answer_dialog("Restore All")
    qtbot.mouseClick(panel.restore_button, Qt.LeftButton)
    assert "keyphrase: ceasefire" in w.editor.text()


# -- 9. Smaller things --------------------------------------------------------------------
def test_find_says_which_match_of_how_many(open_window, db_path, qtbot):
    make_draft(db_path, "---\ntitle: Pets\n---\n\n" + "cat and " * 32 + "\n")
    w = active(open_window(db_path))
    w.editor.moveCursor(w.editor.textCursor().MoveOperation.Start)
    qtbot.keyClick(w.editor, Qt.Key_F, Qt.ControlModifier)
    qtbot.keyClicks(w.findbar.find_edit, "cat")
    assert w.findbar.info.text() == "32 matches"
    for _ in range(7):
        qtbot.keyClick(w.findbar.find_edit, Qt.Key_Return)
    assert w.findbar.info.text() == "7 of 32"


def test_draft_commands_are_disabled_without_a_draft(open_window, db_path, qtbot):
    w = active(open_window(db_path))
    names = ("duplicate", "trash", "export", "publish")
    assert not any(w.actions_by_name[n].isEnabled() for n in names)
    assert not w.library.dup_button.isEnabled() and not w.library.trash_button.isEnabled()
    qtbot.keyClick(w.editor, Qt.Key_N, Qt.ControlModifier)
    assert all(w.actions_by_name[n].isEnabled() for n in names)


def test_a_one_file_import_that_succeeds_closes_by_itself(open_window, db_path, qtbot, tmp_path):
    import shiboken6

    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Imported post\n---\n\nBody.\n", encoding="utf-8")
    w = open_window(db_path)
    dialog = w.drafts.import_paths([post])
    qtbot.waitUntil(lambda: w.session.draft is not None and w.session.draft.title == "Imported post",
                    timeout=20_000)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=5_000)
    assert "Imported 1 of 1 file" in w.status.currentMessage()


# -- 2. One title model ----------------------------------------------------------------------
def preview_text(qtbot, w, run_js, contains: str) -> str:
    page = w.preview.web_page()
    box = []

    def has():
        box[:] = [run_js(page, "document.body.innerText")]
        return contains in box[0]

    qtbot.waitUntil(has, timeout=20_000)
    return box[0]


def test_the_title_is_a_field_shown_above_the_editor_and_as_the_preview_h1(open_window, db_path, qtbot, run_js):
    from deskeditor.core.lint.analysis import analyze

    make_draft(db_path, "---\ntitle: Ceasefire talks\n---\n\nThe talks went on.\n")
    w = active(open_window(db_path))
    assert w.title_line.isVisible() and w.title_line.text() == "Ceasefire talks"
    page = w.preview.web_page()
    preview_text(qtbot, w, run_js, "Ceasefire talks")
    assert run_js(page, "document.querySelectorAll('h1').length") == 1
    # typing a new title in the title line writes the front matter, the preview follows
    qtbot.mouseClick(w.title_line, Qt.LeftButton)
    w.title_line.selectAll()
    qtbot.keyClicks(w.title_line, "Truce holds")
    qtbot.keyClick(w.title_line, Qt.Key_Return)
    assert "title: Truce holds" in w.editor.text() and w.editor.hasFocus()
    assert "# Truce" not in w.editor.text()
    qtbot.waitUntil(lambda: "Truce holds" in run_js(page, "document.querySelector('h1').innerText"),
                    timeout=20_000)
    # the SEO check sees the same single H1: the title
    single = [f.message for f in analyze(w.editor.text()).findings if f.rule == "single-h1"]
    assert single == ["Single title: the title is the only H1. Good."]
    # an older draft with the title also as a body heading shows it once
    w.editor.replace_text(w.editor.text().replace("The talks", "# Truce holds\n\nThe talks"))
    qtbot.waitUntil(lambda: run_js(page, "document.querySelectorAll('h1').length") == 1
                    and "Truce holds" in run_js(page, "document.body.innerText"), timeout=20_000)


def test_the_first_launch_shows_a_welcome_page_in_the_preview(open_window, db_path, qtbot, run_js):
    w = active(open_window(db_path))
    text = preview_text(qtbot, w, run_js, "Welcome to deskeditor")
    assert "New Draft" in text and "Import" in text
    qtbot.keyClick(w.editor, Qt.Key_N, Qt.ControlModifier)
    page = w.preview.web_page()
    qtbot.waitUntil(lambda: "Welcome" not in run_js(page, "document.body.innerText"), timeout=20_000)
    assert "Untitled" in run_js(page, "document.body.innerText")  # the new draft's title, as its H1


# -- 8. One source for each count ----------------------------------------------------------
def test_the_status_bar_counts_what_the_panels_count(open_window, db_path, qtbot):
    from pathlib import Path

    sample = (Path(__file__).resolve().parents[2] / "data" / "russia-ukraine-ceasefire.txt").read_text("utf-8")
    make_draft(db_path, sample)
    w = active(open_window(db_path))
    qtbot.waitUntil(lambda: w.session.lint.report is not None and w.status.lint_label.text() not in ("", "Checking…"),
                    timeout=30_000)

    def agree():
        report = w.session.lint.report
        words = f"{report.stats['words']:,} words"
        return w.status.lint_label.text() == w.lint_panel.summary.text() and \
            w.status.words_label.text().startswith(words)

    qtbot.waitUntil(agree, timeout=10_000)
    assert "Yoast" in w.status.words_label.toolTip() and "rated good" in w.status.lint_label.toolTip()
    qtbot.keyClick(w.editor, Qt.Key_End, Qt.ControlModifier)
    qtbot.keyClicks(w.editor, " Honestly, it was very much a basically good deal.")
    qtbot.wait(2500)  # the next lint run
    qtbot.waitUntil(agree, timeout=20_000)
    # the grammar line says what was checked; how many findings is the Lint tab's count
    w.status.set_grammar("Grammar: 10 findings (3 blocks checked, 40 unchanged; local LanguageTool)", True)
    assert "10" not in w.status.grammar_label.text()


# -- 3. Minimum widths ---------------------------------------------------------------------
def editor_chars(w) -> float:
    return w.editor.viewport().width() / w.editor.fontMetrics().averageCharWidth()


def test_the_editor_keeps_a_readable_measure_and_the_panes_step_aside(open_window, db_path, qtbot):
    from deskeditor.gui.window.layout import EDITOR_CHARS, PREVIEW_MIN

    make_draft(db_path, "---\ntitle: Wide\n---\n\n" + "word " * 300 + "\n")
    w = open_window(db_path)
    assert all(w.layout_state.visible(n) for n in ("library", "preview", "panels"))
    w.resize(1280, 720)
    qtbot.waitUntil(lambda: w.width() == 1280 and editor_chars(w) >= EDITOR_CHARS, timeout=5_000)
    assert not w.layout_state.visible("preview") and not w.actions_by_name["show_preview"].isChecked()
    assert w.layout_state.visible("panels") and w.layout_state.visible("library")
    w.resize(1800, 900)  # room again: the preview comes back by itself
    qtbot.waitUntil(lambda: w.layout_state.visible("preview"), timeout=5_000)
    assert w.actions_by_name["show_preview"].isChecked()
    # the side panel widened by hand: the preview stays readable or steps aside, the editor keeps its measure
    sizes = w.splitter.sizes()
    w.splitter.moveSplitter(sizes[0] + sizes[1] + sizes[2] - 300, 3)
    qtbot.wait(50)
    preview = w.splitter.sizes()[2]
    assert preview == 0 or preview >= PREVIEW_MIN
    assert editor_chars(w) >= EDITOR_CHARS


# -- 5. Focus mode -----------------------------------------------------------------------
def test_focus_mode_is_distraction_free_and_keeps_the_cursor_line_in_place(open_window, db_path, qtbot):
    from PySide6.QtGui import QTextCharFormat, QTextCursor

    paragraphs = [f"Paragraph {i}. It is very clear that talks went on. Second sentence here." for i in range(80)]
    make_draft(db_path, "---\ntitle: Focus\n---\n\n" + "\n\n".join(paragraphs) + "\n")
    w = active(open_window(db_path))
    e = w.editor

    def wavy():
        return [s for s in e.extraSelections() if s.format.underlineStyle() == QTextCharFormat.WaveUnderline]

    qtbot.waitUntil(lambda: bool(wavy()), timeout=20_000)
    c = e.textCursor()
    c.setPosition(e.toPlainText().index("Paragraph 40.") + 3)
    e.setTextCursor(c)
    e.centerCursor()
    qtbot.wait(50)
    y = e.cursorRect().top()
    line = e.fontMetrics().lineSpacing()
    qtbot.keyClick(e, Qt.Key_F11)
    qtbot.waitUntil(lambda: w.isFullScreen(), timeout=5_000)
    assert not w.menuBar().isVisible() and not w.statusBar().isVisible()
    assert not any(w.layout_state.visible(n) for n in ("library", "preview", "panels"))
    qtbot.wait(100)
    assert abs(e.cursorRect().top() - y) <= line  # the cursor line stayed where it was on screen
    assert not wavy()  # underlines off
    dimmed = [s for s in e.extraSelections() if s.format.foreground().color() == e.colors.muted]
    assert dimmed and all("Paragraph 40." not in s.cursor.selectedText() for s in dimmed)
    qtbot.keyClicks(e, "x")  # typing on does not bring the underlines back
    qtbot.wait(1500)
    assert not wavy()
    y = e.cursorRect().top()
    qtbot.keyClick(e, Qt.Key_F11)
    qtbot.waitUntil(lambda: not w.isFullScreen(), timeout=5_000)
    assert w.menuBar().isVisible() and w.statusBar().isVisible()
    qtbot.wait(100)
    assert abs(e.cursorRect().top() - y) <= line
    qtbot.waitUntil(lambda: bool(wavy()), timeout=20_000)
    assert not [s for s in e.extraSelections() if s.format.foreground().color() == e.colors.muted]


def test_retitling_a_draft_whose_title_was_its_heading_moves_the_title_into_the_front_matter(open_window, db_path,
                                                                                            qtbot):
    make_draft(db_path, "# Report\n\nThe talks failed.\n")
    w = active(open_window(db_path))
    assert w.title_line.text() == "Report"
    qtbot.mouseClick(w.title_line, Qt.LeftButton)
    w.title_line.selectAll()
    qtbot.keyClicks(w.title_line, "Talks report")
    qtbot.keyClick(w.title_line, Qt.Key_Return)
    assert w.editor.text() == "---\ntitle: Talks report\n---\n\nThe talks failed.\n"
    w.editor.undo()
    assert w.editor.text() == "# Report\n\nThe talks failed.\n"  # one undoable edit
