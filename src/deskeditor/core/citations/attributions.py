"""Detecting unlinked attributions: text that names a source but links nothing.

Two kinds are found in the draft's prose (``extract_prose``: code, link
destinations and HTML are already out of it; offsets map back to the source):

**Parenthetical attributions** such as "(Reuters)", "(NY Post)" or
"(Wikipedia – Kursk Offensive)". A parenthesis is an attribution when

1. it *closes a clause*: it follows a space (or a quote) and is followed by the
   end of the paragraph or by . , ; : ! ? … (a parenthesis in the middle of a
   sentence, "the OSCE (an observer body) said", is an aside);
2. its content *names a source*, by one of these rules, tried in order:

   * ``site-title``: "Site – Article title" (en/em dash, " - " or " | "): the
     site is a short capitalised name, the title starts with a capital, a digit
     or a quote; unless the site is a known outlet or looks like one, the title
     must have three or more words (so "(Putin – Trump summit)" is not one);
   * ``outlet``: a known news outlet, wire, reference work or platform
     ("Reuters", "AP", "NY Post", "Wikipedia", "YouTube" ... see ``OUTLETS``);
   * ``outlet-like``: a short Title-Case or CamelCase name whose last word is
     a publication word ("... News", "... Post", "... Times", "KalikaBlogs");
   * ``author-date``: an academic in-text reference, "(Smith, 2020)",
     "(Smith and Jones 2019, p. 4)", "(Smith et al., 2021)";

   optionally led by "via", "source:", "according to", "from", "see", and
   optionally followed by ", <date>" ("(Reuters, March 13, 2025)");
3. it is *not an acronym in apposition*: "Associated Press (AP)" or
   "Organization for Security and Co-operation in Europe (OSCE)" spell the
   initials of the words before them; an acronym that is not a known outlet
   is never an attribution ("(OSCE)", "(NATO)");
4. it is *not a number or a date*: "(2014)", "(March 2014 – June 2015)",
   "(p. 4)", and nothing that starts with a lower-case word ("(see below)",
   "(i.e. ...)") except the lead-ins above;
5. it *links nothing*: no link inside it, no ``[^note]`` or ``[@key]`` right
   after it, and no link in the same sentence to a host that contains the
   name (a sentence that links reuters.com is sourced).

**Anchor phrases** such as "this discussion" or "this detailed YouTube
analysis": a determiner (this, these, that, the following, our) with up to
three modifiers and a media noun (discussion, analysis, video, article,
report, ...), when a verb of looking something up comes in the six words
before it ("explore", "see", "read", "watch", "viewed in", "check out",
"covered in" ...) or a platform names the medium ("YouTube", "podcast"), and
nothing in its sentence or the sentence before links anything (the phrase
then names what was just linked: "... [a paper](u). This paper shows ..."),
it does not introduce a list ("the following resources:") and it is not the
post itself ("this post", "this blog post", "our article"). "This incident
demonstrated ..." is not one: "incident" is no medium, and nothing sends the
reader to it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Iterable, Iterator

from ..markdown.prose import Segment
from .model import Attribution, Citation

PROSE_KINDS = ("paragraph", "list_item", "blockquote", "table_cell", "footnote")

# canonical (casefolded) outlet names; aliases map to one canonical name so
# "(NY Post)" and "(New York Post)" group together
OUTLETS = {
    "reuters", "ap", "associated press", "afp", "agence france-presse", "bbc", "bbc news", "cnn",
    "nbc news", "abc news", "cbs news", "fox news", "msnbc", "npr", "pbs", "al jazeera",
    "the guardian", "new york times", "washington post", "wall street journal",
    "financial times", "ft", "bloomberg", "the economist", "politico", "axios", "the hill",
    "new york post", "the telegraph", "the times", "the independent", "daily mail",
    "the atlantic", "newsweek", "usa today", "los angeles times", "forbes", "business insider",
    "vox", "the verge", "wired", "tass", "ria novosti", "interfax", "kyiv independent", "kyiv post",
    "ukrainska pravda", "meduza", "euronews", "deutsche welle", "france 24", "rfe/rl",
    "radio free europe", "sky news", "itv news", "cbc", "cbc news", "the globe and mail", "xinhua",
    "global times", "nikkei", "nikkei asia", "south china morning post", "the japan times",
    "times of india", "hindustan times", "the hindu", "ndtv", "wikipedia", "britannica",
    "encyclopaedia britannica", "youtube", "twitter", "reddit", "facebook", "substack", "isw",
    "institute for the study of war", "statista", "pew research center", "our world in data",
    "the kyiv independent", "the moscow times", "novaya gazeta", "kommersant", "der spiegel",
    "le monde", "el país", "the new yorker", "foreign policy", "foreign affairs",
}
ALIASES = {
    "ny post": "new york post", "nypost": "new york post", "nyt": "new york times",
    "ny times": "new york times", "nytimes": "new york times", "the new york times": "new york times",
    "the washington post": "washington post", "wapo": "washington post", "wsj": "wall street journal",
    "the wall street journal": "wall street journal", "the financial times": "financial times",
    "guardian": "the guardian", "economist": "the economist", "telegraph": "the telegraph",
    "independent": "the independent", "associated press": "ap", "the associated press": "ap",
    "agence france-presse": "afp", "agence france presse": "afp", "bbc news": "bbc", "dw": "deutsche welle",
    "la times": "los angeles times", "the los angeles times": "los angeles times",
    "encyclopaedia britannica": "britannica", "encyclopedia britannica": "britannica",
    "the kyiv independent": "kyiv independent", "the moscow times": "moscow times",
    "yt": "youtube",
}
OUTLETS |= set(ALIASES)
PUBLICATION_WORDS = {
    "news", "post", "times", "journal", "herald", "guardian", "tribune", "telegraph", "gazette",
    "chronicle", "press", "review", "magazine", "daily", "weekly", "today", "insider", "monitor",
    "observer", "standard", "express", "mirror", "independent", "wire", "reporter", "blog", "blogs",
    "media", "tv", "radio", "network", "broadcasting", "dispatch", "digest", "bulletin", "courier",
    "report", "wiki", "pedia", "online", "newsroom", "podcast", "channel",
}
LEAD_INS = re.compile(r"^(?:via|source|sources|according to|from|per|see|cf\.?|credit)\s*:?\s+", re.I)
MONTHS = ("january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_SMALL = {"of", "and", "for", "the", "in", "on", "&", "de", "du", "der", "la", "le", "a", "an", "to", "at"}
_DASH_SPLIT = re.compile(r"^(?P<name>.+?)\s+(?:[\u2013\u2014|]|-{1,2})\s+(?P<title>.+)$")
_DATEISH = re.compile(
    r"^(?:(?:\d{1,2}\s+)?(?:" + "|".join(MONTHS) + r")\.?(?:\s+\d{1,2})?,?\s*)?(?:\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"\d{4}-\d{2}(?:-\d{2})?|n\.d\.)$", re.I)
_AUTHOR_DATE = re.compile(
    r"^(?P<name>[A-Z][\w'’\-]+(?:\s+(?:and|&)\s+[A-Z][\w'’\-]+|\s+et\s+al\.?)?),?\s+"
    r"(?P<year>(?:1[5-9]|20)\d\d[a-z]?|n\.d\.)(?:,\s*(?:p|pp|para|ch|sec)\.?\s*\d[\d\-–]*)?$")
_PAREN = re.compile(r"\((?P<inner>[^()\n]{1,150})\)")
_CLAUSE_END = re.compile(r"^[\"'”’»]?(?:$|[.,;:!?…]|\s[\u2013\u2014]\s)")
_BEFORE_OK = " \t\"'“‘«—–"
MEDIA_NOUNS = ("discussion analysis video article report post podcast interview thread study piece guide "
               "explainer breakdown documentary episode overview resource write-up writeup story coverage "
               "commentary briefing paper survey investigation segment lecture talk webinar presentation "
               "infographic chart page link source website site blog clip op-ed editorial review "
               "summary timeline").split()
_ANCHOR = re.compile(
    r"\b(?P<det>[Tt]his|[Tt]hese|[Tt]hat|[Tt]he following|[Oo]ur)\s+"
    r"(?P<mods>(?:(?!(?:on|of|in|about|for|the|a|an|and|or|to|from|by|with|at|is|was|are|were|that|which)\b)"
    r"[\w’'\-]+\s+){0,3})(?P<noun>(?:" + "|".join(re.escape(n) for n in MEDIA_NOUNS) + r")(?:e?s)?)\b")
_ACCESS = re.compile(
    r"\b(?:explor\w*|see|seen|read\w*|watch\w*|view\w*|check\w*|listen\w*|visit\w*|refer\w*|consult\w*|"
    r"follow\w*|find|found|discussed|covered|explained|described|detailed|available|outlined|shown|"
    r"presented|featured|highlighted|summari[sz]ed|learn\w*|more|click\w*|open\w*|head|go)\b", re.I)
PLATFORMS = {"youtube", "video", "podcast", "twitter", "x", "reddit", "facebook", "tiktok", "instagram",
             "substack", "online", "linkedin", "telegram", "medium", "web"}
SELF_NOUNS = {"post", "posts", "article", "blog", "piece", "write-up", "writeup", "page", "guide", "tutorial"}
SELF_MODS = {"blog", "very", "short", "little", "whole", "entire"}
_SENTENCE_END = re.compile(r"[.!?…](?=[\"'”’)]*(?:\s|$))")


def norm(text: str) -> str:
    """Casefolded, dashes and quotes unified, spaces collapsed: for grouping."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\u2018\u2019\u02bc`´]", "'", text)
    text = re.sub(r"[\u201c\u201d]", '"', text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return " ".join(text.split())


def canonical_outlet(name: str) -> str:
    n = norm(name)
    return ALIASES.get(n, n)


def group_key(name: str, title: str = "") -> str:
    return canonical_outlet(name) + ("|" + norm(title) if title else "")


def _is_name(text: str, max_words: int = 5) -> bool:
    """A short proper name: capitalised words (small connectors allowed)."""
    words = text.split()
    if not words or len(words) > max_words or len(text) > 60:
        return False
    if not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    if not any(ch.isalpha() for ch in text):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL for w in words)


