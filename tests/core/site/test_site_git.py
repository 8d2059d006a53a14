"""Two machines sharing a site through a git remote: a bare repository and
two clones (the writer's and the editor's), each with its own deskeditor
database. Pull merges what does not overlap, keeps both versions of what
does, and push refuses to overwrite a remote that moved."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from sitegen import git, hugo_site

from deskeditor.core.errors import InputError
from deskeditor.core.site.workspace import State, Workspace, save_draft_text
from deskeditor.core.store import Store

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (apt-get install git)")

POST = "content/posts/post-0.md"


@pytest.fixture
def machines(tmp_path):
    origin = hugo_site(tmp_path / "origin-work")
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(origin), str(remote)], check=True)
    out = {}
    for who in ("writer", "editor"):
        clone = tmp_path / who
        subprocess.run(["git", "clone", "-q", str(remote), str(clone)], check=True)
        git(clone, "config", "user.name", who)
        git(clone, "config", "user.email", f"{who}@example.org")
        store = Store.open(tmp_path / f"{who}.db")
        ws, _ = Workspace.open(store, clone)
        out[who] = (store, ws, clone)
    yield out
    for store, _ws, _clone in out.values():
        store.close()


def _edit(machine, old: str, new: str) -> int:
    store, ws, _clone = machine
    link = store.sites.file(ws.site.id, POST)
    body = store.drafts.get(link.draft_id).body
    assert old in body
    save_draft_text(store, link.draft_id, body.replace(old, new))
    return link.draft_id


def test_edits_on_two_machines_that_do_not_overlap_are_merged(machines):
    w_store, writer, _ = machines["writer"]
    _edit(machines["editor"], "## What happened", "## What actually happened")
    machines["editor"][1].commit("editor: heading")
    machines["editor"][1].push()
    draft_id = _edit(machines["writer"], "More soon.", "More soon, I promise.")
    writer.commit("writer: ending")
    with pytest.raises(InputError, match="push refused: the remote has changes"):
        writer.push()
    result = writer.pull()
    assert result.ok and not result.conflicts
    body = w_store.drafts.get(draft_id).body
    assert "## What actually happened" in body and "More soon, I promise." in body
    assert writer.push() == "pushed"
    assert {s.state for s in writer.status()} == {State.CLEAN}


def test_overlapping_edits_become_a_conflict_resolved_per_hunk_and_nothing_is_lost(machines):
    w_store, writer, w_clone = machines["writer"]
    _edit(machines["editor"], "More soon.", "Editor: more soon.")
    machines["editor"][1].commit("editor")
    machines["editor"][1].push()
    draft_id = _edit(machines["writer"], "More soon.", "Writer: more soon.")
    writer.commit("writer")
    result = writer.pull()
    assert not result.ok and result.conflicts == [POST]
    # the working file holds the writer's text, not conflict markers; the draft too
    assert "Writer: more soon." in (w_clone / POST).read_text() and "<<<<" not in (w_clone / POST).read_text()
    assert "Writer: more soon." in w_store.drafts.get(draft_id).body
    assert {s.path: s.state for s in writer.status()}[POST] is State.CONFLICT
    with pytest.raises(InputError, match="conflicts to resolve"):
        writer.commit("too early")
    _link, merged = writer.conflict(draft_id)
    assert ["".join(h.theirs).strip() for h in merged.conflicts] == ["Editor: more soon."]
    text = writer.resolve(draft_id, hunks=["theirs"])
    assert "Editor: more soon." in text and "Writer: more soon." not in text
    # resolving the last conflict concluded git's merge
    assert git(w_clone, "status", "--porcelain") == ""
    assert len(git(w_clone, "log", "--format=%P", "-1").split()) == 2  # a merge commit
    assert writer.push() == "pushed"
    # the writer's version is still in the draft's history
    revisions = [w_store.drafts.revision_text(draft_id, r.number) for r in w_store.drafts.history(draft_id)]
    assert any("Writer: more soon." in t for t in revisions)


def test_uncommitted_posts_stop_a_pull_that_would_overwrite_them(machines):
    _edit(machines["editor"], "More soon.", "Editor: more soon.")
    machines["editor"][1].commit("editor")
    machines["editor"][1].push()
    _edit(machines["writer"], "More soon.", "Writer, not committed.")
    with pytest.raises(InputError, match="commit them first"):
        machines["writer"][1].pull()
    assert "Writer, not committed." in (machines["writer"][2] / POST).read_text()


def test_commit_runs_the_gate_unless_forced(machines):
    store, writer, clone = machines["writer"]
    _edit(machines["writer"], "More soon.", "More soon.")  # nothing changed: nothing to commit
    assert writer.commit("nothing") == "nothing to commit: no post changed"
    _edit(machines["writer"], "More soon.", "Gated change.")
    with pytest.raises(InputError, match="post-0.md: blocked"):
        writer.commit("blocked", gate=lambda draft_id: ["blocked by a test gate"])
    assert git(clone, "status", "--porcelain").strip()  # not committed
    assert writer.commit("ok", gate=lambda draft_id: []).startswith("committed 1 file(s)")
