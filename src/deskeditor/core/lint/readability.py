"""Readability checks: Flesch, sentence and paragraph length, subheadings,
passive voice, transitions, repeated sentence openings, adverbs, weasel words.

``check(doc)`` works on a ``core.text.document.TextDoc`` (built by
``core.lint.analysis``) and returns a ``ReadabilityResult``: findings (engine
``readability``), the figures behind them and a 0-100 score.

The sentence-based checks read the running text: paragraphs, list items,
block quotes, table cells and footnotes. Titles and headings are fragments
without verbs; they split the text into sections but are not judged as
sentences. The transition words and the Flesch formulas read what Yoast SEO
reads there: every sentence of the body, headings included; Flesch also
removes numbers first (``researches/getFleschReadingScore.js``: "2018" is
no word at all).

* Flesch Reading Ease = 206.835 - 1.015 (words / sentences) - 84.6 (syllables / words),
  clamped to 0-100; Flesch-Kincaid grade = 0.39 (words / sentences) + 11.8 (syllables / words) - 15.59.
* A sentence is long above 20 words; at most 25% may be.
* A paragraph is long above 150 words; a section (text under one heading) above 300.
* At most 10% of sentences in the passive voice; at least 30% with a transition.
* Three or more sentences in a row opening with the same word are flagged.
* Adverbs ("-ly") and weasel words are located one by one; a weasel word is
  reported as such and not again as an adverb.

Yoast's checks give Yoast's scores (see ``core.lint.scoring`` and
docs/seo-readability.md): Reading Ease 60+ 9, 50-60 6, below 3; long
sentences up to 25% 9, 30% 6, more 3; the longest paragraph up to 150 words
9, 200 6, more 3; sections up to 300 words 9, 350 6, more 3 (no subheading
in more than 300 words: 2); passive up to 10% 9, 15% 6, more 3; transitions
(200 words or more) 30%+ 9, 20%+ 6, fewer 3; three sentences in a row with
the same opening: 3, else 9; complex words under 10% 9, else 6; under 50
characters of text: 3 and no other check. deskeditor's own checks (the
Flesch-Kincaid grade, adverbs, weasel words) are rated but unscored: grade
up to 9 / 12 / above; adverbs up to 3% / 5% / more; weasel words up to
1% / 2% / more.

Each summary check has a rating; the findings it is about (the long sentence,
the passive sentence, the word) carry its rating and are ``warning`` when it is
poor, ``info`` otherwise. The readability score is Yoast's: penalty points
over the checks of its readability analysis (Flesch Reading Ease and word
complexity are reported beside it, as Yoast reports them apart).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..kinds import Engine, Rating, Severity
from ..model import Finding
from .scoring import overall, rated_finding, rating_of, readability_score
from ..text import style, syllables
from ..text.wordlists import TRANSITION_WORDS
from ..text.document import TextDoc, Unit
from ..text.wordlists import FAMILIAR_LONG_WORDS

ENGINE = Engine.READABILITY
SEVERITY = {Rating.GOOD: Severity.INFO, Rating.OK: Severity.INFO, Rating.POOR: Severity.WARNING}
RUNNING = ("paragraph", "list_item", "blockquote", "table_cell", "footnote")
PARAGRAPHS = ("paragraph", "blockquote")

LONG_SENTENCE = 20
LONG_SENTENCE_MAX_PCT = 25.0
LONG_PARAGRAPH = 150
LONG_SECTION = 300
PASSIVE_MAX_PCT = 10.0
TRANSITION_MIN_PCT = 30.0
ADVERB_GOOD_PCT, ADVERB_OK_PCT = 3.0, 5.0
WEASEL_GOOD_PCT, WEASEL_OK_PCT = 1.0, 2.0
TRANSITION_MIN_WORDS = 200
TEXT_PRESENCE_CHARS = 50
COMPLEX_LENGTH, COMPLEX_MAX_PCT = 7, 10.0


@dataclass
class ReadabilityResult:
    findings: list[Finding] = field(default_factory=list)
    scores: dict[str, Any] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)
    score: int = 0
    rating: str = "poor"


_f = functools.partial(rated_finding, ENGINE, SEVERITY)


def _sentence_range(u: Unit, s) -> tuple[int, int] | None:
    return u.source_range(s[2], s[3])


def _unit_range(u: Unit) -> tuple[int, int] | None:
    start, end = u.seg.start, u.seg.end
    return (start, end) if end > start else None


def _later(items: list[tuple], rating: str) -> list[Finding]:
    """Instance findings, ``(rule, message, range, category, data)``, with
    their summary's rating and severity."""
    return [_f(rule, rating, msg, rng, cat, data) for rule, msg, rng, cat, data in items]


