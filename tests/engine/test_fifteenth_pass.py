"""The fifteenth pass: fewer unknowns where the code says enough, and what outside testers
and reviewers of the fourteenth found.

Each program below runs here, and running is the oracle; the analysis never runs it.
"""

from __future__ import annotations

import itertools
import traceback
import warnings

import numpy as np
import pytest

from shapekit.engine.program import analyse


def _agrees(source: str) -> bool:
    """What the analysis says of ``source`` is what running it does: when it runs through,
    no certain problem and ``y`` (when known) of the shape running gives; when it raises at
    a line, the first certain problem is there, or else a possible one is there, or ``y``
    is not known (a file of unknowns is not judged). Whether ``y`` was known."""
    program = analyse([(None, source)])
    certain = [p.line for p in program.problems if p.certain and p.past is None]
    binding = program.binding("y")
    known = binding is not None and binding.status == "known"
    namespace: dict[str, object] = {}
    try:
        with warnings.catch_warnings():  # as a script runs: a warning is no error
            warnings.simplefilter("ignore")
            exec(compile(source, "<test>", "exec"), namespace)
    except Exception as error:
        frames = traceback.extract_tb(error.__traceback__)
        line = [f.lineno for f in frames if f.filename == "<test>"][-1]
        if certain:
            assert certain[0] == line
        else:
            assert line in [p.line for p in program.problems] or not known
        return known
    assert certain == []
    if known:
        assert binding is not None and binding.shape == np.shape(namespace["y"])
    return known


# --- a `while` loop that stops on a loss: what keeps its shape through it is known ----------

#: what the loop does to w each step (the first keep its shape, the others change it)
UPDATES = (
    "w -= 0.1 * w",
    "w = w - 0.1 * (w @ np.ones((4, 4)))",
    "w = w * 0.5 + np.zeros(4)",
    "w = w.T",
    "w = w.reshape(4, 3)",
    "w = w.reshape(12)",
    "w = np.vstack([w, w[:1]])",
    "w = np.zeros((step + 3, 4))",
    "w = np.ones((3, 4)) if step < 2 else np.ones((4, 3))",
    "w = w[:, :3] if step else w",
)
#: how the loop may stop: on the loss alone (from its first step) or after some steps
STOPS = (
    "if loss < 0.3 or step > 6:\n        break",
    "if step >= 2 and loss < 0.3:\n        break",
    "if step > 6:\n        break\n    if loss < 0.3:\n        continue",
)
#: what is computed from w after the loop
AFTER = ("y = w", "y = w.sum(axis=0)", "y = np.ones((2, 4)) @ w.T")


LOOPS = ("while True:", "for epoch in range(20):", "for epoch in [1, 2.0, 3, 4, 5, 6, 7, 8, 9]:")


def _loop(update: str, stop: str, after: str, stop_first: bool, loop: str = LOOPS[0]) -> str:
    head = (
        "import numpy as np\nrng = np.random.default_rng(0)\nw = np.ones((3, 4))\nstep = 0\n"
        f"{loop}\n    loss = float(abs(rng.normal()))\n"
    )
    body = [f"    {stop}", f"    {update}", "    step += 1"]
    if not stop_first:
        body[0], body[1] = body[1], body[0]
    return head + "\n".join(body) + f"\n{after}\n"


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("stop_first", [True, False])
@pytest.mark.parametrize("after", AFTER)
@pytest.mark.parametrize("stop", STOPS)
@pytest.mark.parametrize("update", UPDATES)
def test_a_loop_stopping_on_a_loss_as_running_decides(update, stop, after, stop_first, loop):
    """Running is the oracle: a shape said after the loop is the one running gives."""
    _agrees(_loop(update, stop, after, stop_first, loop))


@pytest.mark.parametrize("loop", LOOPS)
def test_what_keeps_its_shape_through_a_loop_stopping_on_a_loss_is_known(loop):
    """fresh24's early-stopping loops: weights and biases updated in place each step."""
    decided = sum(
        _agrees(_loop(update, stop, "y = w", first, loop))
        for update in UPDATES[:3]
        for stop in STOPS
        for first in (True, False)
    )
    assert decided == 3 * len(STOPS) * 2


@pytest.mark.parametrize("loop", LOOPS)
def test_a_shape_that_changes_through_a_loop_stopping_on_a_loss_stays_unknown(loop):
    for update, stop in itertools.product(UPDATES[3:], STOPS):
        program = analyse([(None, _loop(update, stop, "y = w", True, loop))])
        binding = program.binding("y")
        assert binding is not None and binding.status != "known", update
