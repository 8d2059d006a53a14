"""Hostile drafts: the citation scan and lint finish and point inside the text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskeditor.core.citations.analysis import analyze
from deskeditor.core.citations.lint import lint
from deskeditor.core.citations.render import resolve_markdown

HOSTILE = {
    "bracket bomb": "[" * 5000 + "a" + "]" * 5000,
    "open brackets on every line": "[a\n" * 3000,
    "many attributions": "A claim (Reuters). " * 2000,
    "many citations": " ".join(f"[@k{i}]" for i in range(2000)),
    "nested parentheses": "(" * 3000 + "Reuters" + ")" * 3000,
    "backticks": "`" * 3000 + " x " + "``" * 2000,
    "footnotes": "".join(f"x[^{i}]\n\n[^{i}]: https://e.com/{i}\n\n" for i in range(500)),
    "lone surrogates": "A claim (Reuters \udc80). Another (Reuters).\n",
    "unclosed front matter": "---\nsources: [a\n\nbody (Reuters).\n",
    "empty": "",
}


def check(src: str) -> None:
    for f in lint(src, {"k1": {"type": "webpage", "title": "T"}}):
        assert 0 <= f.start <= f.end <= len(src)
    for a in analyze(src).attributions:
        assert src[a.start:a.end] == a.text


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_drafts(name):
    check(HOSTILE[name])
    resolve_markdown(HOSTILE[name], {})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="[]()@^:;,.-–`\\!<>*_ \n\taRb1/", max_size=300))
def test_citation_punctuation_soup(src):
    check(src)
