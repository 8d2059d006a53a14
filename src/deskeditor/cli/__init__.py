"""The command line: the core, headless, for editors' scripts and CI.

``main`` holds the shared helpers and the basic commands (import, list, show,
history ...); each feature adds its own commands from a module of this
package (``lint``, ``grammar``, ``citations``, ``export``). Nothing below
``core/`` imports from here.
"""

from .main import main

__all__ = ["main"]
