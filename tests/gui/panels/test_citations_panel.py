"""The Citations tab, on real Qt (offscreen) and a real SQLite store."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from deskeditor.core.citations.lint import lint
from deskeditor.core.errors import InputError
from deskeditor.gui.dialogs.source import SourceDialog
from deskeditor.gui.panels.citations import ROLE, CitationsPanel, attach_edit

DATA = Path(__file__).parents[2] / "data" / "citations"
REUTERS = {"type": "article-newspaper", "title": "Putin says ceasefire must bring lasting peace",
           "container-title": "Reuters", "URL": "https://www.reuters.com/world/putin/",
           "accessed": {"date-parts": [[2025, 3, 20]]}}


@pytest.fixture
def panel(qtbot, store):
    p = CitationsPanel(store)
    qtbot.addWidget(p)
    return p


class Editor:
    """Stands in for the window: applies the panel's edits to the text."""

    def __init__(self, panel: CitationsPanel, text: str) -> None:
        self.panel, self.text = panel, text
        panel.replaceRange.connect(self.replace)
        panel.set_document(text, 1)

    def replace(self, start: int, end: int, new: str) -> None:
        self.text = self.text[:start] + new + self.text[end:]
        self.panel.set_document(self.text, 1)


def top(panel, prefix):
    for i in range(panel.tree.topLevelItemCount()):
        item = panel.tree.topLevelItem(i)
        if item.text(0).startswith(prefix):
            return item
    raise AssertionError(f"no section {prefix!r}")


def children(item):
    return [item.child(i) for i in range(item.childCount())]


def test_the_sample_shows_twelve_unlinked_attributions_in_seven_groups(panel, sample_markdown, qtbot):
    panel.set_document(sample_markdown, 1)
    section = top(panel, "Unlinked attributions")
    assert section.text(0) == "Unlinked attributions (12)"
    groups = {c.text(0): c.text(1) for c in children(section)}
    assert groups["Reuters"] == "2×" and groups["Wikipedia"] == "3×" and len(groups) == 7
    assert top(panel, "Phrases that link nothing").text(0) == "Phrases that link nothing (2)"
    wiki = next(c for c in children(section) if c.text(0) == "Wikipedia")
    second = children(wiki)[1]
    with qtbot.waitSignal(panel.jumpTo) as signal:
        panel.tree.itemClicked.emit(second, 0)
    start, end = signal.args
    assert sample_markdown[start:end] == "(Wikipedia)"
    assert second.text(0).startswith("line 52:")


def test_a_source_shows_how_often_and_where_it_is_cited(panel, store, qtbot):
    store.sources.put("reuters", REUTERS)
    text = "Putin spoke [@reuters].\n\nTrump [agreed](https://reuters.com/world/putin).\n"
    panel.set_document(text, 1)
    sources = top(panel, "Sources of this draft")
    item = children(sources)[0]
    assert item.text(1) == "2×" and item.data(0, ROLE) == ("source", "reuters")
    places = children(item)
    assert [p.text(1) for p in places] == ["key", "link"]
    with qtbot.waitSignal(panel.jumpTo) as signal:
        panel.tree.itemClicked.emit(places[1], 0)
    assert text[signal.args[0]:signal.args[1]] == "[agreed](https://reuters.com/world/putin)"


def test_insert_a_citation_by_searching_the_library(panel, store, qtbot):
    store.sources.put("reuters", REUTERS)
    store.sources.put("other", {"type": "webpage", "title": "Something else", "URL": "https://e.org"})
    panel.set_document("Text.\n", 1)
    qtbot.keyClicks(panel.search, "ceasefire reut")
    assert panel.library_list.count() == 1
    with qtbot.waitSignal(panel.insertText) as signal:
        panel.insert_button.click()
    assert signal.args == ["[@reuters]"]


