"""Internal links to a WordPress site's pulled posts, offline.

A ``SiteIndex`` of kind "wordpress" over the drafts linked to the site's
published posts (their text as stored, so a pulled post's headings count);
``site.links.suggest`` ranks them for a draft, and each suggestion is a plain
Markdown link to the post's address.
"""

from __future__ import annotations

import re

from ..export.sites import Site
from ..markdown import frontmatter
from ..site.links import PostRef, SiteIndex, Suggestion, content_words, suggest
from .links import WordPressLinks

_HEADING = re.compile(r"^#{1,6}\s+(.+)$", re.M)


def build_index(store, site: Site) -> SiteIndex:
    posts = []
    for link in WordPressLinks(store.conn).all(site.name):
        if link.status != "publish" or not link.link:
            continue  # only published posts have an address readers can follow
        draft = store.drafts.get(link.draft_id)
        heads = _HEADING.findall(frontmatter.body_of(draft.body))
        posts.append(PostRef(f"wordpress/{link.remote_id}", draft.title, link.link, draft.keyphrase,
                             content_words(draft.title, draft.keyphrase, *heads), draft.id))
    return SiteIndex("wordpress", site.url, posts=posts)


def suggest_for_draft(store, site: Site, draft_id: int, *, limit: int = 5) -> list[Suggestion]:
    draft = store.drafts.get(draft_id)
    heads = _HEADING.findall(frontmatter.body_of(draft.body))
    return suggest(build_index(store, site), draft.title, draft.keyphrase, heads,
                   exclude_draft=draft_id, limit=limit)
