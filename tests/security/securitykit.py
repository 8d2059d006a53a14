"""Shared by the hostile-input tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations


def one_line(err: str) -> str:
    """The single ``deskeditor:`` line on stderr (asserting there is one, and no traceback)."""
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln.startswith("deskeditor:")]
    assert len(lines) == 1, err
    return lines[0]
