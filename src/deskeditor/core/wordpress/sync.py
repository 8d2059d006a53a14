"""Publish a draft to its WordPress post without overwriting anyone's edit.

If the post's ``modified_gmt`` on the server is not the one of the last sync,
someone edited it meanwhile: its text is fetched and merged three ways with
the draft (base = the text as last synced). A clean merge is published and
becomes a new revision of the draft; overlapping edits raise
``PublishConflict`` and nothing is sent, unless the writer explicitly chose
``overwrite_remote``. A post deleted on the server raises ``RemoteGone``: it is
never silently recreated.

Only what differs from the server is sent (unchanged blocks as their exact
bytes, see ``blocks.to_raw``), and never the author: publishing keeps it.

What is sent is the accepted text (no CriticMarkup), except for a draft
under review sent as a draft or for review ("pending"): its suggestions and
comments travel with it (``review``), and the gate does not hold it back for
them. Published, scheduled and private posts are still held back while marks
remain, unless forced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from ..errors import ExportError, InputError
from ..export import images as img
from ..export import service
from ..export.base import clean_text
from ..export.post import post_from_source
from ..export.sites import Sites, password_for
from ..export.wordpress import Client, Published, _upload_images
from ..markdown import frontmatter
from ..review import service as review_service
from ..review.marks import accepted_text
from ..site.merge import merge3
from . import blocks
from . import review as wp_review
from . import remote as rm
from .links import WordPressLinks
from .pull import record_conflict, refresh_lists

STATUSES = rm.ALL_STATUSES


class PublishConflict(ExportError):
    """The post changed on the server and the changes overlap the draft's."""


class RemoteGone(ExportError):
    """The linked post no longer exists on the server (or is in its trash)."""


@dataclass
class SyncResult:
    published: Published
    merged: bool = False  # the server's edits were merged into the draft
    sent: list[str] = field(default_factory=list)  # the fields that were sent
    password_from: str = "keyring"
    site: str = ""


def publish_draft(store, draft_id: int, site_name: str, *, status: str | None = None, at: str = "",
                  overwrite_remote: bool = False, base_dir: Path | None = None, environ: dict | None = None,
                  progress: Callable[[str], None] | None = None, gate=None, force: bool = False) -> SyncResult:
    """Publish draft ``draft_id`` to ``site_name``: create the post the first time, else update it safely."""
    if status is not None and status not in STATUSES:
        raise InputError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    if at and status not in (None, "future"):
        raise InputError("a publication time (--at) schedules the post: its status is 'future'")
    links = WordPressLinks(store.conn)
    site = Sites(store.settings).get(site_name)
    travels = review_travels(store, draft_id, site_name, status, at)
    checked = gate if gate is not None else service.gate_mod.check(store, store.drafts.get(draft_id))
    checked = replace(checked, review_travels=travels)
    if links.of_draft(draft_id, site_name) is None:
        first = service.publish_draft(store, draft_id, site_name, status="pending" if status == "pending" else "draft",
                                      force=force, base_dir=base_dir, environ=environ, progress=progress, gate=checked)
        password, _src = password_for(site, environ)
        client = Client(site.url, site.user, password)
        made = client.get_post(first.published.id) or {}
        lists = links.site_data(site_name).get("lists") or refresh_lists(links, site, client)
        media = rm.fetch_media(client, [int(made.get("featured_media") or 0)], links.site_data(site_name).get("media", {}))
        links.update_site_data(site_name, media=media)
        links.save(site_name, first.published.id, draft_id, link=str(made.get("link", "")),
                   status=str(made.get("status", "")), modified_gmt=str(made.get("modified_gmt", "")),
                   base=rm.post_text(made, lists, media), base_raw=rm.content_raw(made),
                   synced_version=store.drafts.get(draft_id).version)
        if status in (None, "draft", "pending") and not at and not travels:
            return SyncResult(first.published, sent=["everything"], password_from=first.password_from,
                              site=site_name)
    elif checked.blocked and not force:
        raise service.Blocked(checked)
    return _update(store, links, site, draft_id, status=status, at=at, overwrite_remote=overwrite_remote,
                   base_dir=base_dir, environ=environ, progress=progress, travels=travels)


def review_travels(store, draft_id: int, site_name: str, status: str | None, at: str = "") -> bool:
    """Whether the draft's suggestions and comments go to its post, for review there
    (``review``): it has some, and the post is to be a draft or pending review."""
    body = store.drafts.get(draft_id).body
    if not status:
        link = WordPressLinks(store.conn).of_draft(draft_id, site_name)
        status = "future" if at else str(frontmatter.split(body).data.get("wp_status") or (link.status if link else "")
                                         or "draft")
    return wp_review.travels(body, status)


