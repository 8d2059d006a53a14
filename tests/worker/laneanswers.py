"""What a lane delivers, collected for the tests of tests/worker."""

from __future__ import annotations

import queue

from deskeditor.worker.lane import Answer


class Answers:
    """A lane's ``deliver``: every event in a queue; ``next()`` waits for the next answer."""

    def __init__(self, done_only: bool = False) -> None:
        self.q: queue.Queue = queue.Queue()
        self.done_only = done_only  # an answer that is not "done" fails the test at once

    def __call__(self, event) -> None:
        self.q.put(event)

    def next(self, timeout: float = 60.0) -> Answer:
        while True:
            event = self.q.get(timeout=timeout)
            if isinstance(event, Answer):
                assert not self.done_only or event.status == "done", event.value
                return event
