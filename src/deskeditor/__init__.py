"""deskeditor: a desktop Markdown editorial workstation."""

__version__ = "0.1.0"
