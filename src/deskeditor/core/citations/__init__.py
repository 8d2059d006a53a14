"""Citations: the sources behind a post and the ones it fails to link.

* ``parsing``: pandoc ``[@key]`` citations, footnotes that link, plain links;
* ``attributions``: "(Reuters)" and "this detailed YouTube analysis" that link nothing;
* ``analysis``: one draft against the source library (``analyze``);
* ``lint``: the ``citations`` lint engine;
* ``importers``: BibTeX and CSL-JSON files into the library;
* ``csl``: CSL-JSON helpers; ``library``: store + front matter references;
* ``style`` and ``render``: APA / Chicago author-date through citeproc-py, the
  markdown-it plugin and the "Sources" list;
* ``cli``: ``deskeditor citations`` and ``deskeditor sources``.

No Qt here; the panel is ``deskeditor.gui.panels.citations``.
"""
