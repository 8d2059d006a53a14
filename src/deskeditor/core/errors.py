"""Errors the core raises for the front ends to report.

Core code never prints or shows dialogs; it raises one of these with a message
fit to show a user as it is, in one line. The CLI prints it to stderr and exits
2; the window shows it in the status bar or a dialog.
"""


class DeskeditorError(Exception):
    """Base class: ``str(error)`` is a complete, one-line message for the user."""


class InputError(DeskeditorError):
    """Bad input: a missing, binary, oversized or malformed file; bad usage."""


class StoreError(DeskeditorError):
    """The database cannot be opened, read or written."""


class ConflictError(StoreError):
    """A draft was changed elsewhere since it was loaded (lost-update guard)."""


class ExportError(DeskeditorError):
    """An export or publication failed (unwritable folder, gate closed, ...)."""


def positive_int(text: str | int, message: str) -> int:
    """``text`` as a whole number of 1 or more, or ``InputError(message)``
    (a draft id, a mark number: what a user types on the command line)."""
    try:
        value = int(text)
    except (TypeError, ValueError):
        raise InputError(message) from None
    if value < 1:
        raise InputError(message)
    return value
