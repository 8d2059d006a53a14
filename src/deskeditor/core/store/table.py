"""The store's one error type at its edge.

SQLite reports trouble as ``sqlite3.Error`` from any statement: a locked or
read-only file, a damaged page met halfway through a read, a full disk. The
front ends should catch one thing, ``StoreError`` (a ``DeskeditorError``),
whose message is one line fit to show as it is. ``Table`` gives every table
class that edge: each public method of a subclass turns ``sqlite3.Error`` into
``StoreError``; ``InputError`` and ``ConflictError`` pass through unchanged.
"""

from __future__ import annotations

import functools
import inspect
import sqlite3
from typing import Any, Callable, TypeVar

from ..errors import StoreError

F = TypeVar("F", bound=Callable[..., Any])


def store_error(exc: sqlite3.Error) -> StoreError:
    """``exc`` as a ``StoreError`` with one line that says what happened."""
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    low = detail.lower()
    if "locked" in low or "busy" in low:
        what = "the database is busy: another program holds it locked"
    elif "readonly" in low or "read-only" in low:
        what = "the database cannot be written: it is read-only"
    elif any(w in low for w in ("malformed", "not a database", "corrupt", "could not decode")):
        what = "the database file is damaged (restore a backup: deskeditor backups list)"
    elif "disk" in low and "full" in low:
        what = "the database cannot be written: the disk is full"
    else:
        what = "the database failed"
    return StoreError(f"{what} ({detail})")


def guarded(fn: F) -> F:
    """``fn`` with ``sqlite3.Error`` raised as ``StoreError``."""

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except sqlite3.Error as exc:
            raise store_error(exc) from None

    return call  # type: ignore[return-value]


class Table:
    """Access to one table through the store's connection. Every public method
    of a subclass is ``guarded`` when the class is made, so a method added
    later cannot forget it. (A method must return its rows, not yield them:
    a generator's statements run after the guard has returned.)"""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if not name.startswith("_") and inspect.isfunction(value):
                setattr(cls, name, guarded(value))
