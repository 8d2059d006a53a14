"""The shape issue 12 asked of the GUI: small classes, a main window that only
builds and connects widgets, and no helper that keeps the whole window to
reach its parts (each is handed what it works on)."""

from __future__ import annotations

import ast
from pathlib import Path

import deskeditor.gui

GUI = Path(deskeditor.gui.__file__).parent
MODULES = sorted(GUI.rglob("*.py"))


def classes():
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                yield path.relative_to(GUI), node


def test_no_class_in_the_gui_is_over_400_lines():
    long = [(str(path), c.name, c.end_lineno - c.lineno + 1) for path, c in classes()
            if c.end_lineno - c.lineno + 1 > 400]
    assert long == []


def test_the_main_window_module_is_at_most_400_lines():
    assert len((GUI / "window" / "main_window.py").read_text(encoding="utf-8").splitlines()) <= 400


def test_no_helper_keeps_the_window():
    """``self.w = window`` and the like: a helper reaching through the window.
    (``app.Session`` makes the window and owns it: it is not a helper.)"""
    keeps = []
    for path, c in classes():
        if str(path) == "app.py":
            continue
        for node in ast.walk(c):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    for t in ast.walk(target):
                        if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) \
                                and t.value.id == "self" and t.attr in ("w", "win", "window", "main_window"):
                            keeps.append(f"{path}:{node.lineno} {c.name}.{t.attr}")
    assert keeps == []


def test_the_gui_is_grouped_in_folders():
    flat = sorted(p.name for p in GUI.glob("*.py") if p.name != "__init__.py")
    assert flat == ["app.py"]  # the entry point; everything else lives in a folder
