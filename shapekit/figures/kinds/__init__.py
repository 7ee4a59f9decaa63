"""One module per figure kind, each exposing ``KIND`` (see :mod:`shapekit.figures.registry`)."""
