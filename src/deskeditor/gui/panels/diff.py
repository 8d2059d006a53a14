"""A side-by-side diff of two texts as an HTML table (for a QTextBrowser).

Pure: difflib on lines, then on characters within a changed pair of lines, so
a one-word edit in a long paragraph shows just that word. Unchanged stretches
longer than a few lines are folded into one "… n unchanged lines" row.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

_WORDS = re.compile(r"\w+|\s+|[^\w\s]")
CONTEXT = 2
MAX_INTRALINE = 4000  # characters; longer changed lines are marked whole


@dataclass(frozen=True)
class DiffStyle:
    added: str = "#e6f4ea"
    removed: str = "#fce8e6"
    added_strong: str = "#a8dab5"
    removed_strong: str = "#f4b4ae"
    muted: str = "#80868b"
    text: str = "#202124"


DARK = DiffStyle("#1f3d2a", "#4a2326", "#2f6b43", "#7d3036", "#8c8f94", "#dfe1e5")


def _esc(s: str) -> str:
    return html.escape(s).replace("  ", " &nbsp;") or "&nbsp;"


def _intraline(a: str, b: str, style: DiffStyle) -> tuple[str, str]:
    """Both lines with the changed words marked (word by word, not letter by letter)."""
    if len(a) + len(b) > MAX_INTRALINE:
        return _esc(a), _esc(b)
    ta, tb = _WORDS.findall(a), _WORDS.findall(b)
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    left, right = [], []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        sa, sb = "".join(ta[i1:i2]), "".join(tb[j1:j2])
        if tag == "equal":
            left.append(_esc(sa))
            right.append(_esc(sb))
            continue
        if sa:
            left.append(f'<span style="background:{style.removed_strong}">{_esc(sa)}</span>')
        if sb:
            right.append(f'<span style="background:{style.added_strong}">{_esc(sb)}</span>')
    return "".join(left), "".join(right)


def diff_stats(a: str, b: str) -> tuple[int, int]:
    """Lines added and removed going from ``a`` to ``b``."""
    added = removed = 0
    sm = difflib.SequenceMatcher(None, a.split("\n"), b.split("\n"), autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return added, removed


def side_by_side_html(a: str, b: str, left_title: str, right_title: str,
                      style: DiffStyle = DiffStyle()) -> str:
    """An HTML table: ``a`` on the left, ``b`` on the right, changes coloured."""
    al, bl = a.split("\n"), b.split("\n")
    sm = difflib.SequenceMatcher(None, al, bl, autojunk=False)
    rows: list[str] = []
    cell = 'width="50%" style="padding:2px 6px; vertical-align:top"'
    num = f'width="34" align="right" style="color:{style.muted}; padding:2px 4px; vertical-align:top"'

    def row(ln: str, lt: str, rn: str, rt: str, lbg: str = "", rbg: str = "") -> None:
        lb = f' bgcolor="{lbg}"' if lbg else ""
        rb = f' bgcolor="{rbg}"' if rbg else ""
        rows.append(f"<tr><td {num}>{ln}</td><td {cell}{lb}>{lt}</td>"
                    f"<td {num}>{rn}</td><td {cell}{rb}>{rt}</td></tr>")

    opcodes = sm.get_opcodes()
    if all(tag == "equal" for tag, *_ in opcodes):
        return (f'<p style="color:{style.muted}">No differences between {html.escape(left_title)} '
                f"and {html.escape(right_title)}.</p>")
    for k, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            n = i2 - i1
            head = CONTEXT if k > 0 else 0
            tail = CONTEXT if k < len(opcodes) - 1 else 0
            if n <= head + tail + 1:
                for d in range(n):
                    row(str(i1 + d + 1), _esc(al[i1 + d]), str(j1 + d + 1), _esc(bl[j1 + d]))
                continue
            for d in range(head):
                row(str(i1 + d + 1), _esc(al[i1 + d]), str(j1 + d + 1), _esc(bl[j1 + d]))
            hidden = n - head - tail
            rows.append(f'<tr><td></td><td colspan="3" style="color:{style.muted}; padding:4px 6px">'
                        f"… {hidden} unchanged line{'s' if hidden != 1 else ''}</td></tr>")
            for d in range(n - tail, n):
                row(str(i1 + d + 1), _esc(al[i1 + d]), str(j1 + d + 1), _esc(bl[j1 + d]))
            continue
        left, right = al[i1:i2], bl[j1:j2]
        for d in range(max(len(left), len(right))):
            lt = left[d] if d < len(left) else None
            rt = right[d] if d < len(right) else None
            if lt is not None and rt is not None:
                lh, rh = _intraline(lt, rt, style)
                row(str(i1 + d + 1), lh, str(j1 + d + 1), rh, style.removed, style.added)
            elif lt is not None:
                row(str(i1 + d + 1), _esc(lt), "", "", style.removed)
            else:
                row("", "", str(j1 + d + 1), _esc(rt), "", style.added)
    head = (f'<tr><th colspan="2" align="left" style="padding:4px 6px">{html.escape(left_title)}</th>'
            f'<th colspan="2" align="left" style="padding:4px 6px">{html.escape(right_title)}</th></tr>')
    return (f'<table width="100%" cellspacing="0" cellpadding="0" style="color:{style.text}">'
            f"{head}{''.join(rows)}</table>")
