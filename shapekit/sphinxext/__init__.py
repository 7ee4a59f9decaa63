"""shapekit's Sphinx extension: figures and shape explanations drawn at build time.

In ``conf.py``::

    extensions = ["shapekit.sphinxext"]

Then, in a page::

    .. shapekit:: dot
       :left: 1, 2, 3
       :right: 2, 3, 4
       :name: fig-dot

       The dot product adds up the products of matching elements.

    .. shapekit::
       :from: ../gallery/layers.toml#layer-3

    .. shapekit-explain:: inputs @ weights.T + biases
       :shapes: inputs=3,4 weights=3,4 biases=3

The options of ``.. shapekit::`` are the fields of the figure kind (the same
names as in TOML specs and on the command line, see ``shapekit render KIND
--help``) plus ``:alt:``, ``:width:``, ``:align:``, ``:name:``, ``:class:``
and ``:caption:``; the content, when given, is the caption. The alt text
defaults to the figure's generated description.

Configuration values:

``shapekit_png_dpi``
    resolution of the PNG files (used by LaTeX and other bitmap builders)
``shapekit_cache_dir``
    where rendered figures are kept between builds (relative to the source
    folder); by default a ``shapekit`` folder beside the doctrees
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

import shapekit
from shapekit.figures import DEFAULT_DPI
from shapekit.sphinxext.explain import ShapekitExplain
from shapekit.sphinxext.figure import ShapekitFigure, render_pending

__all__ = ["setup"]

#: just before Sphinx's image collector (priority 500) looks for the files
_RENDER_PRIORITY = 400


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, the configuration values and the rendering hook."""
    app.add_config_value("shapekit_png_dpi", DEFAULT_DPI, "env", types=(int,))
    app.add_config_value("shapekit_cache_dir", None, "env", types=(str, type(None)))
    app.add_directive("shapekit", ShapekitFigure)
    app.add_directive("shapekit-explain", ShapekitExplain)
    app.connect("doctree-read", render_pending, priority=_RENDER_PRIORITY)
    return {
        "version": shapekit.__version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