def flesch(words: int, sentences: int, syll: int) -> tuple[float, float]:
    """(Reading Ease clamped to 0-100, as Yoast shows it; Flesch-Kincaid grade)."""
    if not words or not sentences:
        return 100.0, 0.0
    wps, spw = words / sentences, syll / words
    return min(100.0, max(0.0, 206.835 - 1.015 * wps - 84.6 * spw)), 0.39 * wps + 11.8 * spw - 15.59


_NUMBER = re.compile(r"\d[\d.,:]*$")


def _is_number(word: str) -> bool:
    """A word of digits (and their separators): Yoast strips these before Flesch."""
    return word[:1].isdigit() and _NUMBER.match(word) is not None


def flesch_inputs(units: list[Unit]) -> tuple[int, int, int]:
    """(words, sentences, syllables) as Yoast counts them for Flesch: numbers
    removed first, so a sentence of numbers only is no sentence."""
    words = sentences = syll = 0
    count = syllables.count
    for u in units:
        lows = u.lows
        for w0, w1, _, _ in u.sentences:
            n = 0
            for w in lows[w0:w1]:
                if not (w[0].isdigit() and _is_number(w)):
                    n += 1
                    syll += count(w)
            if n:
                words += n
                sentences += 1
    return words, sentences, syll


def ease_label(score: float) -> str:
    for floor, label in ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain English"),
                         (50, "fairly difficult"), (30, "difficult")):
        if score >= floor:
            return label
    return "very difficult"


def _check_flesch(words: int, sentences: int, syll: int) -> tuple[list[Finding], float, float]:
    """``getFleschReadingScore.js`` and ``FleschReadingEaseAssessment.js``:
    60 or more: 9; 50-60: 6; below: 3. Yoast reports it apart from its
    readability score, so it is rated here but not counted in it."""
    fre, fk = flesch(words, sentences, syll)
    fre_r, fk_r = round(fre, 1), round(fk, 1)
    yoast = 9 if fre_r >= 60 else 6 if fre_r >= 50 else 3
    rating = rating_of(yoast)
    advice = "" if rating == "good" else " Use shorter sentences and shorter words."
    out = [_f("flesch-reading-ease", rating, f"Flesch Reading Ease: {fre_r} ({ease_label(fre)}).{advice}",
              None, "flesch", (("reading_ease", fre_r), ("yoast_score", yoast), ("words", words),
                               ("sentences", sentences), ("syllables", syll)))]
    grade_rating = "good" if fk <= 9 else "ok" if fk <= 12 else "poor"
    out.append(_f("flesch-kincaid-grade", grade_rating, f"Flesch-Kincaid grade level: {fk_r} (years of US "
                  "schooling needed to follow the text).", None, "flesch", (("grade", fk_r),)))
    return out, fre_r, fk_r


def _check_sentence_length(sents) -> tuple[list[Finding], float]:
    inst = []
    for u, s in sents:
        n = s[1] - s[0]
        if n > LONG_SENTENCE:
            inst.append(("long-sentence", f"Long sentence: {n} words (more than {LONG_SENTENCE}).",
                         _sentence_range(u, s), "sentences", (("words", n),)))
    pct = 100.0 * len(inst) / len(sents) if sents else 0.0
    yoast = 9 if pct <= LONG_SENTENCE_MAX_PCT else 6 if pct <= 30 else 3
    rating = rating_of(yoast)
    msg = (f"Sentence length: {len(inst)} of {len(sents)} sentences ({pct:.1f}%) have more than "
           f"{LONG_SENTENCE} words")
    msg += ". Good." if rating == "good" else f"; keep it to {LONG_SENTENCE_MAX_PCT:.0f}% at most."
    return [_f("sentence-length", yoast, msg, None, "sentences", (("percent", round(pct, 1)),))] + \
        _later(inst, rating), round(pct, 1)


def _check_paragraphs(units: list[Unit]) -> list[Finding]:
    inst = []
    longest = 0
    for u in units:
        n = len(u.spans)
        longest = max(longest, n)
        if n > LONG_PARAGRAPH:
            inst.append(("long-paragraph", f"Long paragraph: {n} words (more than {LONG_PARAGRAPH}).",
                         _unit_range(u), "paragraphs", (("words", n),)))
    if not inst:
        yoast, msg = 9, "Paragraph length: no paragraph is longer than the recommended maximum. Good."
    else:
        yoast = 6 if longest <= 200 else 3
        msg = f"Paragraph length: {len(inst)} paragraph(s) over {LONG_PARAGRAPH} words; split them."
    return [_f("paragraph-length", yoast, msg, None, "paragraphs", (("longest", longest),))] + \
        _later(inst, rating_of(yoast))


