"""A post using every core block type, serialized as WordPress 6.1's block editor saves it."""

CONVERTIBLE = {
    "paragraph": '<!-- wp:paragraph -->\n<p>The proposal arrived on <strong>Thursday</strong>, said "<em>officials</em>" &amp; <a href="https://example.org/terms">the terms</a> with <code>x &lt; y</code>.</p>\n<!-- /wp:paragraph -->',
    "heading": '<!-- wp:heading -->\n<h2>What it says</h2>\n<!-- /wp:heading -->',
    "heading3": '<!-- wp:heading {"level":3} -->\n<h3>In detail</h3>\n<!-- /wp:heading -->',
    "list": '<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>Thirty days</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>A <strong>prisoner</strong> exchange</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->',
    "ordered": '<!-- wp:list {"ordered":true} -->\n<ol><!-- wp:list-item -->\n<li>First</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>Second</li>\n<!-- /wp:list-item --></ol>\n<!-- /wp:list -->',
    "quote": '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>We are ready to talk.</p>\n<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->',
    "image": '<!-- wp:image -->\n<figure class="wp-block-image"><img src="https://example.org/map.png" alt="A map of the front"/></figure>\n<!-- /wp:image -->',
    "code": '<!-- wp:code -->\n<pre class="wp-block-code"><code>def talk():\n    return a &lt; b &amp;&amp; c\n\nprint(talk())</code></pre>\n<!-- /wp:code -->',
    "table": '<!-- wp:table -->\n<figure class="wp-block-table"><table><thead><tr><th>Side</th><th>Troops</th></tr></thead><tbody><tr><td>North</td><td>1200</td></tr><tr><td>South</td><td>900</td></tr></tbody></table></figure>\n<!-- /wp:table -->',
    "separator": '<!-- wp:separator -->\n<hr class="wp-block-separator has-alpha-channel-opacity"/>\n<!-- /wp:separator -->',
}

RAW = {
    "embed": '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","type":"video","providerNameSlug":"youtube","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->\n<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n</div></figure>\n<!-- /wp:embed -->',
    "gallery": '<!-- wp:gallery {"linkTo":"none"} -->\n<figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {"id":11,"sizeSlug":"large","linkDestination":"none"} -->\n<figure class="wp-block-image size-large"><img src="https://example.org/a.png" alt="" class="wp-image-11"/></figure>\n<!-- /wp:image -->\n\n<!-- wp:image {"id":12,"sizeSlug":"large","linkDestination":"none"} -->\n<figure class="wp-block-image size-large"><img src="https://example.org/b.png" alt="" class="wp-image-12"/></figure>\n<!-- /wp:image --></figure>\n<!-- /wp:gallery -->',
    "columns": '<!-- wp:columns -->\n<div class="wp-block-columns"><!-- wp:column -->\n<div class="wp-block-column"><!-- wp:paragraph -->\n<p>Left</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:column -->\n\n<!-- wp:column -->\n<div class="wp-block-column"><!-- wp:paragraph -->\n<p>Right</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:column --></div>\n<!-- /wp:columns -->',
    "shortcode": '<!-- wp:shortcode -->\n[gallery ids="11,12" columns="2"]\n<!-- /wp:shortcode -->',
    "custom": '<!-- wp:acme/pull-quote {"tone":"loud"} /-->',
    "latest": '<!-- wp:latest-posts {"postsToShow":3} /-->',
    "html": '<!-- wp:html -->\n<div class="note">\n\n<b>Custom</b> HTML with a blank line\n\n</div>\n<!-- /wp:html -->',
    "coloured": '<!-- wp:paragraph {"textColor":"vivid-red"} -->\n<p class="has-vivid-red-color has-text-color">Red words.</p>\n<!-- /wp:paragraph -->',
    "cite": '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>Words.</p>\n<!-- /wp:paragraph --><cite>Someone</cite></blockquote>\n<!-- /wp:quote -->',
    "preformatted": '<!-- wp:preformatted -->\n<pre class="wp-block-preformatted">  spaced   out</pre>\n<!-- /wp:preformatted -->',
    "buttons": '<!-- wp:buttons -->\n<div class="wp-block-buttons"><!-- wp:button -->\n<div class="wp-block-button"><a class="wp-block-button__link wp-element-button">Go</a></div>\n<!-- /wp:button --></div>\n<!-- /wp:buttons -->',
}

EVERY_BLOCK = "\n\n".join([*CONVERTIBLE.values(), *RAW.values()]) + "\n"
