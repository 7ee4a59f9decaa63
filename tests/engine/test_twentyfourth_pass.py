"""Twenty-fourth pass: each rule decided by running the program (the oracle, see
:func:`tests.engine.test_fifteenth_pass._agrees` and
:func:`tests.engine.test_twentieth_pass._module_agrees`, which runs ``python main.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.test_fifteenth_pass import _agrees
from tests.engine.test_twentieth_pass import _module_agrees

# --- Python's builtins replaced through the module builtins (hostile31 CR43) ----------------

#: (what replaces a builtin, where: "main" or "helper", the size read through it)
_REPLACED_BUILTINS = (
    ("import builtins\nbuiltins.len = lambda x: 9\n", "helper", "len([1, 2])"),
    ("import builtins\nbuiltins.max = lambda *a: 6\n", "helper", "max(1, 2)"),
    ("import builtins\nbuiltins.range = lambda n: [0] * 4\n", "helper", "len(list(range(3)))"),
    ("import builtins\nbuiltins.int = lambda x: 4\n", "helper", "int('7')"),
    ("import builtins\nsetattr(builtins, 'sum', lambda x: 5)\n", "helper", "sum([1])"),
    ("import builtins\ndef patch():\n    builtins.len = lambda x: 9\n", "helper-call",
     "len([1, 2])"),
    ("import builtins as b\nb.abs = lambda x: 3\n", "helper", "abs(-8)"),
    ("import builtins\nbuiltins.len = lambda x: 9\n", "main", "len([1, 2])"),
    ("__builtins__.len = lambda x: 9\n", "main", "len([1, 2])"),
    ("import builtins\nbuiltins.print('hi')\n", "main", "len([1, 2])"),
    ("import builtins\nbuiltins.len = lambda x: 9\n", "main-after", "len([1, 2])"),
)  # fmt: skip


@pytest.mark.parametrize(("patch", "where", "size"), _REPLACED_BUILTINS)
def test_a_builtin_replaced_is_not_the_builtin(
    tmp_path: Path, patch: str, where: str, size: str
) -> None:
    """``builtins.len = …`` in the file or in a module it imports replaces len for every
    module: the size read through it is not the real builtin's."""
    if where.startswith("helper"):
        call = "import helper\n" + ("helper.patch()\n" if where == "helper-call" else "")
        files = {"helper.py": patch, "main.py": f"import numpy as np\n{call}y = np.zeros({size})\n"}
    elif where == "main-after":  # replaced only after the size is read: the real one
        files = {"main.py": f"import numpy as np\ny = np.zeros({size})\n{patch}"}
    else:
        files = {"main.py": f"import numpy as np\n{patch}y = np.zeros({size})\n"}
    _module_agrees(tmp_path, files)


def test_builtins_untouched_keep_their_sizes(tmp_path: Path) -> None:
    """A file that never reaches the module builtins keeps every size it reads."""
    files = {"main.py": "import numpy as np\ny = np.zeros(len([1, 2]) + max(1, 2))\n"}
    assert _module_agrees(tmp_path, files)


# --- exec of a star import rebinds any name (hostile31 CR42b) ---------------------------------


@pytest.mark.parametrize(
    "code",
    (
        "exec('from numpy import *')",
        "exec('from math import *')",
        "exec(\"from numpy import pi, e\\nfrom math import *\")",
        "exec('import numpy')",
    ),
)
def test_exec_of_a_star_import_may_rebind_any_name(code: str) -> None:
    source = f"import numpy as np\npi = 4\n{code}\ny = np.zeros(int(pi))\n"
    _agrees(source)
    assert _agrees(source) == ("*" not in code)
