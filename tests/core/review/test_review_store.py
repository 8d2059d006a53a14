"""Review on stored drafts: the gate, exports, accept/reject as revisions, authors, the workflow."""

from __future__ import annotations

import pytest

from deskeditor.core.errors import InputError
from deskeditor.core.export import gate
from deskeditor.core.export.service import Blocked, Options, export_draft
from deskeditor.core.review import service

from fixtures.review import DRAFT, review_draft  # noqa: F401 (the "draft" fixture)


def test_gate_blocks_while_marks_remain_and_force_overrides(store, draft, tmp_path):
    result = gate.check(store, draft)
    assert result.review == (3, 1) and result.blocked
    assert "3 suggestion(s) and 1 comment(s) under review" in result.summary()
    assert result.lines()[0].startswith("6:11\terror\treview/pending\t3 suggestion(s) and 1 comment(s)")
    with pytest.raises(Blocked):
        export_draft(store, draft.id, "fragment", tmp_path / "a.html")
    done = export_draft(store, draft.id, "fragment", tmp_path / "b.html", options=Options(force=True))
    html = done.target.read_text()
    assert "The talks in Geneva were long. They stopped at noon." in html
    for residue in ("{++", "{--", "{~~", "{==", "{>>", "<ins", "<del", "which day"):
        assert residue not in html


def test_hugo_export_has_no_criticmarkup(store, draft, tmp_path):
    service.apply(store, draft.id, "accept", "all", who="ed")
    (tmp_path / "site").mkdir()
    done = export_draft(store, draft.id, "hugo", tmp_path / "site", options=Options(force=True))
    text = done.target.read_text()
    assert "in Geneva were long" in text and "{" not in text.split("---")[-1]


def test_accept_reject_are_revisions_with_who(store, draft):
    service.apply(store, draft.id, "accept", 1, who="ana")
    service.apply(store, draft.id, "reject", "2", who="bob")
    last = service.apply(store, draft.id, "accept", "all", who="ana")
    assert "The talks in Geneva were long. They ended at noon." in last.body  # numbers follow the text
    notes = [r.note for r in store.drafts.history(draft.id)]
    assert notes[:3] == ["review: accepted all 2 marks by ana", "review: rejected mark 2 (substitute) by bob",
                         "review: accepted mark 1 (insert) by ana"]


def test_bad_mark_numbers_are_one_line(store, draft):
    for bad in ("0", "x", 9):
        with pytest.raises(InputError):
            service.apply(store, draft.id, "accept", bad)
    assert store.drafts.get(draft.id).body == DRAFT


def test_authors_table_keeps_the_file_plain(store, draft):
    from deskeditor.core.review.marks import find_marks

    service.record_author(store, draft.id, find_marks(draft.body)[0], "carla")
    rows = service.list_marks(store, draft.id)
    assert rows[0]["author"] == "carla" and rows[0]["time"].endswith("Z")
    assert rows[3]["author"] == "ana" and rows[3]["replies"] == [{"author": "bob", "text": "Monday"}]
    assert store.drafts.get(draft.id).body == DRAFT


def test_workflow_draft_review_approved(store, draft):
    service.move(store, draft.id, "review", who="writer")
    assert store.drafts.get(draft.id).status == "review"
    with pytest.raises(InputError, match="still has 3 suggestion"):
        service.move(store, draft.id, "approve", who="ed")
    service.apply(store, draft.id, "accept", "all", who="ed")
    service.move(store, draft.id, "approve", who="ed")
    assert store.drafts.get(draft.id).status == "ready"
    notes = [r.note for r in store.drafts.history(draft.id)]
    assert notes[0].startswith("status: review -> ready by ed at ")
    assert notes[2].startswith("status: draft -> review by writer at ")
