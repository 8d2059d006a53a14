"""A worker lane (``deskeditor.worker``) seen from the GUI thread.

``AnalysisJobs`` owns one ``Lane`` (one worker process) and turns what its
threads deliver into Qt signals on the GUI thread: ``finished(token, value)``,
``failed(token, message)``, ``gaveUp(token, reason, step)`` (the worker was
stopped or crashed during ``step``) and ``progress(token, seq, data)``.
``decode`` runs on the lane's reader thread for every answer, in order,
before it is handed over (the preview fills in the HTML it already holds).
The owner decides whether a token is stale, as it did with threads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from ...worker.lane import Answer, Lane, Progress


class AnalysisJobs(QObject):
    finished = Signal(object, object)  # token, value
    failed = Signal(object, str)  # token, one line
    gaveUp = Signal(object, str, object)  # token, reason, worker.lane.Step
    progress = Signal(object, int, object)  # token, job number, data
    _arrived = Signal(object)  # from the lane's threads

    def __init__(self, lane: str, parent: QObject | None = None,
                 decode: Callable[[Any], Any] | None = None) -> None:
        super().__init__(parent)
        self.decode = decode
        self._arrived.connect(self._dispatch)  # queued: the lane's threads are not Qt's
        self.name = lane
        self._lane: Lane | None = None  # made at the first job: the window paints before it loads
        self._closed = False

    @property
    def lane(self) -> Lane:
        if self._lane is None:
            from ...worker.lane import Lane

            self._lane = Lane(self.name, self._from_lane)
        return self._lane

    @property
    def busy(self) -> bool:
        return self._lane is not None and self._lane.busy

    def submit(self, token: Any, kind: str, payload: Any, text: str, shared: dict | None = None) -> int:
        return self.lane.submit(token, kind, payload, text, shared)

    def cancel(self, seq: int) -> None:
        self.lane.cancel(seq)

    def close(self) -> None:
        """Stop the worker; nothing is delivered after this, not even what was on its way."""
        self._closed = True
        if self._lane is not None:
            self._lane.close()

    def _from_lane(self, event: Answer | Progress) -> None:  # a lane thread
        if getattr(event, "status", None) == "done" and self.decode is not None:
            try:
                event.value = self.decode(event.value)
            except Exception as exc:  # never raised into the lane's thread
                event.status, event.value = "failed", f"{type(exc).__name__}: {exc}"
        self._arrived.emit(event)

    def _dispatch(self, event: Answer | Progress) -> None:
        if self._closed:
            return
        status = getattr(event, "status", None)
        if status is None:  # Progress
            self.progress.emit(event.token, event.seq, event.data)
        elif status == "done":
            self.finished.emit(event.token, event.value)
        elif status == "failed":
            self.failed.emit(event.token, event.value)
        else:
            self.gaveUp.emit(event.token, event.value, event.step)
