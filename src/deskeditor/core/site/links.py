"""Links between a site's posts: where each post is published, which links
in a draft point at nothing, and which posts a draft could link to.

``SiteIndex`` is plain data (``to_dict``/``from_dict``), so it can travel to
the lint worker. URLs follow each generator's rules: Hugo's ``permalinks``
(``:year``, ``:month``, ``:day``, ``:section``, ``:slug``, ``:title``,
``:filename``), else ``/section/slug/``, with ``url:`` in front matter
winning; Jekyll's ``permalink`` (a pattern, or the ``date``/``pretty``/
``ordinal``/``none`` styles), the title taken from the file name unless
``slug:`` says otherwise. The suite checks them against the real builds.

A link that cannot resolve is a finding of engine ``site``: an ``error`` for
Hugo's ``ref``/``relref`` and Jekyll's ``post_url``/``link`` (the generator
refuses to build with them), a ``warning`` for a plain link to the site's own
address that matches no post or file.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import Any, Iterable

from ..model import Finding

_HUGO_REF = re.compile(r"\{\{[<%]\s*(ref|relref)\s+(\"[^\"]*\"|'[^']*'|[^\s>%}]+)\s*[>%]\}\}")
_JEKYLL_TAG = re.compile(r"\{%-?\s*(post_url|link)\s+([^\s%]+)\s*-?%\}")
_MD_DEST = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)|^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_WORD = re.compile(r"[^\W\d_]{3,}")
_DATE_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


@dataclass
class PostRef:
    path: str  # relative to the site's root
    title: str = ""
    url: str = ""  # path part of the published URL, "" for unpublished drafts
    keyphrase: str = ""
    words: list[str] = field(default_factory=list)  # content words of title, keyphrase, headings
    draft_id: int | None = None


@dataclass
class SiteIndex:
    kind: str
    base_url: str = ""
    content_dirs: list[str] = field(default_factory=list)
    static_dirs: list[str] = field(default_factory=list)
    posts: list[PostRef] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every other file of the site (images, pages)
    root: str = ""  # the site's folder (absolute), "" for a WordPress site

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SiteIndex":
        posts = [PostRef(**p) for p in data.get("posts", [])]
        return cls(**{**data, "posts": posts})

    def link_env(self) -> dict[str, Any]:
        """What the renderer resolves ``ref``/``relref``/``post_url``/``link`` and
        ``{{ site.baseurl }}`` with (``env["site_links"]``, ``env["base_url"]``)."""
        from ..markdown.dialect.links import post_key

        links: dict[str, str] = {}
        for p in self.posts:
            if not p.url:
                continue
            path = PurePosixPath(p.path)
            key = post_key(path.parent.name) if path.stem == "index" else post_key(p.path)
            links.setdefault(key, self.base_url.rstrip("/") + p.url if self.base_url.startswith("http") else p.url)
        return {"site_links": links, "base_url": self.base_url}

    def files_env(self, current: str) -> dict[str, Any]:
        """What the preview shows post ``current``'s images with (``env["site_files"]``,
        ``site.images``): Hugo serves its static folders at the site's root,
        Jekyll the root itself."""
        from .images import SiteFiles

        if not self.root:
            return {}
        served = tuple(self.static_dirs) if self.kind == "hugo" else ()
        return SiteFiles(self.root, served, current, self.base_url).to_env()

    # -- resolving -------------------------------------------------------------
    def by_ref(self, target: str, current: str = "") -> PostRef | None:
        """Hugo's ``ref``/``relref``: a path under the content folder, relative to
        the current page, or a bare file or bundle name (anchors ignored)."""
        target = target.strip("\"'").split("#")[0]
        if not target:
            return self.by_path(current)
        content = self.content_dirs[0] if self.content_dirs else "content"
        candidates = []
        if target.startswith("/"):
            candidates.append(f"{content}{target}")
        else:
            candidates.append(str(PurePosixPath(current).parent / target))
            candidates.append(f"{content}/{target}")
        for c in candidates:
            c = c.rstrip("/")
            for p in self.posts:
                stem = p.path.rsplit(".", 1)[0]
                if p.path == c or stem == c or stem == c + "/index" or stem == c.rsplit(".", 1)[0]:
                    return p
        base = PurePosixPath(target).name.rsplit(".", 1)[0]
        named = [p for p in self.posts if PurePosixPath(p.path).stem == base or
                 (PurePosixPath(p.path).stem == "index" and PurePosixPath(p.path).parent.name == base)]
        return named[0] if len(named) == 1 else None

    def by_post_url(self, name: str) -> PostRef | None:
        """Jekyll's ``post_url``: ``2011-04-27-name`` (or ``folder/2011-04-27-name``)."""
        for p in self.posts:
            if p.path.startswith("_posts/") and p.path[len("_posts/"):].rsplit(".", 1)[0] == name:
                return p
            if p.path.startswith("_posts/") and PurePosixPath(p.path).stem == name:
                return p
        return None

    def by_path(self, path: str) -> PostRef | None:
        return next((p for p in self.posts if p.path == path), None)

    def has_file(self, path: str) -> bool:
        path = path.lstrip("/")
        return path in self.files or any(p.path == path for p in self.posts)

    def by_url(self, url: str) -> PostRef | None:
        path = _url_path(url, self.base_url)
        if path is None:
            return None
        for p in self.posts:
            if p.url and _same_url(p.url, path):
                return p
        return None

    def static_file(self, url: str, current: str = "") -> bool:
        path = _url_path(url, self.base_url)
        if path is None:
            return True  # not ours to check
        rel = path.lstrip("/")
        if any(self.has_file(f"{d}/{rel}") for d in self.static_dirs) or self.has_file(rel):
            return True
        return bool(current) and self.has_file(str(PurePosixPath(current).parent / rel))


