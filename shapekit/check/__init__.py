"""The checking side of shapekit: read student files, judge their shapes, report.

- :mod:`shapekit.check.readers` reads ``.py``/``.ipynb``/``.json``/``.csv``/``.npy``/``.npz``
  files without executing them;
- :mod:`shapekit.check.checker` judges each file against the expected shapes;
- :mod:`shapekit.check.reports` writes the results as text, JSON or JUnit XML.

:mod:`shapekit.testing` builds the assertions for graders on top of this package.
"""
