"""The posts the open draft could link to, for the SEO panel's "Related posts".

A Hugo or Jekyll post's site index comes from ``SiteSync`` (read in the save
thread when the draft opens); a draft linked to a WordPress post gets its
site's pulled, published posts, read here in the save thread too, and so does
any other draft when posts were pulled from one WordPress site only. Ranking
them is ``core.site.links.suggest`` (shared title, heading and keyphrase
words, as ``deskeditor site suggest`` and ``wordpress suggest`` rank), run in
the thread pool (``LatestOnly``) after each lint run: after a pause in typing
and after a field changed in the SEO panel, so a new keyphrase or title
brings new suggestions. Each suggestion carries its link in the generator's
syntax (Hugo ``relref``, Jekyll ``post_url``/``link``, WordPress the post's
address), which the panel's Insert Link puts at the cursor.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from ...core.errors import DeskeditorError, InputError
from ...core.markdown import frontmatter
from ..jobs.workers import LatestOnly

LIMIT = 5
_HEADING = re.compile(r"^#{1,6}\s+(.+)$", re.M)


@dataclass(frozen=True)
class Related:
    title: str
    path: str  # the post's file in the site ("" for WordPress)
    url: str  # the path or address it is published at
    markdown: str  # the link, in the generator's syntax
    score: float


def rank(index: dict, current: str, draft_id: int | None, text: str, base: dict[str, Any]) -> list[Related]:
    """The posts of ``index`` (a ``SiteIndex`` as plain data) most related to
    ``text``, the draft's current text (its fields as its front matter says,
    ``base`` where it is silent). Pool thread."""
    from ...core.site.links import SiteIndex, suggest

    fields = dict(base)
    try:
        fields.update(frontmatter.fields_from(frontmatter.split(text)))
    except InputError:
        pass
    heads = _HEADING.findall(frontmatter.body_of(text))
    found = suggest(SiteIndex.from_dict(index), str(fields.get("title") or ""), str(fields.get("keyphrase") or ""),
                    heads, current=current, exclude_draft=draft_id, limit=LIMIT)
    return [Related(s.post.title, "" if index.get("kind") == "wordpress" else s.post.path, s.post.url,
                    s.markdown, s.score) for s in found]


class RelatedPosts(QObject):
    changed = Signal(object)  # [Related] for the open draft; None: it is no site's post
    _wordpress = Signal(int, object)  # draft id, the WordPress site's index (from the save thread)

    def __init__(self, editor: Any, pool: QThreadPool, save_worker: Any, store: Any,
                 base: Callable[[], dict[str, Any]], parent: QObject | None = None) -> None:
        """``base()``: the open draft's stored title and keyphrase (what its text's
        front matter does not say)."""
        super().__init__(parent)
        self.editor, self.save_worker, self.store, self.base = editor, save_worker, store, base
        self.worker = LatestOnly(pool, self)
        self.worker.finished.connect(self._ranked)
        self._wordpress.connect(self._set_index)
        self.draft_id: int | None = None
        self.index: dict | None = None
        self.current = ""
        self.shown: list[Related] | None = None
        self._generation = 0

    # -- which site --------------------------------------------------------------------
    def draft_opened(self, draft: Any) -> None:
        self._generation += 1
        self.draft_id = draft.id if draft is not None else None
        self.index, self.current = None, ""
        self.worker.cancel_waiting()
        self._show(None)
        site = self._wordpress_site(draft.id) if draft is not None else None
        if site is not None:
            draft_id = draft.id
            self.save_worker.call(lambda store: self._read_wordpress(store, draft_id, site))

    def set_site(self, draft_id: int, snapshot: dict | None) -> None:
        """The open draft's Hugo or Jekyll site (``SiteSync.siteIndexed``)."""
        if snapshot is not None:
            self._set_index(draft_id, snapshot["index"], snapshot["path"])

    def _set_index(self, draft_id: int, index: dict, current: str = "") -> None:
        if draft_id != self.draft_id:
            return
        self._generation += 1
        self.index, self.current = index, current
        self.refresh()

    def _wordpress_site(self, draft_id: int) -> str | None:
        """The WordPress site whose posts the draft may link to: the one it is
        linked to, else (a new draft that is no Hugo or Jekyll post) the only
        site posts were pulled from, so a writer links offline before the
        first publication."""
        from ...core.wordpress.links import WordPressLinks

        try:
            links = WordPressLinks(self.store.conn)
            link = links.of_draft(draft_id)
            if link is not None:
                return link.site
            if self.store.sites.file_of_draft(draft_id) is not None:
                return None
            sites = links.sites()
        except (DeskeditorError, sqlite3.Error):
            return None
        return sites[0] if len(sites) == 1 else None

    def _read_wordpress(self, store, draft_id: int, name: str) -> None:  # save thread
        from ...core.export.sites import Site, Sites
        from ...core.wordpress.index import build_index

        try:
            site = Sites(store.settings).get(name)
        except InputError:  # the site was removed from the list: its pulled posts still count
            site = Site(name, "", "")
        self._wordpress.emit(draft_id, build_index(store, site).to_dict())

    # -- ranking -------------------------------------------------------------------------
    def refresh(self, _report: Any = None) -> None:
        """Rank again for the text as it is now (in the pool; after each lint report)."""
        if self.index is None or self.draft_id is None:
            return
        index, current, draft_id, text = self.index, self.current, self.draft_id, self.editor.text()
        base = self.base()
        self.worker.submit(self._generation, lambda: rank(index, current, draft_id, text, base))

    def _ranked(self, generation: int, found: list[Related]) -> None:
        if generation == self._generation:
            self._show(found)

    def _show(self, found: list[Related] | None) -> None:
        if found != self.shown:
            self.shown = found
            self.changed.emit(found)