def _update(store, links: WordPressLinks, site, draft_id: int, *, status, at, overwrite_remote, base_dir,
            environ, progress, travels: bool = False) -> SyncResult:
    say = progress or (lambda _m: None)
    link = links.of_draft(draft_id, site.name)
    password, source = password_for(site, environ)
    client = Client(site.url, site.user, password)
    say(f"connecting to {site.url}")
    client.me()
    current = client.get_post(link.remote_id)
    if current is None or current.get("status") == "trash":
        where = "was moved to the trash" if current else "no longer exists"
        links.set_status(link.id, "trash" if current else "deleted")  # as a pull would have found it
        raise RemoteGone(f"post {link.remote_id} of draft {draft_id} {where} on {site.url}; nothing was published "
                         "(it is not recreated: restore it there, or unlink the draft to publish it as a new post)")
    lists = refresh_lists(links, site, client)
    media = rm.fetch_media(client, [int(current.get("featured_media") or 0)], links.site_data(site.name).get("media", {}))
    links.update_site_data(site.name, media=media)
    draft = store.drafts.get(draft_id)
    text = draft.body
    known = [blocks.parse(link.base_raw)]
    merged = False
    theirs = rm.post_text(current, lists, media)
    # modified_gmt has a resolution of one second: an edit in the same second shows in the text only
    if str(current.get("modified_gmt")) != link.modified_gmt or theirs != link.base:
        say("the post changed on the server: merging")
        known.append(blocks.parse(rm.content_raw(current)))
        result = merge3(link.base, text, theirs)
        if not result.clean and not overwrite_remote:
            record_conflict(links, link, theirs, rm.content_raw(current), str(current.get("modified_gmt")))
            title = rm._raw(current, "title")
            raise PublishConflict(
                f"post {link.remote_id} {title!r} was changed on {site.url} since the last sync and the changes "
                f"overlap draft {draft_id}'s ({len(result.conflicts)} conflicting part(s)); nothing was published "
                "(pull and resolve, or --overwrite-remote)")
        if result.clean:
            merged = text != result.text
            text = result.text
    authors = review_service.author_rows(store, draft_id, text) if travels else None
    payload, notes = _payload(client, links, site.name, text, current, lists, media, status=status, at=at,
                              base_dir=base_dir, known=known, say=say, review_authors=authors)
    saved = client.save_post(payload, link.remote_id) if payload else current
    if merged:
        store.drafts.save(draft_id, text, note="merged with WordPress")
    version = store.drafts.get(draft_id).version
    media = links.site_data(site.name).get("media", media)
    links.save(site.name, link.remote_id, draft_id, link=str(saved.get("link", "")), status=str(saved.get("status", "")),
               modified_gmt=str(saved.get("modified_gmt", "")), base=rm.post_text(saved, lists, media),
               base_raw=rm.content_raw(saved), synced_version=version)
    store.exports.record(draft_id, f"wordpress:{site.name}", str(saved.get("link", "")),
                         service.latest_revision(store, draft_id))
    published = Published(int(saved["id"]), str(saved.get("link", "")), str(saved.get("status", "")),
                          created=False, notes=notes)
    return SyncResult(published, merged=merged, sent=sorted(payload), password_from=source, site=site.name)


def _term_ids(client: Client, links: WordPressLinks, site: str, taxonomy: str, names: list[str],
              lists: dict, notes: list[str]) -> list[int]:
    by_name = {v.casefold(): int(k) for k, v in lists.get(taxonomy, {}).items()}
    ids = []
    for name in names:
        name = clean_text(str(name)).strip()
        if not name:
            continue
        if name.casefold() not in by_name:
            by_name[name.casefold()] = client.term_id(taxonomy, name)
            notes.append(f"{taxonomy[:-1] if taxonomy == 'tags' else 'category'} {name!r} is new to the site")
            lists.setdefault(taxonomy, {})[str(by_name[name.casefold()])] = name
            links.update_site_data(site, lists=lists)
        ids.append(by_name[name.casefold()])
    return ids