def _camel_tail(word: str) -> str:
    parts = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", word)
    return parts[-1].lower() if parts else word.lower()


def is_outlet_like(name: str) -> bool:
    if not _is_name(name):
        return False
    last = name.split()[-1].strip(".")
    return last.lower() in PUBLICATION_WORDS or (
        len(name.split()) == 1 and _camel_tail(last) in PUBLICATION_WORDS and _camel_tail(last) != last.lower())


def is_known_outlet(name: str) -> bool:
    return norm(name) in OUTLETS


def _is_dateish(text: str) -> bool:
    return bool(_DATEISH.match(text.strip().strip(",").strip()))


def _no_date_words(text: str) -> bool:
    """True when ``text`` has a word that is not a month name ("Reuters, 2025")."""
    rest = [w for w in re.findall(r"[^\W\d]+", text.lower()) if w.strip(".") not in MONTHS]
    return bool(rest)


def is_apposition(acronym: str, before: str) -> bool:
    """True when ``acronym`` spells the initials of the words just before it:
    "Associated Press (AP)", "Organization for Security and Co-operation in
    Europe (OSCE)"."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    if len(letters) < 2:
        return False
    words = [w for w in re.findall(r"[\w’'\-]+", before)[-(len(letters) * 3 + 2):]]
    initials = [w[0].upper() for w in words if w.lower() not in _SMALL and w[0].isalpha()]
    return initials[-len(letters):] == letters


def classify(inner: str, before: str = "") -> tuple[str, str, str] | None:
    """(name, title, reason) when a parenthesis' content names a source, else None.

    ``before`` is the text before the parenthesis (for the apposition test)."""
    text = " ".join(inner.split())
    lead = LEAD_INS.match(text)
    if lead:
        text = text[lead.end():]
    if not text or len(text) > 120 or not (text[0].isupper() or text[0].isdigit()):
        return None
    if _is_dateish(text) or not _no_date_words(text):
        return None
    if re.fullmatch(r"[A-Z0-9&/\-]{2,8}", text) and is_apposition(text, before):
        return None
    m = _DASH_SPLIT.match(text)
    if m:
        name, title = m.group("name").strip(), m.group("title").strip()
        if (_is_name(name, 4) and _no_date_words(name) and not _is_dateish(title)
                and (title[0].isupper() or title[0].isdigit() or title[0] in "\"“'‘")):
            if is_known_outlet(name) or is_outlet_like(name) or len(title.split()) >= 3:
                return name, title, "site-title"
        return None
    name = text
    head, _, tail = text.partition(",")
    if tail and _is_dateish(tail):
        name = head.strip()
    if is_known_outlet(name):
        return name, "", "outlet"
    if is_outlet_like(name):
        return name, "", "outlet-like"
    m = _AUTHOR_DATE.match(text)
    if m and m.group("name").split()[0].lower() not in MONTHS:
        return m.group("name"), "", "author-date"
    return None


class Spans:
    """Sorted, non-overlapping source ranges (links, citations) with fast
    "does anything here overlap / start here" questions."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _b in self.spans]
        self.max_len = max((b - a for a, b in self.spans), default=0)

    def overlaps(self, a: int, b: int) -> bool:
        k = bisect.bisect_left(self.starts, b)  # spans starting before b
        lo = bisect.bisect_left(self.starts, a - self.max_len)
        return any(self.spans[m][1] > a for m in range(lo, k))

    def starting_in(self, a: int, b: int) -> range:
        return range(bisect.bisect_left(self.starts, a), bisect.bisect_left(self.starts, b))


