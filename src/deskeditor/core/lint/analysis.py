"""SEO and readability analysis of one draft: the combined entry point.

``analyze(source, fields)`` reads the draft's Markdown (front matter included)
and its SEO fields and returns an ``Analysis``: ``stats``, ``keyphrase``
figures, ``scores`` and ``findings`` (engines ``seo`` and ``readability``).

What counts is what a reader of the published page sees: the title, headings,
paragraphs, lists, block quotes, table cells, footnotes and captions (the prose
of ``core.markdown.prose``). Code blocks, inline code, URLs, HTML and front
matter never count as words or sentences; image alt text is not seen, so it
does not count either (the image checks read it).

The title and the H1. A static-site theme renders the post's title as the
page's H1. So the title (the ``title`` field, else the body's first H1) counts
once as seen text; a body H1 with the same text as the title is taken to *be*
the title (writers often start a draft with it) and is not a second H1; any
other body H1 is one more H1 on the page and fails the single-H1 check.

Fields: ``title``, ``seo_title``, ``slug``, ``meta_description``,
``keyphrase``, ``related_keyphrases`` (a list; treated as synonyms of the
keyphrase for the introduction, subheading, meta description, alt text and
distribution checks, and reported with their own counts) and optional
``site_url`` (the site's address, to tell internal from outbound absolute
links, as Yoast does with the permalink). A field missing from ``fields`` is
read from the draft's front matter (``site_url:`` there too), if it has it;
for ``site_url`` the last resort is ``site_url_setting`` (the stored
``site_url`` setting, which the CLI and the window pass in).

Keyphrase count and density are Yoast SEO's (see ``core.lint.seo``): they read the
post's body, so the title's unit is passed to the checks to be left out.
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from ..markdown import frontmatter
from ..markdown.excerpt import separator_excerpt
from ..markdown.parser import make_parser
from ..markdown.prose import Segment, extract_prose
from ..model import Finding, sort_findings
from ..text.forms import Keyphrase
from ..text.document import TextDoc
from ..errors import DeskeditorError, InputError
from . import readability, seo
from .seo import seo_title_width_px

__all__ = ["Analysis", "analyze", "field_range", "seo_title_width_px"]

_FM_HEAD = frontmatter._FM  # the front matter block, to find its end without parsing the YAML
FIELDS = ("title", "seo_title", "slug", "meta_description", "keyphrase", "related_keyphrases", "site_url")
WORDS_PER_MINUTE = 238  # average silent reading speed of adults for non-fiction (Brysbaert, 2019)
SEEN = ("heading", "paragraph", "list_item", "blockquote", "table_cell", "footnote")


@dataclass
class Analysis:
    stats: dict[str, Any] = field(default_factory=dict)
    keyphrase: dict[str, Any] = field(default_factory=dict)
    scores: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self, source: str) -> dict[str, Any]:
        return {
            "stats": self.stats,
            "keyphrase": self.keyphrase,
            "scores": self.scores,
            "findings": [f.to_dict(source) for f in self.findings],
        }


def site_url_setting(store: Any) -> str:
    """The stored ``site_url`` setting of a store ("" when unset or unreadable),
    for the ``site_url_setting`` field."""
    try:
        value = store.settings.get("site_url", "")
    except (DeskeditorError, ValueError):  # the store raises StoreError, never sqlite3.Error
        return ""
    return value if isinstance(value, str) else ""


@lru_cache(maxsize=64)
def _front_matter(head: str) -> tuple[tuple[tuple[str, Any], ...], int]:
    """Fields and body offset of a front matter block (``head`` is the source
    up to the end of the front matter); cached, as the front matter rarely
    changes between two analyses of a draft being edited."""
    try:
        fm = frontmatter.split(head)
    except InputError:
        return (), 0
    items = []
    found = frontmatter.fields_from(fm)
    if fm.data.get("site_url"):  # not a draft field: the analysis alone reads it
        found["site_url"] = str(fm.data["site_url"])
    for key, value in found.items():
        items.append((key, tuple(value) if isinstance(value, list) else value))
    return tuple(items), fm.end


def _separator_data(head: str) -> dict[str, Any]:
    try:
        return frontmatter.split(head).data
    except InputError:
        return {}


def _fields(source: str, fields: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The fields, missing ones read from the front matter; and where the body begins."""
    m = _FM_HEAD.match(source)  # no match: no front matter, or one never closed
    from_fm_items, end = _front_matter(source[: m.end()]) if m else ((), 0)
    from_fm = dict(from_fm_items)
    out: dict[str, Any] = {}
    for key in FIELDS:
        value = fields.get(key) if key in fields else from_fm.get(key)
        if key == "site_url" and not value:  # the front matter's, else the stored setting's
            value = from_fm.get(key) or fields.get("site_url_setting")
        if key == "related_keyphrases":
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",")]
            out[key] = [str(v).strip() for v in (value or []) if str(v).strip()]
        else:
            out[key] = "" if value is None else str(value)
    if not out["meta_description"] and "meta_description" not in fields:  # Jekyll/Hugo <!--more--> summary
        out["meta_description"] = separator_excerpt(source[end:], _separator_data(source[:end]))
    return out, end


