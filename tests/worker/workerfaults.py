"""Arming the fault kit (faultkit/sitecustomize.py) for the worker processes
started from now on: ``arm(monkeypatch, mode, budget)``; a draft containing
``MARKER`` provokes ``mode``."""

from __future__ import annotations

import os
from pathlib import Path

KIT = Path(__file__).parent / "faultkit"
MARKER = "FAULT-HERE"


def arm(monkeypatch, mode: str = "", budget: float | None = None) -> None:
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(KIT), os.environ.get("PYTHONPATH", "")]))
    if mode:
        monkeypatch.setenv("DESKEDITOR_FAULT", mode)
    if budget is not None:
        monkeypatch.setenv("DESKEDITOR_FAULT_BUDGET", str(budget))