def _sections(doc: TextDoc) -> tuple[list[tuple[int, list[Unit]]], int]:
    """Running text between headings: (words, units) per section, and the
    number of subheadings. Footnote texts stand under no heading (they are
    printed after the last section but may be written anywhere), so they
    belong to no section."""
    sections: list[tuple[int, list[Unit]]] = []
    cur: list[Unit] = []
    words = 0
    heads = 0
    for u in doc.units:
        if u.kind in ("heading", "title"):
            if u.kind == "heading" and u.level > 1:
                heads += 1
            if cur:
                sections.append((words, cur))
            cur, words = [], 0
        elif u.kind in RUNNING and u.kind != "footnote":
            cur.append(u)
            words += len(u.spans)
    if cur:
        sections.append((words, cur))
    return sections, heads


def _check_subheadings(doc: TextDoc, total: int) -> list[Finding]:
    rule, cat = "subheading-distribution", "structure"
    sections, heads = _sections(doc)
    if heads == 0:
        if total <= LONG_SECTION:
            return [_f(rule, 9, "Subheading distribution: the text is short enough to need no subheadings.",
                       None, cat)]
        return [_f(rule, 2, f"Subheading distribution: {total:,} words without a subheading; add H2/H3 "
                   f"subheadings at least every {LONG_SECTION} words.", None, cat, (("longest", total),))]
    inst = []
    longest = 0
    for words, units in sections:
        longest = max(longest, words)
        if words > LONG_SECTION:
            a, b = _unit_range(units[0]), _unit_range(units[-1])
            rng = (a[0], b[1]) if a and b else None
            inst.append(("long-section", f"Long section: {words} words under one heading (more than "
                         f"{LONG_SECTION}); add a subheading.", rng, cat, (("words", words),)))
    if not inst:
        return [_f(rule, 9, f"Subheading distribution: no section is longer than {LONG_SECTION} words. Good.",
                   None, cat, (("longest", longest),))]
    yoast = 6 if longest <= 350 else 3
    return [_f(rule, yoast, f"Subheading distribution: {len(inst)} section(s) over {LONG_SECTION} words.",
               None, cat, (("longest", longest),))] + _later(inst, rating_of(yoast))


def _words_of(u: Unit, s) -> list[str]:
    return u.lows[s[0] : s[1]]


def _check_passive(sents) -> tuple[list[Finding], float]:
    inst = []
    for u, s in sents:
        hit = style.passive(_words_of(u, s))
        if hit:
            a, b = s[0] + hit[0], s[0] + hit[1]
            phrase = u.text[u.spans[a][0] : u.spans[b - 1][1]]
            inst.append(("passive-sentence", f"Passive voice: '{phrase}'.", _sentence_range(u, s),
                         "style", (("phrase", phrase), ("phrase_range", u.word_range(a, b)))))
    pct = 100.0 * len(inst) / len(sents) if sents else 0.0
    yoast = 9 if pct <= PASSIVE_MAX_PCT else 6 if pct <= 15 else 3
    rating = rating_of(yoast)
    msg = f"Passive voice: {len(inst)} of {len(sents)} sentences ({pct:.1f}%)"
    msg += ". Good." if rating == "good" else f"; keep it to {PASSIVE_MAX_PCT:.0f}% at most."
    return [_f("passive-voice", yoast, msg, None, "style", (("percent", round(pct, 1)),))] + \
        _later(inst, rating), round(pct, 1)


def _check_transitions(sents, words: int) -> tuple[list[Finding], float]:
    """``findTransitionWords.js`` and ``TransitionWordsAssessment.js`` (from
    200 words on): 30% of sentences or more: 9; 20% or more: 6; fewer: 3.
    ``sents``: every sentence of the body, headings included (Yoast's
    ``getSentences`` splits the whole text, block by block)."""
    n = sum(1 for u, s in sents if style.has_transition(_words_of(u, s)))
    pct = 100.0 * n / len(sents) if sents else 0.0
    if words < TRANSITION_MIN_WORDS:
        return [], round(pct, 1)
    yoast = 9 if pct >= TRANSITION_MIN_PCT else 6 if pct >= 20 else 3
    msg = f"Transition words: {n} of {len(sents)} sentences ({pct:.1f}%) have one"
    msg += ". Good." if yoast == 9 else f"; aim for at least {TRANSITION_MIN_PCT:.0f}%."
    return [_f("transition-words", yoast, msg, None, "style", (("percent", round(pct, 1)),))], round(pct, 1)


