"""Tools › Install Grammar Checker…: LanguageTool fetched from Maven Central in
the background (``core.lint.grammar.install``), its progress shown line by
line, with a Cancel that stops Maven and leaves nothing half-installed.

The dialog cannot be closed while the install runs: closing it cancels the
install and the dialog goes once the worker has stopped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtWidgets import (QDialogButtonBox, QLabel, QPlainTextEdit, QProgressBar, QVBoxLayout,
                               QWidget)

from ..jobs.cancellable import JobDialog

INTRO = ("Grammar and spelling are checked by LanguageTool running on this computer; drafts never leave it. "
         "Installing fetches the LanguageTool server and its English module from Maven Central (about "
         "120 MB, a minute or two). It needs Java 17 or later and Maven.")


def install_work(root: Path | None = None, version: str | None = None, force: bool = False) -> Callable:
    """The install as a ``CancellableJob`` function (runs on a worker thread)."""

    def work(report: Callable[[Any], None], cancelled: Callable[[], bool]):
        from ...core.lint.grammar import install as lt_install

        kwargs = {"version": version} if version else {}
        return lt_install.install(root=root, progress=report, force=force, cancelled=cancelled, **kwargs)

    return work


class InstallGrammarDialog(JobDialog):
    """Install (or reinstall) LanguageTool, with progress and Cancel."""

    def __init__(self, parent: QWidget | None = None, *, root: Path | None = None, force: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Install Grammar Checker")
        self.setMinimumWidth(560)
        self.result_value = None  # the Installation, once done
        self.outcome = ""  # "installed", "cancelled", "failed" once finished
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.state = QLabel("")
        self.state.setWordWrap(True)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(2000)
        self.log.setPlaceholderText("Progress appears here.")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # Maven does not say how much is left
        self.bar.hide()
        self.buttons = QDialogButtonBox()
        self.install_button = self.buttons.addButton("Install", QDialogButtonBox.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.Cancel)
        self.install_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.log, 1)
        lay.addWidget(self.bar)
        lay.addWidget(self.state)
        lay.addWidget(self.buttons)
        self.attach_job(install_work(root, force=force))

    def start(self) -> None:
        if self.running:
            return
        self.outcome = ""
        self.log.clear()
        self.state.setText("Installing…")
        self.bar.show()
        self.install_button.setEnabled(False)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setEnabled(True)
        self.job.start()

    def cancel(self) -> None:
        """Stop the install (Maven is ended; nothing is left half-installed)."""
        if not self.running:
            return
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.state.setText("Cancelling…")

    def _progress(self, line: Any) -> None:
        self.log.appendPlainText(str(line))

    def _done(self, installation) -> None:
        self.result_value = installation
        self.outcome = "installed"
        self.state.setText(f"<b>LanguageTool {installation.version} is installed</b> "
                           f"({installation.jars} files, {installation.size / 2**20:.0f} MiB). "
                           "Grammar checking starts now.")

    def _failed(self, exc: Exception) -> None:
        from ...core.lint.grammar.install import InstallCancelled

        if isinstance(exc, InstallCancelled):
            self.outcome = "cancelled"
            self.state.setText("Cancelled: nothing was installed.")
        else:
            self.outcome = "failed"
            self.state.setText(f"<b>The install failed:</b> {exc}")

    def _finished(self) -> None:
        self.bar.hide()
        self.install_button.setEnabled(self.outcome != "installed")
        self.install_button.setText("Install" if self.outcome != "failed" else "Try Again")
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Close")
