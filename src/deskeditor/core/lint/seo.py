"""SEO checks for a focus keyphrase, as Yoast SEO makes them.

``check(ctx)`` runs every check on a prepared ``SeoInput`` (see
``core.lint.analysis``, which builds it) and returns an ``SeoResult``: the
findings (engine ``seo``), the keyphrase figures and the SEO score.

Writers compare this panel with the Yoast box in WordPress, so each check
that Yoast has reads what Yoast reads, counts as Yoast counts and gives
Yoast's score (kept in the finding's data; the rating and the overall score
follow from it, see ``core.lint.scoring``). Each check's docstring names the
Yoast source file it follows; docs/seo-readability.md has them all in one
table. A check Yoast shows only when something is wrong returns None
otherwise.

Keyphrase figures:

* ``count`` (Yoast's): per sentence of the post's body (not the title), the
  full sets of the keyphrase's content words it holds, in any order and any
  form ("a ceasefire between Russia and Ukraine" counts once for
  "Russia-Ukraine ceasefire"; a sentence with each word twice counts 2);
* ``density`` = count / ``words`` (the body's) x 100, in percent;
* deskeditor's own, beside them: ``exact_count`` (the whole phrase as
  written, words in order and adjacent, ignoring case, hyphens/dashes/spaces
  between words, curly or straight apostrophes and possessives; the title
  counts too), ``phrase_count`` (the same with any form of each content word)
  and ``sentence_count`` (sentences holding every content word).

The related keyphrases count as Yoast's synonyms for the introduction,
subheadings, meta description, alt texts, competing links and distribution.
deskeditor's own findings (``image-alt-missing``, ``image-alt-stuffed``, a
missing title) carry a rating but no score and do not count in the score. A
poor rating is a ``warning``; ok and good are ``info`` (SEO advice never fails
a lint run).
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from ..markdown.parser import slugify
from ..kinds import Engine, Rating, Severity
from ..model import Finding
from .scoring import overall, rated_finding, seo_score
from .seo_links import Image, Link, classify_link, links_and_images
from ..text import forms
from ..text.document import TextDoc, Unit
from ..text.forms import Keyphrase, find_phrase, has_all_words
from ..text.wordlists import FUNCTION_WORDS, SLUG_STOP_WORDS

ENGINE = Engine.SEO
SEVERITY = {Rating.GOOD: Severity.INFO, Rating.OK: Severity.INFO, Rating.POOR: Severity.WARNING}

TITLE_FONT_PX = 20  # Google's result titles: Arial 20 px
TITLE_MAX_PX = 600
TITLE_MIN_PX = 400
META_MIN, META_MAX = 120, 156  # good: more than 120 and at most 156 characters
DENSITY_MIN, DENSITY_MAX, DENSITY_OVER = 0.5, 3.5, 4.0  # Yoast's bounds with word forms
DENSITY_MIN_WORDS = 100
MIN_WORDS = 300
SUBHEADINGS_LOW, SUBHEADINGS_HIGH = 0.3, 0.75
DISTRIBUTION_MIN_SENTENCES = 15
SLUG_MAX, SLUG_OVER_KEYPHRASE = 40, 20


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

__all__ = ["Image", "Link", "classify_link", "links_and_images", "check", "seo_title_width_px"]


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
    title_unit: Unit | None = None  # the title's unit in ``doc`` (not part of the post's body)


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


def _text_bag(text: str) -> set[str]:
    u = Unit(TextOnly(text))
    return set(u.stream) | {joined for _, joined in u.compounds}


def _alt_bag(alt: str) -> set[str]:
    """An alt text's words: a word with an underscore in it ("russia_ukraine.jpg",
    a file name) is one word, as Yoast reads it, and matches no keyphrase word."""
    return _text_bag(re.sub(r"\S*_\S*", " ", alt))


def word_share(bag: set[str], kp: Keyphrase) -> float:
    """Percent of ``kp``'s content words found in ``bag`` in any form (Yoast's
    ``percentWordMatches`` of ``findKeywordFormsInString``)."""
    return 100.0 * forms.count_content_words(bag, kp) / len(kp.content) if kp.content else 0.0


def _best_share(bag: set[str], kps: list[Keyphrase]) -> float:
    return max((word_share(bag, k) for k in kps), default=0.0)


def _form_counts(parts: list[str], kp: Keyphrase) -> int:
    """Full sets of ``kp``'s content words among ``parts`` (any order and
    form): the least count over its content words, 0 if one is missing."""
    least = None
    for w in kp.content:
        fs = forms.forms(w)
        n = sum(1 for p in parts if p in fs)
        if not n:
            return 0
        least = n if least is None else min(least, n)
    return least or 0


def _sentence_parts(u: Unit, w0: int, w1: int) -> list[str]:
    from bisect import bisect_left

    pw = u.part_word
    parts = u.stream[bisect_left(pw, w0) : bisect_left(pw, w1)]
    return parts + [joined for i, joined in u.compounds if w0 <= i < w1]


class Matcher:
    """A keyphrase matched against a document, figures computed once."""

    def __init__(self, kp: Keyphrase, doc: TextDoc, bags: dict[int, list[set[str]]],
                 title_unit: Unit | None = None) -> None:
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
        # Yoast's count: per sentence of the post's body, the full sets of the
        # keyphrase's content words it holds, in any order and form
        self.body_words = doc.words - (len(title_unit.spans) if title_unit is not None else 0)
        count = 0
        for ui, u in enumerate(doc.units):
            if u is title_unit:
                continue
            for si, hit in enumerate(self.mentions[ui]):
                if hit:
                    w0, w1 = u.sentences[si][0], u.sentences[si][1]
                    count += max(1, _form_counts(_sentence_parts(u, w0, w1), kp))
        self.count = count

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
        """Yoast's keyphrase density: its count per hundred words of the body."""
        return 100.0 * self.count / self.body_words if self.body_words else 0.0

    def figures(self) -> dict[str, Any]:
        occurrences = []
        for ui, w0, w1 in self.phrase:
            r = self.doc.units[ui].word_range(w0, w1)
            if r:
                occurrences.append(list(r))
        return {
            "phrase": self.kp.text,
            "count": self.count,
            "density": _pct(self.density()),
            "words": self.body_words,
            "exact_count": len(self.exact),
            "phrase_count": len(self.phrase),
            "sentence_count": self.sentence_count,
            "content_words": list(self.kp.content),
            "occurrences": occurrences,
        }

    def in_text(self, text: str, any_form: bool = True) -> int:
        """Phrase occurrences in a loose piece of text (a title, an alt text)."""
        u = Unit(TextOnly(text))
        return len(find_phrase(u.stream, u.is_break, self.kp.patterns(any_form, u.closed)))

    def at_start(self, text: str) -> bool:
        """The exact phrase opens ``text``, function words before it aside."""
        u = Unit(TextOnly(text))
        found = find_phrase(u.stream, u.is_break, self.kp.patterns(False, u.closed))
        return bool(found) and all(p in FUNCTION_WORDS for p in u.stream[: found[0][0]])


