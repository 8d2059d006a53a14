"""Readability checks: Flesch, sentence and paragraph length, subheadings,
passive voice, transitions, repeated sentence openings, adverbs, weasel words.

``check(doc)`` works on a ``core.text.document.TextDoc`` (built by
``core.lint.analysis``) and returns a ``ReadabilityResult``: findings (engine
``readability``), the figures behind them and a 0-100 score.

The sentence-based checks and the Flesch formulas read the running text:
paragraphs, list items, block quotes, table cells and footnotes. Titles and
headings are fragments without verbs; they split the text into sections but
are not judged as sentences.

* Flesch Reading Ease = 206.835 - 1.015 (words / sentences) - 84.6 (syllables / words);
  Flesch-Kincaid grade = 0.39 (words / sentences) + 11.8 (syllables / words) - 15.59.
* A sentence is long above 20 words; at most 25% may be.
* A paragraph is long above 150 words; a section (text under one heading) above 300.
* At most 10% of sentences in the passive voice; at least 30% with a transition.
* Three or more sentences in a row opening with the same word are flagged.
* Adverbs ("-ly") and weasel words are located one by one; a weasel word is
  reported as such and not again as an adverb.

Ratings (good / ok / poor): Reading Ease 60+ / 50-60 / below 50; grade up
to 9 / 12 / above (reported, not scored); long sentences up to 25% / 30% /
more; the longest paragraph up to 150 / 200 / more words; the longest section
up to 300 / 350 / more words (a text over 300 words with no subheading is
poor); passive up to 10% / 15% / more; transitions 30%+ / 20%+ / fewer;
runs of repeated openings none / one / more; adverbs up to 3% / 5% / more of
the words; weasel words up to 1% / 2% / more.

Each summary check has a rating; the findings it is about (the long sentence,
the passive sentence, the word) carry its rating and are ``warning`` when it is
poor, ``info`` otherwise. The score is the weighted share of points (good 1,
ok 0.5, poor 0) over the summary checks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from ..model import Finding
from .scoring import rated_finding, score
from ..text import style, syllables
from ..text.document import TextDoc, Unit

ENGINE = "readability"
SEVERITY = {"good": "info", "ok": "info", "poor": "warning"}
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

WEIGHTS = {
    "flesch-reading-ease": 2.0,
    "flesch-kincaid-grade": 0.0,  # reported, not scored: it restates Reading Ease
}
SCORED = {
    "flesch-reading-ease", "flesch-kincaid-grade", "sentence-length", "paragraph-length",
    "subheading-distribution", "passive-voice", "transition-words", "sentence-beginnings",
    "adverbs", "weasel-words",
}


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
    """(Reading Ease, Flesch-Kincaid grade)."""
    if not words or not sentences:
        return 0.0, 0.0
    wps, spw = words / sentences, syll / words
    return 206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59


def ease_label(score: float) -> str:
    for floor, label in ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain English"),
                         (50, "fairly difficult"), (30, "difficult")):
        if score >= floor:
            return label
    return "very difficult"


def _check_flesch(words: int, sentences: int, syll: int) -> tuple[list[Finding], float, float]:
    fre, fk = flesch(words, sentences, syll)
    fre_r, fk_r = round(fre, 1), round(fk, 1)
    rating = "good" if fre >= 60 else "ok" if fre >= 50 else "poor"
    advice = "" if rating == "good" else " Use shorter sentences and shorter words."
    out = [_f("flesch-reading-ease", rating, f"Flesch Reading Ease: {fre_r} ({ease_label(fre)}).{advice}",
              None, "flesch", (("score", fre_r),))]
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
    rating = "good" if pct <= LONG_SENTENCE_MAX_PCT else "ok" if pct <= 30 else "poor"
    msg = (f"Sentence length: {len(inst)} of {len(sents)} sentences ({pct:.1f}%) have more than "
           f"{LONG_SENTENCE} words")
    msg += ". Good." if rating == "good" else f"; keep it to {LONG_SENTENCE_MAX_PCT:.0f}% at most."
    return [_f("sentence-length", rating, msg, None, "sentences", (("percent", round(pct, 1)),))] + \
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
        rating, msg = "good", "Paragraph length: no paragraph is longer than the recommended maximum. Good."
    else:
        rating = "ok" if longest <= 200 else "poor"
        msg = f"Paragraph length: {len(inst)} paragraph(s) over {LONG_PARAGRAPH} words; split them."
    return [_f("paragraph-length", rating, msg, None, "paragraphs", (("longest", longest),))] + _later(inst, rating)


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
            return [_f(rule, "good", "Subheading distribution: the text is short enough to need no subheadings.",
                       None, cat)]
        return [_f(rule, "poor", f"Subheading distribution: {total:,} words without a subheading; add H2/H3 "
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
        return [_f(rule, "good", f"Subheading distribution: no section is longer than {LONG_SECTION} words. Good.",
                   None, cat, (("longest", longest),))]
    rating = "ok" if longest <= 350 else "poor"
    return [_f(rule, rating, f"Subheading distribution: {len(inst)} section(s) over {LONG_SECTION} words.",
               None, cat, (("longest", longest),))] + _later(inst, rating)


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
    rating = "good" if pct <= PASSIVE_MAX_PCT else "ok" if pct <= 15 else "poor"
    msg = f"Passive voice: {len(inst)} of {len(sents)} sentences ({pct:.1f}%)"
    msg += ". Good." if rating == "good" else f"; keep it to {PASSIVE_MAX_PCT:.0f}% at most."
    return [_f("passive-voice", rating, msg, None, "style", (("percent", round(pct, 1)),))] + \
        _later(inst, rating), round(pct, 1)


def _check_transitions(sents) -> tuple[list[Finding], float]:
    n = sum(1 for u, s in sents if style.has_transition(_words_of(u, s)))
    pct = 100.0 * n / len(sents) if sents else 0.0
    rating = "good" if pct >= TRANSITION_MIN_PCT else "ok" if pct >= 20 else "poor"
    msg = f"Transition words: {n} of {len(sents)} sentences ({pct:.1f}%) have one"
    msg += ". Good." if rating == "good" else f"; aim for at least {TRANSITION_MIN_PCT:.0f}%."
    return [_f("transition-words", rating, msg, None, "style", (("percent", round(pct, 1)),))], round(pct, 1)


def _check_beginnings(doc: TextDoc) -> list[Finding]:
    """Runs of 3+ sentences opening with the same word, across consecutive
    paragraphs; a heading, a list or a table starts afresh."""
    runs = []
    cur: list[tuple[Unit, Any]] = []
    key = None

    def close():
        if len(cur) >= 3:
            runs.append((key, list(cur)))

    for u in doc.units:
        if u.kind not in PARAGRAPHS:
            close()
            cur, key = [], None
            continue
        for s in u.sentences:
            k = style.opening(_words_of(u, s))
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
    rating = "good" if not inst else "ok" if len(inst) == 1 else "poor"
    msg = ("Consecutive sentences: no repeated openings. Good." if not inst else
           f"Consecutive sentences: {len(inst)} run(s) of 3 or more sentences beginning with the same word.")
    return [_f("sentence-beginnings", rating, msg, None, "sentences", (("runs", len(inst)),))] + _later(inst, rating)


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
            if w[-2:] == "ly" and i not in flagged and style.is_adverb(w):
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


def check(doc: TextDoc) -> ReadabilityResult:
    res = ReadabilityResult()
    running = [u for u in doc.units if u.kind in RUNNING]
    sents = [(u, s) for u in running for s in u.sentences]
    words = sum(len(u.spans) for u in running)
    syll = 0
    count = syllables.count
    for u in running:
        for w in u.lows:
            syll += count(w)
    res.stats = {"text_words": words, "text_sentences": len(sents), "syllables": syll}
    if not words:
        res.scores = {"flesch_reading_ease": None, "flesch_kincaid_grade": None}
        res.findings.append(_f("text-missing", "poor", "Readability: there is no running text to read yet.",
                               None, "flesch"))
        res.score, res.rating = 0, "poor"
        return res
    fs = res.findings
    fl, fre, fk = _check_flesch(words, len(sents), syll)
    fs += fl
    sl, long_pct = _check_sentence_length(sents)
    fs += sl
    fs += _check_paragraphs([u for u in running if u.kind in PARAGRAPHS])
    fs += _check_subheadings(doc, words)
    pv, passive_pct = _check_passive(sents)
    fs += pv
    tr, transition_pct = _check_transitions(sents)
    fs += tr
    fs += _check_beginnings(doc)
    wd, adv_pct, weasel_pct = _check_words(sents, words)
    fs += wd
    res.scores = {
        "flesch_reading_ease": fre,
        "flesch_kincaid_grade": fk,
        "long_sentence_percent": long_pct,
        "passive_percent": passive_pct,
        "transition_percent": transition_pct,
        "adverb_percent": adv_pct,
        "weasel_percent": weasel_pct,
    }
    res.score = score(fs, WEIGHTS, SCORED)
    res.rating = "good" if res.score > 70 else "ok" if res.score > 40 else "poor"
    return res
