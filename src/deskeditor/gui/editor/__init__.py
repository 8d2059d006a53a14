"""The Markdown editor widget and its small helpers (highlighting, underlines,
find and replace, formatting, paste, offsets)."""

from .editor import MarkdownEditor, editor_text, normalize_newlines

__all__ = ["MarkdownEditor", "editor_text", "normalize_newlines"]
