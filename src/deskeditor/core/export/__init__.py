"""Export and publish: the reviewed post leaves deskeditor ready to publish.

Modules: ``post`` (the post as exporters see it), ``images`` (local pictures:
find, copy, relink), ``html`` (standalone page and CMS fragment),
``staticsite`` (Hugo and Jekyll Markdown), ``wxr`` (WordPress import file),
``gate`` (unresolved findings; errors may block), ``atomic`` (all-or-nothing
writes), ``sites`` (WordPress sites; passwords in the system keyring),
``wordpress`` (the REST API client and ``publish``), ``service`` (export or
publish a stored draft: gate, build, write, record) and ``cli``.
"""

from .service import FORMATS, ExportResult, Options, export_draft, publish_draft

__all__ = ["FORMATS", "ExportResult", "Options", "export_draft", "publish_draft"]
