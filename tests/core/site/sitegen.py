"""Generated Hugo and Jekyll sites, written the way bloggers keep them:
front matter with comments, odd key order and quoting, TOML and YAML, page
bundles, drafts, a file saved on Windows (CRLF) and one with a byte-order
mark, shortcodes and Liquid in the bodies, and minimal layouts so the real
``hugo`` and ``jekyll`` can build them."""

from __future__ import annotations

import subprocess
from pathlib import Path

PARAGRAPHS = [
    "I have been meaning to write this one up for a while. The short version: it works, "
    "but not the way the docs say it does.",
    "First, the setup. I run everything on a small box under my desk, which is either "
    "charming or a liability depending on who you ask.",
    "Second, the numbers. They were better than I expected, and worse than the vendor's "
    "slides, which is about what you'd guess.",
    "Finally, a word on what I would do differently. Mostly: measure first, argue later.",
]


def _body(i: int, kind: str) -> str:
    extra = ('{{< figure src="/images/desk.jpg" caption="My desk, mid-refactor" >}}\n\n'
             if kind == "hugo" else "![My desk]({{ site.baseurl }}/assets/desk.jpg)\n\n")
    paras = "\n\n".join(PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(3))
    return f"Post number {i} starts here.\n\n## What happened\n\n{paras}\n\n{extra}## Next\n\nMore soon.\n"


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True,
                          env={"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org",
                               "HOME": str(root), "PATH": "/usr/bin:/bin"})
    return done.stdout


def init_repo(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Writer")
    git(root, "config", "user.email", "writer@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the site")


def hugo_site(root: Path, posts: int = 6, *, repo: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(
        "# my blog\nbaseURL = 'https://blog.example.org/'\nlanguageCode = 'en-us'\ntitle = 'Notes'\n"
        "[permalinks]\n  posts = '/:year/:month/:slug/'\n")
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text("<html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n")
    (layouts / "list.html").write_text("<html><body>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">"
                                       "{{ .Title }}</a>{{ end }}</body></html>\n")
    sc = root / "layouts" / "shortcodes"
    sc.mkdir(parents=True)
    (sc / "figure.html").write_text('<figure><img src="{{ .Get "src" }}"><figcaption>{{ .Get "caption" }}'
                                    '</figcaption></figure>\n')
    (root / "static" / "images").mkdir(parents=True)
    (root / "static" / "images" / "desk.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    posts_dir = root / "content" / "posts"
    posts_dir.mkdir(parents=True)
    (root / "content" / "_index.md").write_text("---\ntitle: Home\n---\n")
    for i in range(posts):
        date = f"2024-0{1 + i % 9}-1{i % 10}T09:30:00+01:00"
        if i % 3 == 0:  # TOML, Hugo's own default
            text = (f"+++\n# drafted on the train\ntitle = \"Post {i}: a title with a colon\"\n"
                    f"date = {date}\nslug = \"post-{i}\"\ntags = [\"notes\", \"desk\"]\n"
                    f"draft = false\n+++\n\n" + _body(i, "hugo"))
            (posts_dir / f"post-{i}.md").write_text(text)
        elif i % 3 == 1:  # a page bundle with YAML and comments
            bundle = posts_dir / f"bundle-{i}"
            bundle.mkdir()
            text = (f"---\ntitle: 'Bundle {i}'   # keep the quotes\ndate: {date}\n"
                    f"categories:\n  - Tech\n  - Life\ndescription: >-\n  A folded description\n"
                    f"  over two lines.\nunknown_key: {{nested: true}}\n---\n\n" + _body(i, "hugo"))
            (bundle / "index.md").write_text(text)
            (bundle / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n fake")
        else:  # YAML saved on Windows
            text = (f"---\ntitle: Windows post {i}\ndate: {date}\nslug: windows-{i}\n---\n\n"
                    + _body(i, "hugo"))
            (posts_dir / f"windows-{i}.md").write_bytes(text.replace("\n", "\r\n").encode())
    (posts_dir / "wip.md").write_text("---\ntitle: Work in progress\ndate: 2024-02-02\ndraft: true\n---\n\nTODO.\n")
    (posts_dir / "bom.md").write_bytes("\ufeff---\ntitle: With a BOM\ndate: 2024-03-03\n---\n\nHello.\n".encode())
    if repo:
        init_repo(root)
    return root


def jekyll_site(root: Path, posts: int = 6, *, repo: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text(
        "# Site settings\ntitle: Field notes\nurl: https://notes.example.org\nbaseurl: \"\"\n"
        "permalink: /:year/:month/:day/:title/\nexcerpt_separator: <!--more-->\nmarkdown: kramdown\n"
        "exclude: [vendor, Gemfile, Gemfile.lock]\n")
    (root / "_layouts").mkdir()
    (root / "_layouts" / "post.html").write_text("<html><body><h1>{{ page.title }}</h1>{{ content }}</body></html>\n")
    (root / "_layouts" / "default.html").write_text("<html><body>{{ content }}</body></html>\n")
    (root / "index.html").write_text("---\nlayout: default\n---\n{% for p in site.posts %}"
                                     "<a href=\"{{ p.url }}\">{{ p.title }}</a>{% endfor %}\n")
    (root / "assets").mkdir()
    (root / "assets" / "desk.jpg").write_bytes(b"\xff\xd8\xff fake")
    (root / "_posts").mkdir()
    (root / "_drafts").mkdir()
    for i in range(posts):
        day = f"2023-0{1 + i % 9}-{10 + i:02d}"
        link = ("\n\nSee also [the first post]({% post_url " + f"2023-01-10-post-0" + " %}).\n") if i else ""
        text = (f"---\nlayout: post\n# the title below is what readers see\ntitle:  \"Post {i}: notes\"\n"
                f"tags: [jekyll, notes]\n---\n\n" + _body(i, "jekyll").replace("starts here.", "starts here.\n\n<!--more-->")
                + link)
        (root / "_posts" / f"{day}-post-{i}.md").write_text(text)
    (root / "_drafts" / "idea.md").write_text("---\nlayout: post\ntitle: An idea\n---\n\nSomething to write.\n")
    if repo:
        init_repo(root)
    return root


def build(kind: str, root: Path, out: Path) -> set[str]:
    """Build the site with the real generator; the set of page URLs it wrote."""
    if kind == "hugo":
        cmd = ["hugo", "--quiet", "--source", str(root), "--destination", str(out)]
    else:
        cmd = ["jekyll", "build", "--quiet", "--source", str(root), "--destination", str(out)]
    subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=300)
    return {p.relative_to(out).as_posix() for p in out.rglob("*.html")}


def open_post_in_window(qtbot, window, db_path, site, post: str, timeout: int = 30_000) -> int:
    """Site › Open Site on ``site`` in a real window, then open ``post``'s draft;
    returns the draft's id (for the GUI tests of a site's posts)."""
    from deskeditor.core.store import Store

    dialog = window.site.open_site(str(site))
    qtbot.waitUntil(lambda: not dialog.running, timeout=timeout)
    assert dialog.outcome is not None, dialog.error
    with Store.open(db_path, check=False) as store:
        draft_id = store.sites.file(store.sites.roots()[0].id, post).draft_id
    window.session.open_draft(draft_id)
    return draft_id