# --------------------------------------------------------------------------- the checks


def _check_length(kp: Keyphrase) -> Finding:
    """``KeyphraseLengthAssessment.js``: content words 1-4: 9, 5-8: 6, more: 3."""
    n = len(kp.content)
    data = (("content_words", n),)
    if n <= 4:
        return _f("keyphrase-length", 9, f"Keyphrase length: {n} content word(s). Good.",
                  category="keyphrase", data=data)
    return _f("keyphrase-length", 6 if n <= 8 else 3,
              f"Keyphrase length: {n} content words; a focus keyphrase of at most 4 is easier to rank for.",
              category="keyphrase", data=data)


def _check_seo_title(m: Matcher, title: str, rng) -> Finding | None:
    """``KeyphraseInSEOTitleAssessment.js``: the exact phrase at the start
    (function words before it aside): 9; elsewhere: 6; all its content words: 6;
    else 2. No title: not assessed."""
    rule, cat = "keyphrase-in-seo-title", "title"
    if not title:
        return None
    if m.at_start(title):
        return _f(rule, 9, "Keyphrase in SEO title: the SEO title starts with the exact keyphrase. Good.",
                  rng, cat)
    if m.in_text(title, any_form=False):
        return _f(rule, 6, "Keyphrase in SEO title: the exact keyphrase is in the SEO title but not at its "
                  "start; move it to the beginning.", rng, cat)
    if has_all_words(_text_bag(title), m.kp):
        return _f(rule, 6, "Keyphrase in SEO title: the SEO title has the keyphrase's words but not the "
                  "exact phrase; use the phrase, at the beginning.", rng, cat)
    return _f(rule, 2, "Keyphrase in SEO title: not all the keyphrase's words are in the SEO title; "
              "start it with the keyphrase.", rng, cat)


