"""The main window: the widgets and their layout, menus, status bar, banner, theme and remembered settings."""
