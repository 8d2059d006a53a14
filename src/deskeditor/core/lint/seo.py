"""SEO checks for a focus keyphrase, in the manner of the big WordPress SEO plugins.

``check(ctx)`` runs every check on a prepared ``SeoInput`` (see
``core.lint.analysis``, which builds it) and returns an ``SeoResult``: the
findings (engine ``seo``), the keyphrase figures and the SEO score.

Keyphrase figures (see ``core.text.forms`` for the matching rules):

* ``exact_count``: occurrences of the whole phrase, words in order and adjacent,
  ignoring case, hyphens/dashes/spaces between words, curly or straight
  apostrophes and possessives ("Russia–Ukraine ceasefire", "russia ukraine
  Ceasefire" and "Russia-Ukraine ceasefire’s" all count);
* ``phrase_count``: the same, with any English form of each content word
  ("Russia-Ukraine ceasefires");
* ``sentence_count``: sentences containing every content word of the
  keyphrase, in any form and order ("a ceasefire between Russia and Ukraine");
* ``density`` = phrase_count / words x 100, in percent: occurrences of the
  keyphrase per hundred words of the text a reader sees (title, headings,
  paragraphs, lists, captions). This is Yoast SEO's formula (keyphrase count
  divided by word count); it does not multiply by the number of words in the
  keyphrase. Recommended: 0.5% to 3%.

The checks (rule id: good / ok / poor):

* ``keyphrase-missing``: poor when no focus keyphrase is set (the keyphrase
  checks below are then skipped); ``keyphrase-length``: 1-4 content words / 5-8 / more;
* ``keyphrase-in-seo-title`` (the SEO title, else the title): the exact phrase
  at its start / elsewhere, or all its words / absent; ``seo-title-width``:
  400-600 px / under 400 px / over 600 px or none (Arial 20 px, see
  ``seo_title_width_px``);
* ``keyphrase-in-introduction`` (the first paragraph after the title): all
  content words within one sentence / within the paragraph / not there;
* ``keyphrase-in-subheadings`` (H2 and H3; none: no finding): 30-75% of them
  have all content words, or one of one / fewer or more;
* ``keyphrase-in-slug`` (the slug, else the title's): all content words / some / none;
* ``keyphrase-in-meta-description``: 1-2 sentences / 3 or more / none;
  ``meta-description-length``: 120-156 characters / shorter or longer / none;
* ``keyphrase-density``: 0.5-3% / - / below or above;
* ``keyphrase-distribution`` (15 sentences or more): the longest stretch
  without a sentence mentioning the topic is at most 30% of the words / 50% / more;
* ``text-length``: 300 words or more / 250-299 / fewer;
* ``outbound-links``, ``internal-links``: at least one / - / none;
* ``images``: all with alt text / some without (each located as
  ``image-alt-missing``) / no image; ``image-keyphrase``: the keyphrase in an
  alt text (30-70% of them from 5 images on) / none or too many;
  ``image-alt-stuffed``: an alt text repeating the keyphrase, located;
* ``single-h1``: the title is the page's only H1 / - / other H1s or no title;
* ``keyphrase-previously-used``: no other draft's focus / one / several.

The related keyphrases count as synonyms of the focus keyphrase for the
introduction, subheadings, meta description, alt texts and distribution.

A poor rating is a ``warning``; ok and good are ``info`` (nothing here is an
``error``: SEO advice never fails a lint run). The SEO score is the weighted
share of points over the rated checks (good 1, ok 0.5, poor 0), from 0 to 100;
the overall rating is good above 70, ok above 40.
"""

from __future__ import annotations

import json
import re
import functools
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable
from urllib.parse import urlsplit

from ..markdown.parser import slugify
from ..kinds import Engine, Rating, Severity
from ..model import Finding
from .scoring import rated_finding, score
from ..text import forms
from ..text.document import TextDoc, Unit
from ..text.forms import Keyphrase, find_phrase, has_all_words

ENGINE = Engine.SEO
SEVERITY = {Rating.GOOD: Severity.INFO, Rating.OK: Severity.INFO, Rating.POOR: Severity.WARNING}

TITLE_FONT_PX = 20  # Google's result titles: Arial 20 px
TITLE_MAX_PX = 600
TITLE_MIN_PX = 400
META_MIN, META_MAX = 120, 156
DENSITY_MIN, DENSITY_MAX = 0.5, 3.0
MIN_WORDS = 300
SUBHEADINGS_MIN, SUBHEADINGS_MAX = 30.0, 75.0
DISTRIBUTION_MIN_SENTENCES = 15

