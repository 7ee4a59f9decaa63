"""shapekit in mystmd (MyST sites, Jupyter Book 2): an executable plugin.

mystmd runs executable plugins over standard input and output (see
:mod:`shapekit.myst.plugin`). ``shapekit myst-plugin --install`` writes a
small executable into the project and prints the ``myst.yml`` lines to add;
``shapekit myst-plugin --path`` prints the path of the ``shapekit-myst``
command installed with shapekit, which works as the plugin too.

Then, in any page::

    ```{shapekit} dot
    :left: 1, 2, 3
    :right: 2, 3, 4
    :label: fig-dot

    Two vectors, multiplied pair by pair, then added up.
    ```

The directives take the same options as in Sphinx, from the same registry.
"""

from shapekit.myst.plugin import main, run_directive
from shapekit.myst.spec import plugin_spec

__all__ = ["main", "plugin_spec", "run_directive"]
