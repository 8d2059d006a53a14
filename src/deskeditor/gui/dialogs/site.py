"""Dialogs of the Site menu: opening a site (progress and cancel), a post's
conflict (both versions side by side, a choice per hunk), the site's status,
and git's commit, pull and push run in the background.

The work is ``core.site``'s; each job opens a store of its own in its thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel,
                               QPlainTextEdit, QProgressBar, QRadioButton, QScrollArea, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from ..jobs.cancellable import JobDialog


def with_store(db_path: Path, fn: Callable[[Any, Callable, Callable], Any]) -> Callable:
    """``fn(store, report, cancelled)`` as a ``CancellableJob`` function with its own store."""

    def work(report, cancelled):
        from ...core.store import Store

        store = Store.open(db_path, check=False)
        try:
            return fn(store, report, cancelled)
        finally:
            store.close()

    return work


class SiteJobDialog(JobDialog):
    """A line saying what runs, a progress bar, and Close once it has ended."""

    def __init__(self, title: str, what: str, work: Callable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.outcome: Any = None
        self.error = ""
        self.label = QLabel(what)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.attach_job(work)

    def start(self) -> None:
        self.job.start()

    def cancel(self) -> None:
        self.job.cancel()
        self.label.setText("Stopping after the post being read…")

    def _progress(self, value) -> None:
        done, total, path = value
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.label.setText(f"Reading posts: {done:,} of {total:,}  ({path})")

    def _done(self, outcome) -> None:
        self.outcome = outcome
        self.label.setText(describe(outcome))

    def _failed(self, exc: Exception) -> None:
        self.error = " ".join(str(exc).split()) or type(exc).__name__
        self.label.setText(self.error)

    def _finished(self) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)


def describe(outcome: Any) -> str:
    """One or two lines for a sync report, a git result or a message."""
    from ...core.site.workspace import SyncReport

    if isinstance(outcome, tuple):  # (workspace, report) from opening a site
        ws, report = outcome
        head = f"{ws.config.kind.capitalize()} site {ws.root.name}: "
        return head + describe(report)
    if isinstance(outcome, SyncReport):
        parts = [f"{len(v)} {k}" for k, v in (("new", outcome.imported), ("updated from disk", outcome.pulled),
                                            ("written", outcome.written), ("merged", outcome.merged),
                                            ("renamed", outcome.renamed), ("deleted on disk", outcome.deleted))
                 if v]
        text = ", ".join(parts) or "everything in step"
        if outcome.conflicts:
            text += f"; {len(outcome.conflicts)} conflict(s) to resolve (Site › Resolve Conflict…)"
        if outcome.problems:
            text += f"; {len(outcome.problems)} file(s) left alone: {outcome.problems[0]}"
        return text
    return str(getattr(outcome, "message", outcome))


class ConflictDialog(QDialog):
    """A post changed on both sides where they overlap: each conflicting hunk
    with the writer's version and the other one side by side, and a choice per
    hunk (mine, theirs, both). Keep Mine / Take Theirs decide all at once."""

    def __init__(self, path: str, merged: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Resolve conflict: {path}")
        self.resize(900, 560)
        self.choices: list[str] | None = None
        self.take = ""
        intro = QLabel(f"<b>{path}</b> changed on disk (or in git) where you changed it too. Both versions "
                       f"are kept until you choose. {len(merged.conflicts)} place(s) differ:")
        intro.setWordWrap(True)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.addWidget(QLabel("<b>Your version</b>"), 0, 1)
        grid.addWidget(QLabel("<b>The file's version</b>"), 0, 2)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.groups: list[QButtonGroup] = []
        for i, hunk in enumerate(merged.conflicts):
            pick = QVBoxLayout()
            group = QButtonGroup(self)
            for k, (label, value) in enumerate((("Mine", "mine"), ("Theirs", "theirs"), ("Both", "both"))):
                b = QRadioButton(label)
                b.setProperty("choice", value)
                b.setChecked(k == 0)
                group.addButton(b, k)
                pick.addWidget(b)
            pick.addStretch(1)
            self.groups.append(group)
            box = QWidget()
            box.setLayout(pick)
            grid.addWidget(box, i + 1, 0)
            for col, lines in ((1, hunk.mine), (2, hunk.theirs)):
                view = QPlainTextEdit("".join(lines).rstrip("\n"))
                view.setReadOnly(True)
                view.setFont(mono)
                view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
                view.setMinimumHeight(90)
                grid.addWidget(view, i + 1, col)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        buttons = QDialogButtonBox()
        self.mine_button = buttons.addButton("Keep Mine", QDialogButtonBox.ButtonRole.AcceptRole)
        self.theirs_button = buttons.addButton("Take Theirs", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button = buttons.addButton("Apply Choices", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.mine_button.clicked.connect(lambda: self._finish(take="mine"))
        self.theirs_button.clicked.connect(lambda: self._finish(take="theirs"))
        self.apply_button.clicked.connect(lambda: self._finish())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def choose(self, index: int, choice: str) -> None:
        for b in self.groups[index].buttons():
            b.setChecked(b.property("choice") == choice)

    def _finish(self, take: str = "") -> None:
        self.take = take
        self.choices = [g.checkedButton().property("choice") for g in self.groups]
        self.accept()


class SiteStatusDialog(QDialog):
    """Every post of the open sites whose state is not "clean"."""

    def __init__(self, rows: list[tuple[str, list]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Site status")
        self.resize(640, 420)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Post", "State"])
        self.tree.setRootIsDecorated(True)
        for root, statuses in rows:
            top = QTreeWidgetItem([root, f"{sum(1 for s in statuses if str(s.state) != 'clean')} changed"])
            self.tree.addTopLevelItem(top)
            for s in statuses:
                if str(s.state) != "clean":
                    QTreeWidgetItem(top, [s.path, str(s.state)])
            top.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
