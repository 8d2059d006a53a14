"""The menus and their actions, declared as one table.

Each entry names the window method it calls; ``build_menus`` creates the
``QAction``s (with standard shortcuts), adds them to the menu bar and returns
them by name, so the window can enable, check or trigger them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ...core.model import STATUSES


@dataclass(frozen=True)
class Act:
    name: str
    text: str
    slot: str  # a method of the window, or of one of its parts ("editor.undo")
    shortcut: str | QKeySequence.StandardKey | None = None
    checkable: bool = False
    tip: str = ""


SEP = None
K = QKeySequence.StandardKey

MENUS: list[tuple[str, list[Act | None]]] = [
    ("&File", [
        Act("new", "&New Draft", "drafts.new", K.New),
        Act("import", "&Import…", "drafts.import_files", K.Open, tip="Import Markdown, HTML or text files as drafts"),
        Act("file_open_site", "Open &Site…", "site.open_site", tip="Open a Hugo or Jekyll site: every post becomes a draft"),
        SEP,
        Act("save", "&Save Revision", "session.save_revision", K.Save, tip="Save now, as a revision"),
        SEP,
        Act("export", "&Export…", "export_dialog", "Ctrl+E",
            tip="HTML, an HTML fragment, Hugo or Jekyll Markdown, or a WordPress import file"),
        Act("publish", "&Publish to WordPress…", "publish_dialog", "Ctrl+Shift+E"),
        Act("wordpress_pull", "P&ull from WordPress…", "wordpress_pull"),
        Act("wordpress_sites", "WordPress &Sites…", "wordpress_sites"),
        SEP,
        Act("backups", "Restore from &Backup…", "notices.choose_backup"),
        SEP,
        Act("quit", "&Quit", "close", K.Quit),
    ]),
    ("&Edit", [
        Act("undo", "&Undo", "editor.undo", K.Undo),
        Act("redo", "&Redo", "editor.redo", K.Redo),
        SEP,
        Act("cut", "Cu&t", "editor.cut", K.Cut),
        Act("copy", "&Copy", "editor.copy", K.Copy),
        Act("paste", "&Paste", "writer.images.paste", K.Paste, tip="HTML pastes as Markdown; an image is kept and linked"),
        Act("paste_plain", "Paste as Plain &Text", "editor.paste_plain", "Ctrl+Shift+V"),
        SEP,
        Act("find", "&Find…", "findbar.open_find", K.Find),
        Act("replace", "Find and &Replace…", "findbar.open_replace", "Ctrl+H"),
        SEP,
        Act("bold", "&Bold", "editor.bold", "Ctrl+B"),
        Act("italic", "&Italic", "editor.italic", "Ctrl+I"),
        Act("link", "&Link…", "editor.insert_link", "Ctrl+K"),
        SEP,
        Act("preferences", "Pre&ferences…", "writer.preferences", "Ctrl+,"),
    ]),
    ("&View", [
        Act("show_library", "&Library", "view.toggle_library", "Ctrl+Shift+L", checkable=True),
        Act("show_preview", "&Preview", "view.toggle_preview", "Ctrl+Shift+P", checkable=True),
        Act("show_panels", "&Side Panel", "view.toggle_panels", "Ctrl+Shift+J", checkable=True),
        SEP,
        Act("focus_mode", "&Focus Mode", "view.toggle_focus_mode", "F11", checkable=True,
            tip="Full screen, the text alone: no menus, panes or underlines (F11 again to leave)"),
        Act("typewriter", "&Typewriter Scrolling", "view.toggle_typewriter", checkable=True,
            tip="In focus mode, keep the line being written in the middle of the screen"),
        Act("dim_sentence", "Dim Around the &Sentence", "view.toggle_dim_sentence", checkable=True,
            tip="In focus mode, dim all but the sentence being written (else all but the paragraph)"),
        SEP,
        Act("remote_images", "Load &Remote Images in Preview", "view.toggle_remote_images", checkable=True),
    ]),
    ("&Draft", [
        Act("duplicate", "&Duplicate", "drafts.duplicate_current"),
        Act("trash", "Move to &Trash", "drafts.trash_current"),
        Act("drafts.show_trash", "Show T&rash", "drafts.show_trash"),
        SEP,
        # the Status submenu is added here by build_menus
        SEP,
        Act("history", "&History", "view.show_history", "Ctrl+Shift+H"),
        Act("outline", "&Outline", "view.show_outline", "Ctrl+Shift+O"),
    ]),
    ("&Site", [
        Act("open_site", "&Open Site…", "site.open_site", tip="Open a Hugo or Jekyll site: every post becomes a draft"),
        Act("site_new_post", "&New Post…", "site.new_post", tip="A new post in the site, named by its generator's convention"),
        Act("sync_sites", "&Sync Now", "site.sync_now", tip="Bring drafts and post files in step (three-way merges)"),
        Act("site_status", "Site S&tatus…", "site.show_status"),
        Act("resolve_conflict", "&Resolve Conflict…", "site.resolve_conflict"),
        SEP,
        Act("site_commit", "&Commit…", "site.commit", tip="Commit the changed posts (after the publication gate)"),
        Act("site_pull", "&Pull", "site.pull"),
        Act("site_push", "P&ush", "site.push"),
        SEP,
        Act("site_wordpress_pull", "Pull from &WordPress…", "wordpress_pull",
            tip="Bring a WordPress site's posts in as drafts (also in the File menu)"),
    ]),
    ("&Tools", [
        Act("lint_now", "&Check Now", "session.lint_now", "F7"),
        Act("lint_panel", "Show &Lint Panel", "view.show_lint", "Ctrl+Shift+K"),
        Act("seo_panel", "Show &SEO Panel", "view.show_seo"),
        SEP,
        Act("dictionary", "Personal &Dictionary…", "edit_dictionary"),
        Act("grammar_status", "&Grammar Checker Status…", "grammar_status"),
        Act("install_grammar", "&Install Grammar Checker…", "install_grammar",
            tip="Download LanguageTool from Maven Central to check grammar on this computer"),
    ]),
    ("&Help", [
        Act("shortcuts", "&Keyboard Shortcuts", "show_shortcuts"),
        Act("about", "&About deskeditor", "about"),
    ]),
]


def build_menus(window: QMainWindow) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    bar = window.menuBar()
    for title, entries in MENUS:
        menu: QMenu = bar.addMenu(title)
        seps = 0
        for entry in entries:
            if entry is None:
                seps += 1
                if title == "&Draft" and seps == 2:
                    actions.update(_status_menu(window, menu))
                menu.addSeparator()
                continue
            action = QAction(entry.text, window)
            if entry.shortcut is not None:
                action.setShortcut(QKeySequence(entry.shortcut))
            action.setCheckable(entry.checkable)
            if entry.tip:
                action.setStatusTip(entry.tip)
            slot = _resolve(window, entry.slot)
            if entry.checkable:
                action.toggled.connect(slot)
            else:
                action.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(action)
            window.addAction(action)  # shortcuts work with the menu bar hidden
            actions[entry.name] = action
    return actions


def _resolve(window, dotted: str):
    target = window
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


def _status_menu(window, parent: QMenu) -> dict[str, QAction]:
    menu = parent.addMenu("&Status")
    group = QActionGroup(window)
    group.setExclusive(True)
    out = {}
    for status in STATUSES:
        a = QAction(status.capitalize(), window, checkable=True)
        a.triggered.connect(lambda _c=False, s=status: window.apply_fields({"status": s}))
        group.addAction(a)
        menu.addAction(a)
        out[f"status_{status}"] = a
    return out


def shortcut_table() -> list[tuple[str, str]]:
    rows = []
    for _title, entries in MENUS:
        for e in entries:
            if e is not None and e.shortcut is not None:
                rows.append((e.text.replace("&", "").rstrip("…"),
                             QKeySequence(e.shortcut).toString(QKeySequence.NativeText)))
    return rows
