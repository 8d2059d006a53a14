"""A Hugo or Jekyll site opened as a workspace: its files are the truth.

    ws = Workspace.open(store, "~/blog")      # detect, link every post to a draft
    ws.status()                               # what changed where
    ws.sync()                                 # bring both sides together

Every post file is linked to one draft, with the text as last synced. A scan
compares each side with that base:

- changed only on disk (another editor, ``git pull``): the draft gets the
  file's text as a new revision;
- changed only in deskeditor: the file is rewritten atomically, with its own
  line ends and byte-order mark;
- changed on both sides: a three-way merge (``merge.merge3``); edits that do
  not overlap are both kept and written to both sides; overlapping ones are a
  conflict: neither side is touched, both versions are kept, and the writer
  resolves it (per hunk, or by taking one side);
- a new file becomes a new draft; a file renamed outside keeps its draft
  (matched by its text); a file deleted outside leaves its draft, unlinked.

Nothing is ever overwritten silently on either side, and every change to a
draft is a revision, so any earlier text can be restored.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Callable

from ..errors import ConflictError, DeskeditorError, InputError
from ..store.sites import SiteFile, SiteRoot, text_hash
from . import files
from .config import SiteConfig, detect, new_post_path, post_files
from .merge import Merged, merge3

Progress = Callable[[int, int, str], None]  # done, total, path


class State(StrEnum):
    CLEAN = "clean"
    CHANGED_HERE = "changed in deskeditor"
    CHANGED_ON_DISK = "changed on disk"
    CONFLICT = "conflict"
    NEW = "new"
    DELETED = "deleted on disk"


class Cancelled(Exception):
    """The caller's ``cancelled()`` said stop; what was done so far is kept."""


@dataclass
class PostStatus:
    path: str
    state: State
    draft_id: int | None = None
    title: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "state": str(self.state), "draft_id": self.draft_id, "title": self.title}


@dataclass
class SyncReport:
    imported: list[str] = field(default_factory=list)  # new files -> new drafts
    pulled: list[str] = field(default_factory=list)  # disk -> draft
    written: list[str] = field(default_factory=list)  # draft -> disk
    merged: list[str] = field(default_factory=list)  # both, merged cleanly
    conflicts: list[str] = field(default_factory=list)  # both, overlapping: nothing touched
    renamed: list[tuple[str, str]] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # gone from disk; the draft is kept
    problems: list[str] = field(default_factory=list)  # one line each: a file that could not be read or written

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("imported", "pulled", "written", "merged", "conflicts",
                                              "renamed", "deleted", "problems")}

    def changed(self) -> bool:
        return any((self.imported, self.pulled, self.written, self.merged, self.renamed, self.deleted))