def field_range(source: str, fm_end: int, field_name: str, value: str) -> tuple[int, int] | None:
    """Where a field's value sits in the front matter: the value itself when it
    is written as is, else its key's line; None when it is not there."""
    if not fm_end:
        return None
    key = frontmatter.FIELD_KEYS.get(field_name, field_name)
    m = re.search(rf"(?m)^{re.escape(key)}[ \t]*:[ \t]*", source[:fm_end])
    if not m:
        return None
    if value:
        j = source.find(value, m.end(), fm_end)
        if j >= 0:
            between = source[m.end() : j]
            same_line = "\n" not in between and between.strip() in ("", "'", '"')
            block = between.count("\n") == 1 and between.split("\n")[0].strip()[:1] in ("|", ">") \
                and not between.split("\n")[1].strip()
            if same_line or block:
                return j, j + len(value)
    eol = source.find("\n", m.start(), fm_end)
    return m.start(), eol if eol >= 0 else fm_end


def _norm(text: str) -> tuple[str, ...]:
    """A title's words in normal form: two titles match up to case and punctuation."""
    return Keyphrase.parse(text).parts


def _title_segment(source: str, fm_end: int, title: str) -> Segment:
    rng = field_range(source, fm_end, "title", title)
    if rng and source[rng[0] : rng[1]] == title:
        offsets = list(range(rng[0], rng[1]))
    else:
        offsets = [-1] * len(title)
    return Segment("title", title, offsets, 0, 1, -1)


def analyze(source: str, fields: dict[str, Any] | None = None, *, other_focus_keyphrases: Iterable[str] = (),
            segments: list[Segment] | None = None, tokens=None) -> Analysis:
    """Analyse a draft. ``segments`` (from ``extract_prose``) and ``tokens``
    (from ``make_parser().parse(source, {"source_lines": False})``) may be
    passed when the caller already has them, to save parsing twice."""
    f, fm_end = _fields(source, fields or {})
    if tokens is None:
        tokens = make_parser().parse(source, {"source_lines": False})
    if segments is None:
        segments = extract_prose(source, tokens)

    # the title, and the H1s the page would have
    h1s = [s for s in segments if s.kind == "heading" and s.level == 1]
    title = f["title"].strip()
    title_seg: Segment | None = None
    synthetic = None
    if title:
        same = [s for s in h1s if _norm(s.text) == _norm(title)]
        if same:
            title_seg = same[0]
        else:
            title_seg = synthetic = _title_segment(source, fm_end, title)
    elif h1s:
        title_seg = h1s[0]
        title = title_seg.text
    extra_h1 = [s for s in h1s if s is not title_seg]

    seen = ([synthetic] if synthetic else []) + [s for s in segments if s.kind in SEEN]
    doc = TextDoc.build(seen)
    unit_of = {id(u.seg): u for u in doc.units}
    title_unit = unit_of.get(id(title_seg)) if title_seg is not None else None

    # the introduction: the first paragraph after the title
    units = doc.units
    start = units.index(title_unit) + 1 if title_unit is not None and title_unit.kind == "heading" else 0
    intro = next((u for u in units[start:] if u.kind == "paragraph"), None)
    subheadings = [u for u in units if u.kind == "heading" and u.level in (2, 3)]

    links, images = seo.links_and_images(source, tokens, segments, f["site_url"])
    title_range = (title_seg.start, title_seg.end) if title_seg is not None and title_seg.end > title_seg.start \
        else None
    ctx = seo.SeoInput(
        doc=doc,
        keyphrase=f["keyphrase"],
        related=f["related_keyphrases"],
        title=title,
        title_range=title_range,
        seo_title=f["seo_title"],
        seo_title_range=field_range(source, fm_end, "seo_title", f["seo_title"]),
        slug=f["slug"],
        slug_range=field_range(source, fm_end, "slug", f["slug"]),
        meta=f["meta_description"],
        meta_range=field_range(source, fm_end, "meta_description", f["meta_description"]),
        intro=intro,
        subheadings=subheadings,
        extra_h1=[unit_of[id(s)] for s in extra_h1 if id(s) in unit_of],
        links=links,
        images=images,
        other_focus_keyphrases=other_focus_keyphrases,
        title_unit=title_unit,
    )
    s = seo.check(ctx)
    r = readability.check(doc, title_unit)

    stats = {
        "words": doc.words,
        "sentences": doc.sentences,
        "paragraphs": sum(1 for u in units if u.kind in ("paragraph", "blockquote")),
        "headings": sum(1 for u in units if u.kind == "heading"),
        "list_items": sum(1 for u in units if u.kind == "list_item"),
        "images": len(images),
        "links_internal": sum(1 for link in links if link.kind == "internal"),
        "links_outbound": sum(1 for link in links if link.kind == "outbound"),
        "reading_time_minutes": math.ceil(doc.words / WORDS_PER_MINUTE) if doc.words else 0,
        **r.stats,
    }
    scores = {
        "seo": s.score,
        "seo_rating": s.rating,
        "readability": r.score,
        "readability_rating": r.rating,
        **r.scores,
        "seo_title_width_px": round(seo.seo_title_width_px(f["seo_title"].strip() or title), 1),
    }
    return Analysis(stats, s.keyphrase, scores, sort_findings(s.findings + r.findings))
