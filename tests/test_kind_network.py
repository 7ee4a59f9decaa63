"""The network kind: golden DOT, collapsing, focus highlighting, bias nodes, labels, limits."""

from __future__ import annotations

import itertools

import pytest
from _figures import Svg, check_golden, has_colour, png_colours

from shapekit.errors import SpecError
from shapekit.figures import figure
from shapekit.figures.kinds import network
from shapekit.figures.kinds._neurons import QUIET
from shapekit.figures.theme import INDEX_COLORS, RESULT, line_color

CASES = {
    "network-4-4": {"sizes": [4, 4, 4, 2]},
    "classify": {
        "sizes": [6, 4, 4, 2],
        "labels": ["cat", "dog"],
        "scores": [0.82, 0.18],
        "layer_names": ["image pixels", "hidden 1", "hidden 2", "class scores"],
    },
    "collapsed-128": {"sizes": [784, 128, 10]},
    "focus": {"sizes": [4, 4, 4, 2], "focus": [1, 0], "focus_weights": [0.2, 0.8, -0.5, 1.0]},
    "focus-bias": {"sizes": [3, 5, 2], "focus": [2, 1], "bias": True},
    "no-captions": {"sizes": [2, 3], "captions": False},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_dot_source_matches_golden(name: str) -> None:
    check_golden(f"{name}.dot", figure("network", CASES[name]).drawing.source)


def _edge_count(sizes: list[int]) -> int:
    drawn = [len(network.drawn(n)) for n in sizes]
    return sum(a * b for a, b in itertools.pairwise(drawn))


@pytest.mark.needs_dot
@pytest.mark.parametrize("name", ["network-4-4", "collapsed-128", "no-captions"])
def test_svg_structure(name: str) -> None:
    sizes = CASES[name]["sizes"]
    svg = Svg(figure("network", CASES[name]).svg())
    neurons = [n for n in svg.nodes if "n" in n[1:] and not n.startswith("head")]
    assert len(neurons) == sum(len(network.drawn(n)) for n in sizes)
    assert len(svg.edges) == _edge_count(sizes)
    assert all(">" in e for e in svg.edges)
    if CASES[name].get("captions", True):
        assert "input layer" in svg.texts and "output layer" in svg.texts
    else:
        assert "input layer" not in svg.texts


@pytest.mark.needs_dot
def test_a_128_neuron_layer_collapses_around_an_ellipsis() -> None:
    svg = Svg(figure("network", CASES["collapsed-128"]).svg())
    assert "… 120 more" in svg.texts
    assert "… 776 more" in svg.texts
    assert "128 neurons" in svg.texts
    assert "l1more" in svg.nodes
    assert "120 are stood for by an ellipsis" in svg.desc
    hidden = [n for n in svg.nodes if n.startswith("l1n")]
    assert hidden == [f"l1n{i}" for i in (0, 1, 2, 3, 124, 125, 126, 127)]


def test_huge_layers_stay_small() -> None:
    source = figure("network", sizes=[network.MAX_SIZE] * network.MAX_LAYERS).drawing.source
    assert source.count("->") < 2_000
    assert len(source) < 200_000


@pytest.mark.needs_dot
def test_focus_neuron_incoming_weights_are_highlighted_and_labelled() -> None:
    svg = Svg(figure("network", CASES["focus"]).svg())
    strokes = svg.edge_strokes()
    for colour in INDEX_COLORS[:4]:  # each incoming weight in its input's colour
        assert strokes[line_color(colour).lower()] == 1
    assert strokes[QUIET.lower()] == _edge_count([4, 4, 4, 2]) - 4
    for i, text in enumerate(["0.2", "0.8", "\u22120.5", "1.0"]):
        assert svg.node_texts(f"l0n{i}w") == [text]  # written beside its edge
    assert svg.edge_texts("l0n0->l1n1") == []
    assert "Neuron 0 of the hidden layer 1 is highlighted" in svg.desc


@pytest.mark.needs_dot
def test_symbolic_focus_weights_and_bias_nodes() -> None:
    svg = Svg(figure("network", CASES["focus-bias"]).svg())
    assert [svg.node_texts(f"l1n{i}w")[0] for i in range(5)] == ["w₁", "w₂", "w₃", "w₄", "w₅"]
    assert {"l0bias", "l1bias"} <= set(svg.nodes)
    bias_edges = [e for e in svg.edges if "bias" in e]
    assert len(bias_edges) == 5 + 2
    assert "A bias node feeds every layer" in svg.desc


@pytest.mark.needs_dot
def test_output_labels_scores_and_the_winner() -> None:
    fig = figure("network", CASES["classify"])
    svg = Svg(fig.svg())
    for text in ("cat", "dog", "0.82", "0.18", "image pixels", "class scores"):
        assert any(text in t for t in svg.texts), text
    assert any("✓" in t for t in svg.texts)
    assert "cat has the highest score, so it is the prediction" in svg.desc
    counts = png_colours(fig.png(dpi=96))
    assert has_colour(counts, line_color(RESULT), at_least=50)


def test_parameter_count_in_the_explanation() -> None:
    text = figure("network", sizes=[4, 4, 4, 2]).explanation
    assert text.splitlines()[1] == (
        "weights: 4×4 + 4×4 + 4×2 = 40; biases: 4 + 4 + 2 = 10; parameters: 50"
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"sizes": [4]}, "sizes", "at least an input and an output layer"),
        ({"sizes": [2] * 11}, "sizes", "the limit is 10"),
        ({"sizes": [2, network.MAX_SIZE + 1]}, "sizes", "must be at most"),
        ({"sizes": [2, 0]}, "sizes", "must be at least 1"),
        ({"sizes": [4, 2], "labels": ["cat"]}, "labels", r"one per output neuron \(2\)"),
        ({"sizes": [4, 2], "scores": [1, 2, 3]}, "scores", "got 3"),
        ({"sizes": [4, 2], "focus": [0, 1]}, "focus", "no incoming weights"),
        ({"sizes": [4, 2], "focus": [1, 5]}, "focus", "there is no neuron 5"),
        (
            {"sizes": [4, 128], "focus": [1, 50]},
            "focus",
            "hidden in the ellipsis; choose one of 0–3 or 124–127",
        ),
        ({"sizes": [4, 2], "focus": [1]}, "focus", "the layer and the neuron index"),
        (
            {"sizes": [4, 2], "focus": [1, 0], "focus_weights": [1, 2]},
            "focus_weights",
            "4 incoming",
        ),
        ({"sizes": [4, 2], "focus_weights": [1, 2, 3, 4]}, "focus_weights", "needs a 'focus'"),
        ({"sizes": [4, 2], "layer_names": ["a"]}, "layer_names", "one per layer"),
        ({"sizes": [4, 2], "labels": ["x" * 30, "b"]}, "labels", "longer than 24"),
    ],
    ids=[
        "one-layer",
        "too-many-layers",
        "too-big",
        "empty-layer",
        "labels",
        "scores",
        "focus-input",
        "focus-index",
        "focus-hidden",
        "focus-short",
        "focus-weights",
        "weights-without-focus",
        "layer-names",
        "long-label",
    ],
)
def test_mistakes_name_the_field(fields: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(SpecError, match=message) as info:
        figure("network", fields)
    assert info.value.field == field