# rule -> weight in the SEO score (checks not listed weigh 1)
WEIGHTS = {
    "keyphrase-missing": 3.0,
    "keyphrase-density": 2.0,
    "keyphrase-in-seo-title": 2.0,
    "keyphrase-in-introduction": 2.0,
    "text-length": 2.0,
}


# --------------------------------------------------------------------------- title width


@lru_cache(maxsize=1)
def _metrics() -> tuple[dict[int, int], float, int, int]:
    from ... import resources

    data = json.loads(resources.read_text("fonts/liberation-sans-regular.json"))
    adv = {int(k): int(v) for k, v in data["advances"].items()}
    return adv, float(data["units_per_em"]), int(data["default"]), int(data["wide"])


def seo_title_width_px(title: str, size_px: float = TITLE_FONT_PX) -> float:
    """Width of ``title`` in pixels as a search result shows it: Arial at 20 px,
    measured with Liberation Sans's advance widths (the same as Arial's).
    Characters outside the stored table count as an average Latin letter, or
    a full em for East Asian wide ones; combining marks and zero-width
    characters count zero. Kerning is ignored."""
    import unicodedata

    adv, upem, default, wide = _metrics()
    units = 0
    for ch in title:
        cp = ord(ch)
        a = adv.get(cp)
        if a is None:
            if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
                a = 0
            elif unicodedata.east_asian_width(ch) in ("W", "F"):
                a = wide
            else:
                a = default
        units += a
    return units * size_px / upem


# --------------------------------------------------------------------------- links and images


@dataclass
class Link:
    href: str
    kind: str  # internal, outbound, anchor, other
    text: str = ""


@dataclass
class Image:
    src: str
    alt: str
    start: int
    end: int
    alt_range: tuple[int, int] | None = None


