"""The live preview: a real QtWebEngine page, offscreen, patched block by block.

The page script lives in the ApplicationWorld (WORLD); what a draft could do
happens in the main world (0).
"""

from __future__ import annotations

import http.server
import sys
import json
import os
import signal
import threading

import pytest
from PySide6.QtCore import QObject, QPoint, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QPalette, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from deskeditor.core.markdown.render import Block, BlockRenderer, render_blocks
from deskeditor.gui.preview import PreviewPane
from deskeditor.gui.preview.env import chromium_flags
from deskeditor.gui.preview.patches import PageMirror, page_keys, shown
from deskeditor.gui.preview.policy import should_block
from deskeditor.gui.preview.template import content_security_policy, page_html

WORLD = 1  # QWebEngineScript.ApplicationWorld, where patch.js runs
BLOCKS = "#de-root > .de-block"
TIMEOUT = 20_000


def paragraphs(n: int, words: int = 12) -> str:
    """n distinct paragraphs, one source line each, separated by blank lines."""
    filler = " ".join(["lorem", "ipsum", "dolor", "sit", "amet"] * (words // 5 + 1))
    return "\n\n".join(f"Paragraph {i} {' '.join(filler.split()[:words])}." for i in range(n)) + "\n"


def show(qtbot, pane, blocks) -> None:
    with qtbot.waitSignal(pane.patched, timeout=TIMEOUT):
        pane.show_blocks(blocks)


def block_state(run_js, page):
    return json.loads(
        run_js(
            page,
            f"""JSON.stringify(Array.from(document.querySelectorAll('{BLOCKS}')).map(el => ({{
                key: el.dataset.block, line: +el.dataset.line, text: el.textContent.trim()}})))""",
            WORLD,
        )
    )


def rect(run_js, page, selector: str) -> dict:
    return json.loads(
        run_js(page, f"JSON.stringify(document.querySelector({selector!r}).getBoundingClientRect())", WORLD)
    )


def top_line(run_js, page) -> int:
    return int(run_js(page, "window.__de.topLine()", WORLD))


def click(pane, x: float, y: float) -> None:
    """A real mouse click, through Qt, on the web view."""
    target = pane._web.focusProxy() or pane._web
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(x), int(y)))


def wheel(pane, dy: int) -> None:
    target = pane._web.focusProxy() or pane._web
    pos = QPointF(200, 200)
    event = QWheelEvent(
        pos, QPointF(target.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, dy),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )
    QApplication.sendEvent(target, event)


@pytest.fixture
def pane(qtbot):
    p = PreviewPane()
    p.resize(800, 600)
    qtbot.addWidget(p)
    assert not p.is_fallback(), p.fallback_reason()
    with qtbot.waitSignal(p.ready, timeout=TIMEOUT):
        p.show()
    return p


