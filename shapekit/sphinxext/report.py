"""How the extension reports a mistake: a Sphinx warning with file and line.

Every warning has the type ``shapekit`` and a subtype, so a project can
silence one family with ``suppress_warnings = ["shapekit.render"]`` (or all of
them with ``"shapekit"``):

``shapekit.spec``
    a figure directive is wrong: unknown kind or option (with the closest
    valid name), a bad value, ragged data, a ``:from:`` file or id not found
``shapekit.render``
    Graphviz could not draw a figure
``shapekit.explain``
    an explanation directive is wrong: bad ``:shapes:``, unsupported syntax
"""

from __future__ import annotations

from docutils.parsers.rst import Directive
from sphinx.util import logging

__all__ = ["SUBTYPES", "logger", "warn"]

logger = logging.getLogger("shapekit.sphinxext")

#: the warning subtypes, each silenced by ``suppress_warnings = ["shapekit.<subtype>"]``
SUBTYPES = ("spec", "render", "explain")


def warn(directive: Directive, message: str, subtype: str, *, line: int | None = None) -> None:
    """Log ``message`` as a ``shapekit.<subtype>`` warning at the directive (or ``line``)."""
    source, lineno = directive.state_machine.get_source_and_line(line or directive.lineno)
    logger.warning(message, location=f"{source}:{lineno}", type="shapekit", subtype=subtype)
