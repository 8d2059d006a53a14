"""Yoast's eye marker (``core.lint.marks``): every summary check carries the
ranges of its instances (long sentences, passive sentences, adverbs ...) or
of the keyphrase; the checks fall into Problems, Improvements, Good results."""

from __future__ import annotations

from pathlib import Path

from deskeditor.core.lint.analysis import analyze
from deskeditor.core.lint.marks import INSTANCES, checks, grouped

SOURDOUGH = Path(__file__).resolve().parents[2] / "data" / "yoast" / "sourdough.md"


def test_instances_fold_into_their_summary_and_keyphrase_checks_mark_the_phrase():
    source = SOURDOUGH.read_text(encoding="utf-8")
    result = analyze(source)
    items = {c.finding.rule: c for c in checks(result.findings, result.keyphrase)}
    instance_rules = {r for rules in INSTANCES.values() for r in rules}
    assert not instance_rules & set(items)  # the passive sentence is not a row of its own
    passive = [f for f in result.findings if f.rule == "passive-sentence"]
    assert passive and items["passive-voice"].marks == tuple((f.start, f.end) for f in passive)
    density = items["keyphrase-density"].marks
    assert len(density) == len(result.keyphrase["occurrences"])
    assert all(source[a:b].lower() == "sourdough starter" for a, b in density)
    assert items["keyphrase-in-introduction"].marks  # a check with its own range marks it
    titles = [t for t, _ in grouped(list(items.values()))]
    assert titles == [t for t in ("Problems", "Improvements", "Good results") if t in titles]
    assert items["images"].marks == tuple((f.start, f.end) for f in result.findings
                                          if f.rule == "image-alt-missing")
