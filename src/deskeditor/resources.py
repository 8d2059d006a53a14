"""Where deskeditor's resources (CSS, the preview page, fonts' metrics, icons) live.

They are kept in the repository's top-level ``resources/`` folder; an editable
install (what scripts/run and scripts/test make) finds them there.
``DESKEDITOR_RESOURCES`` overrides the location.
"""

from __future__ import annotations

import os
from pathlib import Path


def root() -> Path:
    env = os.environ.get("DESKEDITOR_RESOURCES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "resources"


def path(relative: str) -> Path:
    return root() / relative


def read_text(relative: str) -> str:
    return path(relative).read_text(encoding="utf-8")