def test_make_citation_creates_a_source_and_replaces_the_whole_group_in_one_edit(panel, store, sample_markdown):
    editor = Editor(panel, sample_markdown)
    edits = []
    panel.replaceRange.connect(lambda *a: edits.append(a))
    group = next(c for c in children(top(panel, "Unlinked attributions")) if c.text(0) == "Reuters")
    panel.tree.setCurrentItem(group)
    assert panel.convert_button.isEnabled()
    panel.convert_button.click()
    assert len(edits) == 1  # one undoable edit for the group
    assert store.sources.get("reuters").csl["container-title"] == "Reuters"
    assert editor.text.count("[@reuters]") == 2 and "(Reuters)" not in editor.text
    assert "tensions [@reuters]." in editor.text
    assert top(panel, "Unlinked attributions").text(0) == "Unlinked attributions (10)"
    reuters = children(top(panel, "Sources of this draft"))[0]
    assert reuters.text(1) == "2×"
    # the draft now needs the source's URL and accessed date
    rules = {f.rule for f in lint(editor.text, store.sources)}
    assert "source-missing-url" in rules


def test_make_citation_reuses_the_matching_source(panel, store):
    store.sources.put("kalika-nato", {"type": "post-weblog", "title": "NATO’s Role in Russia-Ukraine War",
                                      "container-title": "KalikaBlogs", "URL": "https://kalikablogs.com/nato"})
    text = ("One claim (KalikaBlogs – NATO’s Role in Russia-Ukraine War).\n\n"
            "Another (KalikaBlogs – NATO's Role in Russia-Ukraine War).\n")
    editor = Editor(panel, text)
    group = children(top(panel, "Unlinked attributions"))[0]
    attribution = children(group)[1]
    panel.tree.setCurrentItem(attribution)
    assert panel.convert_selected() == "kalika-nato"
    assert editor.text == ("One claim (KalikaBlogs – NATO’s Role in Russia-Ukraine War).\n\n"
                           "Another [@kalika-nato].\n")
    assert [s.key for s in store.sources.all()] == ["kalika-nato"]


def test_import_reports_the_skipped_entry(panel, store):
    panel.set_document("Text.\n", 1)
    result = panel.import_file(DATA / "sources.bib")
    assert len(result.entries) == 4
    assert "4 added, 0 updated, 1 skipped" in panel.message.text()
    assert "broken-entry" in panel.message.text()
    assert panel.library_list.count() == 4
    with pytest.raises(InputError):
        panel.import_file(DATA / "missing.json")


def test_adding_a_source_can_attach_it_to_the_draft(panel, store):
    editor = Editor(panel, "---\ntitle: T\n---\n\nText.\n")
    panel.add_source("reuters", REUTERS, attach=True)
    assert editor.text == "---\ntitle: T\nsources:\n- reuters\n---\n\nText.\n"
    item = children(top(panel, "Sources of this draft"))[0]
    assert item.data(0, ROLE) == ("source", "reuters") and item.text(1) == "0×"
    assert [f.rule for f in lint(editor.text, store.sources)] == ["uncited-source"]


def test_attach_edit_without_front_matter():
    start, end, text = attach_edit("Body.\n", ["a"])
    assert (start, end) == (0, 0)
    assert text + "Body.\n" == "---\nsources:\n- a\n---\n\nBody.\n"
    assert attach_edit("---\nsources: [a]\n---\nB\n", ["a"]) is None


def test_source_dialog_checks_what_it_is_given(qtbot):
    dlg = SourceDialog(None, "", {"type": "webpage"}, taken={"reuters"})
    qtbot.addWidget(dlg)
    dlg.key.setText("reuters")
    with pytest.raises(InputError, match="taken"):
        dlg.values()
    dlg.key.setText("ap-ceasefire")
    dlg.accessed.setText("last week")
    with pytest.raises(InputError, match="accessed date"):
        dlg.values()
    dlg.accessed.setText("2025-03-20")
    dlg.title.setText("Ceasefire talks")
    dlg.site.setText("Associated Press")
    dlg.short.setText("AP")
    dlg.authors.setPlainText("Doe, Jane\nWorld Health Organization")
    dlg.url.setText("https://apnews.com/x")
    key, csl = dlg.values()
    assert key == "ap-ceasefire"
    assert csl == {"id": "ap-ceasefire", "type": "webpage", "title": "Ceasefire talks",
                   "container-title": "Associated Press", "container-title-short": "AP",
                   "URL": "https://apnews.com/x", "accessed": {"date-parts": [[2025, 3, 20]]},
                   "author": [{"family": "Doe", "given": "Jane"}, {"literal": "World Health Organization"}]}


