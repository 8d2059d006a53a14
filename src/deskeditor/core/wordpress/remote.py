"""What a WordPress site holds, as deskeditor needs it: its posts page by page,
its categories, tags, users and media (cached per site in ``wp_sites``, so
they work offline), its time zone, and a post as a draft's text.

The client is ``core.export.wordpress.Client``; only its public ``request``
is used here.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
from typing import Any, Callable, Iterator
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..markdown import frontmatter
from ..export.wordpress import Client, WordPressError
from . import blocks

ALL_STATUSES = ("draft", "pending", "future", "publish", "private")
# a linked post's status once a pull or a publish found it gone from the site
GONE_STATUSES = ("trash", "deleted")
PER_PAGE = 100
# only what a draft is made of: WordPress then skips rendering each post's content and
# excerpt (the_content filters, embeds), which is most of the time a page of posts takes
PULL_FIELDS = ("id,date,date_gmt,modified,modified_gmt,slug,status,link,author,featured_media,categories,tags,"
               "title.raw,content.raw,excerpt.raw")
# WordPress's status -> the draft's own editorial status
DRAFT_STATUS = {"draft": "draft", "pending": "review", "future": "ready", "publish": "published",
                "private": "published"}


def pages(client: Client, route: str, params: dict[str, Any],
          cancelled: Callable[[], bool] = lambda: False) -> Iterator[list[dict]]:
    """Every page of a collection (``per_page`` 100), until one comes back short."""
    page = 1
    while not cancelled():
        try:
            batch = client.request("GET", route, params={**params, "per_page": PER_PAGE, "page": page})
        except WordPressError as exc:
            if exc.code == "rest_post_invalid_page_number":
                return
            raise
        batch = batch if isinstance(batch, list) else []
        if batch:
            yield batch
        if len(batch) < PER_PAGE:
            return
        page += 1


def fetch_lists(client: Client) -> dict[str, Any]:
    """Categories, tags and users (id -> name) and the site's time zone."""
    out: dict[str, Any] = {}
    for taxonomy in ("categories", "tags"):
        out[taxonomy] = {str(t["id"]): _html.unescape(str(t.get("name", "")))
                         for batch in pages(client, f"/wp/v2/{taxonomy}", {"context": "view"}) for t in batch}
    try:
        users = [u for batch in pages(client, "/wp/v2/users", {"context": "edit"}) for u in batch]
    except WordPressError as exc:
        if exc.status not in (400, 401, 403):
            raise
        users = [u for batch in pages(client, "/wp/v2/users", {}) for u in batch]
    out["users"] = {str(u["id"]): str(u.get("name") or u.get("slug") or u["id"]) for u in users}
    index = client.request("GET", "/") or {}
    out["timezone"] = str(index.get("timezone_string") or "")
    out["gmt_offset"] = float(index.get("gmt_offset") or 0)
    return out


def fetch_media(client: Client, ids: list[int], known: dict[str, str]) -> dict[str, str]:
    """media id -> URL for ``ids`` not yet ``known`` (a hundred per request)."""
    missing = sorted({i for i in ids if i and str(i) not in known})
    found = dict(known)
    for start in range(0, len(missing), PER_PAGE):
        chunk = missing[start:start + PER_PAGE]
        batch = client.request("GET", "/wp/v2/media", params={
            "include": ",".join(map(str, chunk)), "per_page": PER_PAGE, "context": "view"}) or []
        for m in batch:
            found[str(m["id"])] = str(m.get("source_url", ""))
    return found


def statuses_of(client: Client, ids: list[int]) -> dict[int, str]:
    """remote id -> status on the server, for ``ids``: "trash" for a post in the
    trash, "deleted" for one deleted for good. One request per hundred posts
    (only ``id`` and ``status`` read); only a post missing from those answers is
    asked for by itself, to tell the trash from a deletion. A post the account
    may no longer read is left out: it is not known to be gone."""
    wanted = sorted({int(i) for i in ids})
    found: dict[int, str] = {}
    for start in range(0, len(wanted), PER_PAGE):
        chunk = wanted[start:start + PER_PAGE]
        batch = client.request("GET", "/wp/v2/posts", params={
            "include": ",".join(map(str, chunk)), "status": ",".join(ALL_STATUSES), "per_page": PER_PAGE,
            "_fields": "id,status"}) or []
        found.update({int(p["id"]): str(p.get("status") or "") for p in batch})
    for remote_id in wanted:
        if remote_id in found:
            continue
        try:
            post = client.get_post(remote_id)
        except WordPressError as exc:
            if exc.status in (401, 403):
                continue
            raise
        found[remote_id] = "deleted" if post is None else str(post.get("status") or "")
    return found


def site_zone(lists: dict[str, Any]) -> _dt.tzinfo:
    name = lists.get("timezone") or ""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return _dt.timezone(_dt.timedelta(hours=float(lists.get("gmt_offset") or 0)))


def to_gmt(local: str, lists: dict[str, Any]) -> str:
    """``2026-12-24 09:30`` (the site's time zone) -> ``2026-12-24T08:30:00`` (UTC), as WordPress's ``date_gmt``."""
    text = str(local).strip().replace(" ", "T")
    try:
        when = _dt.datetime.fromisoformat(text)
    except ValueError:
        from ..errors import InputError

        raise InputError(f"not a date and time: {local!r} (e.g. 2026-12-24 09:30)") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=site_zone(lists))
    return when.astimezone(_dt.timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")


def to_local(gmt: str, lists: dict[str, Any]) -> str:
    """A UTC time from WordPress (``modified_gmt``) in the site's time zone, as its local times are."""
    when = _dt.datetime.fromisoformat(gmt.replace(" ", "T")).replace(tzinfo=_dt.timezone.utc)
    return when.astimezone(site_zone(lists)).replace(tzinfo=None).isoformat(timespec="seconds")


def _raw(post: dict, key: str) -> str:
    value = post.get(key)
    if isinstance(value, dict):
        return str(value.get("raw", value.get("rendered", "")) or "")
    return str(value or "")


def post_fields(post: dict, lists: dict[str, Any], media: dict[str, str]) -> dict[str, Any]:
    """The front matter a post becomes (in a fixed order, so the same post always gives the same text)."""
    cats, tags, users = lists.get("categories", {}), lists.get("tags", {}), lists.get("users", {})
    status = str(post.get("status", "draft"))
    data: dict[str, Any] = {
        "title": _raw(post, "title"),
        "slug": str(post.get("slug") or ""),
        "status": DRAFT_STATUS.get(status, "draft"),
        "wp_status": status,
        "date": str(post.get("date") or "").replace("T", " "),
        "author": users.get(str(post.get("author")), str(post.get("author") or "")),
        "description": _raw(post, "excerpt").strip(),
        "categories": [cats.get(str(c), str(c)) for c in post.get("categories") or []],
        "tags": [tags.get(str(t), str(t)) for t in post.get("tags") or []],
        "featured_image": media.get(str(post.get("featured_media") or 0), ""),
        "wp_link": str(post.get("link") or ""),
    }
    return {k: v for k, v in data.items() if v not in ("", [], None)}


def post_text(post: dict, lists: dict[str, Any], media: dict[str, str]) -> str:
    """The draft's text for ``post``: front matter, a blank line, the Markdown."""
    return "---\n" + frontmatter.dump(post_fields(post, lists, media)) + "---\n\n" + \
        blocks.to_markdown(_raw(post, "content"))


def content_raw(post: dict) -> str:
    return _raw(post, "content")

