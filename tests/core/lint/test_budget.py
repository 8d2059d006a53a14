"""The budget's SIGALRM ticks and exceptions Python cannot raise (``__del__``):
a tick landing there is neither reported nor lost, and a tick never cuts short
the report of somebody else's exception."""

import sys
import time

import pytest

from deskeditor.core.lint.budget import Budget, GaveUp


def _spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


class _SlowDel:
    def __del__(self):
        _spin(0.05)  # long enough for several 1 ms ticks to land in here


class _FailingDel:
    def __del__(self):
        raise ValueError("broken __del__")


@pytest.fixture
def reported(monkeypatch):
    seen = []

    def hook(unraisable):
        seen.append(unraisable.exc_value)
        _spin(0.03)  # a report that takes a while, like pytest's formatting
        seen.append("done")

    monkeypatch.setattr(sys, "unraisablehook", hook)
    return seen


def test_a_stale_tick_landing_in_a_del_is_not_reported_and_raised_again(reported):
    with pytest.raises(GaveUp):
        with Budget(None, is_stale=lambda: True, poll_s=0.001):
            obj = _SlowDel()
            del obj
            _spin(1.0)
    assert not [e for e in reported if isinstance(e, GaveUp)]


def test_another_exception_in_a_del_is_reported_whole_while_ticks_run(reported):
    with pytest.raises(GaveUp):
        with Budget(None, is_stale=lambda: True, poll_s=0.001):
            for _ in range(5):
                obj = _FailingDel()
                del obj
            _spin(1.0)
    values = [e for e in reported if isinstance(e, ValueError)]
    assert values  # (a tick may stop the loop itself before all five: that is the budget working)
    assert reported.count("done") == len(values)  # no report was cut short by a tick
    assert not [e for e in reported if isinstance(e, GaveUp)]


def test_the_hook_that_was_there_is_back_after_the_budget(reported):
    before = sys.unraisablehook
    with Budget(5.0, poll_s=0.01):
        assert sys.unraisablehook is not before
    assert sys.unraisablehook is before
