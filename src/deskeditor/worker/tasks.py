"""The tasks lane: an export or a WordPress publication, gate included.

The Export and Publish dialogs send one job each; it runs on the worker's
main thread with its own connection to the store, so the gate's lint keeps
its budgets (``core.lint.budget``) and a hostile draft never holds the
window's GIL. The answer is a ``TaskOutcome``: the result, the gate that
blocked (which the dialog lists), or one line saying why it failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from .child import Job


@dataclass(frozen=True)
class TaskRequest:
    store_path: str | None
    draft_id: int
    params: dict[str, Any]
    force: bool


@dataclass
class TaskOutcome:
    status: str  # "done" (value: the result), "blocked" (value: the GateResult), "error" (value: one line)
    value: Any


def image_folder(store: Any, draft_id: int) -> Path | None:
    """Where the draft's pasted and dropped images are (``core.media``): the
    exports may copy pictures from there."""
    from ..core import media
    from ..core.errors import DeskeditorError

    try:
        folder = media.placement(store, draft_id).folder
    except DeskeditorError:
        return None
    return folder if folder.is_dir() else None


def export(store: Any, request: TaskRequest, progress: Callable[[str], None]) -> Any:
    from ..core.export.service import Options, export_draft

    progress("Checking the draft and exporting…")
    params = request.params
    opts = Options(force=request.force or params["replace"], base_dir=image_folder(store, request.draft_id))
    return export_draft(store, request.draft_id, params["fmt"], params["target"], options=opts)


def publish(store: Any, request: TaskRequest, progress: Callable[[str], None]) -> Any:
    from ..core.wordpress.sync import publish_draft  # merges the site's edits, never overwrites them

    params = request.params
    return publish_draft(store, request.draft_id, params["site"], status=params["status"], force=request.force,
                         at=params.get("at", "") if params["status"] == "future" else "", progress=progress,
                         base_dir=image_folder(store, request.draft_id))


def run(work: Callable[[Any, TaskRequest, Callable[[str], None]], Any], request: TaskRequest,
        progress: Callable[[str], None]) -> TaskOutcome:
    """``work`` with a store of its own; what a writer must read comes back as an outcome."""
    from ..core.errors import DeskeditorError
    from ..core.export.service import Blocked
    from ..core.store import Store

    try:
        store = Store.open(request.store_path, check=False)
    except DeskeditorError as exc:
        return TaskOutcome("error", str(exc))
    try:
        return TaskOutcome("done", work(store, request, progress))
    except Blocked as exc:
        return TaskOutcome("blocked", exc.gate)
    except DeskeditorError as exc:
        return TaskOutcome("error", str(exc))
    finally:
        store.close()


def _handler(work):
    def handle(job: Job, request: TaskRequest, _text: str) -> TaskOutcome:
        job.step([work.__name__], "", None)  # network and disk: no hard budget; the lint inside keeps its own
        return run(work, request, job.progress)

    return handle


HANDLERS = {"export": _handler(export), "publish": _handler(publish)}
