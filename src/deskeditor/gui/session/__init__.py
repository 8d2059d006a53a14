"""The open draft, without widgets: loading, saving (autosave, the save thread, conflicts), lint and preview scheduling."""
