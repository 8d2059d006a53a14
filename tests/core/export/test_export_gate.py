"""The publication gate on real drafts and the real lint runner (grammar left out)."""

from __future__ import annotations

import pytest

from deskeditor.core.export import gate
from deskeditor.core.export.service import Blocked, Options, export_draft

CITED = "---\ntitle: Cited\nslug: cited\n---\n\nThe study found a rise in prices [@smith2024].\n"


@pytest.fixture
def cited(store):
    return store.drafts.create(CITED)


def test_unresolved_error_blocks(store, cited):
    result = gate.check(store, cited)
    errors = result.errors
    assert [(f.engine, f.rule) for f in errors] == [("citations", "unresolved-key")]
    assert result.blocked
    assert result.summary().startswith("1 error(s) (citations 1),") and "blocked" in result.summary()
    assert result.errors_by_engine() == {"citations": 1}
    line, = [row for row in result.lines() if "\terror\t" in row]
    assert line.startswith("6:") and "citations/unresolved-key" in line
    assert "grammar not checked (no LanguageTool server in use)" in result.notes


def test_dismissed_finding_no_longer_blocks(store, cited):
    finding = gate.check(store, cited).errors[0]
    store.decisions.record(cited.id, finding, cited.body, "dismissed", "the source is in print only")
    result = gate.check(store, cited)
    assert not result.errors and not result.blocked
    assert result.dismissed == 1


def test_setting_decides_whether_errors_block(store, cited):
    store.settings.set(gate.BLOCK_SETTING, False)
    result = gate.check(store, cited)
    assert result.errors and not result.blocked


def test_blocked_export_writes_nothing_unless_forced(store, cited, out_dir):
    with pytest.raises(Blocked) as info:
        export_draft(store, cited.id, "html", out_dir)
    assert "export blocked: 1 error(s)" in str(info.value)
    assert list(out_dir.iterdir()) == [] and store.exports.for_draft(cited.id) == []
    result = export_draft(store, cited.id, "html", out_dir, options=Options(force=True))
    assert result.target.exists() and result.gate.blocked
    assert len(store.exports.for_draft(cited.id)) == 1


def test_resolving_the_source_opens_the_gate(store, cited):
    store.sources.put("smith2024", {"type": "article-journal", "title": "Prices", "author": [{"family": "Smith"}],
                                    "issued": {"date-parts": [[2024]]}, "URL": "https://example.org/prices"})
    assert not gate.check(store, cited).errors
