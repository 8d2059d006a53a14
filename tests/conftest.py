"""Fixtures shared by the whole suite: the sample post and a real SQLite store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# LanguageTool's answers are kept on disk across launches (core/lint/grammar/disk_cache.py).
# Tests leave the user's cache alone and ask the server every time, as each expects;
# test_grammar_disk_cache.py gives its engines files of their own.
os.environ["DESKEDITOR_GRAMMAR_CACHE"] = "off"

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "russia-ukraine-ceasefire.txt"


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_markdown() -> str:
    from deskeditor.core.importers import read_document

    return read_document(SAMPLE).markdown


@pytest.fixture
def store(tmp_path):
    from deskeditor.core.store import Store

    s = Store.open(tmp_path / "deskeditor.db")
    yield s
    s.close()


# The export and grammar fixtures are shared too: the CLI's tests (tests/cli/)
# need them as much as the core's.
pytest_plugins = ("fixtures.export", "fixtures.grammar")

