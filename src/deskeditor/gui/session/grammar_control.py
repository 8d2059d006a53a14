"""The grammar checker as the open draft's session sees it: its server
started after the first paint, its state polled into one line, a long check's
progress, Cancel (which pauses grammar) and Check Now (which resumes it).

The checker itself (``jobs.grammar.GrammarHandle``) knows no Qt; this object
adds the timers and signals the status bar follows.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.lint.grammar.base import FIX_INSTALL
from ..jobs.grammar import GrammarHandle, load_grammar

IN_WINDOW_FIX = "use Tools › Install Grammar Checker…"


def in_window(line: str) -> str:
    """A state line with the window's way to install, not the command line's."""
    return line.replace(FIX_INSTALL, IN_WINDOW_FIX)

POLL_MS = 1500
CHECK_PROGRESS_MS = 250
OFF = "Grammar off"
CANCELLED = "Grammar check cancelled. Tools › Check Now (F7) checks again."


class GrammarControl(QObject):
    stateChanged = Signal(str, bool)  # one line for the status bar, and whether grammar is fine
    ready = Signal()  # the server became ready: checks made while it started lacked grammar
    progress = Signal(int, int)  # a long check under way: blocks answered, blocks it sends
    progressEnded = Signal()
    message = Signal(str, int)  # a line for the status bar, for so many ms

    def __init__(self, store, enabled: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.enabled = enabled
        self.handle: GrammarHandle | None = None
        self.problem = OFF
        self._state = ""
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self.poll)
        self._check = QTimer(self, interval=CHECK_PROGRESS_MS)
        self._check.timeout.connect(self._poll_check)

    @property
    def paused(self) -> bool:
        """A long check was cancelled: the automatic checks leave grammar out."""
        return self.handle is not None and self.handle.paused

    def start(self) -> None:
        if not self.enabled:
            self.stateChanged.emit(OFF, False)
            return
        self.handle, problem = load_grammar(self.store)
        if self.handle is None:
            self.problem = problem
            self.stateChanged.emit(problem, False)
            return
        self.handle.start()
        self.poll()
        self._poll.start()

    def restart(self) -> None:
        """LanguageTool was just installed: the old handle knew no install."""
        if not self.enabled:
            return
        if self.handle is not None:
            self.handle.stop()
            self.handle = None
        self._state = ""
        self.start()

    def poll(self) -> None:
        if self.handle is None:
            return
        line, ok = self.handle.describe()
        line = in_window(line)
        state = getattr(self.handle.server, "state", "")
        self.stateChanged.emit(line, ok)
        if state == "ready" and self._state != "ready":
            self.ready.emit()
        self._state = state

    def describe(self) -> tuple[str, str]:
        """(one line, the server's details) for Tools › Grammar Checker Status."""
        if self.handle is None:
            return self.problem, ""
        return in_window(self.handle.describe()[0]), in_window(self.handle.server.describe())

    def set_dictionary(self, words: list[str]) -> None:
        if self.handle is not None:
            self.handle.set_dictionary(words)

    def resume(self) -> None:
        """Check Now: grammar again, if a cancel paused it."""
        if self.paused:
            self.handle.resume()
            self.poll()

    # -- a long check: progress and Cancel ----------------------------------------
    def checking(self, on: bool) -> None:
        """A lint run started (True) or ended (False)."""
        if on and self.handle is not None:
            self._check.start()
        elif not on:
            self._check.stop()
            self.progressEnded.emit()

    def _poll_check(self) -> None:
        job = self.handle.current if self.handle is not None else None
        if job is None or job.cancelled:
            self.progressEnded.emit()
            return
        self.progress.emit(job.done(), job.total)

    def cancel_check(self) -> None:
        """Stop the long check under way; grammar pauses until Check Now."""
        if self.handle is None or not self.handle.cancel_check():
            return
        self.progressEnded.emit()
        self.poll()
        self.message.emit(CANCELLED, 8000)

    def halt(self) -> None:
        """The window closes: no more polling, and a long check stops before its next block."""
        self._poll.stop()
        self._check.stop()
        if self.handle is not None and self.handle.current is not None:
            self.handle.current.cancel()

    def stop(self) -> None:
        """Stop the server (idempotent), once the checks using it have ended."""
        self.halt()
        if self.handle is not None:
            self.handle.stop()