def _check_title_width(title: str, rng) -> Finding:
    """``PageTitleWidthAssessment.js`` as the SEO assessor sets it up: no
    title: 1; wider than 600 px: 3; else 9 (a short title is fine)."""
    rule, cat = "seo-title-width", "title"
    px = seo_title_width_px(title)
    data = (("width_px", round(px, 1)), ("max_px", TITLE_MAX_PX))
    if not title:
        return _f(rule, 1, "SEO title width: there is no SEO title.", rng, cat, data)
    if px > TITLE_MAX_PX:
        return _f(rule, 3, f"SEO title width: {px:.0f} px, wider than the {TITLE_MAX_PX} px search "
                  "results show; it will be cut off. Shorten it.", rng, cat, data)
    return _f(rule, 9, f"SEO title width: {px:.0f} px of {TITLE_MAX_PX} px. Good.", rng, cat, data)


def _topic_in(bag: set[str], kps: list[Keyphrase]) -> bool:
    return any(has_all_words(bag, k) for k in kps)


def _check_intro(ctx: SeoInput, kps: list[Keyphrase], bags) -> Finding:
    """``IntroductionKeywordAssessment.js``: all content words in one sentence
    of the first paragraph: 9; in the paragraph: 6; else 3."""
    rule, cat = "keyphrase-in-introduction", "keyphrase"
    u = ctx.intro
    if u is None:
        return _f(rule, 3, "Keyphrase in introduction: the text has no first paragraph.", None, cat)
    ui = ctx.doc.units.index(u)
    rng = (u.seg.start, u.seg.end)
    if any(_topic_in(b, kps) for b in bags[ui]):
        return _f(rule, 9, "Keyphrase in introduction: the first paragraph mentions the topic. Good.", rng, cat)
    whole = set().union(*bags[ui]) if bags[ui] else set()
    if _topic_in(whole, kps):
        return _f(rule, 6, "Keyphrase in introduction: the keyphrase's words are in the first paragraph "
                  "but not within one sentence.", rng, cat)
    return _f(rule, 3, "Keyphrase in introduction: the first paragraph does not mention the keyphrase; "
              "name the topic right away.", rng, cat)


def _check_subheadings(ctx: SeoInput, kps: list[Keyphrase]) -> Finding | None:
    """``matchKeywordInSubheadings.js`` and ``SubHeadingsKeywordAssessment.js``:
    an H2/H3 reflects the topic when it holds more than half of the content
    words of the keyphrase (or of a related keyphrase). Good (9): between
    ceil(30%) and floor(75%) of them, or the only one; else 3."""
    rule, cat = "keyphrase-in-subheadings", "structure"
    subs = ctx.subheadings
    if not subs:
        return None
    hits = [u for u in subs if _best_share(set().union(*u.sentence_bags()) if u.sentences else set(), kps) > 50]
    n, k = len(subs), len(hits)
    low, high = math.ceil(n * SUBHEADINGS_LOW), math.floor(n * SUBHEADINGS_HIGH)
    pct = 100.0 * k / n
    data = (("subheadings", n), ("with_keyphrase", k), ("percent", _pct(pct)))
    if 0 < k < low:
        miss = next(u for u in subs if u not in hits)
        return _f(rule, 3, f"Keyphrase in subheadings: {k} of {n} H2/H3 subheadings ({pct:.0f}%) reflect "
                  "the topic; use the keyphrase or its words in more of them.", (miss.seg.start, miss.seg.end),
                  cat, data)
    if n > 1 and k > high:
        return _f(rule, 3, f"Keyphrase in subheadings: {k} of {n} H2/H3 subheadings ({pct:.0f}%) reflect the "
                  "topic; more than 75% reads as over-optimised.", None, cat, data)
    if (n == 1 and k == 1) or low <= k <= high:
        return _f(rule, 9, f"Keyphrase in subheadings: {k} of {n} H2/H3 subheadings reflect the topic. Good.",
                  None, cat, data)
    return _f(rule, 3, "Keyphrase in subheadings: no H2/H3 subheading reflects the topic; use the "
              "keyphrase or its words in some of them.", (subs[0].seg.start, subs[0].seg.end), cat, data)


