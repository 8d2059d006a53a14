"""WordPress in the window: the Sites dialog (add, test, remove) and Site → Pull.

Network work (testing a site, pulling) runs in the thread pool with its own
database connection, as the Publish dialog's does (``jobs.pool.BackgroundTask``);
the dialogs only read their form on the GUI thread and show what comes back.
A pull is cancelled between posts; what was pulled stays stored.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from ..jobs.pool import BackgroundTask, Signals
from .publishing import _with_store


def _run(owner: Any, fn: Callable[[Callable[[str], None]], Any], done: Callable, failed: Callable,
         progress: Callable[[str], None]) -> BackgroundTask:
    signals = Signals(owner)
    signals.progress.connect(progress)
    signals.done.connect(done)
    signals.failed.connect(failed)
    task = BackgroundTask(fn, signals)
    owner._tasks.append(task)
    task.start()
    return task


class SitesDialog(QDialog):
    """Add, test and remove WordPress sites; the application password goes to the system keyring."""

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("WordPress Sites")
        self.store = store
        self._tasks: list[BackgroundTask] = []
        self.sites = QListWidget()
        self.name, self.url, self.user = QLineEdit(), QLineEdit(), QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.url.setPlaceholderText("https://blog.example.com")
        self.password.setPlaceholderText("an application password (Users → Profile in WordPress)")
        form = QFormLayout()
        for label, field in (("Name", self.name), ("Address", self.url), ("User", self.user),
                             ("Application password", self.password)):
            form.addRow(label, field)
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        self.add_button = QPushButton("&Add")
        self.test_button = QPushButton("&Test")
        self.remove_button = QPushButton("&Remove")
        for b in (self.add_button, self.test_button, self.remove_button):
            row.addWidget(b)
        self.add_button.clicked.connect(self.add_site)
        self.test_button.clicked.connect(self.test_site)
        self.remove_button.clicked.connect(self.remove_site)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.sites)
        lay.addLayout(form)
        lay.addLayout(row)
        lay.addWidget(self.message)
        lay.addWidget(close)
        self.setMinimumWidth(520)
        self._refresh()

    def _registry(self):
        from ...core.export.sites import Sites

        return Sites(self.store.settings)

    def _refresh(self) -> None:
        self.sites.clear()
        for s in self._registry().list():
            self.sites.addItem(f"{s.name} — {s.user} at {s.url}")

    def _selected(self) -> str:
        item = self.sites.currentItem()
        return item.text().split(" — ", 1)[0] if item else self.name.text().strip()

    def add_site(self) -> None:
        from ...core.errors import DeskeditorError
        from ...core.export.sites import store_password

        try:  # plain http:// is refused there, except for this machine
            site = self._registry().add(self.name.text().strip(), self.url.text(), self.user.text())
        except DeskeditorError as exc:
            self.message.setText(str(exc))
            return
        note = ""
        if self.password.text():
            try:
                store_password(site, self.password.text())
                note = " Its password is in the system keyring."
            except DeskeditorError as exc:
                note = f" The password was NOT stored: {exc}"
        self.password.clear()
        self.message.setText(f"Saved {site.name}.{note}")
        self._refresh()

    def test_site(self) -> None:
        from ...core.export.sites import password_for
        from ...core.export.wordpress import Client

        name = self._selected()
        path = self.store.path
        self.message.setText(f"Connecting to {name}…")

        def work(progress):
            def check(store):
                from ...core.export.sites import Sites

                site = Sites(store.settings).get(name)
                password, _src = password_for(site)
                me = Client(site.url, site.user, password, timeout=20).me()
                return f"{site.url} answers: signed in as {me.get('name') or site.user}."
            return _with_store(path, check)

        _run(self, work, self.message.setText, lambda exc: self.message.setText(f"Test failed: {exc}"),
             self.message.setText)

    def remove_site(self) -> None:
        from ...core.errors import DeskeditorError
        from ...core.export.sites import forget_password

        try:
            site = self._registry().remove(self._selected())
        except DeskeditorError as exc:
            self.message.setText(str(exc))
            return
        forget_password(site)
        self.message.setText(f"Removed {site.name}.")
        self._refresh()


class PullDialog(QDialog):
    """Site → Pull: a site's posts into drafts, with progress and cancel."""

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ...core.export.sites import Sites
        from ...core.wordpress.remote import ALL_STATUSES

        self.setWindowTitle("Pull from WordPress")
        self.store, self.store_path = store, store.path
        self._tasks: list[BackgroundTask] = []
        self._stop = threading.Event()
        self.result_value: Any = None
        self.site = QComboBox()
        for s in Sites(store.settings).list():
            self.site.addItem(f"{s.name} — {s.url}", s.name)
        self.statuses = {s: QCheckBox(s) for s in ALL_STATUSES}
        boxes = QHBoxLayout()
        for box in self.statuses.values():
            box.setChecked(True)
            boxes.addWidget(box)
        form = QFormLayout()
        form.addRow("Site", self.site)
        form.addRow("Posts that are", boxes)
        self.message = QLabel("Only posts changed since the last pull are fetched.")
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.buttons = QDialogButtonBox()
        self.go = self.buttons.addButton("Pull", QDialogButtonBox.AcceptRole)
        self.cancel = self.buttons.addButton(QDialogButtonBox.Cancel)
        self.go.clicked.connect(self.start)
        self.cancel.clicked.connect(self.stop)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.progress)
        lay.addWidget(self.buttons)
        if self.site.count() == 0:
            self.message.setText("No WordPress site is configured: add one in File → WordPress Sites.")
            self.go.setEnabled(False)
        self.setMinimumWidth(480)

    def start(self) -> None:
        from ...core.export.sites import Sites, password_for
        from ...core.wordpress.pull import pull

        name = self.site.currentData()
        statuses = tuple(s for s, box in self.statuses.items() if box.isChecked())
        if not statuses:
            self.message.setText("Choose at least one status.")
            return
        path, stop = self.store_path, self._stop
        self.go.setEnabled(False)
        self.progress.show()

        def work(progress):
            def run(store):
                site = Sites(store.settings).get(name)
                password, _src = password_for(site)
                return pull(store, site, password, statuses=statuses, cancelled=stop.is_set,
                            progress=lambda n, m: progress(f"Pulling… {m}"))
            return _with_store(path, run)

        _run(self, work, self._done, self._failed, self.message.setText)

    def stop(self) -> None:
        self._stop.set()  # the pull stops between posts; what was pulled stays stored
        if not self._tasks:
            self.reject()

    def _done(self, result: Any) -> None:
        from html import escape

        from ...core.wordpress.pull import gone_line

        self.progress.hide()
        self.result_value = result
        conflicts = "".join(f"<br>Conflict: post {i} “{escape(t)}” changed here and on the site; the draft was kept."
                            for i, t in result.conflicts)
        gone = "".join(f"<br>{line[:1].upper()}{line[1:]}."
                       for line in (escape(gone_line(*post)) for post in result.gone))
        state = "Cancelled: what was pulled is stored." if result.cancelled else "Done."
        self.message.setText(f"{state} {len(result.created)} new, {len(result.updated)} updated, "
                             f"{len(result.merged)} merged, {result.unchanged} unchanged.{conflicts}{gone}")
        self.go.hide()
        self.cancel.setText("Close")
        self.cancel.clicked.disconnect()
        self.cancel.clicked.connect(self.accept)
        if result.conflicts:
            resolve = self.buttons.addButton("Resolve Conflicts…", QDialogButtonBox.ActionRole)
            resolve.clicked.connect(self.resolve_conflicts)

    def resolve_conflicts(self) -> None:
        """One side-by-side dialog per post in conflict."""
        from ...core.wordpress.links import WordPressLinks

        links = WordPressLinks(self.store.conn)
        for remote_id, _title in self.result_value.conflicts:
            link = links.by_remote(self.site.currentData(), remote_id)
            if link is not None and link.conflict:
                ConflictDialog(self.store, link.draft_id, link.site, self).exec()

    def _failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.go.setEnabled(True)
        self.message.setText(f"<b>Could not pull:</b> {exc} — what was pulled is stored; pull again to continue.")


