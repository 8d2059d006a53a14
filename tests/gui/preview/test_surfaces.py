"""Every preview surface (the pane, the web and plain previews inside it, and
the stand-ins) offers the whole ``PreviewSurface`` protocol, with the same
parameters, so code holding a preview never asks which one it has."""

from __future__ import annotations

import inspect
import sys

import pytest
from PySide6.QtWidgets import QWidget

from deskeditor.core.markdown.render import BlockRenderer
from deskeditor.gui.preview.fallback import FallbackPreview
from deskeditor.gui.preview.host import LoadingPreview, PlainPreview, make_preview
from deskeditor.gui.preview.pane import ClosedPreview, PreviewPane
from deskeditor.gui.preview.surface import PreviewSurface
from deskeditor.gui.preview.web import WebPreview

SURFACES = [PreviewPane, WebPreview, FallbackPreview, PlainPreview, LoadingPreview, ClosedPreview]
METHODS = [name for name, value in vars(PreviewSurface).items()
           if callable(value) and not name.startswith("_")]
SIGNALS = ["lineClicked", "scrolledToLine", "ready", "remoteImagesAllowedChanged"]


def make(qtbot, cls):
    surface = cls()
    if isinstance(surface, QWidget):
        qtbot.addWidget(surface)
    return surface


@pytest.mark.parametrize("cls", SURFACES, ids=lambda c: c.__name__)
def test_a_surface_offers_every_signal_and_method_of_the_protocol(qtbot, cls):
    surface = make(qtbot, cls)
    assert isinstance(surface, PreviewSurface)
    for name in SIGNALS:
        getattr(surface, name).connect(lambda *args: None)  # a signal, not merely an attribute
    for name in METHODS:
        wanted = list(inspect.signature(getattr(PreviewSurface, name)).parameters)[1:]
        assert list(inspect.signature(getattr(surface, name)).parameters) == wanted, (cls.__name__, name)


@pytest.mark.parametrize("cls", SURFACES, ids=lambda c: c.__name__)
def test_a_surface_takes_every_call_the_window_makes(qtbot, cls):
    surface = make(qtbot, cls)
    blocks = BlockRenderer().update("# Title\n\nText.\n").blocks
    surface.show_blocks(blocks)
    surface.scroll_to_line(2)
    surface.set_allow_remote_images(True)
    surface.set_dark(True)
    surface.set_dark(None)
    assert isinstance(surface.is_fallback(), bool)


def test_the_plain_stand_in_is_what_the_window_gets_without_the_pane(qtbot, monkeypatch):
    monkeypatch.setitem(sys.modules, "deskeditor.gui.preview.pane", None)  # the import fails
    surface, problem = make_preview(dark=False)
    qtbot.addWidget(surface)
    assert isinstance(surface, PlainPreview) and isinstance(surface, PreviewSurface)
    assert problem.startswith("the web preview is not available")
    surface.show_blocks(BlockRenderer().update("Plain but there.\n").blocks)
    assert surface.toPlainText().strip() == "Plain but there."
