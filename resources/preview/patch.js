/* deskeditor live preview: the page side of the patch protocol.
 *
 * This script runs in Qt WebEngine's ApplicationWorld, a JavaScript world
 * isolated from the page's own: the page's Content-Security-Policy forbids
 * every script ("script-src 'none'"), so nothing in a draft can run, and no
 * page script could reach this code or the Python bridge anyway.
 *
 * Python calls:
 *   __de.patch({seq, k: [keys], s: [start lines], e: [end lines], h: {key: html}})
 *       Make #de-root hold one <div class="de-block" data-block=KEY data-line=START>
 *       per key, in order. Elements whose key is already on the page are kept
 *       (moved if need be, data-line updated); HTML is given only for new keys,
 *       and a key with HTML always gets fresh elements. Whatever is left is
 *       removed. The content under the top of the viewport stays where it is.
 *       Returns JSON {seq, missing: [keys without element or HTML], remote: n, ms}.
 *   __de.scrollToLine(line)   bring a source line to the top (editor scrolled)
 *   __de.topLine()            the source line at the top of the viewport
 *   __de.setTheme("dark"|"light")
 * and receives through the QWebChannel object "bridge":
 *   clicked(line)   the user clicked on the text of that source line
 *   scrolled(line)  the user scrolled the preview; line is now at the top
 *   openLink(href)  the user clicked a link: Python opens the system browser
 * Links never navigate the page: in-page ones (#id) scroll, others go to Python.
 */
