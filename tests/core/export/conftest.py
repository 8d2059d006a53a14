"""Fixtures for the export tests: a post with pictures, a hostile draft, real tiny file systems,
and a real WordPress (scripts/wordpress-test-server) for the publishing tests."""

from __future__ import annotations

import os
import shlex
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def pytest_configure(config):
    config.addinivalue_line("markers", "wordpress: publishes to a real WordPress (scripts/wordpress-test-server)")


def png_bytes(width: int = 2, height: int = 1, colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A small, valid PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(colour) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


POST = """---
title: "Ceasefire talks: what we know"
slug: ceasefire-talks
author: Jane Doe
date: 2025-03-14
description: What the ceasefire proposal says, and what it leaves out.
tags: [ukraine, diplomacy]
categories: [World]
focus_keyphrase: ceasefire talks
featured_image: images/cover.png
status: ready
---

# Ceasefire talks: what we know

The proposal arrived on **Thursday**; see [Reuters](https://www.reuters.com/world/).

![A map of the front](images/map.png "The front line")

## What it says

The ceasefire talks [cover thirty days][terms] and a prisoner exchange.

![Same map, again](<images/map.png>)

```markdown
![not a real image](images/map.png)
```

[terms]: https://example.org/terms
"""

HOSTILE = """---
title: Hostile paste
slug: hostile-paste
description: A paste with <script>alert('d')</script> in its description.
tags: ["<img src=x onerror=alert(1)>"]
---

Hello <b onmouseover="steal()">reader</b>.

<script>alert('body')</script>

<img src="https://example.org/x.png" onerror="alert(1)">

<a href="javascript:alert(2)">click</a> and [also](javascript:alert(3)) and <IFRAME src="https://evil.example"></IFRAME>

<svg onload="alert(4)"><circle r="1"/></svg>

Ends with ]]> and a NUL \x00 byte and a bidi \u202e override.
"""


@pytest.fixture
def post_dir(tmp_path) -> Path:
    """A folder with the post's pictures, as the writer keeps them."""
    folder = tmp_path / "writing"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "map.png").write_bytes(png_bytes(3, 2))
    (folder / "images" / "cover.png").write_bytes(png_bytes(4, 4, (10, 120, 200)))
    return folder


@pytest.fixture
def draft(store):
    return store.drafts.create(POST)


@pytest.fixture
def hostile(store):
    return store.drafts.create(HOSTILE)


@pytest.fixture
def out_dir(tmp_path) -> Path:
    d = tmp_path / "out"
    d.mkdir()
    return d


# -- real small file systems (root only) -------------------------------------------
def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and Path("/bin/mount").exists()


@pytest.fixture
def tmpfs(tmp_path):
    """Mount a tmpfs: ``tmpfs(size_kib, read_only)`` -> its folder; unmounted afterwards."""
    mounted: list[Path] = []

    def make(size_kib: int = 64, read_only: bool = False) -> Path:
        if not _can_mount():
            pytest.skip("mounting a tmpfs needs root")
        point = tmp_path / f"fs{len(mounted)}"
        point.mkdir()
        opts = f"size={size_kib}k" + (",ro" if read_only else "")
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(point)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
        mounted.append(point)
        return point

    yield make
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


@pytest.fixture
def unwritable_dir(tmp_path, tmpfs) -> Path:
    """A folder nobody can write to: read-only mode bits, or as root a read-only mount."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        yield tmpfs(16, read_only=True)
        return
    d = tmp_path / "locked"
    d.mkdir()
    d.chmod(0o555)
    yield d
    d.chmod(0o755)


# -- a real WordPress ------------------------------------------------------------
def _wordpress_from_env() -> dict | None:
    url = os.environ.get("DESKEDITOR_WORDPRESS_URL")
    if url:
        return {"url": url, "user": os.environ.get("DESKEDITOR_WORDPRESS_USER", ""),
                "password": os.environ.get("DESKEDITOR_WORDPRESS_PASSWORD", "")}
    return None


@pytest.fixture(scope="session")
def wordpress_site():
    """URL, user and application password of a real WordPress, or skip saying why."""
    site = _wordpress_from_env()
    if site:
        return site
    script = ROOT / "scripts" / "wordpress-test-server"
    if os.environ.get("DESKEDITOR_SKIP_WORDPRESS"):
        pytest.skip("DESKEDITOR_SKIP_WORDPRESS is set")
    try:
        r = subprocess.run([str(script)], capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"scripts/wordpress-test-server could not run: {exc}")
    if r.returncode != 0:
        last = (r.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"no WordPress to publish to: scripts/wordpress-test-server failed: {last}; "
                    "or set DESKEDITOR_WORDPRESS_URL, _USER and _PASSWORD")
    values = {}
    for line in r.stdout.splitlines():
        if "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = shlex.split(value)[0] if value.strip() else ""
    return {"url": values["DESKEDITOR_WORDPRESS_URL"], "user": values["DESKEDITOR_WORDPRESS_USER"],
            "password": values["DESKEDITOR_WORDPRESS_PASSWORD"]}