def _check_beginnings(body: list[Unit]) -> list[Finding]:
    """``getSentenceBeginnings.js`` and ``SentenceBeginningsAssessment.js``:
    runs of 3 or more consecutive sentences of the body with the same opening
    (``style.opening``): 3; none: 9. Headings are sentences of the sequence;
    list items and tables are left out of it, as Yoast leaves them out."""
    runs = []
    cur: list[tuple[Unit, Any]] = []
    key = None

    def close():
        if len(cur) >= 3:
            runs.append((key, list(cur)))

    for u in body:
        if u.kind in ("list_item", "table_cell", "footnote"):
            continue
        text, spans = u.text, u.spans
        for s in u.sentences:
            k = style.opening([text[a:b] for a, b in spans[s[0] : min(s[1], s[0] + 2)]])
            if k and k == key:
                cur.append((u, s))
            else:
                close()
                cur, key = [(u, s)], k
    close()
    inst = []
    for k, run in runs:
        a = _sentence_range(*run[0])
        b = _sentence_range(*run[-1])
        rng = (a[0], b[1]) if a and b else None
        first = run[0][0].text[run[0][0].spans[run[0][1][0]][0] :].split()[0]
        inst.append(("repeated-sentence-start", f"{len(run)} sentences in a row begin with "
                     f"'{first}'; vary the openings.", rng, "sentences", (("word", k), ("sentences", len(run)))))
    yoast = 9 if not inst else 3
    msg = ("Consecutive sentences: no repeated openings. Good." if not inst else
           f"Consecutive sentences: {len(inst)} run(s) of 3 or more sentences beginning with the same word.")
    return [_f("sentence-beginnings", yoast, msg, None, "sentences", (("runs", len(inst)),))] + \
        _later(inst, rating_of(yoast))


def _check_words(sents, words: int) -> tuple[list[Finding], float, float]:
    adverbs, weasels = [], []
    for u, s in sents:
        low = _words_of(u, s)
        flagged = set()
        for a, b in style.weasels(low):
            flagged.update(range(a, b))
            w0, w1 = s[0] + a, s[0] + b
            phrase = u.text[u.spans[w0][0] : u.spans[w1 - 1][1]]
            weasels.append(("weasel-word", f"Weasel word: '{phrase}' is vague; be specific or cut it.",
                            u.word_range(w0, w1), "words", (("word", phrase.lower()),)))
        for i, w in enumerate(low):
            # a connective ("Lastly", "Conversely") links sentences: no adverb to cut
            if w[-2:] == "ly" and i not in flagged and style.is_adverb(w) and w not in TRANSITION_WORDS:
                word = u.text[u.spans[s[0] + i][0] : u.spans[s[0] + i][1]]
                adverbs.append(("adverb", f"Adverb: '{word}'; a stronger verb or adjective may do without it.",
                                u.word_range(s[0] + i, s[0] + i + 1), "words", (("word", w),)))
    out = []
    adv_pct = 100.0 * len(adverbs) / words if words else 0.0
    rating = "good" if adv_pct <= ADVERB_GOOD_PCT else "ok" if adv_pct <= ADVERB_OK_PCT else "poor"
    out.append(_f("adverbs", rating, f"Adverbs: {len(adverbs)} ({adv_pct:.1f}% of words)"
                  + (". Good." if rating == "good" else f"; keep them to {ADVERB_GOOD_PCT:.0f}% or fewer."),
                  None, "words", (("count", len(adverbs)), ("percent", round(adv_pct, 2)))))
    out += _later(adverbs, rating)
    weasel_pct = 100.0 * len(weasels) / words if words else 0.0
    rating = "good" if weasel_pct <= WEASEL_GOOD_PCT else "ok" if weasel_pct <= WEASEL_OK_PCT else "poor"
    out.append(_f("weasel-words", rating, f"Weasel words: {len(weasels)} ({weasel_pct:.1f}% of words)"
                  + (". Good." if rating == "good" else f"; keep them to {WEASEL_GOOD_PCT:.0f}% or fewer."),
                  None, "words", (("count", len(weasels)), ("percent", round(weasel_pct, 2)))))
    out += _later(weasels, rating)
    return out, round(adv_pct, 2), round(weasel_pct, 2)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=1 << 16)
