"""Pull a WordPress site's posts into drafts, and keep pulling only what changed.

Every post the account may edit (``context=edit``, a hundred per page, by id)
becomes a draft linked to it (``wp_posts``). Each post is stored as soon as it
is read, so a pull that fails half-way (a wrong password, an HTTP 500, a
timeout, a cancel) leaves every stored post consistent; the site's watermark
(the newest ``modified_gmt`` seen, kept in UTC) only moves when a pull completes, so the next
pull resumes by asking again for everything since the old one, and posts
already stored are skipped by their ``modified_gmt``.

A post changed on both sides since the last sync is merged line by line
(``core.site.merge.merge3``, base = the text as last synced). Overlapping
edits are never resolved by overwriting: the draft keeps the writer's text and
the link records the conflict (the server's text) until it is resolved.

A post sent for review from deskeditor (``review``) comes back as its draft's
Markdown with the suggestions and comments, and who made them.

An incremental pull never sees a deletion (a deleted post is not "modified
after" anything), so every complete pull also asks which linked posts are
still there (``remote.statuses_of``: ids and statuses only). A post deleted or
in the trash is reported; its draft is kept as it is and its link marked
("deleted" / "trash"), so a later publish refuses to recreate it
(``sync.RemoteGone``). A post restored from the trash is linked again.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Callable

from ..export.sites import Site
from ..export.wordpress import Client
from ..review.service import add_author_rows
from ..site.merge import merge3
from .links import PostLink, WordPressLinks
from . import remote as rm
from . import review

Progress = Callable[[int, str], None]  # (posts handled so far, message)


@dataclass
class PullResult:
    created: list[int] = field(default_factory=list)  # draft ids
    updated: list[int] = field(default_factory=list)
    merged: list[int] = field(default_factory=list)
    conflicts: list[tuple[int, str]] = field(default_factory=list)  # (remote id, title)
    gone: list[tuple[int, str, str]] = field(default_factory=list)  # (remote id, title, "deleted" | "trash")
    unchanged: int = 0
    cancelled: bool = False

    @property
    def seen(self) -> int:
        return len(self.created) + len(self.updated) + len(self.merged) + len(self.conflicts) + self.unchanged


def _watermark_key(statuses: tuple[str, ...]) -> str:
    return ",".join(sorted(statuses))


def _earlier(local: str, seconds: int = 1) -> str:
    """A second before ``local`` (WordPress compares ``modified_after`` strictly)."""
    when = _dt.datetime.fromisoformat(local.replace(" ", "T"))
    return (when - _dt.timedelta(seconds=seconds)).isoformat(timespec="seconds")


def normalize_since(text: str) -> str:
    """``2026-12-01`` or ``2026-12-01 09:30`` -> the ISO 8601 date-time WordPress's ``modified_after`` takes."""
    from ..errors import InputError

    try:
        return _dt.datetime.fromisoformat(text.strip().replace(" ", "T")).replace(tzinfo=None).isoformat(
            timespec="seconds")
    except ValueError:
        raise InputError(f"not a date: {text!r} (e.g. 2026-12-01 or 2026-12-01 09:30)") from None


def refresh_lists(links: WordPressLinks, site: Site, client: Client) -> dict:
    lists = rm.fetch_lists(client)
    return links.update_site_data(site.name, lists=lists)["lists"]


def pull(store, site: Site, password: str, *, statuses: tuple[str, ...] = rm.ALL_STATUSES,
         since: str = "", progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
         timeout: float = 30.0, client: Client | None = None) -> PullResult:
    """Pull ``site``'s posts in ``statuses`` (modified after ``since``, else after the last pull)."""
    since = normalize_since(since) if since else ""
    say = progress or (lambda _n, _m: None)
    stop = cancelled or (lambda: False)
    links = WordPressLinks(store.conn)
    client = client or Client(site.url, site.user, password, timeout=timeout)
    say(0, f"connecting to {site.url}")
    client.me()  # a wrong password stops here, before anything is stored
    say(0, "categories, tags and users")
    lists = refresh_lists(links, site, client)
    data = links.site_data(site.name)
    media = dict(data.get("media", {}))
    # one watermark per status set and starting date: a pull from --since never makes a later
    # plain pull skip the older posts it did not cover
    key = _watermark_key(statuses) + (f"|{since}" if since else "")
    stored = data.get("watermarks", {}).get(key, "")
    params = {"context": "edit", "status": ",".join(statuses), "orderby": "id", "order": "asc",
              "_fields": rm.PULL_FIELDS}
    if stored or since:  # the watermark is kept in UTC: WordPress compares local times, which move with the zone
        params["modified_after"] = _earlier(rm.to_local(stored, lists)) if stored else since
    known = links.modified_by_id(site.name)
    result = PullResult()
    newest = stored
    for batch in rm.pages(client, "/wp/v2/posts", params, stop):
        # modified_gmt has a resolution of one second: within it, an edit shows in the content only
        fresh = [p for p in batch if known.get(int(p["id"])) != p.get("modified_gmt")
                 or links.base_raw(site.name, int(p["id"])) != rm.content_raw(p)]
        result.unchanged += len(batch) - len(fresh)
        if fresh:
            media = rm.fetch_media(client, [int(p.get("featured_media") or 0) for p in fresh], media)
            links.update_site_data(site.name, media=media)
        for post in batch:
            # a post scheduled when it was made carries its future date as its modified time
            if not (post.get("status") == "future" and post.get("modified_gmt") == post.get("date_gmt")):
                newest = max(newest, str(post.get("modified_gmt") or ""))
        for post in fresh:
            if stop():
                break
            _store_post(store, links, site.name, post, lists, media, result)
        say(result.seen, f"{result.seen} posts")
        if stop():
            break
    if not stop():
        say(result.seen, "checking for posts deleted on the site")
        _check_gone(store, links, site.name, client, result)
    if stop():
        result.cancelled = True
        return result
    marks = dict(links.site_data(site.name).get("watermarks", {}))
    if newest:
        marks[key] = newest
    links.update_site_data(site.name, watermarks=marks, pulled=_dt.datetime.now(_dt.timezone.utc).isoformat())
    return result


