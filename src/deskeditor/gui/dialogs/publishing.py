"""The Export dialog and the Publish dialog.

Both run the publication gate and the export or publication itself in the
tasks worker process (``worker.tasks``), with its own connection to the
database, so the gate's lint keeps its budgets and never holds the window;
they show progress while it runs. When the gate blocks,
the unresolved findings are listed and the user may go ahead anyway. What was
done is recorded on the draft by ``core.export.service``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from ..jobs.analysis import AnalysisJobs

FORMAT_LABELS = {
    "html": "Standalone HTML page",
    "fragment": "HTML fragment (paste into a CMS)",
    "hugo": "Hugo site (Markdown + front matter)",
    "jekyll": "Jekyll site (Markdown + front matter)",
    "wxr": "WordPress import file (WXR)",
}
FOLDER_FORMATS = {"hugo", "jekyll"}


def _with_store(path: Path | None, fn: Callable[[Any], Any]) -> Any:
    from ...core.store import Store

    store = Store.open(path, check=False)
    try:
        return fn(store)
    finally:
        store.close()


class _GateDialog(QDialog):
    """What both dialogs share: a form, the gate's list, progress, buttons."""

    action_label = "Export"

    def __init__(self, store: Any, draft_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store_path = store.path
        self.draft_id = draft_id
        self.draft = store.drafts.get(draft_id)
        self.form = QFormLayout()
        self.findings = QListWidget()
        self.findings.setMaximumHeight(140)
        self.findings.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setOpenExternalLinks(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.force = QCheckBox("Go ahead even if unresolved errors block it")
        self.force.hide()
        self.buttons = QDialogButtonBox()
        self.go = self.buttons.addButton(self.action_label, QDialogButtonBox.AcceptRole)
        self.cancel = self.buttons.addButton(QDialogButtonBox.Cancel)
        self.go.clicked.connect(self._start)
        self.cancel.clicked.connect(self._cancel)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.findings)
        lay.addWidget(self.force)
        lay.addWidget(self.message)
        lay.addWidget(self.progress)
        lay.addWidget(self.buttons)
        self._tasks: AnalysisJobs | None = None
        self._token = 0
        self.running = False
        self.cancelled = False
        self.result_value: Any = None
        self.setMinimumWidth(520)

    # subclasses: the form's values (read on the GUI thread), and the work, run
    # in a worker with its own store and only those plain values: no widget is
    # touched off the GUI thread
    def params(self) -> dict[str, Any]:
        raise NotImplementedError

    task_kind = ""  # what the tasks worker runs: "export" or "publish" (worker.tasks)

    def describe(self, value: Any) -> str:
        raise NotImplementedError

    def _start(self) -> None:
        from ...worker.tasks import TaskRequest

        force = self.force.isChecked()
        self.findings.hide()
        self.message.setText("Checking the draft…")
        self.progress.show()
        self.go.setEnabled(False)
        self._token += 1
        path = None if self.store_path is None else str(self.store_path)
        self.tasks.submit(self._token, self.task_kind, TaskRequest(path, self.draft_id, self.params(), force), "")
        self.running = True

    @property
    def tasks(self) -> AnalysisJobs:
        """The worker process that exports or publishes (``worker.tasks``), made at the first use."""
        if self._tasks is None:
            self._tasks = AnalysisJobs("tasks", self)
            self._tasks.progress.connect(lambda token, _seq, text: self._answer(token, "progress", text))
            self._tasks.finished.connect(lambda token, outcome: self._answer(token, outcome.status, outcome.value))
            self._tasks.failed.connect(lambda token, line: self._answer(token, "error", line))
            self._tasks.gaveUp.connect(lambda token, why, _step: self._answer(token, "error", why))
        return self._tasks

    def _answer(self, token: int, status: str, value: Any) -> None:
        if status != "progress" and token == self._token and self._tasks is not None:
            self._tasks.close()  # one worker per task: nothing stays running behind a closed dialog
            self._tasks = None
        if token != self._token or self.cancelled:
            return
        if status == "progress":
            self.message.setText(str(value))
            return
        self.running = False
        if status == "done":
            self._done(value)
        elif status == "blocked":
            from ...core.export.service import Blocked

            self._failed(Blocked(value))
        else:
            self._failed(value)

    def _cancel(self) -> None:
        # the worker goes on to the end (what is written stays consistent); its answer is ignored
        self.cancelled = True
        self.reject()

    def _done(self, value: Any) -> None:
        self.progress.hide()
        self.result_value = value
        self.message.setText(self.describe(value))
        self.go.hide()
        self.cancel.setText("Close")

    def _failed(self, exc: Exception) -> None:
        from ...core.export.service import Blocked

        self.progress.hide()
        self.go.setEnabled(True)
        if isinstance(exc, Blocked):
            self.findings.clear()
            self.findings.addItems(exc.gate.lines())
            self.findings.show()
            self.force.show()
            self.message.setText(f"Blocked: {exc.gate.summary()}. Resolve or dismiss them, or go ahead anyway.")
        else:
            self.message.setText(f"<b>Could not {self.action_label.lower()}:</b> {exc}")


class ExportDialog(_GateDialog):
    action_label = "Export"
    task_kind = "export"

    def __init__(self, store: Any, draft_id: int, parent: QWidget | None = None) -> None:
        super().__init__(store, draft_id, parent)
        self.setWindowTitle(f"Export “{self.draft.title}”")
        self.format = QComboBox()
        for key, label in FORMAT_LABELS.items():
            self.format.addItem(label, key)
        self.target = QLineEdit(str(Path.home() / f"{self.draft.slug or 'draft'}.html"))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.target)
        row.addWidget(browse)
        self.replace = QCheckBox("Replace files that already exist")
        self.form.addRow("Format", self.format)
        self.form.addRow("Save to", row)
        self.form.addRow("", self.replace)
        self.format.currentIndexChanged.connect(self._format_changed)

    def fmt(self) -> str:
        return self.format.currentData()

    def _format_changed(self) -> None:
        from ...core.export.service import SUFFIX

        current = Path(self.target.text() or str(Path.home()))
        folder = current if current.is_dir() else current.parent
        fmt = self.fmt()
        if fmt in FOLDER_FORMATS:
            self.target.setText(str(folder))
        else:
            self.target.setText(str(folder / f"{self.draft.slug or 'draft'}{SUFFIX[fmt]}"))

    def _browse(self) -> None:
        if self.fmt() in FOLDER_FORMATS:
            path = QFileDialog.getExistingDirectory(self, "The site's folder", self.target.text())
        else:
            path, _ = QFileDialog.getSaveFileName(self, "Export to", self.target.text())
        if path:
            self.target.setText(path)

    def params(self) -> dict[str, Any]:
        return {"fmt": self.fmt(), "target": self.target.text() or None, "replace": self.replace.isChecked()}

    def describe(self, value: Any) -> str:
        notes = "".join(f"<br>{n}" for n in getattr(value, "notes", []) or [])
        return f"Exported to <code>{value.target}</code> ({len(value.written)} file(s) written).{notes}"