def _slug_words(slug: str) -> list[str]:
    return [w for w in re.split(r"[-_/\s.]+", slug.lower()) if w]


def _slug_bag(slug: str) -> set[str]:
    words = _slug_words(slug)
    bag = set(words)
    bag.update(a + b for a, b in zip(words, words[1:]))
    return bag


def _effective_slug(ctx: SeoInput) -> tuple[str, str]:
    if ctx.slug:
        return ctx.slug, ""
    slug = slugify(ctx.title)
    return slug, (f" (no slug set: the title's slug would be '{slug}')" if slug else "")


def _check_slug(ctx: SeoInput, kp: Keyphrase) -> Finding | None:
    """``UrlKeywordAssessment.js``: a keyphrase of 1-2 content words: all in
    the slug: 9; of more: more than half: 9; else 6. No slug: not assessed."""
    rule, cat = "keyphrase-in-slug", "meta"
    slug, note = _effective_slug(ctx)
    if not slug:
        return None
    present = forms.count_content_words(_slug_bag(slug), kp)
    n = len(kp.content)
    good = present == n or has_all_words(_slug_bag(slug), kp) if n <= 2 else present > n / 2
    data = (("slug", slug), ("content_words_in_slug", present))
    if good:
        return _f(rule, 9, f"Keyphrase in slug: the slug has {present} of the keyphrase's {n} content "
                  f"words{note}. Good.", ctx.slug_range, cat, data)
    return _f(rule, 6, f"Keyphrase in slug: (part of) the keyphrase is not in the slug ({present} of {n} "
              f"content words){note}.", ctx.slug_range, cat, data)


def _check_slug_stop_words(ctx: SeoInput) -> Finding | None:
    """``urlStopWordsAssessment.js`` (English): stop words in the slug: 5;
    none: not shown."""
    slug, note = _effective_slug(ctx)
    found = [w for w in _slug_words(slug.replace("_", " ")) if w in SLUG_STOP_WORDS]
    if not found:
        return None
    return _f("slug-stop-words", 5, f"Slug stop words: the slug contains {', '.join(repr(w) for w in found)}"
              f"{note}; remove them.", ctx.slug_range, "meta", (("stop_words", tuple(found)),))


def _check_slug_length(ctx: SeoInput, kp: Keyphrase) -> Finding | None:
    """``UrlLengthAssessment.js`` / ``urlLength.js``: a slug longer than 40
    characters and than the keyphrase plus 20: 6; else not shown."""
    slug, note = _effective_slug(ctx)
    n = len(slug)
    if n > SLUG_MAX and n > len(kp.text) + SLUG_OVER_KEYPHRASE:
        return _f("slug-length", 6, f"Slug too long: {n} characters{note}; shorten it.", ctx.slug_range, "meta",
                  (("characters", n),))
    return None