_SENTENCE_WINDOW = 600  # a sentence longer than this is cut for the "same sentence" tests


def _sentence_bounds(text: str, i: int, j: int) -> tuple[int, int]:
    start = max(0, i - _SENTENCE_WINDOW)
    for m in _SENTENCE_END.finditer(text, start, i):
        start = m.end()
    m = _SENTENCE_END.search(text, j, j + _SENTENCE_WINDOW)
    return start, (m.end() if m else min(len(text), j + _SENTENCE_WINDOW))


def _cited_after(source: str, end: int) -> bool:
    """A ``[^note]`` or ``[@key]`` right after ``end`` (spaces allowed)."""
    k = end
    while k < len(source) and source[k] in " \t":
        k += 1
    return source.startswith(("[^", "[@", "[-@"), k) or bool(re.match(r"\[[^\]\n]*@", source[k:k + 200]))


def host_mentions(url: str, name: str) -> bool:
    """The link's host names the source ("reuters.com" for "Reuters")."""
    host = re.sub(r"(?i)^https?://", "", url).split("/")[0].lower()
    token = re.sub(r"[^a-z0-9]", "", name.lower())
    return len(token) >= 3 and token in re.sub(r"[^a-z0-9.]", "", host).replace(".", "")


def _prose_matches(segments: list[Segment], pattern: re.Pattern) -> Iterator[tuple[Segment, re.Match]]:
    """(segment, match) for every match of ``pattern`` in the prose segments."""
    for seg in segments:
        if seg.kind in PROSE_KINDS:
            for m in pattern.finditer(seg.text):
                yield seg, m


