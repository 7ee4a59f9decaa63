"""Otter-grader test file for question 1: the layer's arrays and their shapes."""

from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 3


@test_case(points=2)
def test_shapes_without_running(env):
    # the static check of the whole notebook: every operation, every variable
    from shapekit.testing import assert_file

    assert_file("layer.ipynb", inputs="batch,4", weights="3,4", biases="3")


@test_case(points=1)
def test_weights_value(env):
    # the value the student's code made, once otter has run it
    from shapekit.testing import assert_shape

    assert_shape(env["weights"], "3,4", name="weights")