def _meta_count(meta: str, kps: list[Keyphrase]) -> int:
    """``metaDescriptionKeyword.js``: per sentence, the full sets of the
    content words of the keyphrase (or a synonym: the best of them)."""
    u = Unit(TextOnly(meta))
    best = 0
    for kp in kps:
        n = 0
        for (w0, w1, _, _), bag in zip(u.sentences, u.sentence_bags()):
            if has_all_words(bag, kp):
                n += max(1, _form_counts(_sentence_parts(u, w0, w1), kp))
        best = max(best, n)
    return best


def _check_meta_keyphrase(ctx: SeoInput, kps: list[Keyphrase]) -> Finding | None:
    """``MetaDescriptionKeywordAssessment.js``: 1-2 matches: 9; none or more
    than 2: 3. No meta description: not assessed."""
    rule, cat = "keyphrase-in-meta-description", "meta"
    if not ctx.meta.strip():
        return None
    n = _meta_count(ctx.meta, kps)
    data = (("count", n),)
    if n == 0:
        return _f(rule, 3, "Keyphrase in meta description: the meta description does not mention the "
                  "keyphrase.", ctx.meta_range, cat, data)
    if n > 2:
        return _f(rule, 3, f"Keyphrase in meta description: it contains the keyphrase {n} times, over the "
                  "advised maximum of 2.", ctx.meta_range, cat, data)
    return _f(rule, 9, "Keyphrase in meta description: the meta description mentions the keyphrase. Good.",
              ctx.meta_range, cat, data)


def _check_meta_length(ctx: SeoInput) -> Finding:
    """``MetaDescriptionLengthAssessment.js``: none: 1; 120 characters or
    fewer, or more than 156: 6; else 9."""
    rule, cat = "meta-description-length", "meta"
    n = len(ctx.meta.strip())
    data = (("characters", n), ("min", META_MIN), ("max", META_MAX))
    if n == 0:
        return _f(rule, 1, "Meta description length: there is no meta description; search engines "
                  "will show text from the page instead.", None, cat, data)
    if n <= META_MIN:
        return _f(rule, 6, f"Meta description length: {n} characters, short; up to {META_MAX} are available.",
                  ctx.meta_range, cat, data)
    if n > META_MAX:
        return _f(rule, 6, f"Meta description length: {n} characters; search results cut it after about "
                  f"{META_MAX}.", ctx.meta_range, cat, data)
    return _f(rule, 9, f"Meta description length: {n} characters. Good.", ctx.meta_range, cat, data)


def _length_factor(n: int) -> float:
    """Yoast's keyphrase length weighting factor (``keyphraseLengthFactor.js``)."""
    return 0.7 + n / 3


def _recommended(n: int, density: float, words: int, upper: bool) -> int:
    """``recommendedKeywordCount.js``: the count a density stands for, at least 2."""
    if not words:
        return 0
    c = density * words / (100 * _length_factor(n))
    if c < 2:
        return 2
    return math.floor(c) if upper else math.ceil(c)


def _check_density(m: Matcher) -> Finding | None:
    """``KeywordDensityAssessment.js`` (with word forms): the density is
    weighted by the keyphrase's length, 0.7 + content words / 3. No match,
    one match or below 0.5%: 4; 0.5-3.5% (or 2 matches where 2 are enough): 9;
    up to 4%: -10; above: -50. Texts under 100 words: not assessed."""
    rule, cat = "keyphrase-density", "keyphrase"
    words, n, exact = m.body_words, m.count, len(m.exact)
    if words < DENSITY_MIN_WORDS:
        return None
    length = len(m.kp.content)
    d = m.density()
    weighted = d * _length_factor(length)
    lo, hi = _recommended(length, DENSITY_MIN, words, False), _recommended(length, DENSITY_MAX, words, True)
    data = (("density", _pct(d)), ("count", n), ("exact_count", exact), ("words", words),
            ("recommended_min", lo), ("recommended_max", hi))
    found = f"the keyphrase was found {n} time{'s' if n != 1 else ''} in {words:,} words ({d:.2f}%)"
    if n == 0 or weighted < DENSITY_MIN or n == 1:
        return _f(rule, 4, f"Keyphrase density: {found}, less than the recommended minimum of {lo} times "
                  "for a text of this length. Use the keyphrase more often.", None, cat, data)
    if weighted <= DENSITY_MAX or (n == 2 and lo <= 2):
        return _f(rule, 9, f"Keyphrase density: {found}. Good.", None, cat, data)
    return _f(rule, -10 if weighted <= DENSITY_OVER else -50, f"Keyphrase density: {found}, more than the "
              f"recommended maximum of {hi} times for a text of this length. Don't over-optimise.", None, cat, data)


