"""The shapes of the layer exercise, checked without running the student's code."""

from shapekit.testing import assert_file


def test_layer_shapes():
    assert_file("layer.py", inputs="batch,4", weights="3,4", biases="3")
