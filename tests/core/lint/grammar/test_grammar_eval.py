"""The evaluation posts (tests/data/grammar-eval/): names, jargon, code, links,
emoji and CJK, with errors seeded on purpose. Every finding is compared with
the hand-checked list, at its exact range and severity; every seeded error is
found; names and terms are never errors. bench/grammar_quality.py prints the
precision and recall of the same set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deskeditor.core.lint.grammar import GrammarEngine, GrammarSettings

pytestmark = pytest.mark.grammar

EVAL = Path(__file__).resolve().parents[4] / "tests" / "data" / "grammar-eval"
EXPECTED = json.loads((EVAL / "expected.json").read_text(encoding="utf-8"))
POSTS = sorted(p.name for p in EVAL.glob("*.md"))


@pytest.fixture(scope="module")
def results(lt_server):
    engine = GrammarEngine(GrammarSettings(), lt_server)
    out = {}
    for name in POSTS:
        source = (EVAL / name).read_text(encoding="utf-8")
        result = engine.check(source)
        assert result.available, result.status
        out[name] = (source, result.findings)
    return out


@pytest.mark.parametrize("name", POSTS)
def test_findings_are_the_hand_checked_ones(results, name):
    source, findings = results[name]
    got = [{"rule": f.rule, "severity": f.severity, "start": f.start, "end": f.end, "text": f.text(source)}
           for f in findings]
    want = [{k: r[k] for k in ("rule", "severity", "start", "end", "text")} for r in EXPECTED["findings"][name]]
    assert got == want


@pytest.mark.parametrize("name", POSTS)
def test_every_seeded_error_is_found_as_an_error_or_warning(results, name):
    source, findings = results[name]
    for needle in EXPECTED["seeded"][name]:
        a = source.index(needle)
        hits = [f for f in findings if a <= f.start and f.end <= a + len(needle)]
        assert any(f.severity in ("error", "warning") for f in hits), (needle, hits)


def test_names_and_terms_are_info_unknown_words(results):
    names = 0
    for name in POSTS:
        source, findings = results[name]
        for f in findings:
            if f.extra.get("unknown_word"):
                names += 1
                assert f.severity == "info" and "Unknown word" in f.message
                assert f.extra["unknown_word"] == f.text(source)
    assert names >= 25


def test_precision_of_errors_and_warnings_is_at_least_80_percent():
    rows = [r for name in POSTS for r in EXPECTED["findings"][name] if r["severity"] in ("error", "warning")]
    real = sum(r["verdict"] == "real" for r in rows)
    assert real >= 0.8 * len(rows)
    assert not [r for name in POSTS for r in EXPECTED["findings"][name] if r["verdict"] == "name"
                and r["severity"] != "info"]
