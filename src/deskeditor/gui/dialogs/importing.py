"""File › Import… of many files: each file validated and imported as a new
draft in a worker thread (with its own connection to the database), a progress
bar, a Cancel that stops after the file being imported, and one line per file
that could not be imported.

``import_files`` is the work itself, without Qt: a bad file is listed and
skipped, the others are imported; each import is one transaction, so a cancel
or a failure never leaves half a draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from PySide6.QtWidgets import (QDialogButtonBox, QLabel, QListWidget, QProgressBar, QVBoxLayout,
                               QWidget)

from ..jobs.cancellable import JobDialog


@dataclass
class ImportOutcome:
    imported: list[int] = field(default_factory=list)  # draft ids, in order
    errors: list[str] = field(default_factory=list)  # "name: what is wrong", one per bad file
    cancelled: bool = False
    total: int = 0

    @property
    def processed(self) -> int:
        return len(self.imported) + len(self.errors)


def error_line(path: Path, message: str) -> str:
    """``name: reason`` in one line (the importers' messages start with the full path)."""
    text = " ".join(str(message).split())
    for prefix in (f"{path}: ", f"{path.name}: "):
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
    return f"{path.name}: {text}"


def import_files(store, paths: list[Path], report: Callable[[Any], None] = lambda _p: None,
                 cancelled: Callable[[], bool] = lambda: False) -> ImportOutcome:
    """Import ``paths`` as new drafts into ``store``. ``report((n, total, name))``
    before each file; ``cancelled()`` is asked before each, so a cancel stops
    after the file being imported."""
    from ...core.errors import DeskeditorError
    from ...core.importers import read_document

    out = ImportOutcome(total=len(paths))
    for n, path in enumerate(paths, 1):
        if cancelled():
            out.cancelled = True
            break
        report((n, len(paths), path.name))
        try:
            doc = read_document(path)
            out.imported.append(store.drafts.create(doc.markdown).id)
        except (DeskeditorError, OSError, UnicodeError, ValueError) as exc:
            out.errors.append(error_line(path, str(exc)))
    return out


def import_work(db_path: Path, paths: list[Path]) -> Callable:
    """The import as a ``CancellableJob`` function, with its own store."""

    def work(report, cancelled) -> ImportOutcome:
        from ...core.store import Store

        store = Store.open(db_path, check=False)
        try:
            return import_files(store, paths, report, cancelled)
        finally:
            store.close()

    return work


def summary(outcome: ImportOutcome) -> str:
    n = len(outcome.imported)
    text = f"Imported {n} of {outcome.total} file{'s' if outcome.total != 1 else ''}"
    if outcome.cancelled:
        text += f"; cancelled after {outcome.processed}"
    if outcome.errors:
        text += f"; {len(outcome.errors)} could not be imported (listed above)"
    return text + "."


class ImportDialog(JobDialog):
    """Runs the import as soon as it is shown (``start()``); ``outcome`` at the end."""

    def __init__(self, db_path: Path, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import drafts")
        self.setMinimumWidth(520)
        self.paths = [Path(p) for p in paths]
        self.outcome: ImportOutcome | None = None
        self.label = QLabel(f"Importing {len(self.paths)} files…")
        self.bar = QProgressBar()
        self.bar.setRange(0, len(self.paths))
        self.bar.setValue(0)
        self.errors = QListWidget()
        self.errors.hide()
        self.result_label = QLabel("")
        self.result_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.Cancel)
        self.cancel_button.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.errors, 1)
        lay.addWidget(self.result_label)
        lay.addWidget(self.buttons)
        self.attach_job(import_work(db_path, self.paths))

    def start(self) -> None:
        self.job.start()

    def cancel(self) -> None:
        """Stop after the file being imported."""
        if self.running:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.label.text() + " — cancelling after this file…")

    def _progress(self, value) -> None:
        n, total, name = value
        self.bar.setValue(n - 1)
        self.label.setText(f"Importing {n} of {total}: {name}")

    def _done(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        self.bar.setValue(outcome.processed)
        if outcome.errors:
            self.errors.addItems(outcome.errors)
            self.errors.show()
        self.label.setText("Cancelled." if outcome.cancelled else "Done.")
        self.result_label.setText(summary(outcome))

    def _failed(self, exc: Exception) -> None:  # the database could not be opened, ...
        self.outcome = ImportOutcome(total=len(self.paths))
        self.label.setText("Nothing was imported.")
        self.result_label.setText(f"<b>The import failed:</b> {exc}")

    def _finished(self) -> None:
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Close")
        o = self.outcome
        if o is not None and o.imported and len(o.imported) == o.total and not o.errors and not o.cancelled:
            self.accept()  # nothing to read here: the draft opens, the status bar says how many