def _url_path(url: str, base_url: str) -> str | None:
    """The site path of ``url`` when it is the site's own (absolute path or base URL), else None."""
    url = url.split("#")[0].split("?")[0]
    base = base_url.rstrip("/")
    host = re.sub(r"^[a-z]+://", "", base).split("/")[0] if base else ""
    if base and re.match(r"^[a-z]+://", url):
        bare = re.sub(r"^[a-z]+://", "", url)
        if not host or bare.split("/")[0] != host:
            return None
        path = "/" + bare.split("/", 1)[1] if "/" in bare else "/"
        prefix = "/" + base.split("://", 1)[-1].split("/", 1)[1] if "/" in base.split("://", 1)[-1] else ""
        return path[len(prefix):] if prefix and path.startswith(prefix) else path
    if url.startswith("/") and not url.startswith("//"):
        return url
    return None


def _same_url(a: str, b: str) -> bool:
    norm = lambda u: re.sub(r"(/index\.html?|/)$", "", u.lower()) or "/"
    return norm(a) == norm(b)


def _urlize(text: str) -> str:
    from ..markdown.parser import slugify

    return slugify(text)


def _date_of(data: dict[str, Any], fallback: str = "") -> _dt.date | None:
    value = data.get("date") or fallback
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value or ""))
    if not m:
        return None
    try:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def hugo_url(path: str, data: dict[str, Any], content: str, permalinks: Any) -> str:
    if data.get("url"):
        return "/" + str(data["url"]).strip("/") + "/"
    rel = PurePosixPath(path).relative_to(content) if path.startswith(content + "/") else PurePosixPath(path)
    bundle = rel.stem == "index"
    filename = rel.parent.name if bundle else rel.stem
    folder = rel.parent.parent if bundle else rel.parent
    section = folder.parts[0] if folder.parts else ""
    slug = str(data["slug"]) if data.get("slug") else _urlize(str(data.get("title") or filename))
    pattern = permalinks.get(section) if isinstance(permalinks, dict) else None
    if not pattern:
        parts = [*folder.parts, str(data.get("slug") or filename)]
        return "/" + "/".join(_urlize(p) if p != data.get("slug") else p for p in parts) + "/"
    date = _date_of(data)
    values = {
        ":year": f"{date.year:04d}" if date else "", ":month": f"{date.month:02d}" if date else "",
        ":day": f"{date.day:02d}" if date else "", ":section": section,
        ":slug": slug, ":title": _urlize(str(data.get("title") or filename)), ":filename": filename,
    }
    url = re.sub(r":(year|monthname|month|day|weekday|yearday|section|sections|slug|title|filename)",
                 lambda m: values.get(m.group(0), ""), str(pattern))
    url = re.sub(r"/{2,}", "/", url)
    return url if url.endswith(("/", ".html")) else url + "/"