class PublishDialog(_GateDialog):
    action_label = "Publish"
    task_kind = "publish"

    def __init__(self, store: Any, draft_id: int, parent: QWidget | None = None) -> None:
        super().__init__(store, draft_id, parent)
        from ...core.export.sites import Sites

        self.setWindowTitle(f"Publish “{self.draft.title}” to WordPress")
        self.site = QComboBox()
        for site in Sites(store.settings).list():
            self.site.addItem(f"{site.name} — {site.url}", site.name)
        self.status = QComboBox()
        self.status.addItem("Draft on the site", "draft")
        self.status.addItem("Pending review", "pending")
        self.status.addItem("Scheduled (at the time below)", "future")
        self.status.addItem("Published", "publish")
        self.at = QLineEdit()
        self.at.setPlaceholderText("YYYY-MM-DD HH:MM, the site's time zone")
        self.form.addRow("Site", self.site)
        self.form.addRow("As", self.status)
        self.form.addRow("Scheduled for", self.at)
        from .wordpress import PostFieldsBox  # the site's categories, tags and media, offline too

        self.fields = PostFieldsBox(store, draft_id, self, form=self.form)
        self.fields.set_site(self.site.currentData())
        self.site.currentIndexChanged.connect(lambda _i: self.fields.set_site(self.site.currentData()))
        if self.site.count() == 0:
            self.message.setText("No WordPress site is configured. Add one in Edit → Preferences → "
                                 "Accounts (or with <code>deskeditor sites add</code>); "
                                 "its application password goes into the system keyring.")
            self.go.setEnabled(False)

    def params(self) -> dict[str, Any]:
        self.fields.apply()  # into the draft's front matter, which is what is published
        return {"site": self.site.currentData(), "status": self.status.currentData(), "at": self.at.text().strip()}

    def describe(self, value: Any) -> str:
        link = value.published.link or ""
        return f"Sent to {value.site} as post {value.published.id}. <a href='{link}'>{link}</a>"
