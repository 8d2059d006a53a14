"""Site-aware checks: internal links resolved against the site's posts, and
related posts suggested in the generator's own link syntax."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from sitegen import build, hugo_site, jekyll_site

from deskeditor.core.site.links import SiteIndex, build_index, check, suggest
from deskeditor.core.site.workspace import Workspace

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (apt-get install git)")


@pytest.fixture
def hugo(store, tmp_path):
    ws, _ = Workspace.open(store, hugo_site(tmp_path / "h"))
    return ws, build_index(ws)


@pytest.fixture
def jekyll(store, tmp_path):
    ws, _ = Workspace.open(store, jekyll_site(tmp_path / "j"))
    return ws, build_index(ws)


def _flagged(source, index, current=""):
    return [(f.rule, f.severity, source[f.start:f.end]) for f in check(source, index, current)]


def test_hugo_refs_and_site_links_resolve_or_are_flagged_exactly(hugo):
    _ws, index = hugo
    src = ('See {{< ref "post-0.md" >}}, {{< relref "bundle-1" >}} and {{< ref "/posts/windows-2.md" >}}.\n\n'
           'But {{< ref "gone.md" >}} is missing.\n\n'
           '[ok](/2024/01/post-0/) [abs](https://blog.example.org/2024/01/post-0/) '
           '[bad](/2024/01/nope/) [ext](https://other.example.com/x) ![img](/images/desk.jpg) '
           '![gone](/images/none.jpg)\n\n```\n{{< ref "in-code.md" >}} [x](/nope/)\n```\n\n'
           'Inline `{{< ref "in-span.md" >}}`.\n')
    assert _flagged(src, index, "content/posts/post-3.md") == [
        ("broken-ref", "error", '"gone.md"'),
        ("broken-link", "warning", "/2024/01/nope/"),
        ("broken-link", "warning", "/images/none.jpg"),
    ]


def test_jekyll_tags_resolve_or_are_flagged_exactly(jekyll):
    _ws, index = jekyll
    src = ("{% post_url 2023-01-10-post-0 %} and {% post_url 2020-01-01-never %}; "
           "{% link _posts/2023-02-11-post-1.md %} {% link about.md %} {% link assets/desk.jpg %}\n")
    assert _flagged(src, index) == [
        ("broken-post-url", "error", "2020-01-01-never"),
        ("broken-link", "error", "about.md"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["hugo", "jekyll"])
def test_what_is_flagged_as_an_error_really_breaks_the_build(store, tmp_path, kind):
    if shutil.which(kind) is None:
        pytest.skip(f"{kind} is not installed (apt-get install {kind})")
    site = (hugo_site if kind == "hugo" else jekyll_site)(tmp_path / kind)
    ws, _ = Workspace.open(store, site)
    index = build_index(ws)
    bad = '{{< ref "gone.md" >}}' if kind == "hugo" else "{% post_url 2020-01-01-never %}"
    link = next(f for f in store.sites.files(ws.site.id) if "More soon." in store.drafts.get(f.draft_id).body)
    path = site / link.path
    text = path.read_text().replace("More soon.", f"More soon: [see]({bad}).")
    assert [f.severity for f in check(text, index, link.path)] == ["error"]
    path.write_text(text)
    with pytest.raises(subprocess.CalledProcessError):
        build(kind, site, tmp_path / "out")


def test_suggestions_rank_related_posts_and_use_the_generators_link_syntax():
    index = SiteIndex("hugo", "https://b.example/", ["content"], ["static"], [])
    from deskeditor.core.site.links import PostRef, content_words

    index.posts = [
        PostRef("content/posts/desk.md", "My standing desk setup", "/desk/", "standing desk",
                content_words("My standing desk setup", "standing desk", "Cables")),
        PostRef("content/posts/garden/index.md", "Garden diary", "/garden/", "",
                content_words("Garden diary", "Tomatoes")),
        PostRef("content/posts/chair.md", "Choosing a desk chair", "/chair/", "",
                content_words("Choosing a desk chair")),
        PostRef("content/posts/wip.md", "Desk drafts", "", "", content_words("Desk drafts")),  # unpublished
    ]
    found = suggest(index, "Rebuilding my desk", "standing desk", ["Cables everywhere"])
    assert [s.post.path for s in found] == ["content/posts/desk.md", "content/posts/chair.md"]
    assert found[0].markdown == '[My standing desk setup]({{< relref "desk.md" >}})'
    index.kind = "jekyll"
    index.posts[0].path = "_posts/2023-01-10-desk.md"
    assert suggest(index, "Rebuilding my desk", "standing desk", [])[0].markdown == \
        "[My standing desk setup]({% post_url 2023-01-10-desk %})"


def test_the_index_travels_as_plain_data(hugo):
    _ws, index = hugo
    again = SiteIndex.from_dict(index.to_dict())
    assert again == index and again.posts[0].url