JEKYLL_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}


def jekyll_url(path: str, data: dict[str, Any], permalink: Any) -> str:
    if not path.startswith("_posts/"):
        return ""  # _drafts are not published
    if data.get("permalink"):
        return str(data["permalink"])
    m = _DATE_NAME.match(PurePosixPath(path).stem)
    if not m:
        return ""
    date = _date_of(data, f"{m[1]}-{m[2]}-{m[3]}")
    title = str(data.get("slug") or m[4])
    cats = data.get("categories") or data.get("category") or []
    if isinstance(cats, str):
        cats = cats.split()
    cats = [str(c) for c in cats]
    pattern = JEKYLL_STYLES.get(str(permalink or "date"), str(permalink or JEKYLL_STYLES["date"]))
    values = {":year": f"{date.year:04d}", ":month": f"{date.month:02d}", ":day": f"{date.day:02d}",
              ":i_month": str(date.month), ":i_day": str(date.day), ":short_year": f"{date.year % 100:02d}",
              ":y_day": f"{date.timetuple().tm_yday:03d}", ":title": title, ":slug": title,
              ":categories": "/".join(c.replace(" ", "-").lower() for c in cats), ":output_ext": ".html"}
    url = re.sub(r":(year|month|day|i_month|i_day|short_year|y_day|title|slug|categories|output_ext)",
                 lambda mm: values[mm.group(0)], pattern)
    return re.sub(r"/{2,}", "/", url)


def content_words(*texts: str) -> list[str]:
    from ..text.wordlists import FUNCTION_WORDS

    words = {w.lower() for t in texts for w in _WORD.findall(t or "")}
    return sorted(w for w in words if w not in FUNCTION_WORDS)


def build_index(workspace: Any) -> SiteIndex:
    """The index of a workspace's posts (from the drafts, so unsaved-to-disk
    edits count) and of its other files."""
    from ..markdown import frontmatter

    cfg = workspace.config
    store = workspace.store
    posts = []
    for link in store.sites.files(workspace.site.id):
        draft = store.drafts.get(link.draft_id)
        try:
            data = frontmatter.split(draft.body).data
        except Exception:
            data = {}
        if cfg.kind == "hugo":
            url = "" if data.get("draft") is True else hugo_url(link.path, data, cfg.content_dirs[0], cfg.permalinks)
        else:
            url = jekyll_url(link.path, data, cfg.permalinks)
        heads = re.findall(r"^#{1,6}\s+(.+)$", frontmatter.body_of(draft.body), re.M)
        posts.append(PostRef(link.path, draft.title, url, draft.keyphrase,
                             content_words(draft.title, draft.keyphrase, *heads), draft.id))
    skip = {".git", "public", "_site", "node_modules", "resources", ".jekyll-cache", "vendor"}
    others = []
    for p in cfg.root.rglob("*"):
        rel = p.relative_to(cfg.root)
        if rel.parts and rel.parts[0] in skip:
            continue
        if p.is_file() and p.suffix.lower() not in (".md", ".markdown"):
            others.append(rel.as_posix())
    return SiteIndex(cfg.kind, cfg.base_url, list(cfg.content_dirs), list(cfg.static_dirs), posts, sorted(others),
                     str(cfg.root))


def _code_mask(source: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _FENCE.finditer(source)]
    spans += [m.span() for m in _CODE_SPAN.finditer(source)
              if not any(a <= m.start() < b for a, b in spans)]
    return spans


