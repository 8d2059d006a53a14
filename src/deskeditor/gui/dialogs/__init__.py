"""Dialogs: import, install the grammar checker, export and publish, and the small ones (about, dictionary, backups)."""
