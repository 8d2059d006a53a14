"""Which grammar findings are errors.

Only what a careful editor fixes before publishing is an ``error`` (it blocks
the publication gate): a misspelled common word, a grammar error ("He go",
"the occur", "a apple"), a doubled word ("the the"), a stray bracket.
Punctuation and typography advice is a ``warning``; style, redundancy and
wording suggestions are ``info``. A probable name (``names``) is never more
than ``info``. A heading is a fragment ("What I learned training ConvNets"):
a grammar rule's verdict on it is a ``warning``.
"""

from __future__ import annotations

from .client import RawMatch

ERROR_ISSUES = {"misspelling", "grammar", "duplication"}
ERROR_RULES = {"UNPAIRED_BRACKETS", "EN_UNPAIRED_BRACKETS", "EN_A_VS_AN", "ENGLISH_WORD_REPEAT_RULE"}
ERROR_CATEGORIES = {"TYPOS", "GRAMMAR"}
# LanguageTool files some advice under "grammar" or "misspelling": still advice
ADVICE_CATEGORIES = {
    "STYLE", "REDUNDANCY", "PLAIN_ENGLISH", "REPETITIONS_STYLE", "WIKIPEDIA", "CREATIVE_WRITING",
    "TEXT_ANALYSIS", "SEMANTICS", "COLLOCATIONS", "NONSTANDARD_PHRASES", "MISC_STYLE",
}
WARNING_ISSUES = {"typographical", "inconsistency", "locale-violation", "whitespace", "non-conformance"}


def severity(raw: RawMatch, block_kind: str = "paragraph") -> str:
    if raw.rule in ERROR_RULES:
        return "error"
    if raw.category in ADVICE_CATEGORIES or raw.issue_type in ("style", "register"):
        return "info"
    if block_kind == "heading" and raw.issue_type == "grammar":
        return "warning"
    if raw.issue_type in ERROR_ISSUES or raw.category in ERROR_CATEGORIES:
        return "error"
    if raw.issue_type in WARNING_ISSUES:
        return "warning"
    return "warning" if raw.category in ("PUNCTUATION", "CASING", "TYPOGRAPHY", "COMPOUNDING") else "info"