def _payload(client: Client, links: WordPressLinks, site: str, text: str, current: dict, lists: dict,
             media: dict, *, status, at, base_dir, known, say,
             review_authors: list | None = None) -> tuple[dict[str, Any], list[str]]:
    """What to send: the fields of ``text`` that differ from the post on the server.
    The accepted text, unless the review travels with the post (``review_authors``
    given): then the body goes with its marks, as ``review``'s block."""
    plain = accepted_text(text)
    fm = frontmatter.split(plain)
    data = fm.data
    body = plain[fm.end:] if review_authors is None else text[frontmatter.split(text).end:]
    post = post_from_source(text, base_dir=base_dir, keep_title_heading=True)
    notes: list[str] = []
    feature = str(data.get("featured_image") or "")
    remembered = dict(links.site_data(site).get("uploads", {}))
    is_local = lambda ref: not re.match(r"^[a-z]+://", ref)
    scan = img.scan(body, base_dir, extra=[feature] if feature and is_local(feature) else [])
    feature_id = next((int(k) for k, v in media.items() if v == feature), 0) if feature else 0
    if scan.images:
        if feature and not is_local(feature):
            post.extra.pop("featured_image", None)
        urls, ids, _made = _upload_images(client, post, remembered, notes, say)
        links.update_site_data(site, uploads=remembered)
        for raw, url in urls.items():
            body = body.replace(f"]({raw})", f"]({url})").replace(f"](<{raw}>)", f"]({url})")
        if feature and is_local(feature):
            feature_id = ids.get(feature, 0)
            if feature_id:
                media[str(feature_id)] = urls.get(feature, "")
                links.update_site_data(site, media=media)
    want: dict[str, Any] = {
        "title": clean_text(str(data.get("title") or "")),
        "content": blocks.to_raw(body, known) if review_authors is None else wp_review.to_raw(body, review_authors),
        "excerpt": clean_text(str(data.get("description") or "")),
        "slug": str(data.get("slug") or ""),
        "tags": _term_ids(client, links, site, "tags", list(data.get("tags") or []), lists, notes),
        "categories": _term_ids(client, links, site, "categories", list(data.get("categories") or []), lists, notes),
        "featured_media": feature_id,
    }
    wanted_status = status or ("future" if at else str(data.get("wp_status") or current.get("status") or "draft"))
    want["status"] = wanted_status
    have = {
        "title": rm._raw(current, "title"), "content": rm.content_raw(current),
        "excerpt": rm._raw(current, "excerpt").strip(), "slug": str(current.get("slug") or ""),
        "tags": list(current.get("tags") or []), "categories": list(current.get("categories") or []),
        "featured_media": int(current.get("featured_media") or 0), "status": str(current.get("status")),
    }
    payload = {k: v for k, v in want.items() if v != have[k] and not (k == "slug" and not v)}
    if not want["categories"] and have["categories"]:
        payload.pop("categories", None)  # WordPress puts a post without categories in its default one
    local_date = at or str(data.get("date") or "")
    remote_date = str(current.get("date") or "").replace("T", " ")
    if at or (local_date and local_date.replace("T", " ")[:16] != remote_date[:16]):
        payload["date_gmt"] = rm.to_gmt(local_date, lists)
    return payload, notes


def resolve(store, draft_id: int, site_name: str, *, take: str = "", hunks: list[str] | None = None) -> str:
    """Settle a recorded conflict with the server's text: ``take`` "mine" or "theirs",
    or one choice per conflicting hunk ("mine", "theirs", "both"). The server's
    version becomes the new base, so the next publish sends the result without
    another merge. Returns the draft's new text."""
    links = WordPressLinks(store.conn)
    link = links.of_draft(draft_id, site_name)
    if link is None or not link.conflict:
        raise InputError(f"draft {draft_id} has no conflict with {site_name}")
    theirs = link.conflict["theirs"]
    mine = store.drafts.get(draft_id).body
    if take == "mine":
        text = mine
    elif take == "theirs":
        text = theirs
    else:
        text = merge3(link.base, mine, theirs).resolve(list(hunks or []))
    saved = store.drafts.save(draft_id, text, note="conflict with WordPress resolved")
    links.save(site_name, link.remote_id, draft_id, link=link.link, status=link.status,
               modified_gmt=link.conflict.get("modified_gmt", link.modified_gmt), base=theirs,
               base_raw=link.conflict.get("raw", link.base_raw), synced_version=saved.version)
    return text


def conflict_hunks(store, draft_id: int, site_name: str) -> list:
    """The conflicting hunks (base, mine, theirs) of a recorded conflict, for showing side by side."""
    link = WordPressLinks(store.conn).of_draft(draft_id, site_name)
    if link is None or not link.conflict:
        return []
    return merge3(link.base, store.drafts.get(draft_id).body, link.conflict["theirs"]).conflicts
