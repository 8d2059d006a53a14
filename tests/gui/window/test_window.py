"""The main window, driven like a user: real widgets, a real SQLite file, the
real preview and the real lint engines (grammar off: no LanguageTool here)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip

from pathlib import Path

from deskeditor.core.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "russia-ukraine-ceasefire.txt"


def make_draft(db_path, body: str, **fields) -> int:
    with Store.open(db_path) as store:
        return store.drafts.create(body, **fields).id


def stored_body(db_path, draft_id: int = 1) -> str:
    with Store.open(db_path, check=False) as store:
        return store.drafts.get(draft_id).body


def type_at_end(qtbot, editor, text: str) -> None:
    """Type ``text`` at the end of the editor as key presses (Enter for a newline)."""
    editor.moveCursor(QTextCursor.End)
    editor.setFocus()
    for i, line in enumerate(text.split("\n")):
        if i:
            qtbot.keyClick(editor, Qt.Key_Return)
        if line:
            qtbot.keyClicks(editor, line)


def js(qtbot, page, code: str):
    box: list = []
    page.runJavaScript(code, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


def wavy_ranges(editor) -> list[tuple[int, int]]:
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in editor.extraSelections()
            if s.format.underlineStyle() == QTextCharFormat.WaveUnderline]


# -- preview -------------------------------------------------------------------
def test_typing_patches_the_preview_without_a_reload(open_window, db_path, qtbot):
    make_draft(db_path, "# Ceasefire\n\nFirst paragraph.\n")
    w = open_window(db_path)
    assert not w.preview.is_fallback(), w.preview.fallback_reason()
    page = w.preview.web_page()
    qtbot.waitUntil(lambda: "First paragraph" in js(qtbot, page, "document.body.innerText"), timeout=20_000)
    js(qtbot, page, "window.__stillHere = 7; 1")
    loads = []
    page.loadStarted.connect(lambda: loads.append(1))
    type_at_end(qtbot, w.editor, "\nZebracorn sighting.")
    qtbot.waitUntil(lambda: "Zebracorn sighting" in js(qtbot, page, "document.body.innerText"), timeout=10_000)
    assert js(qtbot, page, "window.__stillHere") == 7  # same page: patched, not reloaded
    assert loads == []


def test_clicking_a_line_in_the_preview_moves_the_cursor(open_window, db_path, qtbot):
    make_draft(db_path, "# One\n\nAlpha.\n\n## Two\n\nBeta.\n")
    w = open_window(db_path)
    w.preview.lineClicked.emit(6)  # what the page reports for a click on "Beta."
    assert w.editor.textCursor().blockNumber() == 6


# -- lint in place ---------------------------------------------------------------
def test_a_linted_phrase_gets_an_underline_and_the_panel_selects_it(open_window, db_path, qtbot):
    make_draft(db_path, "# Notes 😀\n\nThe plan was bold.")
    w = open_window(db_path)
    type_at_end(qtbot, w.editor, " Experts say the talks failed.")
    text = w.editor.text()
    start = text.index("Experts say")
    # the emoji before it is two UTF-16 units: the underline must start one later
    expected = (start + 1, start + 1 + len("Experts say"))
    qtbot.waitUntil(lambda: expected in wavy_ranges(w.editor), timeout=15_000)

    tree = w.lint_panel.tree
    target = next(m for m in w.editor.underlines.items if m.finding.rule == "weasel-word")
    item = w.lint_panel.item_for(target.id)
    assert item is not None
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=rect.center())
    assert w.editor.textCursor().selectedText() == "Experts say"


def test_hover_text_and_dismissal_survive_a_restart(open_window, db_path, qtbot, tmp_path):
    make_draft(db_path, "# Notes\n\nThe talks failed. Experts say so.\n")
    w = open_window(db_path)
    qtbot.waitUntil(lambda: any(m.finding.rule == "weasel-word" for m in w.editor.underlines.items),
                    timeout=15_000)
    m = next(m for m in w.editor.underlines.items if m.finding.rule == "weasel-word")
    # hovering: the viewport gets a tooltip event where the word is drawn
    c = QTextCursor(w.editor.document())
    c.setPosition(m.start + 1)
    at = w.editor.cursorRect(c).center()
    QApplication.sendEvent(w.editor.viewport(),
                           QHelpEvent(QEvent.ToolTip, at, w.editor.viewport().mapToGlobal(at)))
    assert QToolTip.isVisible() and "Weasel word" in QToolTip.text()
    QToolTip.hideText()
    w.lint_view.dismiss(m, reason="Quoted text: not ours to change")
    assert all(x.finding.rule != "weasel-word" for x in w.editor.underlines.items)
    w.close()

    w2 = open_window(db_path)
    qtbot.waitUntil(lambda: w2.session.lint.report is not None, timeout=15_000)
    assert all(x.finding.rule != "weasel-word" for x in w2.editor.underlines.items)
    dismissed = [w2.lint_panel.tree.topLevelItem(i).text(0) for i in range(w2.lint_panel.tree.topLevelItemCount())]
    assert any(t.startswith("Dismissed in review (1)") for t in dismissed)


def test_dismiss_all_like_this_dismisses_every_occurrence(open_window, db_path, qtbot):
    draft_id = make_draft(db_path, "# Notes\n\nExperts say so. The talks failed. Experts say more.\n")
    w = open_window(db_path)

    def weasels():
        return [m for m in w.editor.underlines.items if m.finding.rule == "weasel-word"]

    qtbot.waitUntil(lambda: len(weasels()) == 2, timeout=15_000)
    w.lint_view.dismiss(weasels()[0], reason="Quoted: not ours", every=True)
    assert not weasels()
    with Store.open(db_path) as s:
        assert len(s.decisions.dismissed_keys(draft_id)) == 2
    w.session.lint.run_now()
    qtbot.waitUntil(lambda: not w.session.lint.worker.busy and w.session.lint.report is not None, timeout=15_000)
    assert not weasels() and len(w.session.lint.report.dismissed) == 2


def test_applying_a_suggestion_is_one_undoable_edit(open_window, db_path, qtbot):
    from deskeditor.core.model import Finding

    make_draft(db_path, "# Notes\n\nThe plan was teh best.\n")
    w = open_window(db_path)
    text = w.editor.text()
    start = text.index("teh")
    finding = Finding("grammar", "TYPO", "error", "Possible typo", start, start + 3, ("the",))
    (marked,) = w.editor.underlines.set_findings([finding], text)
    w.session.lint.apply(marked, "the")
    assert "The plan was the best." in w.editor.text()
    w.editor.undo()
    assert w.editor.text() == text


# -- saving ------------------------------------------------------------------------
def test_autosave_then_reopen_finds_the_text_and_the_cursor(open_window, db_path, qtbot):
    make_draft(db_path, "# Diary\n\nMonday.\n")
    w = open_window(db_path)
    type_at_end(qtbot, w.editor, "Tuesday was calm.")
    assert w.isWindowModified()
    qtbot.waitUntil(lambda: "Tuesday was calm." in stored_body(db_path), timeout=5_000)
    qtbot.waitUntil(lambda: not w.isWindowModified(), timeout=5_000)
    w.editor.moveCursor(QTextCursor.Start)
    w.editor.moveCursor(QTextCursor.Down)
    w.editor.moveCursor(QTextCursor.Down)
    offset = w.editor.cursor_offset()
    w.close()

    w2 = open_window(db_path)
    assert "Tuesday was calm." in w2.editor.text()
    assert w2.editor.cursor_offset() == offset


def test_undo_works_across_an_autosave(open_window, db_path, qtbot):
    make_draft(db_path, "# Diary\n\nMonday.\n")
    w = open_window(db_path)
    original = w.editor.text()
    type_at_end(qtbot, w.editor, "Typed then undone.")
    qtbot.waitUntil(lambda: "Typed then undone." in stored_body(db_path), timeout=5_000)
    while w.editor.text() != original and w.editor.document().isUndoAvailable():
        w.editor.undo()
    assert w.editor.text() == original
    qtbot.waitUntil(lambda: stored_body(db_path) == original, timeout=5_000)
    w.editor.redo()
    assert "Typed then undone." in w.editor.text()


def test_a_failing_database_keeps_the_text_says_so_and_saves_later(open_window, db_path, qtbot, monkeypatch):
    from deskeditor.gui.session import draft_session

    make_draft(db_path, "# Diary\n\nMonday.\n")
    broken = {"on": True}

    def flaky_store():
        store = Store.open(db_path, check=False)
        # SQLite refuses every write on this connection, as on a read-only or full disk
        store.conn.execute(f"PRAGMA query_only = {1 if broken['on'] else 0}")
        return store

    monkeypatch.setattr(draft_session, "open_save_store", lambda _path: flaky_store())
    w = open_window(db_path)
    type_at_end(qtbot, w.editor, "Words that must not be lost.")
    qtbot.waitUntil(lambda: w.status.save_label.text().startswith("Cannot save:"), timeout=5_000)
    assert "retrying" in w.status.save_label.text()
    assert "Words that must not be lost." in w.editor.text()
    assert "Words that must not be lost." not in stored_body(db_path)
    broken["on"] = False
    qtbot.waitUntil(lambda: "Words that must not be lost." in stored_body(db_path), timeout=20_000)
    qtbot.waitUntil(lambda: w.status.save_label.text() == "Saved", timeout=5_000)


def test_a_draft_changed_elsewhere_lets_the_user_keep_theirs_or_mine(open_window, db_path, qtbot):
    draft_id = make_draft(db_path, "# Shared\n\nStart.\n")
    w = open_window(db_path)
    with Store.open(db_path) as other:
        other.drafts.save(draft_id, "# Shared\n\nStart.\n\nTheir paragraph.\n")
    type_at_end(qtbot, w.editor, "My sentence.")
    qtbot.waitUntil(lambda: w.banner.kind == "conflict" and w.banner.isVisible(), timeout=5_000)
    assert "Their paragraph." in stored_body(db_path)  # nothing overwritten behind the user's back
    assert w.status.save_label.text().startswith("Not saved")

    w.banner.button("Use Theirs").click()
    assert "Their paragraph." in w.editor.text() and "My sentence." not in w.editor.text()
    with Store.open(db_path) as s:
        copies = [d for d in s.drafts.list() if d.title.endswith("(my version)")]
        assert copies and "My sentence." in copies[0].body

    # and a second round, keeping mine this time
    with Store.open(db_path) as other:
        other.drafts.save(draft_id, stored_body(db_path) + "\nAgain theirs.\n")
    type_at_end(qtbot, w.editor, " Mine again.")
    qtbot.waitUntil(lambda: w.banner.kind == "conflict", timeout=5_000)
    w.banner.button("Keep Mine").click()
    qtbot.waitUntil(lambda: "Mine again." in stored_body(db_path, draft_id), timeout=5_000)
    assert "Again theirs." not in stored_body(db_path, draft_id)


def test_a_damaged_database_opens_read_only_and_offers_the_backup(open_window, tmp_path, qtbot, monkeypatch):
    import os

    db = tmp_path / "damaged.db"
    with Store.open(db) as store:
        for i in range(30):
            store.drafts.create(f"# Draft {i}\n\n" + "text " * 2000)
        store.backup("manual")
    with open(db, "r+b") as fh:
        fh.seek(4096 * 3)
        fh.write(os.urandom(4096 * 4))
    w = open_window(db)
    assert w.store.read_only
    assert w.banner.kind == "integrity" and "read-only" in w.banner.label.text()
    assert w.editor.isReadOnly()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    with qtbot.waitSignal(w.restoreBackupRequested) as sig:
        w.banner.button("Restore Latest Backup…").click()
    assert sig.args[0].name.endswith("-manual.db")


# -- editing -------------------------------------------------------------------------
def test_html_on_the_clipboard_pastes_as_markdown(open_window, db_path, qtbot):
    make_draft(db_path, "# Notes\n\n")
    w = open_window(db_path)
    data = QMimeData()
    data.setHtml("<h2>Talks</h2><p>Read <a href='https://example.org/r'>the report</a>.</p>"
                 "<ul><li>one</li><li>two</li></ul>")
    data.setText("Talks\nRead the report.\none\ntwo")
    QApplication.clipboard().setMimeData(data)
    w.editor.moveCursor(QTextCursor.End)
    w.editor.paste()
    text = w.editor.text()
    assert "## Talks" in text
    assert "[the report](https://example.org/r)" in text
    assert "- one\n- two" in text


def test_shortcuts_bold_link_and_regex_replace(open_window, db_path, qtbot):
    make_draft(db_path, "# Notes\n\nword and cat and cat\n")
    w = open_window(db_path)
    e = w.editor
    w.activateWindow()
    assert QTest.qWaitForWindowActive(w)  # window shortcuts need the active window
    e.setFocus()
    c = e.textCursor()
    c.setPosition(e.text().index("word") + 1)
    e.setTextCursor(c)
    qtbot.keyClick(e, Qt.Key_B, Qt.ControlModifier)
    assert "**word** and" in e.text()
    w.findbar.open_replace()
    w.findbar.find_edit.setText(r"c(a)t")
    w.findbar.regex.setChecked(True)
    w.findbar.replace_edit.setText(r"d\1wg")
    w.findbar.replace_all()
    assert "and dawg and dawg" in e.text()
    e.undo()
    assert "and cat and cat" in e.text()


def test_seo_fields_go_into_the_front_matter(open_window, db_path, qtbot):
    make_draft(db_path, "# Ceasefire talks\n\nText.\n")
    w = open_window(db_path)
    w.seo_panel.edits["keyphrase"].setText("ceasefire talks")
    w.seo_panel.edits["keyphrase"].editingFinished.emit()
    assert "focus_keyphrase: ceasefire talks" in w.editor.text()
    assert "ceasefire talks" in w.seo_panel.snippet.text().lower()
    qtbot.waitUntil(lambda: "focus_keyphrase: ceasefire talks" in stored_body(db_path), timeout=5_000)


# -- panels -----------------------------------------------------------------------
def test_outline_click_jumps_to_the_heading(open_window, db_path, qtbot):
    make_draft(db_path, "# One\n\nAlpha.\n\n## Two\n\nBeta.\n")
    w = open_window(db_path)
    tree = w.outline_panel.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 1 and tree.topLevelItem(0).childCount() == 1,
                    timeout=10_000)
    child = tree.topLevelItem(0).child(0)
    assert child.text(0) == "Two"
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=tree.visualItemRect(child).center())
    assert w.editor.textCursor().blockNumber() == 4


def test_history_diff_and_restore_as_an_undoable_edit(open_window, db_path, qtbot, answer_dialog):
    draft_id = make_draft(db_path, "# Report\n\nThe talks failed.\n")
    with Store.open(db_path) as s:
        s.drafts.save(draft_id, "# Report\n\nThe talks succeeded.\n")
    w = open_window(db_path)
    w.view.show_history()
    panel = w.history_panel
    assert panel.list.topLevelItemCount() == 2
    panel.select(1)
    qtbot.waitUntil(lambda: "succeeded" in panel.diff.toPlainText(), timeout=10_000)
    assert "failed" in panel.diff.toPlainText()
    answer_dialog("Restore All")
    panel.restore_button.click()
    assert "The talks failed." in w.editor.text()
    qtbot.waitUntil(lambda: "failed" in stored_body(db_path, draft_id), timeout=5_000)
    qtbot.waitUntil(lambda: panel.list.topLevelItemCount() == 3, timeout=5_000)
    w.editor.undo()
    assert "The talks succeeded." in w.editor.text()


def test_library_search_new_duplicate_trash_and_restore(open_window, db_path, qtbot):
    make_draft(db_path, SAMPLE.read_text(encoding="utf-8"))
    make_draft(db_path, "# Gardening\n\nTomatoes like sun.\n")
    w = open_window(db_path)
    lib = w.library
    lib.search.setText("tomatoes")
    qtbot.waitUntil(lambda: lib.list.count() == 1, timeout=5_000)
    assert lib.list.item(0).text() == "Gardening"
    assert "<b>Tomatoes</b>" in lib.list.item(0).data(Qt.UserRole + 1)
    lib.search.clear()
    qtbot.waitUntil(lambda: lib.list.count() == 2, timeout=5_000)

    lib.new_button.click()
    assert w.session.draft.title == "Untitled" and lib.list.count() == 3
    w.drafts.duplicate_current()
    assert w.session.draft.title == "Untitled (copy)"
    copy_id = w.session.draft.id
    w.drafts.trash_current()
    assert w.session.draft is not None and w.session.draft.id != copy_id
    assert copy_id not in [lib.list.item(i).data(Qt.UserRole) for i in range(lib.list.count())]
    w.drafts.show_trash()
    assert [lib.list.item(i).data(Qt.UserRole) for i in range(lib.list.count())] == [copy_id]
    lib.list.setCurrentRow(0)
    lib.trash_button.click()  # "Restore" in the trash view
    assert w.session.draft.id == copy_id and not lib.showing_trash


def test_layout_and_last_draft_are_remembered(open_window, db_path, qtbot, tmp_path):
    make_draft(db_path, "# First\n\nA.\n")
    second = make_draft(db_path, "# Second\n\nB.\n")
    w = open_window(db_path)
    w.session.open_draft(second)
    w.view.toggle_preview(False)
    sizes = w.splitter.sizes()
    w.close()
    w2 = open_window(db_path)
    assert w2.session.draft.id == second
    assert not w2.layout_state.visible("preview")
    assert not w2.actions_by_name["show_preview"].isChecked()
    assert w2.splitter.sizes()[0] == pytest.approx(sizes[0], abs=30)


def test_focus_mode_hides_the_panes_and_brings_them_back(open_window, db_path, qtbot):
    make_draft(db_path, "# Focus\n\nText.\n")
    w = open_window(db_path)
    w.actions_by_name["focus_mode"].setChecked(True)
    assert not any(w.layout_state.visible(n) for n in ("library", "preview", "panels"))
    qtbot.waitUntil(lambda: w.editor.viewportMargins().left() > 0, timeout=3_000)  # centred once laid out
    w.actions_by_name["focus_mode"].setChecked(False)
    qtbot.waitUntil(lambda: all(w.layout_state.visible(n) for n in ("library", "preview", "panels")),
                    timeout=3_000)  # once the window is back from full screen
    assert w.editor.viewportMargins().left() == 0


def test_word_count_and_reading_time_in_the_status_bar(open_window, db_path, qtbot):
    make_draft(db_path, SAMPLE.read_text(encoding="utf-8"))
    w = open_window(db_path)
    qtbot.waitUntil(lambda: "words" in w.status.words_label.text(), timeout=5_000)
    label = w.status.words_label.text()
    assert "min read" in label
    before = int(label.split(" word")[0].replace(",", ""))
    type_at_end(qtbot, w.editor, "\n\nthree more words")
    qtbot.waitUntil(lambda: w.status.words_label.text().startswith(f"{before + 3:,} words"), timeout=5_000)


def test_grammar_state_is_shown_in_one_line(open_window, db_path, qtbot):
    make_draft(db_path, "# Notes\n\nText.\n")
    with Store.open(db_path) as s:  # a server that is not there: the state must say so
        s.settings.set("grammar", {"server_url": "http://127.0.0.1:9/"})
    w = open_window(db_path, grammar=True)
    qtbot.waitUntil(lambda: w.session.lint.report is not None, timeout=15_000)
    line = w.status.grammar_label.text()
    assert line.startswith("Grammar") and "\n" not in line
    qtbot.waitUntil(lambda: "fix:" in w.status.grammar_label.text(), timeout=15_000)
    assert any("grammar" in n for n in w.session.lint.report.notes)


def window_with_grammar(open_window, db_path, qtbot, languagetool):
    """The window on a short draft, its grammar checker on the session's server and ready."""
    make_draft(db_path, "# Notes\n\nThe talks went well.")
    with Store.open(db_path) as s:
        s.settings.set("grammar", {"server_url": languagetool})
    w = open_window(db_path, grammar=True)
    qtbot.waitUntil(lambda: w.status.grammar_label.text().startswith("Grammar ready")
                    or "finding" in w.status.grammar_label.text()
                    or w.status.grammar_label.text().startswith("Grammar checked"), timeout=30_000)
    return w


