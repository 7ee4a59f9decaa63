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
``shapekit.internal``
    shapekit itself failed on a directive (a bug: the warning asks to report it);
    the directive is left out and the build goes on
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, DirectiveError
from sphinx.errors import SphinxError
from sphinx.util import logging

from shapekit.errors import internal_error_reason

__all__ = ["SUBTYPES", "isolated", "logger", "warn", "warn_internal"]

logger = logging.getLogger("shapekit.sphinxext")

#: the warning subtypes, each silenced by ``suppress_warnings = ["shapekit.<subtype>"]``
SUBTYPES = ("spec", "render", "explain", "internal")


def warn(directive: Directive, message: str, subtype: str, *, line: int | None = None) -> None:
    """Log ``message`` as a ``shapekit.<subtype>`` warning at the directive (or ``line``)."""
    source, lineno = directive.state_machine.get_source_and_line(line or directive.lineno)
    logger.warning(message, location=f"{source}:{lineno}", type="shapekit", subtype=subtype)


def warn_internal(exc: BaseException, location: Any) -> None:
    """Log that shapekit failed on the item at ``location`` (a ``shapekit.internal`` warning)."""
    logger.warning(
        f"shapekit failed on this directive, which is left out: {internal_error_reason(exc)}",
        location=location,
        type="shapekit",
        subtype="internal",
    )


def isolated(run: Callable[[Any], list[nodes.Node]]) -> Callable[[Any], list[nodes.Node]]:
    """Wrap a directive's ``run``: an unexpected exception becomes a located warning and
    the directive gives no nodes, so one directive never ends the build.

    Errors meant for docutils or Sphinx (``self.error(...)``, a Sphinx error) pass through.
    """

    def guarded(directive: Any) -> list[nodes.Node]:
        try:
            return run(directive)
        except (DirectiveError, SphinxError):
            raise
        except Exception as exc:  # isolation boundary: this directive fails, not the build
            source, line = directive.state_machine.get_source_and_line(directive.lineno)
            warn_internal(exc, f"{source}:{line}")
            return []

    guarded.__doc__ = run.__doc__
    guarded.__name__ = run.__name__
    return guarded
