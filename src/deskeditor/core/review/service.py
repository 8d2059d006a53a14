"""The review of a stored draft: its marks with who made them, accept/reject as
revisions, and the draft → in review → approved workflow.

Who suggested a change, and when, is kept beside the text in a per-draft table
(the ``review.authors.<id>`` setting: kind, text, replacement, author, time),
so the Markdown stays plain CriticMarkup that pymdownx.critic and
MultiMarkdown read; a comment also names its author with a leading ``@name``.
Every review action is a revision whose note says what was done and by whom,
so the history is the review's log.
"""

from __future__ import annotations

import getpass
from datetime import datetime, timezone
from typing import Any

from ..errors import InputError, positive_int
from ..markdown import frontmatter
from . import marks as critic

IN_REVIEW, APPROVED = "review", "ready"  # "ready" is the store's status for an approved draft
_FLOW = {"review": ("draft", IN_REVIEW), "approve": (IN_REVIEW, APPROVED), "reopen": (None, "draft")}


def reviewer() -> str:
    """The name marks are signed with when none is given: the login name."""
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers): stay anonymous rather than fail
        return "editor"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _key(draft_id: int) -> str:
    return f"review.authors.{draft_id}"


def signature(mark: critic.Mark) -> tuple[str, str, str]:
    """What a mark is recognised by in the table of mark authors: its kind, its
    text and its replacement (a comment's: its first comment)."""
    return (mark.kind, mark.text, mark.replacement or mark.comment)


def record_author(store: Any, draft_id: int, mark: critic.Mark, author: str, *, when: str = "") -> None:
    """Remember who made ``mark`` (and when: now, unless given) in the draft's table of mark authors."""
    sig = list(signature(mark))
    rows = [r for r in store.settings.get(_key(draft_id), []) if r[:3] != sig]
    rows.append(sig + [author, when or _now()])
    store.settings.set(_key(draft_id), rows[-500:])


def author_rows(store: Any, draft_id: int, text: str) -> list[list[str]]:
    """The rows of the draft's table of mark authors for the marks ``text`` has
    (kind, text, replacement, author, time): what goes with the text elsewhere."""
    present = {signature(m) for m in critic.find_marks(text)}
    return [list(r) for r in store.settings.get(_key(draft_id), []) if tuple(r[:3]) in present]


def add_author_rows(store: Any, draft_id: int, rows: list[list[str]]) -> None:
    """Rows of another copy's table of mark authors (``author_rows``), taken into
    this draft's: they win over the rows it has for the same marks."""
    if not rows:
        return
    sigs = {tuple(r[:3]) for r in rows}
    kept = [r for r in store.settings.get(_key(draft_id), []) if tuple(r[:3]) not in sigs]
    store.settings.set(_key(draft_id), (kept + [list(r) for r in rows])[-500:])


def authors(store: Any, draft_id: int) -> dict[tuple[str, str, str], tuple[str, str]]:
    """The draft's table of mark authors: signature -> (author, time)."""
    return {tuple(r[:3]): (r[3], r[4]) for r in store.settings.get(_key(draft_id), [])}


def list_marks(store: Any, draft_id: int, text: str | None = None) -> list[dict[str, Any]]:
    """Every mark of the draft, in order, as dicts with ``n`` (1-based), ``time``
    and ``author`` (a comment's ``@name``, else the table's)."""
    body = store.drafts.get(draft_id).body if text is None else text
    table = authors(store, draft_id)
    out = []
    for n, mark in enumerate(critic.find_marks(body), 1):
        row = mark.to_dict()
        who, when = table.get(signature(mark), ("", ""))
        row.update(n=n, author=mark.author or who, time=when)
        out.append(row)
    return out


def _which(arg: str | int | None) -> int | None:
    if arg is None or arg == "all":
        return None
    is_number = str(arg).strip().lstrip("+-").isdigit()  # a number below 1 needs no hint
    hint = "" if is_number else " (a number from `deskeditor review ID`, or all)"
    return positive_int(arg, f"not a mark number: {arg!r}{hint}") - 1


def apply(store: Any, draft_id: int, action: str, which: str | int | None, *, who: str = "",
          expected_version: int | None = None) -> Any:
    """Accept or reject mark ``which`` (1-based, or "all") and save the result
    as a new revision. Returns the saved draft."""
    if action not in ("accept", "reject"):
        raise InputError(f"unknown review action {action!r} (accept or reject)")
    draft = store.drafts.get(draft_id)
    marks = critic.find_marks(draft.body)
    if not marks:
        raise InputError(f"draft {draft_id} has no suggestions or comments")
    index = _which(which)
    fn = critic.accept if action == "accept" else critic.reject
    try:
        text = fn(draft.body, index)
    except IndexError as exc:
        raise InputError(str(exc)) from None
    what = f"all {len(marks)} marks" if index is None else f"mark {index + 1} ({marks[index].kind})"
    note = f"review: {action}ed {what} by {who or reviewer()}"
    return store.drafts.save(draft_id, text, note=note, expected_version=expected_version)


def move(store: Any, draft_id: int, step: str, *, who: str = "") -> Any:
    """The workflow: ``review`` (draft → in review), ``approve`` (in review →
    approved; refused while suggestions or comments are open) or ``reopen``
    (back to draft). The revision's note records who and when."""
    if step not in _FLOW:
        raise InputError(f"unknown review step {step!r} (review, approve or reopen)")
    draft = store.drafts.get(draft_id)
    source, target = _FLOW[step]
    if source is not None and draft.status != source:
        raise InputError(f"draft {draft_id} is {draft.status!r}, not {source!r}: cannot {step} it")
    if step == "approve" and any(critic.pending(critic.find_marks(draft.body))):
        s, c = critic.pending(critic.find_marks(draft.body))
        raise InputError(f"draft {draft_id} still has {s} suggestion(s) and {c} comment(s): "
                         "accept or reject them first")
    body = frontmatter.with_fields(draft.body, status=target)
    note = f"status: {draft.status} -> {target} by {who or reviewer()} at {_now()}"
    return store.drafts.save(draft_id, body, note=note)
