"""The lint protocol's words are types: a finding carries an Engine, a
Severity and a Rating, while JSON and string comparisons see plain strings."""

from __future__ import annotations

import json

import pytest

from deskeditor.core.kinds import Engine, Rating, Severity
from deskeditor.core.lint.runner import ENGINES, LintRunner
from deskeditor.core.model import Finding


def test_a_finding_made_with_strings_carries_the_types():
    f = Finding("seo", "title-width", "warning", "m", rating="poor")
    assert f.engine is Engine.SEO and f.severity is Severity.WARNING and f.rating is Rating.POOR
    assert f.severity == "warning" and f"{f.engine}" == "seo"  # strings still compare and format
    assert Finding("grammar", "r", Severity.INFO, "m").rating is None


@pytest.mark.parametrize("field, kwargs", [
    ("engine", dict(engine="spelling")), ("severity", dict(severity="eror")), ("rating", dict(rating="great")),
])
def test_a_word_outside_the_protocol_is_refused(field, kwargs):
    base = dict(engine="seo", rule="r", severity="info", message="m")
    with pytest.raises(ValueError, match=f"unknown {field}"):
        Finding(**{**base, **kwargs})


def test_json_output_is_plain_strings():
    f = Finding(Engine.CITATIONS, "uncited-source", Severity.WARNING, "m", 0, 3, rating=Rating.OK)
    d = f.to_dict("abcdef")
    assert json.loads(json.dumps(d))["engine"] == "citations"
    assert {type(d[k]) for k in ("engine", "severity", "rating")} == {str}


def test_the_engines_every_finding_of_a_run_comes_from_are_engines():
    report = LintRunner(grammar=None, engines=[e for e in ENGINES if e != Engine.GRAMMAR]).run(
        "# Title\n\nSome text (Reuters) that says little.\n", {"keyphrase": "text"})
    assert report.findings and all(isinstance(f.engine, Engine) and isinstance(f.severity, Severity)
                                   for f in report.findings)
    assert {f.rating for f in report.findings if f.engine is Engine.SEO} <= {*Rating, None}