class Workspace:
    def __init__(self, store: Any, config: SiteConfig, site: SiteRoot) -> None:
        self.store = store
        self.config = config
        self.site = site
        self.root = config.root

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(cls, store: Any, root: str | Path, *, progress: Progress | None = None,
             cancelled: Callable[[], bool] | None = None) -> tuple["Workspace", SyncReport]:
        """Open (or re-open) the site at ``root`` and bring it in step."""
        config = detect(root)
        site = store.sites.add_root(str(config.root), config.kind, config.settings())
        ws = cls(store, config, site)
        return ws, ws.sync(progress=progress, cancelled=cancelled)

    @classmethod
    def of_draft(cls, store: Any, draft_id: int) -> tuple["Workspace", SiteFile] | None:
        """The workspace a draft belongs to, with its file's link (None: a free draft)."""
        link = store.sites.file_of_draft(draft_id)
        if link is None:
            return None
        site = next((s for s in store.sites.roots() if s.id == link.site_id), None)
        if site is None:
            return None
        return cls(store, detect(site.root), site), link

    @classmethod
    def find(cls, store: Any, root: str | Path | None) -> "Workspace":
        """An already opened site: ``root`` or, without one, the only site open."""
        if root is None:
            roots = store.sites.roots()
            if len(roots) != 1:
                names = ", ".join(r.root for r in roots) or "none"
                raise InputError(f"name the site's folder (open sites: {names})")
            site = roots[0]
        else:
            site = store.sites.site_of(str(Path(root).expanduser().resolve()))
        return cls(store, detect(site.root), site)

    def path(self, rel: str) -> Path:
        """The file of post ``rel``; ``InputError`` when it resolves outside the
        site's folder (a symlink, a ``..`` in a stored path): deskeditor never
        reads or writes outside the folder that was opened."""
        from ..export.paths import resolved

        p = self.root / rel
        real, top = resolved(p), resolved(self.root)
        if top not in real.parents:
            raise InputError(f"{rel}: resolves to {real}, outside the site folder {self.root}; left alone")
        return p

    # -- comparing -------------------------------------------------------------
    def _versions(self) -> dict[int, tuple[int, str, str]]:
        rows = self.store.conn.execute(
            "SELECT d.id, d.version, d.title, d.trashed FROM drafts d JOIN site_files f ON f.draft_id = d.id "
            "WHERE f.site_id = ?", (self.site.id,))
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def _disk_changed(self, link: SiteFile, stat: tuple[int, int]) -> tuple[bool, files.PostText | None]:
        """Whether the file's text differs from the base (read only when its stat moved)."""
        if stat == (link.mtime_ns, link.size):
            return False, None
        post = files.read_post(self.path(link.path))
        if text_hash(post.text) == link.base_hash:
            self.store.sites.touch(link.id, post.mtime_ns, post.size)
            return False, post
        return True, post

    def status(self) -> list[PostStatus]:
        """Every post's state, without changing anything on either side."""
        on_disk = set(post_files(self.config))
        versions = self._versions()
        out: list[PostStatus] = []
        for link in self.store.sites.files(self.site.id):
            version, title, _trashed = versions.get(link.draft_id, (link.synced_version, "", ""))
            here = version != link.synced_version
            stat = files.stat_of(self.path(link.path))
            if link.conflict:
                state = State.CONFLICT
            elif stat is None:
                state = State.DELETED
            else:
                try:
                    there, _post = self._disk_changed(link, stat)
                except InputError:
                    there = True
                state = (State.CONFLICT if here and there else State.CHANGED_HERE if here
                         else State.CHANGED_ON_DISK if there else State.CLEAN)
            on_disk.discard(link.path)
            out.append(PostStatus(link.path, state, link.draft_id, title))
        out += [PostStatus(p, State.NEW) for p in sorted(on_disk)]
        return sorted(out, key=lambda s: s.path)

    # -- syncing -----------------------------------------------------------------
    def sync(self, *, progress: Progress | None = None,
             cancelled: Callable[[], bool] | None = None) -> SyncReport:
        """Bring every post and its draft in step (see the module's docstring)."""
        report = SyncReport()
        on_disk = post_files(self.config)
        links = {f.path: f for f in self.store.sites.files(self.site.id)}
        versions = self._versions()
        new = [p for p in on_disk if p not in links]
        gone = [links[p] for p in links if p not in set(on_disk)]
        total = len(on_disk)
        self._follow_renames(new, gone, report)
        for i, rel in enumerate(on_disk):
            if cancelled is not None and cancelled():
                raise Cancelled(f"stopped after {i} of {total} posts; run it again to go on")
            if progress is not None and (i % 25 == 0 or i == total - 1):
                progress(i + 1, total, rel)
            link = links.get(rel) or self.store.sites.file(self.site.id, rel)
            try:
                if link is None:
                    self._import(rel, report)
                else:
                    version = versions.get(link.draft_id, (link.synced_version, "", ""))[0]
                    self._sync_one(link, version, report)
            except (DeskeditorError, OSError) as exc:
                report.problems.append(f"{rel}: {exc}" if rel not in str(exc) else str(exc))
        for link in gone:
            if self.store.sites.file(self.site.id, link.path) is not None:
                report.deleted.append(link.path)
        if report.deleted:
            deleted = set(report.deleted)
            self.store.sites.unlink(f.id for f in gone if f.path in deleted)
        return report

    def _import(self, rel: str, report: SyncReport) -> None:
        post = files.read_post(self.path(rel))
        draft = self.store.drafts.create(post.text)
        self.store.sites.link(self.site.id, rel, draft.id, post.text, draft.version,
                              post.mtime_ns, post.size, post.eol, post.bom)
        report.imported.append(rel)

    def _follow_renames(self, new: list[str], gone: list[SiteFile], report: SyncReport) -> None:
        """A new file whose text is a vanished file's last synced text is that
        post, renamed outside: its draft follows it."""
        if not new or not gone:
            return
        by_hash = {f.base_hash: f for f in gone}
        for rel in list(new):
            try:
                post = files.read_post(self.path(rel))
            except InputError:
                continue
            link = by_hash.pop(text_hash(post.text), None)
            if link is None:
                continue
            self.store.sites.move(link.id, rel)
            self.store.sites.touch(link.id, 0, -1)  # re-read on this pass
            new.remove(rel)
            gone.remove(link)
            report.renamed.append((link.path, rel))

    def _sync_one(self, link: SiteFile, version: int, report: SyncReport) -> None:
        if link.conflict:
            report.conflicts.append(link.path)
            return
        here = version != link.synced_version
        stat = files.stat_of(self.path(link.path))
        if stat is None:
            return
        there, post = self._disk_changed(link, stat)
        if not here and not there:
            return
        draft = self.store.drafts.get(link.draft_id)
        if here and draft.body == link.base:
            here = False  # saved, but back to the synced text
        if there and post is None:
            post = files.read_post(self.path(link.path))
        if here and not there:
            self._write(link, draft.body, draft.version)
            report.written.append(link.path)
        elif there and not here:
            saved = self.store.drafts.save(link.draft_id, post.text, expected_version=draft.version,
                                           note="site: changed on disk")
            self.store.sites.synced(link.id, post.text, saved.version, post.mtime_ns, post.size)
            report.pulled.append(link.path)
        elif here and there:
            merged = merge3(link.base, draft.body, post.text)
            if merged.clean:
                saved = self.store.drafts.save(link.draft_id, merged.text, expected_version=draft.version,
                                               note="site: merged with the file's changes")
                self._write(link, merged.text, saved.version)
                report.merged.append(link.path)
            else:
                self.store.sites.set_conflict(link.id, {"origin": "disk", "theirs": post.text,
                                                        "base": link.base, "mine_version": draft.version})
                report.conflicts.append(link.path)
        elif there:  # changed on disk back to the draft's text
            self.store.sites.synced(link.id, post.text, draft.version, post.mtime_ns, post.size)

    def _write(self, link: SiteFile, text: str, version: int) -> None:
        mtime_ns, size = files.write_post(self.path(link.path), text, link.eol, link.bom)
        self.store.sites.synced(link.id, text, version, mtime_ns, size)

    # -- one draft -----------------------------------------------------------------
    def save_through(self, draft_id: int) -> str:
        """After the draft was saved: write it to its file (merging when the
        file changed too). Returns what happened: "written", "merged",
        "conflict", "unchanged"."""
        link = self.store.sites.file_of_draft(draft_id)
        if link is None:
            return "unchanged"
        report = SyncReport()
        self._sync_one(link, self.store.drafts.get(draft_id).version, report)
        for name in ("written", "merged", "conflicts", "pulled"):
            if getattr(report, name):
                return {"conflicts": "conflict", "pulled": "updated from disk"}.get(name, name)
        return "unchanged"

    def conflict(self, draft_id: int) -> tuple[SiteFile, Merged]:
        """The draft's unresolved conflict, as a merge to resolve per hunk."""
        link = self.store.sites.file_of_draft(draft_id)
        if link is None or not link.conflict:
            raise InputError(f"draft {draft_id} has no conflict to resolve")
        draft = self.store.drafts.get(draft_id)
        return link, merge3(link.conflict["base"], draft.body, link.conflict["theirs"])

    def resolve(self, draft_id: int, *, take: str = "", hunks: list[str] | None = None,
                text: str | None = None) -> str:
        """End a conflict with ``take`` ("mine" or "theirs"), a choice per
        hunk, or a text of the writer's own; the result goes to both sides
        (the draft as a new revision, the file atomically). Returns the text."""
        link, merged = self.conflict(draft_id)
        draft = self.store.drafts.get(draft_id)
        if text is not None:
            result = text
        elif hunks is not None:
            result = merged.resolve(hunks)
        elif take == "mine":
            result = draft.body
        elif take == "theirs":
            result = link.conflict["theirs"]
        else:
            raise InputError("resolve with --take mine|theirs, a choice per hunk, or a text")
        saved = self.store.drafts.save(draft_id, result, expected_version=draft.version,
                                       note="site: conflict resolved")
        self._write(link, result, saved.version)
        if link.conflict.get("origin") == "git":
            from . import git

            git.run_git(self.root, "add", "--", link.path)
            git.finish_merge(self.root)
        return result

    # -- new posts -----------------------------------------------------------------
    def new_post(self, title: str, *, draft: bool = False, body: str = "") -> tuple[int, str]:
        """A new post with the generator's file name; returns (draft id, path)."""
        from ..markdown.parser import slugify

        slug = slugify(title) or "post"
        date = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        date = date[:-2] + ":" + date[-2:]
        rel = new_post_path(self.config, slug, date, draft=draft)
        n = 2
        while self.path(rel).exists():
            rel = new_post_path(self.config, f"{slug}-{n}", date, draft=draft)
            n += 1
        quoted = title.replace("\\", "\\\\").replace('"', '\\"')  # a YAML double-quoted string
        head = f'---\ntitle: "{quoted}"\ndate: {date}\n'
        head += "draft: true\n" if draft and self.config.kind == "hugo" else ""
        text = head + "---\n\n" + body
        created = self.store.drafts.create(text)
        mtime_ns, size = files.write_post(self.path(rel), text)
        self.store.sites.link(self.site.id, rel, created.id, text, created.version, mtime_ns, size)
        return created.id, rel

    def changed_paths(self) -> list[str]:
        return [s.path for s in self.status() if s.state is not State.CLEAN]

    # -- git -------------------------------------------------------------------------
    def commit(self, message: str, *, gate: Callable[[int], list[str]] | None = None) -> str:
        """Commit the posts that differ from git's HEAD. ``gate(draft_id)``
        returns the lines that block a draft ([] when it may go); any line
        stops the commit, naming the post, and nothing is committed."""
        from . import git

        self._require_in_step("commit")
        git.require_repo(self.root)
        links = {f.path: f for f in self.store.sites.files(self.site.id)}
        paths = [p for p in git.changed_files(self.root, self.config.content_dirs) if p in links]
        if gate is not None:
            for p in paths:
                blocked = gate(links[p].draft_id)
                if blocked:
                    raise InputError(f"{p}: {blocked[0]} (fix it, or commit with --force)")
        return git.commit(self.root, paths, message).message

    def pull(self) -> "git.GitResult":
        """Write every draft through, ``git pull``, and bring the drafts in
        step with what came in; posts whose edits overlap become conflicts."""
        from . import git

        self._require_in_step("pull")
        git.require_repo(self.root)
        posts = set(post_files(self.config)) | {f.path for f in self.store.sites.files(self.site.id)}
        result = git.pull(self.root, posts)
        for rel in result.conflicts:
            link = self.store.sites.file(self.site.id, rel)
            ours, theirs, base = (git.stage_text(self.root, n, rel) for n in (2, 3, 1))
            files.write_post(self.path(rel), ours, link.eol if link else "\n", link.bom if link else False)
            if link is None:
                continue
            self.store.sites.set_conflict(link.id, {"origin": "git", "theirs": theirs, "base": base})
        report = self.sync()
        if report.problems:
            result.message += "; " + report.problems[0]
        return result

    def push(self) -> str:
        from . import git

        return git.push(self.root).message

    def _require_in_step(self, what: str) -> None:
        report = self.sync()
        if report.conflicts:
            raise InputError(f"cannot {what}: {len(report.conflicts)} post(s) have conflicts to resolve "
                             f"first ({report.conflicts[0]}; deskeditor site resolve)")


def save_draft_text(store: Any, draft_id: int, text: str, note: str = "saved from a file") -> tuple[Any, str]:
    """Replace a draft's text as a new revision and, for a site's post, write
    it through to its file. Returns (draft, what happened to the file)."""
    draft = store.drafts.get(draft_id)
    saved = store.drafts.save(draft_id, text, expected_version=draft.version, note=note)
    found = Workspace.of_draft(store, draft_id)
    if found is None:
        return saved, ""
    ws, _link = found
    try:
        return saved, ws.save_through(draft_id)
    except ConflictError:
        return saved, "conflict"