class LinkCatcher(QObject):
    """Stands in for the system browser through QDesktopServices' own URL handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def browser():
    catcher = LinkCatcher()
    for scheme in ("http", "https", "mailto"):
        QDesktopServices.setUrlHandler(scheme, catcher, "handle")
    yield catcher
    for scheme in ("http", "https", "mailto"):
        QDesktopServices.unsetUrlHandler(scheme)


# ---- the patch protocol, without Qt --------------------------------------------


def test_mirror_sends_html_only_for_blocks_the_page_lacks():
    renderer = BlockRenderer()
    text = paragraphs(40)
    mirror = PageMirror()
    first = mirror.next_patch(renderer.reset(text).blocks)
    assert first.final and len(first.html) == 40 and len(first.keys) == 40
    assert mirror.next_patch(renderer.blocks) is None  # nothing changed

    lines = text.split("\n")
    lines[20] += " typed"  # paragraph 10
    blocks = renderer.update("\n".join(lines)).blocks
    patch = mirror.next_patch(blocks)
    assert list(patch.html) == [blocks[10].key]
    assert patch.keys == [b.key for b in blocks]
    assert "typed" in patch.html[blocks[10].key]

    lines[0:0] = ["A new first paragraph.", ""]  # shifts every block by two lines
    blocks = renderer.update("\n".join(lines)).blocks
    patch = mirror.next_patch(blocks)
    assert list(patch.html) == [blocks[0].key]
    assert patch.starts == [b.start for b in blocks]


def test_mirror_splits_a_large_first_load_into_consistent_chunks():
    blocks = render_blocks(paragraphs(300, words=40)).blocks
    budget = 6000
    mirror = PageMirror()
    patches = []
    while (patch := mirror.next_patch(blocks, budget)) is not None:
        patches.append(patch)
        assert len(patches) < 1000
    final_keys = page_keys(shown(blocks))
    assert len(patches) > 10
    assert [p.final for p in patches] == [False] * (len(patches) - 1) + [True]
    assert patches[-1].keys == final_keys
    sent = set()
    for p in patches:
        assert sum(map(len, p.html.values())) <= budget
        position = {k: i for i, k in enumerate(final_keys)}
        assert [position[k] for k in p.keys] == sorted(position[k] for k in p.keys)  # a subsequence
        assert not sent & set(p.html)  # no block is sent twice
        sent |= set(p.html)
    assert sent == set(final_keys)


def test_mirror_handles_equal_blocks_and_changed_html_under_one_key():
    mirror = PageMirror()
    same = render_blocks("Same text.\n\nSame text.\n").blocks
    assert same[0].key == same[1].key
    patch = mirror.next_patch(same)
    assert patch.keys == [same[0].key] * 2 and len(patch.html) == 1
    three = render_blocks("Same text.\n\nSame text.\n\nSame text.\n").blocks
    assert mirror.next_patch(three).html  # a third copy needs the HTML again
    # the same key rendering differently (e.g. a footnote renumbered) is sent again
    b = three[0]
    changed = [Block(b.start, b.end, b.key, b.html.replace("Same", "Other"), b.kind)] + three[1:]
    patch = mirror.next_patch(changed)
    assert patch.html and "Other" in "".join(patch.html.values())
    assert len(set(patch.keys)) == 2  # the differing copies do not share a page key


def test_policy_rules():
    csp = content_security_policy(False)
    assert "script-src 'none'" in csp and "connect-src 'none'" in csp
    assert "http:" not in csp and "img-src 'self' data: file:" in csp
    assert "img-src 'self' data: file: http: https:" in content_security_policy(True)
    html = page_html(allow_remote_images=False, dark=True)
    assert "{{" not in html.split("<style>", 1)[0] and 'class="dark"' in html
    assert content_security_policy(False) in html
    assert should_block("https", True, False) and should_block("HTTP", True, False)
    assert not should_block("https", True, True)
    assert should_block("https", False, True)  # only images, even with consent
    assert should_block("wss", False, True)
    assert not should_block("file", False, False) and not should_block("data", True, False)
    assert chromium_flags("--foo", root=True) == "--foo --no-sandbox"
    assert chromium_flags("--no-sandbox", root=True) == "--no-sandbox"
    assert chromium_flags("--foo", root=False) == "--foo"


# ---- the page ----------------------------------------------------------------------


def test_typing_replaces_only_the_changed_block_without_reloading(qtbot, pane, run_js):
    renderer = BlockRenderer()
    text = paragraphs(30)
    show(qtbot, pane, renderer.reset(text).blocks)
    page = pane.web_page()
    loads: list[int] = []
    page.loadStarted.connect(lambda: loads.append(1))
    tagged = run_js(
        page,
        f"""window.__before = Array.from(document.querySelectorAll('{BLOCKS}'));
            window.__before.forEach((el, i) => {{ el.__tag = i; }});
            window.__before.length""",
        WORLD,
    )
    assert tagged == 30

    lines = text.split("\n")
    lines[20] += " typed"  # paragraph 10
    show(qtbot, pane, renderer.update("\n".join(lines)).blocks)
    state = json.loads(
        run_js(
            page,
            f"""JSON.stringify({{
                now: Array.from(document.querySelectorAll('{BLOCKS}')).map(el => el.__tag ?? null),
                gone: window.__before.filter(el => !el.isConnected).map(el => el.__tag)}})""",
            WORLD,
        )
    )
    assert state["now"] == list(range(10)) + [None] + list(range(11, 30))
    assert state["gone"] == [10]
    assert block_state(run_js, page)[10]["text"].endswith("typed")

    # a paragraph inserted at the top: nothing else is re-created, lines shift
    lines[0:0] = ["A new first paragraph.", ""]
    blocks = renderer.update("\n".join(lines)).blocks
    show(qtbot, pane, blocks)
    now = json.loads(
        run_js(page, f"JSON.stringify(Array.from(document.querySelectorAll('{BLOCKS}')).map(el => el.__tag ?? null))", WORLD)
    )
    assert now == [None] + list(range(10)) + [None] + list(range(11, 30))
    state = block_state(run_js, page)
    assert [s["line"] for s in state] == [b.start for b in blocks]
    assert [s["key"] for s in state] == [b.key for b in blocks]
    assert state[0]["text"] == "A new first paragraph."

    # and removed again
    del lines[0:2]
    blocks = renderer.update("\n".join(lines)).blocks
    show(qtbot, pane, blocks)
    assert [s["line"] for s in block_state(run_js, page)] == [b.start for b in blocks]
    assert loads == []


def test_equal_blocks_each_get_an_element(qtbot, pane, run_js):
    show(qtbot, pane, render_blocks("Same.\n\nOther.\n\nSame.\n").blocks)
    assert [s["text"] for s in block_state(run_js, pane.web_page())] == ["Same.", "Other.", "Same."]
    show(qtbot, pane, render_blocks("Same.\n\nSame.\n").blocks)
    assert [s["line"] for s in block_state(run_js, pane.web_page())] == [0, 2]


def test_scroll_position_survives_patches_above_the_viewport(qtbot, pane, run_js):
    renderer = BlockRenderer()
    text = paragraphs(150, words=30)
    blocks = renderer.reset(text).blocks
    show(qtbot, pane, blocks)
    page = pane.web_page()
    line = blocks[80].start
    pane.scroll_to_line(line)
    qtbot.waitUntil(lambda: top_line(run_js, page) == line, timeout=TIMEOUT)
    anchor = f'[data-block="{blocks[80].key}"]'
    before = rect(run_js, page, anchor)["top"]
    y_before = run_js(page, "window.scrollY", WORLD)

    lines = text.split("\n")
    lines[40] += " and it grows" * 80  # paragraph 20, far above the viewport, gets much taller
    lines[10:10] = ["Inserted paragraph.", ""]  # and two lines more above
    with qtbot.assertNotEmitted(pane.scrolledToLine, wait=400):
        show(qtbot, pane, renderer.update("\n".join(lines)).blocks)
    assert abs(rect(run_js, page, anchor)["top"] - before) < 1
    assert run_js(page, "window.scrollY", WORLD) > y_before + 100  # the page did grow above
    assert top_line(run_js, page) == line + 2

    # typing in the paragraph at the top of the view: its top stays put, it grows downwards
    top_block = renderer.blocks[81]
    assert top_block.start == line + 2
    before = rect(run_js, page, f'[data-block="{top_block.key}"]')["top"]
    y_before = run_js(page, "window.scrollY", WORLD)
    lines[top_block.start] += " typed" * 100
    blocks = renderer.update("\n".join(lines)).blocks
    show(qtbot, pane, blocks)
    assert blocks[81].key != top_block.key
    assert abs(rect(run_js, page, f'[data-block="{blocks[81].key}"]')["top"] - before) < 1
    assert run_js(page, "window.scrollY", WORLD) == y_before


def test_scroll_sync_both_ways_without_echo(qtbot, pane, run_js):
    blocks = render_blocks(paragraphs(150, words=30)).blocks
    show(qtbot, pane, blocks)
    page = pane.web_page()

    # editor -> preview: far (instant) and near (smooth); no scrolledToLine comes back
    with qtbot.assertNotEmitted(pane.scrolledToLine, wait=500):
        pane.scroll_to_line(200)
        qtbot.waitUntil(lambda: top_line(run_js, page) == 200, timeout=TIMEOUT)
        pane.scroll_to_line(206)
        qtbot.waitUntil(lambda: top_line(run_js, page) == 206, timeout=TIMEOUT)
    # a line inside the blank lines between blocks lands on the block start or just before it
    pane.scroll_to_line(1)
    qtbot.waitUntil(lambda: run_js(page, "window.scrollY", WORLD) < 200, timeout=TIMEOUT)

    # preview -> editor: the user's wheel scroll is reported once it settles
    reports: list[int] = []
    pane.scrolledToLine.connect(reports.append)
    wheel(pane, -120 * 10)
    qtbot.waitUntil(lambda: bool(reports) and reports[-1] > 2 and reports[-1] == top_line(run_js, page), timeout=TIMEOUT)

    # the editor following the preview calls back at once: that echo is ignored
    here = reports[-1]
    pane.scroll_to_line(here + 40)
    with qtbot.assertNotEmitted(pane.scrolledToLine, wait=300):
        pass
    assert top_line(run_js, page) == here

    # a scroll started in the page itself (not by us) is reported too
    with qtbot.waitSignal(pane.scrolledToLine, timeout=TIMEOUT) as reported:
        run_js(page, "window.scrollTo(0, window.scrollY + 3000); 1", 0)  # below where the wheel left it
    assert reported.args[0] == top_line(run_js, page) > here


def test_clicking_text_reports_its_source_line(qtbot, pane, run_js):
    md = "# Title\n\nFirst paragraph.\n\n- one\n- two\n- three\n\n> quoted\n"
    show(qtbot, pane, render_blocks(md).blocks)
    page = pane.web_page()
    for selector, line in [("h1", 0), ("p", 2), ("li:nth-child(3)", 6), ("blockquote p", 8)]:
        r = rect(run_js, page, selector)
        with qtbot.waitSignal(pane.lineClicked, timeout=TIMEOUT) as clicked:
            click(pane, r["left"] + 5, r["top"] + r["height"] / 2)
        assert clicked.args == [line], selector


def test_a_clicked_link_opens_the_system_browser_and_the_page_stays(qtbot, pane, run_js, browser):
    md = "# Title\n\nSee [the site](https://example.com/page) or [top](#title).\n\n" + paragraphs(60, 30)
    show(qtbot, pane, render_blocks(md).blocks)
    page = pane.web_page()
    url = page.url()
    loads: list[int] = []
    page.loadStarted.connect(lambda: loads.append(1))
    blocked: list[QUrl] = []
    page.navigationBlocked.connect(blocked.append)

    r = rect(run_js, page, 'a[href^="https"]')
    with qtbot.assertNotEmitted(pane.lineClicked, wait=200):
        click(pane, r["left"] + 3, r["top"] + r["height"] / 2)
        qtbot.waitUntil(lambda: browser.urls == ["https://example.com/page"], timeout=TIMEOUT)
    assert page.url() == url and loads == [] and blocked == []
    assert len(block_state(run_js, page)) == 62

    # an in-page link scrolls, it does not navigate
    run_js(page, "window.scrollTo(0, 3000); 1", 0)
    qtbot.waitUntil(lambda: run_js(page, "window.scrollY", WORLD) >= 2999, timeout=TIMEOUT)
    run_js(page, "document.querySelector('a[href=\"#title\"]').scrollIntoView(); 1", WORLD)
    r = rect(run_js, page, 'a[href="#title"]')
    assert rect(run_js, page, "h1")["top"] < -20
    click(pane, r["left"] + 3, r["top"] + r["height"] / 2)
    qtbot.waitUntil(lambda: abs(rect(run_js, page, "h1")["top"]) < 2, timeout=TIMEOUT)
    assert page.url() == url and loads == [] and browser.urls == ["https://example.com/page"]


def test_navigation_by_script_is_refused(qtbot, pane, run_js, browser, tmp_path):
    show(qtbot, pane, render_blocks("Some text.\n").blocks)
    page = pane.web_page()
    url = page.url()
    away = tmp_path / "away.html"
    away.write_text("<p>away</p>", encoding="utf-8")
    away_url = QUrl.fromLocalFile(str(away)).toString()
    for target in ("https://example.com/away", away_url):  # remote, and local (which would load)
        with qtbot.waitSignal(page.navigationBlocked, timeout=TIMEOUT) as blocked:
            run_js(page, f"window.location.href = {target!r}; 1", 0)
        assert blocked.args[0].toString() == target
    # a synthetic (untrusted) click on a link neither navigates nor opens anything
    show(qtbot, pane, render_blocks("[go](https://example.com/click)\n").blocks)
    run_js(page, "document.querySelector('a').click(); 1", 0)
    assert run_js(page, "String(window.open('https://example.com/popup'))", 0) == "null"
    show(qtbot, pane, render_blocks("Still here.\n").blocks)  # the page still takes patches
    assert [s["text"] for s in block_state(run_js, page)] == ["Still here."]
    assert page.url() == url
    assert browser.urls == []


def test_no_script_from_a_draft_runs(qtbot, pane, run_js):
    page = pane.web_page()
    run_js(
        page,
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => __violations.push(e.effectiveDirective)); 1",
        WORLD,
    )
    # HTML that skipped the sanitizer, straight into the page: only the CSP stands in the way
    raw = (
        '<p>raw</p><img src="data:," onerror="window.__pwned = 1; document.title = \'pwned\'">'
        "<script>window.__pwned = 2</script>"
    )
    hostile = [Block(0, 1, "raw", raw, "html_block")]
    # and what the Markdown pipeline makes of the same tricks
    hostile += render_blocks(
        '\n\n<img src="data:," onerror="window.__pwned = 3">\n\n<script>window.__pwned = 4</script>\n\n'
        "[x](javascript:window.__pwned=5)\n",
        line_offset=2,
    ).blocks
    show(qtbot, pane, hostile)
    qtbot.waitUntil(lambda: run_js(page, "__violations.length", WORLD) >= 1, timeout=TIMEOUT)
    assert "script-src-attr" in json.loads(run_js(page, "JSON.stringify(__violations)", WORLD))
    assert run_js(page, "typeof window.__pwned", 0) == "undefined"
    assert page.title() != "pwned"
    # (the raw block's <script> sits inert in the DOM; the pipeline's never gets there)
    assert run_js(page, "document.querySelectorAll('.de-block:not([data-block=raw]) script').length", 0) == 0


class _Images(http.server.BaseHTTPRequestHandler):
    PNG = bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
        "0000000d49444154789c6360000002000154a24f5f0000000049454e44ae426082"
    )
    hits: list[str]

    def do_GET(self):  # noqa: N802
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.PNG)))
        self.end_headers()
        self.wfile.write(self.PNG)

    def log_message(self, *args):
        pass


@pytest.fixture
def image_server():
    hits: list[str] = []
    handler = type("Handler", (_Images,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def image_state(run_js, page, name: str):
    return json.loads(
        run_js(
            page,
            f"""JSON.stringify(Array.from(document.images).filter(i => i.src.endsWith('/{name}'))
                 .map(i => ({{complete: i.complete, width: i.naturalWidth}})))""",
            WORLD,
        )
    )


def test_remote_images_load_only_after_consent(qtbot, pane, run_js, image_server):
    base, hits = image_server
    page = pane.web_page()
    show(qtbot, pane, render_blocks(f"Text.\n\n![a]({base}/a.png)\n").blocks)
    # the image has given up (blocked) before we look at the server
    qtbot.waitUntil(lambda: image_state(run_js, page, "a.png") == [{"complete": True, "width": 0}], timeout=TIMEOUT)
    assert hits == []
    qtbot.waitUntil(lambda: pane._remote_bar.isVisible(), timeout=TIMEOUT)

    with qtbot.waitSignals([pane.ready, pane.remoteImagesAllowedChanged], timeout=TIMEOUT):
        QTest.mouseClick(pane._allow_button, Qt.MouseButton.LeftButton)
    assert pane.remote_images_allowed() and not pane._remote_bar.isVisible()
    qtbot.waitUntil(lambda: "/a.png" in hits, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: image_state(run_js, page, "a.png") == [{"complete": True, "width": 1}], timeout=TIMEOUT)

    # below the CSP, the request interceptor blocks on its own when consent is withdrawn
    page.guard.allow_remote_images = False
    with qtbot.waitSignal(page.guard.blocked, timeout=TIMEOUT) as blocked:
        show(qtbot, pane, render_blocks(f"![b]({base}/b.png)\n").blocks)
    assert blocked.args[0].toString().endswith("/b.png")
    qtbot.waitUntil(lambda: image_state(run_js, page, "b.png") == [{"complete": True, "width": 0}], timeout=TIMEOUT)
    assert "/b.png" not in hits


def test_dark_and_light_follow_the_palette_or_the_caller(qtbot, pane, run_js):
    page = pane.web_page()
    show(qtbot, pane, render_blocks("Text.\n").blocks)

    def theme():
        return json.loads(
            run_js(
                page,
                "JSON.stringify([document.documentElement.className, getComputedStyle(document.documentElement).backgroundColor])",
                WORLD,
            )
        )

    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    pane.setPalette(dark)  # dark=None: the palette decides
    qtbot.waitUntil(lambda: theme() == ["dark", "rgb(23, 25, 28)"], timeout=TIMEOUT)
    pane.set_dark(False)
    qtbot.waitUntil(lambda: theme() == ["light", "rgb(252, 252, 250)"], timeout=TIMEOUT)
    pane.set_dark(True)
    qtbot.waitUntil(lambda: theme()[0] == "dark", timeout=TIMEOUT)


def test_a_large_draft_loads_in_chunks(qtbot, pane, run_js):
    text = paragraphs(3000, words=100)  # about 1.7 MB of Markdown, more HTML
    blocks = render_blocks(text).blocks
    assert sum(len(b.html) for b in blocks) > 1_400_000  # more than setHtml could take
    seq = pane._web._mirror.seq
    pane.show_blocks(blocks)
    # a keystroke while the load is still going: the page ends with the latest text
    lines = text.split("\n")
    lines[2 * 2400] = "Paragraph 2400 changed while loading."
    latest = render_blocks("\n".join(lines)).blocks
    with qtbot.waitSignal(pane.patched, timeout=60_000):
        pane.show_blocks(latest)
    assert pane._web._mirror.seq - seq > 5
    count = run_js(pane.web_page(), f"document.querySelectorAll('{BLOCKS}').length", WORLD)
    assert count == 3000
    keys = json.loads(
        run_js(pane.web_page(), f"JSON.stringify(Array.from(document.querySelectorAll('{BLOCKS}'), e => e.dataset.block))", WORLD)
    )
    assert keys == [b.key for b in latest]
    text_2400 = run_js(pane.web_page(), f"document.querySelectorAll('{BLOCKS}')[2400].textContent.trim()", WORLD)
    assert text_2400 == "Paragraph 2400 changed while loading."


# ---- the fallback ----------------------------------------------------------------------


def test_fallback_when_webengine_is_turned_off(qtbot, monkeypatch):
    monkeypatch.setenv("DESKEDITOR_NO_WEBENGINE", "1")
    pane = PreviewPane()
    qtbot.addWidget(pane)
    assert pane.is_fallback() and pane.web_page() is None
    assert pane._notice.label.text() == "Preview without QtWebEngine: turned off by DESKEDITOR_NO_WEBENGINE"
    with qtbot.waitSignal(pane.ready, timeout=TIMEOUT):
        pane.show()
    md = "# Title\n\n" + paragraphs(80, 30) + "\n![remote](http://127.0.0.1:9/x.png)\n"
    with qtbot.waitSignal(pane.patched, timeout=TIMEOUT):
        pane.show_blocks(render_blocks(md).blocks)
    browser = pane._fallback
    assert "Paragraph 79" in browser.toPlainText() and "Title" in browser.toPlainText()
    with qtbot.assertNotEmitted(pane.scrolledToLine, wait=100):
        pane.scroll_to_line(2 + 2 * 60)
    bar = browser.verticalScrollBar()
    assert bar.value() > 0
    assert browser._line_at(browser.cursorForPosition(QPoint(4, 4)).position()) == 2 + 2 * 60
    with qtbot.waitSignal(pane.scrolledToLine, timeout=TIMEOUT) as reported:
        bar.setValue(0)
    assert reported.args == [0]


def test_fallback_after_the_render_process_dies(qtbot, pane, run_js):
    show(qtbot, pane, render_blocks("# Still readable\n\nAfter a crash.\n").blocks)
    pid = pane.web_page().renderProcessPid()
    assert pid > 0
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(pane.is_fallback, timeout=TIMEOUT)
    assert pane._notice.label.text().startswith("Preview without QtWebEngine: the render process")
    assert "After a crash." in pane._fallback.toPlainText()
    with qtbot.waitSignal(pane.patched, timeout=TIMEOUT):
        pane.show_blocks(render_blocks("Typing goes on.\n").blocks)
    assert pane._fallback.toPlainText().strip() == "Typing goes on."


def test_fallback_when_qtwebengine_cannot_be_imported(qtbot, monkeypatch):
    monkeypatch.setitem(sys.modules, "deskeditor.gui.preview.web", None)  # the import fails
    pane = PreviewPane()
    qtbot.addWidget(pane)
    assert pane.is_fallback()
    assert pane._notice.label.text().startswith("Preview without QtWebEngine: ModuleNotFoundError")
    with qtbot.waitSignal(pane.patched, timeout=TIMEOUT):
        pane.show_blocks(render_blocks("Plain but there.\n").blocks)
    assert pane._fallback.toPlainText().strip() == "Plain but there."
