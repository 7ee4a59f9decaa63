"""The shape engine: NumPy's shape rules, explained, with verified fixes.

One engine serves every front end — ``shapekit explain``, ``shapekit check`` and the figures:

- :mod:`shapekit.engine.ops` — the rules (matmul, dot, transpose, broadcasting), each returning
  an :class:`~shapekit.engine.explanation.Explanation` or raising
  :class:`~shapekit.errors.MismatchError` exactly when NumPy would refuse;
- :mod:`shapekit.engine.compute` — the same operations on values;
- :mod:`shapekit.engine.fixes` — candidate fixes, kept only when the rules accept them;
- :mod:`shapekit.engine.expr` — a one-line expression (``shapekit explain``);
- :mod:`shapekit.engine.program` — a whole module or notebook, read without running it.

Importing this package imports nothing else (NumPy is loaded only when values are computed).
"""