def is_complex(word: str) -> bool:
    """``checkIfWordIsComplex.js`` (English): more than 7 characters, not
    starting with a capital (a name), and neither it nor its singular a
    familiar word."""
    if len(word) <= COMPLEX_LENGTH or not word[0].islower():
        return False
    low = word.lower().replace("\u2019", "'")
    return low not in FAMILIAR_LONG_WORDS and _singular(low) not in FAMILIAR_LONG_WORDS


def _check_complexity(units: list[Unit], total: int) -> tuple[list[Finding], float]:
    """``wordComplexity.js`` and ``WordComplexityAssessment.js`` (Yoast
    Premium): under 10% complex words: 9; else 6. ``total``: the body's words
    less numbers. Reported apart from the readability score, as Yoast's free
    analysis has no such check."""
    hard = 0
    examples: list[str] = []
    for u in units:
        text = u.text
        for a, b in u.spans:
            if b - a > COMPLEX_LENGTH and text[a].islower() and is_complex(text[a:b]):
                hard += 1
                if len(examples) < 10:
                    w = text[a:b].lower()
                    if w not in examples:
                        examples.append(w)
    pct = round(100.0 * hard / total, 2) if total else 0.0
    yoast = 9 if pct < COMPLEX_MAX_PCT else 6
    msg = (f"Word complexity: {pct:.1f}% of the words are long and uncommon"
           + (". Good." if yoast == 9 else "; use shorter, more familiar words."))
    return [_f("word-complexity", rating_of(yoast), msg, None, "words",
               (("percent", pct), ("count", hard), ("yoast_score", yoast), ("examples", tuple(examples))))], pct


def check(doc: TextDoc, title_unit: Unit | None = None) -> ReadabilityResult:
    """``title_unit``: the post's title in ``doc`` when it is not part of the
    body (Yoast reads the body only)."""
    res = ReadabilityResult()
    body = [u for u in doc.units if u is not title_unit]
    running = [u for u in doc.units if u.kind in RUNNING]
    sents = [(u, s) for u in running for s in u.sentences]
    words = sum(len(u.spans) for u in running)
    fw, fs_, syll = flesch_inputs(body)
    res.stats = {"text_words": words, "text_sentences": len(sents), "syllables": syll}
    fs = res.findings
    if not words:
        res.scores = {"flesch_reading_ease": None, "flesch_kincaid_grade": None}
        fs.append(_f("text-presence", 3, "Not enough content: add some text to enable a good analysis.",
                     None, "flesch", (("characters", sum(len(u.text) for u in body)),)))
        res.score, res.rating = 0, "poor"
        return res
    fl, fre, fk = _check_flesch(fw, fs_, syll)
    fs += fl
    sl, long_pct = _check_sentence_length(sents)
    fs += sl
    fs += _check_paragraphs([u for u in running if u.kind in PARAGRAPHS])
    fs += _check_subheadings(doc, words)
    pv, passive_pct = _check_passive(sents)
    fs += pv
    # Yoast reads every sentence of the body here, headings included
    tr, transition_pct = _check_transitions([(u, s) for u in body for s in u.sentences],
                                            sum(len(u.spans) for u in body))
    fs += tr
    fs += _check_beginnings(body)
    cx, complex_pct = _check_complexity(body, fw)
    fs += cx
    wd, adv_pct, weasel_pct = _check_words(sents, words)
    fs += wd
    res.scores = {
        "flesch_reading_ease": fre,
        "flesch_kincaid_grade": fk,
        "long_sentence_percent": long_pct,
        "passive_percent": passive_pct,
        "transition_percent": transition_pct,
        "complex_word_percent": complex_pct,
        "adverb_percent": adv_pct,
        "weasel_percent": weasel_pct,
    }
    chars = sum(len(u.text) for u in body)
    if chars < TEXT_PRESENCE_CHARS:
        # Yoast runs none of its checks on so little text: only "not enough
        # content"; deskeditor's findings stay, unscored
        res.findings[:] = [_f("text-presence", 3, "Not enough content: add some text to enable a good "
                              "analysis.", None, "flesch", (("characters", chars),))] + [_unscored(f) for f in fs]
    res.score = readability_score(res.findings)
    res.rating = overall(res.score)
    return res


def _unscored(f: Finding) -> Finding:
    return replace(f, data=tuple((k, v) for k, v in f.data if k != "score"))
