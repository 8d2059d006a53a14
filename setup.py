"""The one build step pyproject.toml cannot express: the wheel carries the
repository's top-level ``resources/`` as the package folder ``deskeditor/assets/``.

Package data must live inside a package's directory, and the layout keeps
``resources/`` beside ``src/``; so ``build_py`` is told about one more data
folder, mapped at build time. The same list feeds the sdist (so a wheel built
from it has the resources too) and an editable install in strict mode. A
checkout or a plain editable install reads ``resources/`` where it is
(src/deskeditor/resources.py). Everything else is in pyproject.toml.
"""

import os

from setuptools import setup
from setuptools.command.build_py import build_py

SOURCE = "resources"
PACKAGE = "deskeditor.assets"


class BuildPyWithResources(build_py):
    def _get_data_files(self):
        return [*super()._get_data_files(), self._resources()]

    def get_data_files_without_manifest(self):
        return [*super().get_data_files_without_manifest(), self._resources()]

    def _resources(self) -> tuple[str, str, str, list[str]]:
        files = sorted(
            os.path.relpath(os.path.join(folder, name), SOURCE)
            for folder, dirs, names in os.walk(SOURCE)
            for name in names
            if not name.startswith(".") and "__pycache__" not in folder
        )
        return PACKAGE, SOURCE, os.path.join(self.build_lib, *PACKAGE.split(".")), files


setup(cmdclass={"build_py": BuildPyWithResources})
