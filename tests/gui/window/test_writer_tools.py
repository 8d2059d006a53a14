"""Issue 20, items 6 and 7 and what bloggers expect: the SEO panel applies as
the writer types, names its figures, groups its checks and marks their
sentences; Preferences; images pasted or dropped; social previews, featured
image, tags and categories, and the word goal. Real window, real SQLite file,
real preview, driven with keys and clicks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog

from deskeditor.core.export.sites import Sites
from deskeditor.core.store import Store

YOAST = Path(__file__).resolve().parents[2] / "data" / "yoast" / "sourdough.md"


def make_draft(db_path, body: str, **fields) -> int:
    with Store.open(db_path) as store:
        return store.drafts.create(body, **fields).id


def marked_ranges(editor) -> list[tuple[int, int]]:
    """Ranges the SEO marker paints (a background, no underline)."""
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in editor.extraSelections()
            if s.format.background().color() in (QColor("#fff1a8"), QColor("#6b5a00"))]


def click_item(qtbot, tree, item) -> None:
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=tree.visualItemRect(item).center())


def modal(qtbot, kind):
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=5_000)
    return QApplication.activeModalWidget()


# -- item 6: the SEO panel -------------------------------------------------------
def test_the_keyphrase_applies_after_a_pause_in_typing(open_window, db_path, qtbot):
    make_draft(db_path, "# Ceasefire talks\n\nText about the ceasefire talks.\n")
    w = open_window(db_path)
    w.view.show_seo()
    edit = w.seo_panel.edits["keyphrase"]
    edit.setFocus()
    qtbot.keyClicks(edit, "ceasefire talks")  # no Enter, no Tab
    qtbot.waitUntil(lambda: "focus_keyphrase: ceasefire talks" in w.editor.text(), timeout=3_000)
    assert edit.hasFocus()


def test_scores_have_human_names_and_checks_mark_their_sentences(open_window, db_path, qtbot):
    make_draft(db_path, YOAST.read_text(encoding="utf-8"))
    w = open_window(db_path)
    w.view.show_seo()
    checks = w.seo_panel.checks
    qtbot.waitUntil(lambda: checks.tree.topLevelItemCount() > 0, timeout=20_000)
    table = checks.scores.text()
    assert "SEO score" in table and "Keyphrase density" in table and "1.6%" in table
    assert "SEO title width" in table and " px" in table and "Seo title width px" not in table
    groups = [checks.tree.topLevelItem(i).text(0) for i in range(checks.tree.topLevelItemCount())]
    assert [g.split(" (")[0] for g in groups] == ["Problems", "Improvements", "Good results"]
    good = checks.tree.topLevelItem(2)
    good.setExpanded(True)
    density = next(good.child(i) for i in range(good.childCount())
                   if good.child(i).text(0).startswith("Keyphrase density"))
    assert marked_ranges(w.editor) == []
    click_item(qtbot, checks.tree, density)
    text = w.editor.text()
    marks = marked_ranges(w.editor)
    assert len(marks) >= 5
    assert all(text[a:b].lower().replace("\n", " ").startswith("sourdough starter")
               or text[a:b].lower() == "sourdough starter basics for home bakers" for a, b in marks)
    click_item(qtbot, checks.tree, density)  # a second click takes the marks away
    assert marked_ranges(w.editor) == []


def test_a_check_about_sentences_marks_every_sentence(open_window, db_path, qtbot):
    long = ("This sentence is written to be long enough that the readability check counts it as one of "
            "the long sentences in the text, which it is.")
    make_draft(db_path, f"# Long\n\n{long} Short one.\n\n{long}\n")
    w = open_window(db_path)
    checks = w.seo_panel.checks
    qtbot.waitUntil(lambda: checks.tree.topLevelItemCount() > 0, timeout=20_000)
    rows = [(g.child(i), g) for g in (checks.tree.topLevelItem(k) for k in range(checks.tree.topLevelItemCount()))
            for i in range(g.childCount())]
    item, group = next((c, g) for c, g in rows if c.text(0).startswith("Sentence length"))
    group.setExpanded(True)
    w.view.show_seo()
    click_item(qtbot, checks.tree, item)
    text = w.editor.text()
    assert [text[a:b] for a, b in marked_ranges(w.editor)] == [long, long]
    w.editor.setFocus()
    qtbot.keyClicks(w.editor, "x")  # typing makes the marks stale: they go
    assert marked_ranges(w.editor) == []


# -- item 7: Preferences ----------------------------------------------------------
def test_preferences_keep_the_site_url_grammar_and_editor_settings(open_window, db_path, qtbot):
    make_draft(db_path, "# Post\n\nText.\n", slug="post")
    w = open_window(db_path)
    w.actions_by_name["preferences"].trigger()
    dlg = modal(qtbot, QDialog)
    dlg.site_url.clear()
    qtbot.keyClicks(dlg.site_url, "ftp://blog.example")
    qtbot.keyClick(dlg.site_url, Qt.Key_Return)
    assert "http:// or https://" in dlg.problem.text() and dlg.isVisible()
    dlg.site_url.clear()
    qtbot.keyClicks(dlg.site_url, "https://blog.example.org")
    dlg.language.setCurrentIndex(dlg.language.findData("en-GB"))
    dlg.picky.setChecked(True)
    dlg.line_chars.setValue(20)
    qtbot.keyClick(dlg, Qt.Key_Return)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=3_000)
    with Store.open(db_path, check=False) as store:
        assert store.settings.get("site_url") == "https://blog.example.org"
        assert store.settings.get("grammar")["language"] == "en-GB"
        assert store.settings.get("grammar")["picky"] is True
    assert w.editor.line_chars == 20 and w.editor.viewportMargins().left() > 0
    qtbot.waitUntil(lambda: "blog.example.org" in w.seo_panel.snippet.text(), timeout=20_000)


def test_preferences_add_and_remove_a_wordpress_site(open_window, db_path, qtbot):
    from deskeditor.gui.dialogs.accounts import AddSiteDialog

    make_draft(db_path, "# Post\n\nText.\n")
    w = open_window(db_path)
    dlg = w.writer.preferences()
    page = dlg.accounts
    dlg.tabs.setCurrentWidget(page)
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    add = modal(qtbot, AddSiteDialog)
    qtbot.keyClicks(add.name, "blog")
    qtbot.keyClicks(add.url, "http://blog.example.com")
    qtbot.keyClicks(add.user, "ann")
    qtbot.keyClick(add.user, Qt.Key_Return)
    assert "unencrypted" in add.problem.text() and add.isVisible()
    add.url.clear()
    qtbot.keyClicks(add.url, "https://blog.example.com")
    qtbot.keyClick(add.user, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.list.count() == 1, timeout=3_000)
    assert [s.name for s in Sites(w.store.settings).list()] == ["blog"]
    page.list.setCurrentRow(0)
    qtbot.mouseClick(page.remove_button, Qt.LeftButton)
    assert page.list.count() == 0 and Sites(w.store.settings).list() == []
    dlg.reject()


# -- images pasted or dropped -------------------------------------------------------
def _paste_a_blue_card(qtbot, w) -> None:
    """Ctrl+V of a 40x30 picture at the end of the text, described as "A blue test card"."""
    image = QImage(40, 30, QImage.Format_RGB32)
    image.fill(QColor("#3366cc"))
    QApplication.clipboard().setImage(image)
    w.editor.setFocus()
    w.editor.moveCursor(QTextCursor.End)
    qtbot.keyClick(w.editor, Qt.Key_V, Qt.ControlModifier)
    ask = modal(qtbot, QInputDialog)
    line = ask.findChild(type(w.seo_panel.edits["keyphrase"]))
    line.selectAll()
    qtbot.keyClicks(line, "A blue test card")
    qtbot.keyClick(line, Qt.Key_Return)
    qtbot.waitUntil(lambda: "![A blue test card](" in w.editor.text(), timeout=3_000)


def test_a_pasted_image_is_kept_described_and_shown(open_window, db_path, qtbot, run_js):
    make_draft(db_path, "# Post\n\nBefore the picture.\n")
    w = open_window(db_path)
    _paste_a_blue_card(qtbot, w)
    assert "Before the picture.\n\n![A blue test card](" in w.editor.text()  # a paragraph of its own
    folder = db_path.parent / "media" / "draft-1"
    files = list(folder.iterdir())
    assert [f.suffix for f in files] == [".png"] and QImage(str(files[0])).width() == 40
    assert f"![A blue test card]({files[0].resolve()})" in w.editor.text()
    page = w.preview.web_page()
    qtbot.waitUntil(lambda: run_js(page, "document.images.length && document.images[0].naturalWidth") == 40,
                    timeout=20_000)


def test_a_dropped_image_file_is_copied_beside_the_drafts(open_window, db_path, qtbot, tmp_path):
    make_draft(db_path, "# Post\n\nText.\n")
    w = open_window(db_path)
    src = tmp_path / "Holiday Photo.jpg"
    image = QImage(8, 8, QImage.Format_RGB32)
    image.fill(QColor("#ff0000"))
    image.save(str(src), "JPG")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(src))])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(w.editor.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(w.editor.viewport(), drop)
    ask = modal(qtbot, QInputDialog)
    assert ask.textValue() == "Holiday Photo"
    qtbot.keyClick(ask, Qt.Key_Return)
    qtbot.waitUntil(lambda: "![Holiday Photo](" in w.editor.text(), timeout=3_000)
    assert (db_path.parent / "media" / "draft-1" / "holiday-photo.jpg").read_bytes() == src.read_bytes()


# -- social previews, featured image, tags and categories, the word goal ------------------
def test_social_fields_tags_and_word_goal(open_window, db_path, qtbot):
    make_draft(db_path, "# Other\n\nOld.\n", tags=["sourdough", "baking"], categories=["Recipes"])
    make_draft(db_path, "# Post\n\none two three four five six seven eight nine ten\n")
    w = open_window(db_path)
    w.session.open_draft(2)
    seo = w.seo_panel
    w.view.show_seo()
    for key, typed in (("og_title", "Share me"), ("og_image", "/images/card.png"),
                       ("featured_image", "/images/hero.jpg"), ("word_goal", "40")):
        seo.edits[key].setFocus()
        qtbot.keyClicks(seo.edits[key], typed)
    qtbot.waitUntil(lambda: "og_title: Share me" in w.editor.text(), timeout=3_000)
    text = w.editor.text()
    assert "og_image: /images/card.png" in text and "featured_image: /images/hero.jpg" in text
    assert "word_goal: 40" in text
    assert "Share me" in seo.social.text() and "card.png" in seo.social.text()
    qtbot.waitUntil(lambda: w.writer.goal.isVisible() and " of 40 words" in w.writer.goal.text(), timeout=5_000)
    tags = seo.edits["tags"]
    tags.setFocus()
    qtbot.keyClicks(tags, "bread, sour")
    popup = tags.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=3_000)
    assert popup.model().index(0, 0).data() == "sourdough"
    qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Return)
    assert tags.text() == "bread, sourdough"
    qtbot.waitUntil(lambda: "- sourdough" in w.editor.text(), timeout=3_000)


def test_the_theme_chosen_in_preferences_applies_at_once_and_is_kept(open_window, db_path, qtbot):
    app = QApplication.instance()
    palette, style = app.palette(), app.style().name()
    make_draft(db_path, "# Post\n\nText.\n")
    w = open_window(db_path)
    assert not w.colors.dark
    try:
        edit_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Edit")
        next(a for a in edit_menu.actions() if a.text() == "Pre&ferences…").trigger()
        dlg = modal(qtbot, QDialog)
        dlg.theme.setCurrentIndex(dlg.theme.findData("dark"))
        qtbot.keyClick(dlg, Qt.Key_Return)
        qtbot.waitUntil(lambda: w.colors.dark, timeout=3_000)
        assert w.settings.value("theme") == "dark"
    finally:
        app.setStyle(style)
        app.setPalette(palette)


def test_a_pasted_image_in_suggest_mode_is_a_suggested_insertion(open_window, db_path, qtbot):
    make_draft(db_path, "# Post\n\nBefore the picture.\n")
    w = open_window(db_path)
    w.review.suggest.set_on(True)
    _paste_a_blue_card(qtbot, w)
    text = w.editor.text()
    assert text.startswith("# Post\n\nBefore the picture.\n") and "{++" in text
    inserted = text[text.index("{++") + 3:text.index("++}")]
    assert "![A blue test card](" in inserted  # the picture is the editor's suggestion, to accept or reject