class ConflictDialog(QDialog):
    """A conflict with the site, side by side hunk by hunk: the draft's text and the
    site's, and for each hunk which to keep (mine, theirs or both)."""

    def __init__(self, store: Any, draft_id: int, site: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QGridLayout, QPlainTextEdit, QScrollArea

        from ...core.wordpress.sync import conflict_hunks

        from html import escape

        self.store, self.draft_id, self.site = store, draft_id, site
        title = store.drafts.get(draft_id).title
        self.setWindowTitle(f"Conflict with {site}: “{title}”")
        intro = QLabel(f"<b>“{escape(title)}”</b> was changed here and on {escape(site)} since the last sync, "
                       "in the same place. Choose for each part what to keep; nothing is sent until you publish.")
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>This draft</b>"), 0, 0)
        grid.addWidget(QLabel(f"<b>On {site}</b>"), 0, 1)
        self.choices: list[QComboBox] = []
        for i, hunk in enumerate(conflict_hunks(store, draft_id, site)):
            for col, lines in enumerate((hunk.mine, hunk.theirs)):
                view = QPlainTextEdit("".join(lines))
                view.setReadOnly(True)
                view.setMaximumHeight(120)
                grid.addWidget(view, 1 + 2 * i, col)
            choice = QComboBox()
            for label, value in (("Keep mine", "mine"), ("Keep theirs", "theirs"), ("Keep both", "both")):
                choice.addItem(label, value)
            self.choices.append(choice)
            grid.addWidget(choice, 2 + 2 * i, 0, 1, 2)
        grid.setRowStretch(1 + 2 * len(self.choices), 1)  # the hunks at the top, not spread over the height
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.message = QLabel("" if self.choices else "No conflict is left.")
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.apply = buttons.addButton("Resolve", QDialogButtonBox.AcceptRole)
        self.apply.setEnabled(bool(self.choices))
        self.apply.clicked.connect(self.resolve)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(scroll)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.resize(760, 480)

    def resolve(self) -> None:
        from ...core.errors import DeskeditorError
        from ...core.wordpress.sync import resolve

        try:
            resolve(self.store, self.draft_id, self.site, hunks=[c.currentData() for c in self.choices])
        except DeskeditorError as exc:
            self.message.setText(str(exc))
            return
        self.accept()


class _ListCompleter(QCompleter):
    """Completes the last name of a comma-separated list."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index) -> str:
        head = self.widget().text().rsplit(",", 1)
        done = head[0] + ", " if len(head) > 1 else ""
        return done + str(index.data())


class PostFieldsBox(QWidget):
    """Categories, tags and featured image for the Publish dialog: the site's own
    names (cached at every pull, so offline too) with completion; the featured
    image a local picture or one of the site's media. ``apply`` writes them
    into the draft's front matter, which is what is published. Given the
    dialog's ``form``, its rows go into it (one label column for the whole
    dialog, so no label is cut short by a narrower nested one)."""

    def __init__(self, store: Any, draft_id: int, parent: QWidget | None = None,
                 form: QFormLayout | None = None) -> None:
        super().__init__(parent)
        from ...core.markdown import frontmatter

        self.store, self.draft_id = store, draft_id
        data = frontmatter.split(store.drafts.get(draft_id).body).data
        self.categories = QLineEdit(", ".join(map(str, data.get("categories") or [])))
        self.tags = QLineEdit(", ".join(map(str, data.get("tags") or [])))
        self.image = QComboBox()
        self.image.setEditable(True)
        # the site's media addresses are long: they must not widen the dialog or squeeze its labels
        self.image.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.image.setMinimumContentsLength(24)
        self.image.setEditText(str(data.get("featured_image") or ""))
        browse = QPushButton("Local Picture…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.image, 1)
        row.addWidget(browse)
        if form is None:
            form = QFormLayout(self)
            form.setContentsMargins(0, 0, 0, 0)
        else:
            self.hide()  # an empty holder: its fields are the dialog's
        form.addRow("Categories", self.categories)
        form.addRow("Tags", self.tags)
        form.addRow("Featured image", row)
        self._original = self.values()

    def set_site(self, site: str | None) -> None:
        from ...core.wordpress.links import WordPressLinks

        data = WordPressLinks(self.store.conn).site_data(site or "")
        lists = data.get("lists") or {}
        for field, kind in ((self.categories, "categories"), (self.tags, "tags")):
            completer = _ListCompleter(sorted(set(lists.get(kind, {}).values()), key=str.casefold), field)
            completer.setCaseSensitivity(Qt.CaseInsensitive)
            field.setCompleter(completer)
        current = self.image.currentText()
        self.image.clear()
        self.image.addItems(sorted(u for u in (data.get("media") or {}).values() if u))
        self.image.setEditText(current)

    def _browse(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.window(), "Featured image", "",
                                              "Pictures (*.png *.jpg *.jpeg *.gif *.webp)")
        if path:
            self.image.setEditText(path)

    def values(self) -> dict[str, Any]:
        split = lambda text: [t.strip() for t in text.split(",") if t.strip()]
        return {"categories": split(self.categories.text()), "tags": split(self.tags.text()),
                "featured_image": self.image.currentText().strip()}

    def apply(self) -> None:
        """Write changed fields into the draft (a new revision), before publishing."""
        values = self.values()
        changed = {k: v for k, v in values.items() if v != self._original[k]}
        if changed:
            self.store.drafts.set_fields(self.draft_id, **changed)
            self._original = values
