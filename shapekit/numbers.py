"""Compact number formatting shared by explanations and figures.

>>> fmt(0.1 * 3 + 1.4)
'1.7'
>>> fmt(2.0), fmt(3), fmt(-0.5, minus="\u2212")
('2.0', '3', '\u22120.5')
"""

from __future__ import annotations

import math
from numbers import Integral, Real

__all__ = ["fmt"]

#: significant digits kept when printing floats (hides 2.3000000000000003)
SIGNIFICANT = 12


def fmt(value: object, *, minus: str = "-") -> str:
    """Format a number compactly: ints as ints, floats rounded to 12 significant digits.

    Floats keep a trailing ``.0`` (``2.0``) so that a learner sees which values
    are floats; ``minus`` replaces the ASCII hyphen (figures use U+2212).
    """
    if isinstance(value, bool):
        text = str(value)
    elif isinstance(value, Integral):
        text = str(int(value))
    elif isinstance(value, Real):
        x = float(value)
        if math.isnan(x) or math.isinf(x):
            text = str(x)
        else:
            x = float(f"{x:.{SIGNIFICANT}g}")
            text = repr(x + 0.0)  # + 0.0 turns -0.0 into 0.0
    else:
        text = str(value)
    return text.replace("-", minus) if minus != "-" else text