@pytest.mark.grammar
def test_a_misspelling_is_underlined_and_can_join_the_dictionary(open_window, db_path, qtbot, languagetool):
    w = window_with_grammar(open_window, db_path, qtbot, languagetool)
    type_at_end(qtbot, w.editor, " The accord definately holds.")
    start = w.editor.text().index("definately")

    def spelled():
        return [m for m in w.editor.underlines.items
                if m.finding.engine == "grammar" and m.start == start and m.end == start + 10]

    qtbot.waitUntil(lambda: bool(spelled()), timeout=30_000)
    assert (start, start + 10) in wavy_ranges(w.editor)
    w.lint_view.add_word("definately")
    assert not spelled()
    with Store.open(db_path) as s:
        assert "definately" in s.dictionary.words()
    w.session.lint.run_now()  # a fresh check no longer flags it: the engine has the word too
    qtbot.waitUntil(lambda: not w.session.lint.worker.busy and w.session.lint.report is not None, timeout=30_000)
    assert not spelled()


@pytest.mark.grammar
def test_a_word_ignored_in_this_draft_is_ignored_in_no_other(open_window, db_path, qtbot, languagetool):
    w = window_with_grammar(open_window, db_path, qtbot, languagetool)
    type_at_end(qtbot, w.editor, " We recieve mail. They recieve it too.")
    text = w.editor.text()
    starts = [text.index("recieve"), text.rindex("recieve")]

    def spelled():
        return [m for m in w.editor.underlines.items if m.finding.engine == "grammar" and m.start in starts]

    qtbot.waitUntil(lambda: len(spelled()) == 2, timeout=30_000)
    assert all(m.finding.severity == "error" for m in spelled())  # a common word misspelt
    w.lint_view.add_word("recieve", True)
    assert not spelled()  # every occurrence
    with Store.open(db_path) as s:
        assert s.dictionary.draft_words(w.session.lint.draft_id) == ["recieve"]
        assert "recieve" not in s.dictionary.words()
    w.session.lint.run_now()
    qtbot.waitUntil(lambda: not w.session.lint.worker.busy and w.session.lint.report is not None, timeout=30_000)
    assert not spelled()