_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_A_TAG = re.compile(r"<a\b[^>]*\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)


def _attr(tag: str, name: str) -> str | None:
    m = re.search(rf"\b{name}\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", tag, re.I)
    if not m:
        return None
    return next(g for g in m.groups() if g is not None)


def _host(host: str | None) -> str:
    host = (host or "").lower()
    return host[4:] if host.startswith("www.") else host


def classify_link(href: str, site_url: str = "") -> str:
    """``internal`` (relative, or on ``site_url``'s host), ``outbound`` (another
    host), ``anchor`` (a fragment of this page) or ``other`` (mailto:, tel:, ...)."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return "anchor"
    try:
        parts = urlsplit(href)
    except ValueError:
        return "other"
    scheme = parts.scheme.lower()
    if scheme in ("http", "https", "ftp", "ftps") or href.startswith("//"):
        site = _host(urlsplit(site_url).hostname if site_url else "")
        return "internal" if site and _host(parts.hostname) == site else "outbound"
    if scheme:
        return "other"
    return "internal"


def _skip_brackets(src: str, i: int, open_: str, close: str, limit: int) -> int:
    """``src[i] == open_``: the offset after its matching ``close``, or -1."""
    depth = 0
    while i < limit:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == open_:
            depth += 1
        elif ch == close:
            depth -= 1
            if depth == 0:
                return i + 1
        elif ch == "\n" and i + 1 < limit and src[i + 1] == "\n":
            return -1
        i += 1
    return -1


def _image_end(src: str, start: int, limit: int) -> int:
    """``src[start:]`` begins with "![": the offset after the whole image."""
    end = _skip_brackets(src, start + 1, "[", "]", limit)
    if end < 0:
        return min(limit, start + 2)
    if end < limit and src[end] == "(":
        close = _skip_brackets(src, end, "(", ")", limit)
        return close if close > 0 else end
    if end < limit and src[end] == "[":
        close = _skip_brackets(src, end, "[", "]", limit)
        return close if close > 0 else end
    return end


def _plain(children) -> str:
    out = []
    for c in children or ():
        if c.type in ("text", "code_inline"):
            out.append(c.content)
        elif c.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif c.children:
            out.append(_plain(c.children))
    return "".join(out)


def links_and_images(source: str, tokens, segments, site_url: str = "") -> tuple[list[Link], list[Image]]:
    """The links and images of a parsed document, images located in ``source``.

    Markdown links and images, autolinks, bare URLs and raw HTML ``<a href>``
    and ``<img>`` are found; links in code are not (the parser never sees them).
    """
    starts = [0] + [m.end() for m in re.finditer("\n", source)] + [len(source)]

    def pos(line: int) -> int:
        return starts[min(line, len(starts) - 1)]

    alts = iter([s for s in segments if s.kind == "image_alt"])
    links: list[Link] = []
    images: list[Image] = []
    for tok in tokens:
        if tok.type == "html_block" and tok.map:
            lo, hi = pos(tok.map[0]), pos(tok.map[1])
            _html(source, lo, hi, links, images, site_url)
        if tok.type != "inline" or not tok.map:
            continue
        lo, hi = pos(tok.map[0]), pos(tok.map[1])
        cur = lo
        children = tok.children or []
        for k, c in enumerate(children):
            if c.type == "link_open":
                href = c.attrGet("href") or ""
                text = ""
                for d in children[k + 1 :]:
                    if d.type == "link_close":
                        break
                    text += d.content
                links.append(Link(href, classify_link(href, site_url), text))
            elif c.type == "image":
                start = source.find("![", cur, hi)
                if start < 0:
                    start, end = lo, hi
                else:
                    end = _image_end(source, start, hi)
                    cur = start + 2
                alt = _plain(c.children).strip()
                alt_range = None
                if alt:
                    seg = next(alts, None)
                    if seg is not None:
                        alt_range = (seg.start, seg.end)
                images.append(Image(c.attrGet("src") or "", alt, start, end, alt_range))
            elif c.type == "html_inline":
                j = source.find(c.content, cur, hi)
                if j >= 0:
                    _html(source, j, j + len(c.content), links, images, site_url)
                    cur = j + len(c.content)
    return links, images


def _html(source: str, lo: int, hi: int, links: list, images: list, site_url: str) -> None:
    chunk = source[lo:hi]
    for m in _IMG_TAG.finditer(chunk):
        alt = (_attr(m.group(), "alt") or "").strip()
        rng = None
        if alt:
            j = chunk.find(alt, m.start(), m.end())
            rng = (lo + j, lo + j + len(alt)) if j >= 0 else None
        images.append(Image(_attr(m.group(), "src") or "", alt, lo + m.start(), lo + m.end(), rng))
    for m in _A_TAG.finditer(chunk):
        href = next(g for g in m.groups() if g is not None)
        links.append(Link(href, classify_link(href, site_url)))


# --------------------------------------------------------------------------- input and result


class TextOnly:
    """A piece of text with no place in the source (an SEO title, a slug) that
    quacks like a prose segment, so it can be tokenised as a ``Unit``."""

    def __init__(self, text: str, kind: str = "field", rng: tuple[int, int] | None = None) -> None:
        self.kind = kind
        self.text = text
        self.level = 0
        self.placeholders: list = []
        self.rng = rng

    def source_range(self, i: int, j: int) -> tuple[int, int] | None:
        return self.rng

    @property
    def start(self) -> int:
        return self.rng[0] if self.rng else 0

    @property
    def end(self) -> int:
        return self.rng[1] if self.rng else 0


@dataclass
class SeoInput:
    doc: TextDoc  # everything a reader sees, title first
    keyphrase: str
    related: list[str]
    title: str  # the post's title (rendered as its H1)
    title_range: tuple[int, int] | None
    seo_title: str  # as set; empty: the title is used
    seo_title_range: tuple[int, int] | None
    slug: str
    slug_range: tuple[int, int] | None
    meta: str
    meta_range: tuple[int, int] | None
    intro: Unit | None  # the first paragraph after the title
    subheadings: list[Unit]  # H2 and H3
    extra_h1: list[Unit]  # H1 headings besides the title
    links: list[Link]
    images: list[Image]
    other_focus_keyphrases: Iterable[str] = ()


@dataclass
class SeoResult:
    findings: list[Finding] = field(default_factory=list)
    keyphrase: dict[str, Any] = field(default_factory=dict)
    score: int = 0
    rating: str = "poor"


_f = functools.partial(rated_finding, ENGINE, SEVERITY)


def _pct(x: float) -> float:
    return round(x, 2)


# --------------------------------------------------------------------------- keyphrase figures


def _sentence_bags(unit: Unit) -> list[set[str]]:
    return unit.sentence_bags()


def _text_bag(text: str) -> set[str]:
    u = Unit(TextOnly(text))
    return set(u.stream) | {joined for _, joined in u.compounds}


class Matcher:
    """A keyphrase matched against a document, figures computed once."""

    def __init__(self, kp: Keyphrase, doc: TextDoc, bags: dict[int, list[set[str]]]) -> None:
        self.kp = kp
        self.doc = doc
        self.exact_patterns = kp.patterns(False, doc.closed)
        self.form_patterns = kp.patterns(True, doc.closed)
        self.exact = self._find(self.exact_patterns)
        self.phrase = self._find(self.form_patterns)
        # sentence index per unit -> mentions all content words
        self.mentions = {
            ui: [has_all_words(b, kp) for b in bags[ui]] for ui in range(len(doc.units))
        }

    def _find(self, patterns) -> list[tuple[int, int, int]]:
        out = []
        firsts = frozenset().union(*(p[0] for p in patterns)) if patterns else frozenset()
        for ui, u in enumerate(self.doc.units):
            starts = u.positions(firsts)
            if not starts:
                continue
            for p0, p1 in find_phrase(u.stream, u.is_break, patterns, starts):
                out.append((ui, u.part_word[p0], u.part_word[p1 - 1] + 1))
        return out

    @property
    def sentence_count(self) -> int:
        return sum(sum(v) for v in self.mentions.values())

    def density(self) -> float:
        return 100.0 * len(self.phrase) / self.doc.words if self.doc.words else 0.0

    def figures(self) -> dict[str, Any]:
        occurrences = []
        for ui, w0, w1 in self.phrase:
            r = self.doc.units[ui].word_range(w0, w1)
            if r:
                occurrences.append(list(r))
        return {
            "phrase": self.kp.text,
            "exact_count": len(self.exact),
            "phrase_count": len(self.phrase),
            "sentence_count": self.sentence_count,
            "density": _pct(self.density()),
            "content_words": list(self.kp.content),
            "occurrences": occurrences,
        }

    def in_text(self, text: str, any_form: bool = True) -> int:
        """Phrase occurrences in a loose piece of text (a title, an alt text)."""
        u = Unit(TextOnly(text))
        return len(find_phrase(u.stream, u.is_break, self.kp.patterns(any_form, u.closed)))

    def at_start(self, text: str) -> bool:
        u = Unit(TextOnly(text))
        found = find_phrase(u.stream, u.is_break, self.kp.patterns(False, u.closed))
        return bool(found) and found[0][0] == 0


# --------------------------------------------------------------------------- the checks


def _check_length(kp: Keyphrase) -> Finding:
    n = len(kp.content)
    if n <= 4:
        return _f("keyphrase-length", "good", f"Keyphrase length: {n} content word(s). Good.",
                  category="keyphrase", data=(("content_words", n),))
    rating = "ok" if n <= 8 else "poor"
    return _f("keyphrase-length", rating,
              f"Keyphrase length: {n} content words; a focus keyphrase of at most 4 is easier to rank for.",
              category="keyphrase", data=(("content_words", n),))


def _check_seo_title(m: Matcher, title: str, rng) -> Finding:
    rule, cat = "keyphrase-in-seo-title", "title"
    if not title:
        return _f(rule, "poor", "No SEO title (and no title): add one that starts with the keyphrase.", rng, cat)
    if m.at_start(title):
        return _f(rule, "good", "Keyphrase in SEO title: the SEO title starts with the exact keyphrase. Good.",
                  rng, cat)
    if m.in_text(title):
        return _f(rule, "ok", "Keyphrase in SEO title: the keyphrase is in the SEO title but not at its "
                  "start; move it to the beginning.", rng, cat)
    if has_all_words(_text_bag(title), m.kp):
        return _f(rule, "ok", "Keyphrase in SEO title: the SEO title has the keyphrase's words but not the "
                  "exact phrase; use the phrase, at the beginning.", rng, cat)
    return _f(rule, "poor", "Keyphrase in SEO title: the SEO title does not contain the keyphrase; "
              "start it with the keyphrase.", rng, cat)


def _check_title_width(title: str, rng) -> Finding:
    rule, cat = "seo-title-width", "title"
    px = seo_title_width_px(title)
    data = (("width_px", round(px, 1)), ("max_px", TITLE_MAX_PX))
    if not title:
        return _f(rule, "poor", "SEO title width: there is no SEO title.", rng, cat, data)
    if px > TITLE_MAX_PX:
        return _f(rule, "poor", f"SEO title width: {px:.0f} px, wider than the {TITLE_MAX_PX} px search "
                  "results show; it will be cut off. Shorten it.", rng, cat, data)
    if px < TITLE_MIN_PX:
        return _f(rule, "ok", f"SEO title width: {px:.0f} px, short; there is room up to {TITLE_MAX_PX} px "
                  "for keyphrase variations or a call to action.", rng, cat, data)
    return _f(rule, "good", f"SEO title width: {px:.0f} px of {TITLE_MAX_PX} px. Good.", rng, cat, data)


def _topic_in(bag: set[str], kps: list[Keyphrase]) -> bool:
    return any(has_all_words(bag, k) for k in kps)


def _check_intro(ctx: SeoInput, kps: list[Keyphrase], bags) -> Finding:
    rule, cat = "keyphrase-in-introduction", "keyphrase"
    u = ctx.intro
    if u is None:
        return _f(rule, "poor", "Keyphrase in introduction: the text has no first paragraph.", None, cat)
    ui = ctx.doc.units.index(u)
    rng = (u.seg.start, u.seg.end)
    if any(_topic_in(b, kps) for b in bags[ui]):
        return _f(rule, "good", "Keyphrase in introduction: the first paragraph mentions the topic. Good.",
                  rng, cat)
    whole = set().union(*bags[ui]) if bags[ui] else set()
    if _topic_in(whole, kps):
        return _f(rule, "ok", "Keyphrase in introduction: the keyphrase's words are in the first paragraph "
                  "but not within one sentence.", rng, cat)
    return _f(rule, "poor", "Keyphrase in introduction: the first paragraph does not mention the keyphrase; "
              "name the topic right away.", rng, cat)


def _check_subheadings(ctx: SeoInput, kps: list[Keyphrase]) -> Finding | None:
    rule, cat = "keyphrase-in-subheadings", "structure"
    subs = ctx.subheadings
    if not subs:
        return None
    hits = [u for u in subs if _topic_in(set().union(*_sentence_bags(u)) if u.sentences else set(), kps)]
    n, k = len(subs), len(hits)
    pct = 100.0 * k / n
    data = (("subheadings", n), ("with_keyphrase", k), ("percent", _pct(pct)))
    if n == 1 and k == 1:
        return _f(rule, "good", "Keyphrase in subheadings: your one H2/H3 subheading reflects the topic. Good.",
                  None, cat, data)
    if SUBHEADINGS_MIN <= pct <= SUBHEADINGS_MAX:
        return _f(rule, "good", f"Keyphrase in subheadings: {k} of {n} H2/H3 subheadings ({pct:.0f}%) "
                  "reflect the topic. Good.", None, cat, data)
    if pct < SUBHEADINGS_MIN:
        miss = next(u for u in subs if u not in hits)
        return _f(rule, "ok", f"Keyphrase in subheadings: {k} of {n} H2/H3 subheadings ({pct:.0f}%) reflect "
                  f"the topic; aim for {SUBHEADINGS_MIN:.0f}-{SUBHEADINGS_MAX:.0f}%.",
                  (miss.seg.start, miss.seg.end), cat, data)
    return _f(rule, "ok", f"Keyphrase in subheadings: {k} of {n} H2/H3 subheadings ({pct:.0f}%) repeat the "
              f"keyphrase; more than {SUBHEADINGS_MAX:.0f}% reads as over-optimised.", None, cat, data)


def _slug_bag(slug: str) -> set[str]:
    words = [w for w in re.split(r"[-_/\s.]+", slug.lower()) if w]
    bag = set(words)
    bag.update(a + b for a, b in zip(words, words[1:]))
    return bag


def _check_slug(ctx: SeoInput, kp: Keyphrase) -> Finding:
    rule, cat = "keyphrase-in-slug", "meta"
    slug, rng, derived = ctx.slug, ctx.slug_range, False
    if not slug:
        slug, derived = slugify(ctx.title), True
    if not slug:
        return _f(rule, "poor", "Keyphrase in slug: there is no slug (and no title to make one from).", rng, cat)
    note = f" (no slug set: the title's slug would be '{slug}')" if derived else ""
    bag = _slug_bag(slug)
    if has_all_words(bag, kp):
        return _f(rule, "good", f"Keyphrase in slug: the slug contains the keyphrase{note}. Good.", rng, cat,
                  (("slug", slug),))
    present = forms.count_content_words(bag, kp)
    if present:
        return _f(rule, "ok", f"Keyphrase in slug: the slug has {present} of the keyphrase's "
                  f"{len(kp.content)} content words{note}.", rng, cat, (("slug", slug),))
    return _f(rule, "poor", f"Keyphrase in slug: the slug does not contain the keyphrase{note}.", rng, cat,
              (("slug", slug),))


def _check_meta_keyphrase(ctx: SeoInput, kps: list[Keyphrase]) -> Finding:
    rule, cat = "keyphrase-in-meta-description", "meta"
    if not ctx.meta.strip():
        return _f(rule, "poor", "Keyphrase in meta description: there is no meta description.", None, cat)
    u = Unit(TextOnly(ctx.meta))
    n = sum(1 for b in _sentence_bags(u) if _topic_in(b, kps))
    data = (("sentences", n),)
    if n == 0:
        return _f(rule, "poor", "Keyphrase in meta description: the meta description does not mention the "
                  "keyphrase.", ctx.meta_range, cat, data)
    if n > 2:
        return _f(rule, "ok", f"Keyphrase in meta description: {n} sentences repeat the keyphrase; once or "
                  "twice reads better.", ctx.meta_range, cat, data)
    return _f(rule, "good", "Keyphrase in meta description: the meta description mentions the keyphrase. Good.",
              ctx.meta_range, cat, data)


def _check_meta_length(ctx: SeoInput) -> Finding:
    rule, cat = "meta-description-length", "meta"
    n = len(ctx.meta.strip())
    data = (("characters", n), ("min", META_MIN), ("max", META_MAX))
    if n == 0:
        return _f(rule, "poor", "Meta description length: there is no meta description; search engines "
                  "will show text from the page instead.", None, cat, data)
    if n < META_MIN:
        return _f(rule, "ok", f"Meta description length: {n} characters, short; use {META_MIN}-{META_MAX}.",
                  ctx.meta_range, cat, data)
    if n > META_MAX:
        return _f(rule, "ok", f"Meta description length: {n} characters; search results cut it after about "
                  f"{META_MAX}.", ctx.meta_range, cat, data)
    return _f(rule, "good", f"Meta description length: {n} characters. Good.", ctx.meta_range, cat, data)


def _check_density(m: Matcher) -> Finding:
    rule, cat = "keyphrase-density", "keyphrase"
    words = m.doc.words
    n, exact = len(m.phrase), len(m.exact)
    d = m.density()
    data = (("density", _pct(d)), ("count", n), ("exact_count", exact), ("words", words),
            ("min", DENSITY_MIN), ("max", DENSITY_MAX))
    found = f"the keyphrase was found {n} time{'s' if n != 1 else ''} in {words:,} words"
    if n == 0:
        return _f(rule, "poor", f"Keyphrase density: 0%: the keyphrase does not appear in the text.",
                  None, cat, data)
    if d < DENSITY_MIN:
        return _f(rule, "poor", f"Keyphrase density: {d:.2f}%: {found}, below the recommended minimum of "
                  f"{DENSITY_MIN}%. Use the keyphrase more often.", None, cat, data)
    if d > DENSITY_MAX:
        return _f(rule, "poor", f"Keyphrase density: {d:.2f}%: {found}, above the recommended maximum of "
                  f"{DENSITY_MAX}%. Don't over-optimise.", None, cat, data)
    return _f(rule, "good", f"Keyphrase density: {d:.2f}%: {found}. Good.", None, cat, data)


def _check_distribution(ctx: SeoInput, mentions: list[list[bool]]) -> Finding | None:
    """The longest stretch of text (in words) with no sentence that mentions
    the keyphrase (or a related keyphrase)."""
    rule, cat = "keyphrase-distribution", "keyphrase"
    doc = ctx.doc
    if doc.sentences < DISTRIBUTION_MIN_SENTENCES or not doc.words:
        return None
    best = (0, None, None)  # words, first (unit, sentence), last (unit, sentence)
    run_words, run_first, any_mention = 0, None, False
    for ui, u in enumerate(doc.units):
        for si, (w0, w1, _, _) in enumerate(u.sentences):
            if mentions[ui][si]:
                any_mention = True
                run_words, run_first = 0, None
                continue
            if run_first is None:
                run_first = (ui, si)
            run_words += w1 - w0
            if run_words > best[0]:
                best = (run_words, run_first, (ui, si))
    pct = 100.0 * best[0] / doc.words
    data = (("longest_gap_words", best[0]), ("longest_gap_percent", _pct(pct)))
    if not any_mention:
        return _f(rule, "poor", "Keyphrase distribution: no sentence mentions the keyphrase.", None, cat, data)
    rng = _stretch_range(doc, best[1], best[2]) if best[1] else None
    msg = f"Keyphrase distribution: the longest stretch without the keyphrase is {best[0]:,} words ({pct:.0f}% of the text)"
    if pct <= 30:
        return _f(rule, "good", msg + ". Good.", rng, cat, data)
    if pct <= 50:
        return _f(rule, "ok", msg + "; spread the keyphrase more evenly.", rng, cat, data)
    return _f(rule, "poor", msg + "; mention the topic across the whole text.", rng, cat, data)


def _stretch_range(doc: TextDoc, first, last) -> tuple[int, int] | None:
    lo = hi = None
    for ui in range(first[0], last[0] + 1):
        u = doc.units[ui]
        s0 = first[1] if ui == first[0] else 0
        s1 = last[1] if ui == last[0] else len(u.sentences) - 1
        for si in range(s0, s1 + 1):
            r = u.source_range(u.sentences[si][2], u.sentences[si][3])
            if r:
                lo = r[0] if lo is None else lo
                hi = r[1]
    return (lo, hi) if lo is not None else None


def _check_text_length(doc: TextDoc) -> Finding:
    rule, cat = "text-length", "length"
    n = doc.words
    data = (("words", n), ("min", MIN_WORDS))
    if n >= MIN_WORDS:
        return _f(rule, "good", f"Text length: {n:,} words. Good.", None, cat, data)
    rating = "ok" if n >= 250 else "poor"
    return _f(rule, rating, f"Text length: {n:,} words, fewer than the recommended minimum of {MIN_WORDS}.",
              None, cat, data)


def _check_links(links: list[Link]) -> list[Finding]:
    out = []
    cat = "links"
    for kind, rule, what in (("outbound", "outbound-links", "outbound"), ("internal", "internal-links", "internal")):
        n = sum(1 for link in links if link.kind == kind)
        data = (("count", n),)
        if n:
            out.append(_f(rule, "good", f"{what.capitalize()} links: {n}. Good.", None, cat, data))
        elif kind == "outbound":
            out.append(_f(rule, "poor", "Outbound links: none; link to the sources you used.", None, cat, data))
        else:
            out.append(_f(rule, "poor", "Internal links: none; link to related posts on your site.", None, cat,
                          data))
    return out


def _check_images(ctx: SeoInput, kps: list[Keyphrase], m: Matcher | None) -> list[Finding]:
    out = []
    cat = "images"
    images = ctx.images
    if not images:
        return [_f("images", "poor", "Images: the text has none; add one to illustrate it.", None, cat,
                   (("count", 0),))]
    missing = [im for im in images if not im.alt]
    for im in missing:
        out.append(_f("image-alt-missing", "poor", "Image without alt text: describe it for readers who "
                      "cannot see it (and for search engines).", (im.start, im.end), cat))
    data = (("count", len(images)), ("without_alt", len(missing)))
    if missing:
        out.append(_f("images", "ok", f"Images: {len(missing)} of {len(images)} lack alt text.", None, cat, data))
    else:
        out.append(_f("images", "good", f"Images: {len(images)}, all with alt text. Good.", None, cat, data))
    if m is None:
        return out
    with_kp = []
    for im in images:
        if not im.alt:
            continue
        if _topic_in(_text_bag(im.alt), kps):
            with_kp.append(im)
        if m.in_text(im.alt) >= 2:
            out.append(_f("image-alt-stuffed", "poor", "Alt text stuffed with the keyphrase: it repeats the "
                          "keyphrase; describe the image instead.", im.alt_range or (im.start, im.end), cat))
    n, k = len(images), len(with_kp)
    pct = 100.0 * k / n
    data = (("images", n), ("with_keyphrase", k), ("percent", _pct(pct)))
    rule = "image-keyphrase"
    if n >= 5:
        if 30 <= pct <= 70:
            out.append(_f(rule, "good", f"Image keyphrase: {k} of {n} images have the keyphrase in their alt "
                          "text. Good.", None, cat, data))
        elif pct > 70:
            out.append(_f(rule, "ok", f"Image keyphrase: {k} of {n} images ({pct:.0f}%) have the keyphrase in "
                          "their alt text; that many reads as keyphrase stuffing.", None, cat, data))
        else:
            out.append(_f(rule, "ok", f"Image keyphrase: {k} of {n} images ({pct:.0f}%) have the keyphrase in "
                          "their alt text; aim for 30-70%.", None, cat, data))
    elif k:
        out.append(_f(rule, "good", "Image keyphrase: an image's alt text has the keyphrase. Good.", None, cat,
                      data))
    else:
        out.append(_f(rule, "ok", "Image keyphrase: no image's alt text mentions the keyphrase.", None, cat,
                      data))
    return out


def _check_h1(ctx: SeoInput) -> Finding:
    rule, cat = "single-h1", "structure"
    if not ctx.title and not ctx.extra_h1:
        return _f(rule, "poor", "Single title: the post has no title (no title field and no H1).", None, cat)
    if ctx.extra_h1:
        u = ctx.extra_h1[0]
        n = len(ctx.extra_h1) + (1 if ctx.title else 0)
        return _f(rule, "poor", f"Single title: the page would have {n} H1 headings; the title is the H1, so "
                  "use H2 for sections.", (u.seg.start, u.seg.end), cat, (("h1", n),))
    return _f(rule, "good", "Single title: the title is the only H1. Good.", ctx.title_range, cat, (("h1", 1),))


def _check_previous(kp: Keyphrase, others: Iterable[str]) -> Finding:
    rule, cat = "keyphrase-previously-used", "keyphrase"
    n = sum(1 for o in others if o and kp.same_as(Keyphrase.parse(o)))
    data = (("count", n),)
    if n == 0:
        return _f(rule, "good", "Previously used keyphrase: no other draft has this focus keyphrase. Good.",
                  None, cat, data)
    rating = "ok" if n == 1 else "poor"
    return _f(rule, rating, f"Previously used keyphrase: {n} other draft{'s have' if n > 1 else ' has'} this "
              "focus keyphrase; they will compete in search. Pick another.", None, cat, data)


# --------------------------------------------------------------------------- entry point


def overall(score_: int) -> str:
    return "good" if score_ > 70 else "ok" if score_ > 40 else "poor"


SCORED = {
    "keyphrase-missing", "keyphrase-length", "keyphrase-in-seo-title", "seo-title-width",
    "keyphrase-in-introduction", "keyphrase-in-subheadings", "keyphrase-in-slug",
    "keyphrase-in-meta-description", "meta-description-length", "keyphrase-density",
    "keyphrase-distribution", "text-length", "outbound-links", "internal-links", "images",
    "image-keyphrase", "single-h1", "keyphrase-previously-used",
}


def empty_figures(phrase: str = "") -> dict[str, Any]:
    return {"phrase": phrase, "exact_count": 0, "phrase_count": 0, "sentence_count": 0, "density": 0.0,
            "content_words": [], "occurrences": []}


def check(ctx: SeoInput) -> SeoResult:
    res = SeoResult()
    doc = ctx.doc
    fs = res.findings
    kp = Keyphrase.parse(ctx.keyphrase)
    related = [k for k in (Keyphrase.parse(r) for r in ctx.related) if k]
    seo_title = ctx.seo_title.strip() or ctx.title.strip()
    seo_title_range = ctx.seo_title_range if ctx.seo_title.strip() else ctx.title_range
    bags = {ui: _sentence_bags(u) for ui, u in enumerate(doc.units)}

    fs.append(_check_title_width(seo_title, seo_title_range))
    fs.append(_check_meta_length(ctx))
    fs.append(_check_text_length(doc))
    fs += _check_links(ctx.links)
    fs.append(_check_h1(ctx))

    m = None
    if not kp:
        fs.append(_f("keyphrase-missing", "poor", "No focus keyphrase: set one to get the keyphrase checks.",
                     None, "keyphrase"))
        res.keyphrase = empty_figures(ctx.keyphrase.strip())
    else:
        m = Matcher(kp, doc, bags)
        kps = [kp] + related
        res.keyphrase = m.figures()
        rel_matchers = [Matcher(r, doc, bags) for r in related]
        res.keyphrase["related"] = [
            {k: v for k, v in rm.figures().items() if k != "occurrences"} for rm in rel_matchers
        ]
        mentions = [m.mentions[ui] for ui in range(len(doc.units))]
        if rel_matchers:
            mentions = [
                [any(x) for x in zip(mentions[ui], *(rm.mentions[ui] for rm in rel_matchers))]
                for ui in range(len(doc.units))
            ]
        fs.append(_check_length(kp))
        fs.append(_check_seo_title(m, seo_title, seo_title_range))
        fs.append(_check_intro(ctx, kps, bags))
        sub = _check_subheadings(ctx, kps)
        if sub:
            fs.append(sub)
        fs.append(_check_slug(ctx, kp))
        fs.append(_check_meta_keyphrase(ctx, kps))
        fs.append(_check_density(m))
        dist = _check_distribution(ctx, mentions)
        if dist:
            fs.append(dist)
        fs.append(_check_previous(kp, ctx.other_focus_keyphrases))
    fs += _check_images(ctx, [kp] + related if kp else [], m)
    res.score = score(fs, WEIGHTS, SCORED)
    res.rating = overall(res.score)
    return res
