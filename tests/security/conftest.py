"""Helpers for the hostile-input tests: drive the real CLI on a real database."""

from __future__ import annotations

import pytest

from deskeditor import cli


@pytest.fixture
def db(store):
    return str(store.path)


@pytest.fixture
def run(db, capsys):
    """``run(*argv)`` -> (exit code, stdout, stderr) of ``deskeditor --db DB *argv``."""
    def go(*argv):
        code = cli.main(["--db", db, *argv])
        out = capsys.readouterr()
        return code, out.out, out.err
    return go
