"""shapekit's command-line interface (installed as ``shapekit_cli``)."""
