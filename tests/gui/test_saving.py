"""The save thread on its own (no Qt): newest text wins, versions guard against
lost updates, a failing store reports and recovers."""

from __future__ import annotations

import threading

from deskeditor.core.errors import StoreError
from deskeditor.core.store import Store
from deskeditor.gui.saving import SaveWorker


def worker_for(db, results, open_store=None):
    w = SaveWorker(open_store or (lambda: Store.open(db, check=False)), results.append)
    w.start()
    return w


def test_queued_saves_of_one_draft_collapse_to_the_newest(tmp_path):
    db = tmp_path / "d.db"
    with Store.open(db) as s:
        d = s.drafts.create("# A\n")
    results: list = []
    gate = threading.Event()
    w = worker_for(db, results)
    w.track(d.id, d.version)
    w.call(lambda store: gate.wait(5))  # hold the thread so the saves queue up
    for i in range(10):
        w.save(d.id, f"# A\n\n{i}\n", token=i, note="saved" if i == 0 else "autosave")
    gate.set()
    assert w.stop(10)
    assert [r.token for r in results] == [9] and results[0].ok
    assert results[0].note == "saved"  # the explicit save's note survives being overtaken
    with Store.open(db) as s:
        assert s.drafts.get(d.id).body == "# A\n\n9\n"
        assert len(s.drafts.history(d.id)) == 2


def test_a_save_made_elsewhere_is_a_conflict_and_nothing_is_overwritten(tmp_path):
    db = tmp_path / "d.db"
    with Store.open(db) as s:
        d = s.drafts.create("# A\n")
        s.drafts.save(d.id, "# A\n\ntheirs\n")
    results: list = []
    w = worker_for(db, results)
    w.track(d.id, d.version)  # this window loaded the older version
    w.save(d.id, "# A\n\nmine\n", token=1)
    w.flush(10)
    w.save(d.id, "# A\n\nmine again\n", token=2)  # refused without asking the store
    assert w.stop(10)
    assert [(r.ok, r.conflict) for r in results] == [(False, True), (False, True)]
    with Store.open(db) as s:
        assert s.drafts.get(d.id).body == "# A\n\ntheirs\n"


def test_a_failing_store_reports_and_the_next_attempt_reopens_it(tmp_path):
    db = tmp_path / "d.db"
    with Store.open(db) as s:
        d = s.drafts.create("# A\n")
    failing = {"left": 2}

    def open_store():
        if failing["left"]:
            failing["left"] -= 1
            raise StoreError("cannot open the database: disk full")
        return Store.open(db, check=False)

    results: list = []
    w = worker_for(db, results, open_store)
    w.track(d.id, d.version)
    for i in range(3):
        w.save(d.id, "# A\n\nkept\n", token=i)
        w.flush(10)
    assert w.stop(10)
    assert [r.ok for r in results] == [False, False, True]
    assert "disk full" in results[0].error
    with Store.open(db) as s:
        assert s.drafts.get(d.id).body == "# A\n\nkept\n"
