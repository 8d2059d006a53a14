"""Issue 13: the library's search runs off the GUI thread (a pasted page as a query)."""

from __future__ import annotations

import threading

from deskeditor.core.store import Store
from deskeditor.gui.panels.library import LibraryPane


def test_search_runs_in_its_own_thread_and_shows_the_latest(qtbot, tmp_path):
    store = Store.open(tmp_path / "d.db")
    store.drafts.create("# Gardening\n\nTomatoes like sun.\n")
    store.drafts.create("# Ceasefire\n\nTalks went on.\n")
    real = store.drafts.search
    threads = []

    def recording(*args, **kwargs):  # the real search, noting where it ran
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    store.drafts.search = recording
    panel = LibraryPane(store)
    qtbot.addWidget(panel)
    panel.search.setText("tomatoes " + "x" * 100_000)
    panel.search.setText("tomatoes")
    qtbot.waitUntil(lambda: panel.list.count() == 1 and panel.list.item(0).text() == "Gardening", timeout=5_000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    store.close()