def _check_distribution(ctx: SeoInput, mentions: list[list[bool]]) -> Finding | None:
    """The longest stretch of text (in words) with no sentence that mentions
    the keyphrase (or a related keyphrase), for Yoast Premium's keyphrase
    distribution: at most 30%: 9; 50%: 6; more: 1; never mentioned: not shown."""
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
    if not any_mention:
        return None
    pct = 100.0 * best[0] / doc.words
    data = (("longest_gap_words", best[0]), ("longest_gap_percent", _pct(pct)))
    rng = _stretch_range(doc, best[1], best[2]) if best[1] else None
    msg = f"Keyphrase distribution: the longest stretch without the keyphrase is {best[0]:,} words ({pct:.0f}% of the text)"
    if pct <= 30:
        return _f(rule, 9, msg + ". Good.", rng, cat, data)
    if pct <= 50:
        return _f(rule, 6, msg + "; spread the keyphrase more evenly.", rng, cat, data)
    return _f(rule, 1, msg + "; mention the topic across the whole text.", rng, cat, data)


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


def _check_text_length(n: int) -> Finding:
    """``TextLengthAssessment.js`` on the body's ``n`` words (not the title):
    300+ words: 9; 250-299: 6; 200-249: 3; 100-199: -10; fewer: -20."""
    rule, cat = "text-length", "length"
    data = (("words", n), ("min", MIN_WORDS))
    if n >= MIN_WORDS:
        return _f(rule, 9, f"Text length: {n:,} words. Good.", None, cat, data)
    score_ = 6 if n >= 250 else 3 if n >= 200 else -10 if n >= 100 else -20
    return _f(rule, score_, f"Text length: {n:,} words, fewer than the recommended minimum of {MIN_WORDS}.",
              None, cat, data)


def _check_links(links: list[Link]) -> list[Finding]:
    """``OutboundLinksAssessment.js`` and ``InternalLinksAssessment.js``: none:
    3; all nofollow: 7; both kinds: 8; all followed: 9."""
    out = []
    cat = "links"
    for kind, rule, what, advice in (
        ("outbound", "outbound-links", "Outbound", "link to the sources you used"),
        ("internal", "internal-links", "Internal", "link to related posts on your site"),
    ):
        these = [link for link in links if link.kind == kind]
        nofollow = sum(1 for link in these if link.nofollow)
        data = (("count", len(these)), ("nofollow", nofollow))
        if not these:
            out.append(_f(rule, 3, f"{what} links: none; {advice}.", None, cat, data))
        elif nofollow == len(these):
            out.append(_f(rule, 7, f"{what} links: {len(these)}, all nofollow; add some normal links.", None,
                          cat, data))
        else:
            score_ = 8 if nofollow else 9
            out.append(_f(rule, score_, f"{what} links: {len(these)}. Good.", None, cat, data))
    return out


def _check_competing_links(ctx: SeoInput, kps: list[Keyphrase]) -> Finding | None:
    """``getAnchorsWithKeyphrase.js`` and ``TextCompetingLinksAssessment.js``:
    a link to another page whose text holds every content word of the
    keyphrase (or a related keyphrase) and no other content word: 2; none:
    not shown."""
    competing = []
    for link in ctx.links:
        if link.kind == "other" or not link.text.strip():
            continue
        bag = _text_bag(link.text)
        for kp in kps:
            if not has_all_words(bag, kp):
                continue
            allowed = set().union(*(forms.forms(w) for w in kp.parts))
            words = [w for w in Unit(TextOnly(link.text)).stream if w not in FUNCTION_WORDS]
            if all(w in allowed for w in words):
                competing.append(link)
                break
    if not competing:
        return None
    return _f("competing-links", 2, f"Link keyphrase: {len(competing)} link(s) to another page use the words you "
              "want this page to rank for as their text; don't do that.", None, "links",
              (("count", len(competing)), ("hrefs", tuple(link.href for link in competing))))


