"""Images pasted (from the clipboard) or dropped (files) into the editor.

The picture is kept where the draft's site serves it, or in the draft's own
media folder (``core.media``); the writer is asked for its alt text first
(Cancel keeps nothing), and ``![alt](link)`` goes where the cursor was, or
where the files were dropped. Anything else pasted or dropped goes on to the
editor as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QMimeData, QObject, Signal
from PySide6.QtGui import QImage, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from ...core import media
from ...core.errors import DeskeditorError, InputError
from .editor import MarkdownEditor


def image_files(mime: QMimeData) -> list[Path]:
    """The local image files among the dropped or pasted URLs."""
    out = []
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile():
            p = Path(url.toLocalFile())
            if p.suffix.lower().lstrip(".") in media.IMAGE_TYPES and p.is_file():
                out.append(p)
    return out


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data)


def _as_paragraph(markdown: str, cursor: QTextCursor) -> str:
    """``markdown`` with the newlines that make it a paragraph of its own where ``cursor`` is."""
    block = cursor.block()
    before = block.text()[:cursor.positionInBlock()]
    after = block.text()[cursor.positionInBlock():]
    if before.strip():
        markdown = "\n\n" + markdown
    elif block.previous().isValid() and block.previous().text().strip():
        markdown = "\n" + markdown
    if after.strip():
        return markdown + "\n\n"
    nxt = block.next()
    return markdown + ("\n" if nxt.isValid() and nxt.text().strip() else "")


class ImageInsert(QObject):
    message = Signal(str, int)

    def __init__(self, editor: MarkdownEditor, store, draft_id: Callable[[], int | None], parent=None) -> None:
        super().__init__(parent)
        self.editor, self.store, self.draft_id = editor, store, draft_id
        self.dialog: QInputDialog | None = None
        editor.viewport().installEventFilter(self)  # drops
        editor.installEventFilter(self)  # Ctrl+V: the editor takes the standard key before any menu

    # -- what comes in --------------------------------------------------------------
    def paste(self) -> None:
        """Edit › Paste: an image on the clipboard is kept and linked; text pastes as before."""
        mime = QApplication.clipboard().mimeData()
        if mime is not None and self.take(mime, QTextCursor(self.editor.textCursor())):
            return
        self.editor.paste()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        kind = event.type()
        if obj is self.editor:
            if kind in (QEvent.ShortcutOverride, QEvent.KeyPress) and event.matches(QKeySequence.Paste):
                mime = QApplication.clipboard().mimeData()
                if mime is not None and ((mime.hasImage() and not mime.hasText()) or image_files(mime)):
                    event.accept()
                    if kind == QEvent.KeyPress:
                        self.paste()
                    return True
            return False
        if kind in (QEvent.DragEnter, QEvent.DragMove) and image_files(event.mimeData()):
            event.acceptProposedAction()
            return True
        if kind == QEvent.Drop and image_files(event.mimeData()):
            cursor = self.editor.cursorForPosition(event.position().toPoint())
            event.acceptProposedAction()
            self.take(event.mimeData(), cursor)
            return True
        return False

    def take(self, mime: QMimeData, cursor: QTextCursor) -> bool:
        """Handle ``mime`` if it holds images (True), else leave it (False)."""
        if self.draft_id() is None or self.editor.isReadOnly():
            return False
        files = image_files(mime)
        if files:
            items = [(p.stem, p.suffix.lower().replace(".jpeg", ".jpg"), p) for p in files]
        elif mime.hasImage() and not mime.hasText():
            image = QImage(mime.imageData())
            if image.isNull():
                return False
            items = [("", ".png", image)]
        else:
            return False
        self._ask_alt(items, cursor)
        return True

    # -- the alt text, then the files ---------------------------------------------
    def _ask_alt(self, items: list, cursor: QTextCursor) -> None:
        dialog = QInputDialog(self.editor)
        dialog.setWindowTitle("Image description")
        dialog.setLabelText("Describe the image for readers who cannot see it (its alt text):")
        dialog.setTextEchoMode(QLineEdit.Normal)
        dialog.setTextValue(items[0][0].replace("-", " ").replace("_", " ") if items[0][0] else "")
        dialog.finished.connect(lambda ok: self._insert(items, cursor, dialog.textValue().strip() if ok else None))
        self.dialog = dialog
        dialog.open()

    def _insert(self, items: list, cursor: QTextCursor, alt: str | None) -> None:
        self.dialog = None
        draft_id = self.draft_id()
        if alt is None or draft_id is None:
            return
        lines = []
        try:
            place = media.placement(self.store, draft_id)
            for stem, suffix, source in items:
                if not isinstance(source, QImage) and source.stat().st_size > media.MAX_IMAGE_BYTES:
                    raise InputError(f"{source.name} is over {media.MAX_IMAGE_BYTES // 2**20} MB")
                data = png_bytes(source) if isinstance(source, QImage) else source.read_bytes()
                name = media.file_stem(stem or alt, media.pasted_stem())
                _path, link = media.save_image(place, data, name, suffix)
                lines.append(media.image_markdown(alt, link))
        except (DeskeditorError, OSError) as exc:
            self.message.emit(f"The image was not kept: {exc}", 10000)
            if not lines:
                return
        text = _as_paragraph("\n\n".join(lines), cursor)
        self.editor.setTextCursor(cursor)
        self.editor.insert_pasted(text)  # as pasted text goes: in suggest mode a {++…++}
        self.editor.setFocus()
        self.message.emit(f"Image kept in {place.folder}.", 6000)
