# An nbgrader "autograder tests" cell (read-only, with points) below the student's answer.
# It must print nothing to stderr: shapekit's assertions never do.
from shapekit.testing import assert_file, assert_shape

assert_shape(weights, "3,4", name="weights")  # noqa: F821 (defined by the student's cell)
assert_file("layer.ipynb", inputs="batch,4", weights="3,4", biases="3")
