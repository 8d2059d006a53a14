"""What the preview shows when no draft is open (the first launch): the first
steps, instead of a blank page."""

from __future__ import annotations

from ...core.markdown.render import Block

WELCOME_HTML = """
<h1>Welcome to deskeditor</h1>
<p>Write, check and publish blog posts, with your drafts kept on this computer.</p>
<ol>
<li><strong>Start a draft</strong>: File › New Draft (Ctrl+N), or File › Import… a Markdown,
HTML or text file. Type its title in the line above the editor.</li>
<li><strong>Write</strong>: style, grammar, SEO and citation findings are underlined as you type;
hover one for its message, right-click to apply a suggestion or dismiss it.
(Tools › Install Grammar Checker adds grammar.)</li>
<li><strong>Publish</strong>: File › Export (HTML, Hugo, Jekyll, WordPress import) or
File › Publish to WordPress; Site › Open Site… works on a Hugo or Jekyll site.</li>
</ol>
<p>Every save keeps a revision (Draft › History); F11 is focus mode.</p>
"""

WELCOME = Block(0, 0, "welcome", WELCOME_HTML, "welcome")
