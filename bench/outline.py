"""What the window and the store ask of a draft's start, on every lint report
and every save: its first paragraph (the SEO snippet, on the GUI thread) and
its first level-one heading (a title). Medians over the hostile drafts of
bench/robustness.py at full size, the sample and a draft of 100,000 short
lines; each should stay far under a frame (16 ms).

    .venv/bin/python bench/outline.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from _util import ROOT, report, sample_markdown, timed

sys.path.insert(0, str(Path(ROOT) / "tests" / "gui"))

import crashkit  # noqa: E402

from deskeditor.core.markdown.outline import first_heading, first_paragraph  # noqa: E402


def main() -> None:
    drafts = dict(crashkit.hostile_drafts(1.0))
    drafts["the sample, 50 times over"] = sample_markdown() * 50
    drafts["100,000 short lines"] = "a\n" * 100_000
    for name, text in drafts.items():
        report(f"first paragraph: {name}", timed(lambda: first_paragraph(text), 15), "< 16 ms")
        report(f"first heading: {name}", timed(lambda: first_heading(text), 15))


if __name__ == "__main__":
    main()