def _check_images(ctx: SeoInput, kps: list[Keyphrase]) -> list[Finding]:
    """``ImageCountAssessment.js``: no image: 3; else 9. Images without alt
    text are located one by one (``image-alt-missing``, deskeditor's)."""
    out = []
    cat = "images"
    images = ctx.images
    if not images:
        return [_f("images", 3, "Images: the text has none; add one to illustrate it.", None, cat,
                   (("count", 0),))]
    missing = [im for im in images if not im.alt]
    for im in missing:
        out.append(_f("image-alt-missing", "poor", "Image without alt text: describe it for readers who "
                      "cannot see it (and for search engines).", (im.start, im.end), cat))
    data = (("count", len(images)), ("without_alt", len(missing)))
    note = f", {len(missing)} without alt text" if missing else ", all with alt text"
    out.append(_f("images", 9, f"Images: {len(images)}{note}.", None, cat, data))
    return out


def _check_image_keyphrase(ctx: SeoInput, kps: list[Keyphrase], m: Matcher | None) -> list[Finding]:
    """``altTagCount.js`` and ``KeyphraseInImageTextAssessment.js``: an alt text
    reflects the topic when it holds at least half of the keyphrase's content
    words. Under 5 images: one such: 9; 5 images: 2-4 such: 9; more: between
    ceil(30%) and floor(75%): 9; else 6. No image: not assessed."""
    images = ctx.images
    if not images:
        return []
    rule, cat = "image-keyphrase", "images"
    out = []
    n = len(images)
    with_alt = [im for im in images if im.alt]
    if not kps:
        return [_f(rule, 6, "Image keyphrase: set a focus keyphrase to check the images' alt texts.", None, cat)]
    k = 0
    for im in with_alt:
        if _best_share(_alt_bag(im.alt), kps) >= 50:
            k += 1
        if m is not None and m.in_text(im.alt) >= 2:
            out.append(_f("image-alt-stuffed", "poor", "Alt text stuffed with the keyphrase: it repeats the "
                          "keyphrase; describe the image instead.", im.alt_range or (im.start, im.end), cat))
    low, high = math.ceil(n * SUBHEADINGS_LOW), math.floor(n * SUBHEADINGS_HIGH)
    data = (("images", n), ("with_keyphrase", k), ("percent", _pct(100.0 * k / n)))
    if not with_alt:
        msg, score_ = "Image keyphrase: no image has alt text; add the keyphrase or its words to a relevant one.", 6
    elif k == 0:
        msg, score_ = ("Image keyphrase: no alt text has at least half of the keyphrase's words; add them to "
                       "a relevant image."), 6
    elif n > 4 and k < low:
        msg, score_ = f"Image keyphrase: only {k} of {n} images have alt text that reflects the topic.", 6
    elif (n < 5) or (n == 5 and 2 <= k <= 4) or (n > 4 and low <= k <= high):
        msg, score_ = f"Image keyphrase: {k} of {n} images have alt text that reflects the topic. Good.", 9
    else:
        msg, score_ = (f"Image keyphrase: {k} of {n} images have the keyphrase's words in their alt text; that "
                       "is a bit much."), 6
    out.append(_f(rule, score_, msg, None, cat, data))
    return out


