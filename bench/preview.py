"""Live preview speed: keystroke to preview patched, and the first load.

For a 2,000-word and a 20,000-word draft (made from the sample post), types
~50 characters into a paragraph in the middle of the draft, one keystroke at a
time, each through the real path: text change -> BlockRenderer.update ->
PreviewPane.show_blocks -> runJavaScript patch -> the page's JavaScript
callback (``patched``). Prints the median and 95th percentile per size, the
render/patch split, and the time to the first load (template ready; whole draft
shown). Targets: p95 <= 16 ms (2,000 words), <= 25 ms (20,000 words).

    QT_QPA_PLATFORM=offscreen PYTHONPATH=src .venv/bin/python bench/preview.py [--runs 3] [--keys 50]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6  # noqa: E402

from deskeditor.core.importers import read_document  # noqa: E402
from deskeditor.core.markdown.frontmatter import body_of  # noqa: E402
from deskeditor.core.citations.render import CitationRenderer as BlockRenderer  # noqa: E402  (as the preview)
from deskeditor.gui.preview import PreviewPane, configure_webengine_env  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "russia-ukraine-ceasefire.txt"
TARGETS = {2_000: 16.0, 20_000: 25.0}


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def draft(target_words: int) -> str:
    """The sample's body, repeated with numbered parts until it has ``target_words``."""
    body = body_of(read_document(SAMPLE).markdown).strip()
    parts = []
    n = 0
    while words("\n\n".join(parts)) < target_words:
        n += 1
        # number every block so that the copies are distinct blocks
        numbered = re.sub(r"(?m)^(?=\S)(.+)$", lambda m: f"{m.group(1)} ({n})", body)
        parts.append(numbered)
    text = "\n\n".join(parts)
    # trim whole paragraphs off the end down to about the target
    paras = text.split("\n\n")
    while len(paras) > 1 and words("\n\n".join(paras[:-1])) >= target_words:
        paras.pop()
    return "---\ntitle: Benchmark draft\n---\n\n" + "\n\n".join(paras) + "\n"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


class Waiter:
    """Runs the event loop until a signal fires (no fixed sleeps, no busy waiting)."""

    def __init__(self, app) -> None:
        self.app = app

    def until(self, signal, start=None, timeout: float = 60.0) -> float:
        """Call ``start``, wait for ``signal``; return the perf_counter time it fired at."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        fired = []

        def done(*_args):
            fired.append(time.perf_counter())
            loop.quit()

        signal.connect(done)
        try:
            if start is not None:
                start()
            if not fired:
                QTimer.singleShot(int(timeout * 1000), loop.quit)
                loop.exec()
            if not fired:
                raise TimeoutError("the preview did not answer")
            return fired[0]
        finally:
            signal.disconnect(done)


def pause(ms: int) -> None:
    """Let the event loop run for ``ms`` (the time between two keystrokes)."""
    if ms <= 0:
        return
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def one_run(app, text: str, keys: int, gap: int) -> dict:
    wait = Waiter(app)
    t0 = time.perf_counter()
    pane = PreviewPane()
    pane.resize(900, 1000)
    template_ms = (wait.until(pane.ready, start=pane.show) - t0) * 1000
    if pane.is_fallback():
        raise SystemExit(f"QtWebEngine did not start: {pane.fallback_reason()}")

    renderer = BlockRenderer()
    t1 = time.perf_counter()
    blocks = renderer.reset(text).blocks
    render_ms = (time.perf_counter() - t1) * 1000
    first_ms = (wait.until(pane.patched, start=lambda: pane.show_blocks(blocks)) - t1) * 1000

    # type at the end of a paragraph about 40% into the draft, preview scrolled there
    lines = text.split("\n")
    paras = [i for i, line in enumerate(lines) if len(line) > 200]
    row = paras[int(len(paras) * 0.4)]
    pane.scroll_to_line(row)
    for _ in range(3):  # let the scroll settle
        wait.until(pane.patched, start=lambda: pane.show_blocks(renderer.blocks))
    typed = " and the quick brown fox jumps over the lazy dog again"
    total, rendering, in_page = [], [], []
    for k in range(keys):
        pause(gap)
        lines[row] += typed[k % len(typed)]
        new_text = "\n".join(lines)
        t = time.perf_counter()
        result = renderer.update(new_text)
        r = time.perf_counter()
        done = wait.until(pane.patched, start=lambda: pane.show_blocks(result.blocks))
        total.append((done - t) * 1000)
        rendering.append((r - t) * 1000)
        in_page.append(pane._web.last_page_ms)
    pane.close()
    shiboken6.delete(pane)  # the page goes before the web profile does
    app.processEvents()
    return {
        "template_ms": template_ms,
        "render_all_ms": render_ms,
        "first_ms": first_ms,
        "blocks": len(blocks),
        "total": total,
        "render": rendering,
        "in_page": in_page,
    }


def report(size: int, text: str, runs: list[dict], target: float, label: str) -> bool:
    med = statistics.median
    total = [v for r in runs for v in r["total"]]
    render = [v for r in runs for v in r["render"]]
    in_page = [v for r in runs for v in r["in_page"]]
    patch = [t - r for t, r in zip(total, render)]
    p95 = pct(total, 95)
    print(
        f"  {label}: median {med(total):.2f} ms, p95 {p95:.2f} ms, max {max(total):.2f} ms"
        f"  (target p95 <= {target:.0f} ms: {'ok' if p95 <= target else 'MISSED'})\n"
        f"    BlockRenderer.update median {med(render):.2f} / p95 {pct(render, 95):.2f} ms;"
        f" patch round trip median {med(patch):.2f} / p95 {pct(patch, 95):.2f} ms"
        f" (in the page: median {med(in_page):.2f} / p95 {pct(in_page, 95):.2f} ms)"
    )
    return p95 <= target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keys", type=int, default=50)
    parser.add_argument("--gap", type=int, default=100, help="ms between keystrokes (typing rhythm)")
    args = parser.parse_args(argv)

    configure_webengine_env()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(
        f"deskeditor preview benchmark: {args.runs} runs x {args.keys} keystrokes per size,"
        f" {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    ok = True
    for size, target in TARGETS.items():
        text = draft(size)
        paced = [one_run(app, text, args.keys, args.gap) for _ in range(args.runs)]
        burst = [one_run(app, text, args.keys, 0) for _ in range(args.runs)]
        med = statistics.median
        print(f"\n{words(text):,} words, {paced[0]['blocks']} blocks, {len(text) / 1024:.0f} KiB Markdown")
        ok &= report(size, text, paced, target, f"keystroke -> preview patched, one key every {args.gap} ms")
        report(size, text, burst, target, "keystroke -> preview patched, keys back to back")
        print(
            f"  first load: page template ready {med([r['template_ms'] for r in paced]):.0f} ms"
            f" (first run {paced[0]['template_ms']:.0f} ms),"
            f" whole draft rendered + shown {med([r['first_ms'] for r in paced]):.0f} ms"
            f" (of which rendering {med([r['render_all_ms'] for r in paced]):.0f} ms)"
        )
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
