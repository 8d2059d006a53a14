"""``faults(mode, budget=None)``: worker processes started from now on provoke
``mode`` on a draft that contains ``workerfaults.MARKER``."""

from __future__ import annotations

import pytest
from workerfaults import arm


@pytest.fixture
def faults(monkeypatch):
    return lambda mode="", budget=None: arm(monkeypatch, mode, budget)