def _check_h1(ctx: SeoInput) -> Finding:
    """``SingleH1Assessment.js``: an H1 anywhere but at the very start of the
    body: 1. Yoast accepts one H1 that opens the body; deskeditor still
    reports it (unscored), as a theme that renders the title as the H1 then
    shows two. No title at all: deskeditor's finding, unscored."""
    rule, cat = "single-h1", "structure"
    if not ctx.title and not ctx.extra_h1:
        return _f(rule, "poor", "Single title: the post has no title (no title field and no H1).", None, cat)
    if ctx.extra_h1:
        u = ctx.extra_h1[0]
        n = len(ctx.extra_h1) + (1 if ctx.title else 0)
        body = [v for v in ctx.doc.units if v is not ctx.title_unit]
        opening_only = len(ctx.extra_h1) == 1 and body and body[0] is u
        msg = (f"Single title: the page would have {n} H1 headings; the title is the H1, so use H2 for "
               "sections.")
        return _f(rule, "poor" if opening_only else 1, msg, (u.seg.start, u.seg.end), cat, (("h1", n),))
    return _f(rule, "good", "Single title: the title is the only H1. Good.", ctx.title_range, cat, (("h1", 1),))


def _check_previous(kp: Keyphrase, others: Iterable[str]) -> Finding:
    """Yoast's previously used keyphrase check: never: 9; once: 6; more: 1."""
    rule, cat = "keyphrase-previously-used", "keyphrase"
    n = sum(1 for o in others if o and kp.same_as(Keyphrase.parse(o)))
    data = (("count", n),)
    if n == 0:
        return _f(rule, 9, "Previously used keyphrase: no other draft has this focus keyphrase. Good.",
                  None, cat, data)
    return _f(rule, 6 if n == 1 else 1, f"Previously used keyphrase: {n} other draft{'s have' if n > 1 else ' has'} "
              "this focus keyphrase; they will compete in search. Pick another.", None, cat, data)


# --------------------------------------------------------------------------- entry point


def empty_figures(phrase: str = "") -> dict[str, Any]:
    return {"phrase": phrase, "count": 0, "density": 0.0, "words": 0, "exact_count": 0, "phrase_count": 0,
            "sentence_count": 0, "content_words": [], "occurrences": []}


def check(ctx: SeoInput) -> SeoResult:
    res = SeoResult()
    doc = ctx.doc
    fs: list[Finding | None] = []
    kp = Keyphrase.parse(ctx.keyphrase)
    related = [k for k in (Keyphrase.parse(r) for r in ctx.related) if k]
    seo_title = ctx.seo_title.strip() or ctx.title.strip()
    seo_title_range = ctx.seo_title_range if ctx.seo_title.strip() else ctx.title_range
    bags = {ui: u.sentence_bags() for ui, u in enumerate(doc.units)}

    fs.append(_check_title_width(seo_title, seo_title_range))
    fs.append(_check_meta_length(ctx))
    body_words = doc.words - (len(ctx.title_unit.spans) if ctx.title_unit is not None else 0)
    fs.append(_check_text_length(body_words))
    fs += _check_links(ctx.links)
    fs.append(_check_h1(ctx))
    fs.append(_check_slug_stop_words(ctx))
    fs += _check_images(ctx, [kp] + related if kp else [])

    if not kp:
        fs.append(_f("keyphrase-missing", -999, "No focus keyphrase: set one to get the keyphrase checks.",
                     None, "keyphrase"))
        res.keyphrase = empty_figures(ctx.keyphrase.strip())
        fs += _check_image_keyphrase(ctx, [], None)
    else:
        m = Matcher(kp, doc, bags, ctx.title_unit)
        kps = [kp] + related
        res.keyphrase = m.figures()
        rel_matchers = [Matcher(r, doc, bags, ctx.title_unit) for r in related]
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
        fs.append(_check_subheadings(ctx, kps))
        fs.append(_check_slug(ctx, kp))
        fs.append(_check_slug_length(ctx, kp))
        fs.append(_check_meta_keyphrase(ctx, kps))
        fs.append(_check_density(m))
        fs.append(_check_distribution(ctx, mentions))
        fs.append(_check_competing_links(ctx, kps))
        fs.append(_check_previous(kp, ctx.other_focus_keyphrases))
        fs += _check_image_keyphrase(ctx, kps, m)
    res.findings = [f for f in fs if f is not None]
    res.score = seo_score(res.findings)
    res.rating = overall(res.score)
    return res