def gone_line(remote_id: int, title: str, how: str) -> str:
    """How a pull reports a post it found gone from the site."""
    where = "" if how == "deleted" else "in its trash; "
    return f"deleted on the site: post {remote_id} “{title}” ({where}draft kept)"


def _check_gone(store, links: WordPressLinks, site: str, client: Client, result: PullResult) -> None:
    """Mark the linked posts no longer on the site, and those back on it again."""
    linked = links.all(site)
    if not linked:
        return
    now = rm.statuses_of(client, [link.remote_id for link in linked])
    for link in linked:
        status = now.get(link.remote_id)
        if status is None or status == link.status:
            continue  # unknown (not readable by this account), or as it was
        was_gone, is_gone = link.status in rm.GONE_STATUSES, status in rm.GONE_STATUSES
        if not (was_gone or is_gone):
            continue  # other changes of status come with the post, when its status is pulled
        links.set_status(link.id, status)
        if is_gone and not was_gone:
            title = store.drafts.get(link.draft_id).title if _draft_exists(store, link.draft_id) else ""
            result.gone.append((link.remote_id, title, status))


def _store_post(store, links: WordPressLinks, site: str, post: dict, lists: dict, media: dict,
                result: PullResult) -> None:
    theirs = rm.post_text(post, lists, media)
    raw = rm.content_raw(post)
    remote_id = int(post["id"])
    link = links.by_remote(site, remote_id)
    meta = dict(link=str(post.get("link", "")), status=str(post.get("status", "")),
                modified_gmt=str(post.get("modified_gmt", "")), base_raw=raw)
    if link is None or not _draft_exists(store, link.draft_id):
        draft = store.drafts.create(theirs)
        links.save(site, remote_id, draft.id, base=theirs, synced_version=draft.version, **meta)
        _take_review_authors(store, draft.id, raw)
        result.created.append(draft.id)
        return
    draft = store.drafts.get(link.draft_id)
    mine = draft.body
    if mine == link.base or mine == theirs:
        saved = store.drafts.save(draft.id, theirs, note="pulled from WordPress")
        links.save(site, remote_id, draft.id, base=theirs, synced_version=saved.version, **meta)
        _take_review_authors(store, draft.id, raw)
        result.updated.append(draft.id)
        return
    merged = merge3(link.base, mine, theirs)
    if merged.clean:
        saved = store.drafts.save(draft.id, merged.text, note="merged with WordPress")
        # the server's text is the new base: the writer's own edits are still to publish
        links.save(site, remote_id, draft.id, base=theirs, synced_version=saved.version, **meta)
        _take_review_authors(store, draft.id, raw)
        result.merged.append(draft.id)
        return
    record_conflict(links, link, theirs, raw, str(post.get("modified_gmt", "")))
    result.conflicts.append((remote_id, rm._raw(post, "title")))


def _take_review_authors(store, draft_id: int, raw: str) -> None:
    """A post under review (``review``) brings who made its marks into the draft's table of mark authors."""
    if review.NAME in raw:
        add_author_rows(store, draft_id, review.authors_in(raw))


def record_conflict(links: WordPressLinks, link: PostLink, theirs: str, raw: str, modified_gmt: str) -> None:
    links.set_conflict(link.id, {"theirs": theirs, "raw": raw, "modified_gmt": modified_gmt})


def _draft_exists(store, draft_id: int) -> bool:
    try:
        store.drafts.require(draft_id)
    except Exception:
        return False
    return True