def test_a_draft_with_a_huge_line_is_held_until_its_lines_are_broken(open_window, db_path, qtbot):
    huge = "# Big\n\n" + "word " * 400_000 + "\n"  # one 2 MB line: Qt would freeze on each keystroke
    draft_id = make_draft(db_path, huge)
    w = open_window(db_path)
    assert w.banner.kind == "long-lines" and w.editor.isReadOnly() and w.editor.text() == ""
    w.banner.button("Break Long Lines").click()
    assert not w.editor.isReadOnly()
    assert max(len(line) for line in w.editor.text().split("\n")) <= 500
    qtbot.waitUntil(lambda: stored_body(db_path, draft_id) == w.editor.text(), timeout=10_000)
    assert w.editor.text().split() == huge.split()  # the same words, only the line breaks differ


def test_preview_links_citations_from_the_source_library(open_window, db_path, qtbot):
    from deskeditor.core.store import Store

    s = Store.open(db_path)
    s.sources.put("reuters-talks", {"type": "article-newspaper", "title": "Talks resume", "publisher": "Reuters",
                                    "URL": "https://www.reuters.com/world/talks",
                                    "issued": {"date-parts": [[2025, 3, 13]]}})
    s.drafts.create("---\ntitle: Cited\n---\n\nTalks resumed [@reuters-talks].\n")
    s.close()
    w = open_window(db_path)
    qtbot.waitUntil(lambda: any("citation-link" in b.html for b in w.session.preview_sync.blocks), timeout=20_000)
    html = "".join(b.html for b in w.session.preview_sync.blocks)
    assert 'href="https://www.reuters.com/world/talks"' in html and "Reuters, 2025" in html
    # and the Sources list follows the text, as in the export
    shown = []
    original = w.preview.show_blocks
    w.preview.show_blocks = lambda blocks: (shown.append(list(blocks)), original(blocks))
    qtbot.keyClicks(w.editor, " ")
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    last = shown[-1][-1]
    assert last.kind == "sources" and "Talks resume" in last.html and ">Sources</h2>" in last.html