def test_the_add_button_opens_the_dialog_and_stores_the_source(panel, store, qtbot):
    Editor(panel, "Text.\n")

    def fill():
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, SourceDialog)
        dlg.key.setText("bbc-talks")
        dlg.title.setText("Talks")
        dlg.site.setText("BBC")
        dlg.url.setText("https://bbc.co.uk/news/1")
        dlg.attach.setChecked(False)
        dlg.accept()

    QTimer.singleShot(0, fill)
    panel.add_button.click()
    qtbot.waitUntil(lambda: store.sources.find("bbc-talks") is not None)
    assert store.sources.get("bbc-talks").csl["container-title"] == "BBC"


def test_what_the_user_opened_stays_open_across_refreshes(panel, sample_markdown):
    panel.set_document(sample_markdown, 1)
    wiki = next(c for c in children(top(panel, "Unlinked attributions")) if c.text(0) == "Wikipedia")
    assert not wiki.isExpanded()
    wiki.setExpanded(True)
    panel.tree.setCurrentItem(children(wiki)[2])
    panel.set_document(sample_markdown + "\nOne more line.\n", 1)
    wiki = next(c for c in children(top(panel, "Unlinked attributions")) if c.text(0) == "Wikipedia")
    assert wiki.isExpanded()
    assert panel.tree.currentItem().text(0).startswith("line 54:")


def test_a_large_draft_is_read_in_a_worker_and_only_the_newest_text_is_shown(panel, sample_markdown, qtbot):
    from deskeditor.gui.panels import citations as citations_panel

    filler = "\n\n" + "Plain words without any source at all. " * (citations_panel.ASYNC_CHARS // 30) + "\n"
    older = "Officials spoke (Reuters).\n" + filler
    newer = sample_markdown + filler
    panel.set_document(older, 1)
    assert panel.report is None and panel.summary.text().startswith("Reading the citations")
    panel.set_document(newer, 1)  # typed on before the first answer came
    qtbot.waitUntil(lambda: panel.report is not None, timeout=60_000)
    qtbot.wait(300)  # the older answer, if it came late, must not replace the newer one
    assert top(panel, "Unlinked attributions").text(0) == "Unlinked attributions (12)"
    assert panel.source == newer


def test_make_citation_takes_the_url_the_draft_links_for_that_site(panel, store):
    """Issue 20, 9: the attribution names Reuters and the draft links reuters.com."""
    text = ("Prices rose sharply (Reuters).\n\nThe full story is "
            "[on their site](https://www.reuters.com/markets/prices-rise/).\n")
    Editor(panel, text)
    group = next(c for c in children(top(panel, "Unlinked attributions")) if c.text(0) == "Reuters")
    panel.tree.setCurrentItem(group)
    panel.convert_button.click()
    assert store.sources.get("reuters").csl["URL"] == "https://www.reuters.com/markets/prices-rise/"


def test_add_source_suggests_a_key_from_what_is_typed(qtbot):
    dlg = SourceDialog(None, "", {"type": "webpage"}, {"bbc"})
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.site, "BBC")
    assert dlg.key.text() and dlg.key.text() != "bbc"  # suggested, and not a taken key
    suggested = dlg.key.text()
    qtbot.keyClicks(dlg.title, " Talks resume")
    assert dlg.key.text() != suggested  # follows the title
    dlg.key.setText("mine")
    qtbot.keyClicks(dlg.title, " today")
    assert dlg.key.text() == "mine"  # the user's own key stays