(function () {
  "use strict";
  if (window.__de) return;

  const root = document.getElementById("de-root");
  const blocks = root.children;
  let bridge = null;
  const queued = [];

  function emit(name, value) {
    if (bridge) bridge[name](value);
    else queued.push([name, value]);
  }

  if (typeof QWebChannel === "function" && window.qt && window.qt.webChannelTransport) {
    new QWebChannel(window.qt.webChannelTransport, function (channel) {
      bridge = channel.objects.bridge;
      for (const [name, value] of queued.splice(0)) bridge[name](value);
    });
  }

  /* ---- geometry: source lines <-> document y ---------------------------- */

  function lineOf(el) {
    return el._l;
  }

  function docTop(el) {
    return el.getBoundingClientRect().top + window.scrollY;
  }

  // index of the last block whose start line is <= line (-1 if none)
  function blockForLine(line) {
    let lo = 0, hi = blocks.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (lineOf(blocks[mid]) <= line) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  // index of the last block whose top is <= y, document coordinates (-1 if none)
  function blockAtY(y) {
    let lo = 0, hi = blocks.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (docTop(blocks[mid]) <= y) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  // the source-line marks of a block: [{line, top, bottom}] in document order,
  // with the block itself first and a final mark at the block's end
  function marks(block) {
    const start = block._l;
    const rect = block.getBoundingClientRect();
    const sy = window.scrollY;
    const out = [{ line: start, top: rect.top + sy }];
    for (const el of block.querySelectorAll("[data-source-line]")) {
      const line = start + (parseInt(el.getAttribute("data-source-line"), 10) || 0);
      const top = el.getBoundingClientRect().top + sy;
      const last = out[out.length - 1];
      if (line > last.line && top >= last.top) out.push({ line: line, top: top });
      else if (line === last.line && top > last.top && out.length === 1) last.top = top;
    }
    out.push({ line: Math.max(block._e, out[out.length - 1].line + 1), top: rect.bottom + sy });
    return out;
  }

  function yForLine(line) {
    const i = blockForLine(line);
    if (i < 0) return 0;
    const m = marks(blocks[i]);
    const last = m[m.length - 1];
    if (line >= last.line) {
      // in the blank lines after the block: between its end and the next block
      const next = blocks[i + 1];
      if (!next) return last.top;
      const nextTop = docTop(next), span = next._l - last.line;
      return last.top + (span > 0 ? (nextTop - last.top) * (line - last.line) / span : 0);
    }
    let k = 0;
    while (k + 1 < m.length && m[k + 1].line <= line) k++;
    const a = m[k], b = m[k + 1];
    return a.top + (b.top - a.top) * (line - a.line) / (b.line - a.line);
  }

  function lineAtY(y) {
    let i = blockAtY(y);
    if (i < 0) return blocks.length ? lineOf(blocks[0]) : 0;
    const m = marks(blocks[i]);
    const last = m[m.length - 1];
    if (y >= last.top) {
      const next = blocks[i + 1];
      return next ? Math.max(last.line, lineOf(next) - 1) : last.line - 1;
    }
    let k = 0;
    while (k + 1 < m.length && m[k + 1].top <= y) k++;
    const a = m[k], b = m[k + 1];
    const frac = b.top > a.top ? (y - a.top) / (b.top - a.top) : 0;
    return Math.min(b.line - 1, a.line + Math.floor(frac * (b.line - a.line)));
  }

  function topLine() {
    return lineAtY(window.scrollY + 1);
  }

  /* ---- scrolling: editor -> preview and preview -> editor --------------- */

  let ours = null;          // our own last scroll: {y, start, until}
  let lastReport = -1e9;    // when we last told Python about a user scroll
  let lastReported = null;
  let reportTimer = 0;
  let lastPatch = -1e9;     // when the last patch went in
  let lastInput = -1e9;     // when the user last touched wheel, keys or pointer
  let patchScroll = false;  // the last scroll came from a patch (content shrank), not the user

  for (const type of ["wheel", "keydown", "mousedown", "pointerdown", "touchstart"]) {
    window.addEventListener(type, function () { lastInput = performance.now(); }, { capture: true, passive: true });
  }

  function maxScroll() {
    return Math.max(0, document.documentElement.scrollHeight - window.innerHeight);
  }

  function scrollToLine(line) {
    // The user is scrolling the preview and the editor follows: ignore the echo.
    if (performance.now() - lastReport < 400) return false;
    const y = Math.round(Math.max(0, Math.min(yForLine(line), maxScroll())));
    lastReported = null;
    const far = Math.abs(y - window.scrollY) > 2 * window.innerHeight;
    scrollOurselves(y, far ? 300 : 1500);
    if (Math.abs(y - window.scrollY) < 1) return true;
    window.scrollTo({ top: y, behavior: far ? "instant" : "smooth" });
    return true;
  }

  // note a scroll we make, so that its scroll events are not taken for the user's
  function scrollOurselves(y, duration) {
    const now = performance.now();
    ours = { y: y, start: now, until: now + duration };
  }

  function report() {
    if (patchScroll) {
      // content shrank under a patch and the page clamped its scroll: not the user
      patchScroll = false;
      if (!ours || performance.now() >= ours.until) scrollOurselves(window.scrollY, 0);
      return;
    }
    if (ours && lastInput < ours.start) {
      if (Math.abs(window.scrollY - ours.y) < 2) return;  // ours, arrived
      if (performance.now() < ours.until) {  // ours, still on its way
        reportTimer = setTimeout(report, 80);
        return;
      }
    }
    ours = null;
    const line = topLine();
    lastReport = performance.now();
    if (line !== lastReported) {
      lastReported = line;
      emit("scrolled", line);
    }
  }

  window.addEventListener("scroll", function () {
    const now = performance.now();
    patchScroll = now - lastPatch < 150 && lastInput < lastPatch;
    clearTimeout(reportTimer);
    reportTimer = setTimeout(report, 80);
  }, { passive: true });

  /* ---- clicks ------------------------------------------------------------ */

  function lineAtPoint(target, clientY) {
    const block = target.closest && target.closest(".de-block");
    if (!block || block.parentElement !== root) return null;
    const m = marks(block);
    const y = clientY + window.scrollY;
    let k = 0;
    while (k + 1 < m.length - 1 && m[k + 1].top <= y) k++;
    const a = m[k], b = m[k + 1];
    const frac = b.top > a.top ? Math.max(0, Math.min(1, (y - a.top) / (b.top - a.top))) : 0;
    return Math.min(b.line - 1, a.line + Math.floor(frac * (b.line - a.line)));
  }

  // middle clicks ("auxclick") would open links too
  document.addEventListener("auxclick", function (event) {
    if (event.target.closest && event.target.closest("a[href]")) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    if (event.button !== 0) return;
    const link = event.target.closest && event.target.closest("a[href]");
    if (link) {
      event.preventDefault();  // the page never navigates
      if (!event.isTrusted) return;  // only a real click opens anything
      const href = link.getAttribute("href");
      if (href.startsWith("#")) {
        // in-page link (footnotes, headings): scroll to it
        let id = href.slice(1);
        try { id = decodeURIComponent(id); } catch (e) { /* keep it raw */ }
        const to = document.getElementById(id);
        if (to) to.scrollIntoView({ block: "start", behavior: "smooth" });
      } else {
        emit("openLink", link.href);
      }
      return;
    }
    if (String(window.getSelection() || "")) return;  // the user selected text
    const line = lineAtPoint(event.target, event.clientY);
    if (line !== null) emit("clicked", line);
  });

  /* ---- patches ------------------------------------------------------------ */

  function make(key, html) {
    const el = document.createElement("div");
    el.className = "de-block";
    el.setAttribute("data-block", key);
    el.innerHTML = html;
    return el;
  }

  function setLines(el, start, end) {
    if (el._l !== start) { el._l = start; el.setAttribute("data-line", start); }
    el._e = end;
  }

  // The blocks at the top of the viewport and where they are now. Only a change
  // above the first of them can move what the user is looking at.
  function captureAnchors(old) {
    if (window.scrollY <= 0 || !old.length) return null;
    let lo = 0, hi = old.length - 1, first = old.length;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (old[mid].getBoundingClientRect().bottom > 0) { first = mid; hi = mid - 1; } else lo = mid + 1;
    }
    const out = [];
    for (let i = first; i < old.length && out.length < 4; i++) {
      out.push({ el: old[i], top: old[i].getBoundingClientRect().top });
    }
    return { first: first, list: out };
  }

  function keepAnchors(anchors, firstChange) {
    // Everything before firstChange is the same elements as before, so a change
    // at or below the first visible block leaves the view alone (no layout forced).
    if (firstChange >= anchors.first) return;
    for (const a of anchors.list) {
      if (!a.el.isConnected) continue;  // replaced: try the next one
      const delta = a.el.getBoundingClientRect().top - a.top;
      if (Math.abs(delta) >= 0.5) {
        const y = Math.round(window.scrollY + delta);
        scrollOurselves(y, 300);
        window.scrollTo({ top: y, behavior: "instant" });
      }
      return;
    }
  }

  let remoteCount = 0;

  function countRemote() {
    let n = 0;
    for (const img of root.getElementsByTagName("img")) {
      const src = img.src || "";
      if (src.startsWith("http:") || src.startsWith("https:")) n++;
    }
    return n;
  }

  function patch(p) {
    const t0 = performance.now();
    const old = Array.prototype.slice.call(blocks);
    const anchors = captureAnchors(old);
    const pool = new Map();
    for (const el of old) {
      const key = el.getAttribute("data-block");
      const list = pool.get(key);
      if (list) list.push(el); else pool.set(key, [el]);
    }
    const html = p.h || {};
    const next = new Array(p.k.length);
    const missing = [];
    let created = 0;
    for (let i = 0; i < p.k.length; i++) {
      const key = p.k[i];
      let el = null;
      if (Object.prototype.hasOwnProperty.call(html, key)) {
        el = make(key, html[key]);
        created++;
      } else {
        const list = pool.get(key);
        el = list && list.length ? list.shift() : null;
        if (!el) { missing.push(key); el = make(key, ""); }
      }
      setLines(el, p.s[i], p.e[i]);
      next[i] = el;
    }
    let removed = 0;
    for (const list of pool.values()) for (const el of list) { el.remove(); removed++; }
    let firstChange = -1;
    const n = Math.max(next.length, old.length);
    for (let i = 0; i < n; i++) if (next[i] !== old[i]) { firstChange = i; break; }
    let ref = root.firstElementChild;
    for (const el of next) {
      if (el === ref) ref = ref.nextElementSibling;
      else root.insertBefore(el, ref);
    }
    if (anchors && firstChange >= 0) keepAnchors(anchors, firstChange);
    if (created || removed) remoteCount = countRemote();
    lastPatch = performance.now();
    return JSON.stringify({ seq: p.seq, missing: missing, remote: remoteCount, ms: performance.now() - t0 });
  }

  function setTheme(theme) {
    const cl = document.documentElement.classList;
    cl.toggle("dark", theme === "dark");
    cl.toggle("light", theme !== "dark");
  }

  window.__de = { patch, scrollToLine, topLine, lineAtY, yForLine, setTheme };
})();