def check(source: str, index: SiteIndex, current: str = "") -> list[Finding]:
    """Findings for links in ``source`` that resolve to nothing on the site."""
    code = _code_mask(source)
    in_code = lambda pos: any(a <= pos < b for a, b in code)
    out: list[Finding] = []
    if index.kind == "hugo":
        for m in _HUGO_REF.finditer(source):
            if in_code(m.start()) or index.by_ref(m.group(2), current) is not None:
                continue
            out.append(Finding("site", "broken-ref", "error",
                               f"Broken link: no post of this site matches {m.group(1)} {m.group(2)}; "
                               f"Hugo will refuse to build", m.start(2), m.end(2)))
    else:
        for m in _JEKYLL_TAG.finditer(source):
            if in_code(m.start()):
                continue
            found = index.by_post_url(m.group(2)) if m.group(1) == "post_url" else index.has_file(m.group(2))
            if not found:
                out.append(Finding("site", f"broken-{m.group(1).replace('_', '-')}", "error",
                                   f"Broken link: {m.group(1)} {m.group(2)} names no file of this site; "
                                   f"Jekyll will refuse to build", m.start(2), m.end(2)))
    for m in _MD_DEST.finditer(source):
        dest = m.group(1) or m.group(2)
        start = m.start(1) if m.group(1) else m.start(2)
        if not dest or in_code(start) or "{{" in dest or "{%" in dest:
            continue
        path = _url_path(dest, index.base_url)
        if path is None:
            continue
        last = PurePosixPath(path.split("#")[0]).name
        is_page = "." not in last or last.endswith((".html", ".htm"))
        ok = index.by_url(dest) is not None if is_page else index.static_file(dest, current)
        if is_page and not ok:
            ok = index.static_file(dest, current)  # a page of the site that is not a post
        if not ok:
            out.append(Finding("site", "broken-link", "warning",
                               f"Broken link: nothing of this site is published at {path}",
                               start, start + len(dest)))
    return out


@dataclass
class Suggestion:
    post: PostRef
    score: float
    markdown: str  # the link in the generator's syntax


def link_markup(kind: str, post: PostRef, current: str = "") -> str:
    if kind == "wordpress":  # pulled posts: a plain link to the post's address
        return f"[{post.title}]({post.url})"
    if kind == "hugo":
        p = PurePosixPath(post.path)
        target = p.parent.name if p.stem == "index" else p.name  # a bundle is named by its folder
        return f'[{post.title}]({{{{< relref "{target}" >}}}})'
    if post.path.startswith("_posts/"):
        return f"[{post.title}]({{% post_url {PurePosixPath(post.path).stem} %}})"
    return f"[{post.title}]({{% link {post.path} %}})"


def suggest(index: SiteIndex, title: str, keyphrase: str, headings: Iterable[str], *,
            current: str = "", exclude_draft: int | None = None, limit: int = 5) -> list[Suggestion]:
    """The posts most related to a draft, by the overlap of the content words of
    titles, keyphrases and headings (the keyphrase's words count double)."""
    mine = set(content_words(title, *headings))
    key = set(content_words(keyphrase))
    if not mine and not key:
        return []
    out = []
    for p in index.posts:
        if p.path == current or (exclude_draft is not None and p.draft_id == exclude_draft) or not p.url:
            continue
        theirs = set(p.words)
        if not theirs:
            continue
        shared = len(mine & theirs) + 2 * len(key & theirs)
        if shared == 0:
            continue
        score = shared / (len(mine | theirs) + len(key)) ** 0.5
        out.append(Suggestion(p, round(score, 3), link_markup(index.kind, p, current)))
    return sorted(out, key=lambda s: (-s.score, s.post.path))[:limit]


def for_draft(store: Any, draft_id: int | None) -> tuple[SiteIndex, str] | None:
    """(the site's index, the post's path) when draft ``draft_id`` is a site's
    post, else None (what the lint runner's ``site`` engine reads)."""
    if draft_id is None or store is None:
        return None
    from .workspace import Workspace

    try:
        found = Workspace.of_draft(store, draft_id)
    except Exception:  # a site folder gone or unreadable: no site checks, the rest still runs
        return None
    if found is None:
        return None
    ws, link = found
    return build_index(ws), link.path
