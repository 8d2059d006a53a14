"""Fixtures shared by the whole suite: the sample post and a real SQLite store."""

from __future__ import annotations

from pathlib import Path

import pytest

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