def find_parentheticals(source: str, segments: list[Segment], link_spans: list[tuple[int, int]],
                        citations: list[Citation]) -> list[Attribution]:
    out = []
    links = Spans(link_spans)
    cites = sorted(citations, key=lambda c: c.start)
    cite_at = Spans((c.start, c.end) for c in cites)
    for seg, m in _prose_matches(segments, _PAREN):
        text = seg.text
        i, j = m.start(), m.end()
        if i > 0 and text[i - 1] not in _BEFORE_OK:
            continue
        if not _CLAUSE_END.match(text[j:j + 4]):
            continue
        if seg.in_placeholder(i, j):
            continue
        rng = seg.source_range(i, j)
        if rng is None or source[rng[0]] != "(" or source[rng[1] - 1] != ")":
            continue
        start, end = rng
        if links.overlaps(start, end) or _cited_after(source, end):
            continue
        found = classify(m.group("inner"), text[:i])
        if not found:
            continue
        name, title, reason = found
        s0, s1 = _sentence_bounds(text, i, j)
        sent = seg.source_range(s0, s1)
        if sent and any(host_mentions(u, name) for k in cite_at.starting_in(*sent)
                        for u in cites[k].urls):
            continue
        out.append(Attribution("parenthetical", start, end, source[start:end], name, title,
                               group_key(name, title), reason))
    return out


def _is_the_post_itself(det: str, mods: list[str], noun: str) -> bool:
    """"this post", "this blog post", "our article": the writer's own post."""
    return det.lower() in ("this", "our") and noun.lower() in SELF_NOUNS and all(
        w.strip("’'") in SELF_MODS for w in mods)


def find_anchors(source: str, segments: list[Segment], link_spans: list[tuple[int, int]],
                 citations: list[Citation]) -> list[Attribution]:
    out = []
    links = Spans(link_spans)
    cite_at = Spans((c.start, c.end) for c in citations)
    for seg, m in _prose_matches(segments, _ANCHOR):
        text = seg.text
        mods = m.group("mods").lower().split()
        before = " ".join(text[: m.start()].split()[-6:])
        if not (_ACCESS.search(before) or PLATFORMS & {w.strip("’'") for w in mods}):
            continue
        if seg.in_placeholder(m.start(), m.end()):
            continue
        rng = seg.source_range(m.start(), m.end())
        if rng is None:
            continue
        start, end = rng
        if links.overlaps(start, end):
            continue
        if text[m.end():m.end() + 1] == ":":
            continue  # "the following resources:" introduces what follows
        if _is_the_post_itself(m.group("det"), mods, m.group("noun")):
            continue
        s0, s1 = _sentence_bounds(text, m.start(), m.end())
        if s0 > 0:  # the sentence before names the referent, linked
            s0 = _sentence_bounds(text, s0 - 1, s0 - 1)[0]
        sentence = seg.source_range(s0, s1)
        if sentence and (links.overlaps(sentence[0], sentence[1] + 1)
                         or cite_at.starting_in(sentence[0], sentence[1] + 2)):
            continue  # the sentence (or the one before) links its source
        if _cited_after(source, end):
            continue
        phrase = source[start:end]
        out.append(Attribution("anchor", start, end, phrase, phrase, "", "anchor|" + norm(phrase),
                               "anchor"))
    return out
