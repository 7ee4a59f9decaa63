"""Sphinx configuration of shapekit's own documentation (built with shapekit's extension)."""

from __future__ import annotations

import sys
from pathlib import Path

import shapekit

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "shapekit"
author = "shapekit developers"
copyright = "shapekit developers"
release = version = shapekit.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "shapekit.sphinxext",
    "shapekit_docs",
]

exclude_patterns = ["_build"]
html_theme = "furo"
html_title = f"shapekit {release}"
numfig = True
nitpicky = False
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# the doctest builder runs the pages' ``.. doctest::`` blocks; the ``>>>`` examples of the
# API docstrings assume their own module's names, so they are run by pytest's doctests instead
doctest_global_setup = "import shapekit"
doctest_test_doctest_blocks = ""
