"""The DraftSession without a window: a real store, a real editor (never
shown) and the loading stand-in for the preview. What it says through its
signals is all a window needs to show the open draft."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from deskeditor.core.store import Store
from deskeditor.gui.editor import MarkdownEditor
from deskeditor.gui.preview.host import LoadingPreview
from deskeditor.gui.session.autosave import SaveState
from deskeditor.gui.session.draft_session import DraftSession

ENGINES = ("seo", "readability", "citations")
THEIRS = "---\ntitle: Theirs\n---\n\nTheir text.\n"


@pytest.fixture
def make_session(qtbot, tmp_path):
    made = []

    def make(path):
        store = Store.open(path)
        editor = MarkdownEditor()
        qtbot.addWidget(editor)
        pool = QThreadPool()
        session = DraftSession(store, editor, LoadingPreview(), pool, grammar=False, lint_engines=ENGINES)
        events: list = []
        session.draftOpened.connect(lambda d: events.append(("opened", d.id if d else None)))
        session.draftHeld.connect(lambda d, n: events.append(("held", d.id, n)))
        session.draftChanged.connect(lambda d: events.append(("changed", d.title)))
        session.saveStateChanged.connect(lambda state, _m: events.append(state))
        session.libraryChanged.connect(lambda: events.append("library"))
        made.append((session, store))
        return session, events

    yield make
    for session, store in made:
        session.flush(10.0)
        session.shutdown()
        store.close()


def make_drafts(path, *bodies) -> list[int]:
    with Store.open(path) as s:
        return [s.drafts.create(body).id for body in bodies]


def stored(path, draft_id):
    with Store.open(path, check=False) as s:
        return s.drafts.get(draft_id)


def test_it_opens_saves_and_renames_a_draft_through_its_signals(make_session, tmp_path, qtbot):
    db = tmp_path / "d.db"
    first, second = make_drafts(db, "# First\n\nA.\n", "# Second\n\nB.\n")
    session, events = make_session(db)
    session.open_initial(first)
    assert ("opened", first) in events and session.editor.text() == "# First\n\nA.\n"
    session.start()
    session.start_checks()
    qtbot.waitUntil(lambda: session.lint.report is not None, timeout=15_000)
    renamed = "---\ntitle: Renamed\n---\n\nA, and more.\n"
    session.editor.replace_text(renamed)
    assert SaveState.UNSAVED in events
    qtbot.waitUntil(lambda: stored(db, first).body == renamed, timeout=5_000)
    qtbot.waitUntil(lambda: ("changed", "Renamed") in events, timeout=5_000)
    assert "library" in events and session.save_state is SaveState.SAVED
    session.open_draft(second)
    assert session.draft.id == second and events[-1] == ("opened", second)


def test_a_line_too_long_holds_the_draft_until_the_user_says_how(make_session, tmp_path):
    db = tmp_path / "d.db"
    [draft_id] = make_drafts(db, "word " * 4_000)
    session, events = make_session(db)
    session.open_initial(draft_id)
    assert session.held and events == [("held", draft_id, len("word " * 4_000))]
    assert session.editor.text() == "" and session.editor.isReadOnly()
    session.break_long_lines()
    assert not session.held and ("opened", draft_id) in events
    assert max(len(line) for line in session.editor.text().split("\n")) <= 500


def test_their_version_replaces_mine_and_mine_becomes_a_draft(make_session, tmp_path, qtbot):
    db = tmp_path / "d.db"
    [draft_id] = make_drafts(db, "# Shared\n\nStart.\n")
    session, events = make_session(db)
    session.open_initial(draft_id)
    with Store.open(db) as other:
        other.drafts.save(draft_id, THEIRS)
    with qtbot.waitSignal(session.conflicts.conflicted, timeout=5_000):
        session.editor.replace_text("# Shared\n\nMine.\n")
    assert session.save_state is SaveState.CONFLICT
    with qtbot.waitSignal(session.conflicts.resolved):
        session.conflicts.use_theirs()
    assert session.editor.text() == THEIRS and session.draft.title == "Theirs"
    assert ("changed", "Theirs") in events
    with Store.open(db) as s:
        [mine] = [d for d in s.drafts.list() if d.title.endswith("(my version)")]
        assert mine.body.endswith("# Shared\n\nMine.\n")


def test_trashing_the_open_draft_opens_the_newest_other(make_session, tmp_path):
    db = tmp_path / "d.db"
    kept, gone = make_drafts(db, "# Kept\n", "# Gone\n")
    session, events = make_session(db)
    session.open_initial(gone)
    assert session.trash(gone)
    assert session.draft.id == kept and events[-1] == ("opened", kept)
    assert session.restore(gone) and session.draft.id == gone


def test_a_save_never_reads_the_draft_back_on_the_gui_thread(make_session, tmp_path, qtbot):
    """The save thread hands over the draft it stored: reading a 25 MB body
    back on the GUI thread froze the window for half a second."""
    import threading

    from deskeditor.core.store.drafts import Drafts

    db = tmp_path / "d.db"
    [draft_id] = make_drafts(db, "# First\n\nA.\n")
    session, events = make_session(db)
    session.open_initial(draft_id)
    session.start()
    reads_on_gui_thread = []
    real_get = Drafts.get

    def watched_get(self, wanted):
        if threading.current_thread() is threading.main_thread():
            reads_on_gui_thread.append(wanted)
        return real_get(self, wanted)

    Drafts.get = watched_get
    try:
        session.editor.replace_text("---\ntitle: Renamed\n---\n\nA, and more.\n")
        qtbot.waitUntil(lambda: ("changed", "Renamed") in events, timeout=5_000)
    finally:
        Drafts.get = real_get
    assert session.draft.title == "Renamed" and session.draft.body.endswith("A, and more.\n")
    assert reads_on_gui_thread == []
