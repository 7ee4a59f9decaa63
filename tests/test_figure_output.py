"""What a Figure gives a lecturer's tools (issue 12): sizes (width, scale, the slide cap),
vector PDF, ``save()`` into files and folders, the Jupyter display bundle, typeset words."""

from __future__ import annotations

import base64
import html
import re
import struct
from pathlib import Path

import pytest

from shapekit.errors import OutputError, SpecError
from shapekit.figures import figure
from shapekit.figures.drawing import FIT, sized_source, typeset

pytestmark = pytest.mark.needs_dot

DOT = {"left": [1, 2, 3], "right": [2, 3, -4]}
#: a figure whose natural width is beyond a 16:9 slide's (several inches wider)
WIDE = {
    "inputs": [[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]],
    "weights": [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]],
    "biases": [2.0, 3.0, 0.5],
}


def png_size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def png_dpi(data: bytes) -> float:
    at = data.index(b"pHYs")
    (ppm,) = struct.unpack(">I", data[at + 4 : at + 8])
    return ppm * 0.0254


def pdf_size(data: bytes) -> tuple[float, float]:
    match = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert match, "a PDF has a MediaBox"
    x0, y0, x1, y1 = (float(v) for v in match.groups())
    return x1 - x0, y1 - y0


def svg_points(data: bytes) -> tuple[float, float]:
    match = re.search(rb'<svg\b[^>]*?\swidth="([\d.]+)pt"[^>]*?\sheight="([\d.]+)pt"', data)
    assert match
    return float(match.group(1)), float(match.group(2))


# -- sizes ------------------------------------------------------------------------


@pytest.mark.parametrize("width", ["4in", "10cm", "7.5"])
def test_width_sets_the_width_of_every_format(width: str) -> None:
    fig = figure("dot", DOT, width=width)
    inches = fig.spec["width"]
    w_pt, h_pt = svg_points(fig.svg())
    assert w_pt == pytest.approx(inches * 72, abs=1)
    png_w, png_h = png_size(fig.png(96))
    assert png_w == pytest.approx(inches * 96, abs=2)
    assert png_dpi(fig.png(96)) == pytest.approx(96, abs=0.1)
    pdf_w, pdf_h = pdf_size(fig.pdf())
    assert pdf_w == pytest.approx(inches * 72, abs=1)
    # the proportions are kept in every format
    assert png_h / png_w == pytest.approx(h_pt / w_pt, rel=0.02)
    assert pdf_h / pdf_w == pytest.approx(h_pt / w_pt, rel=0.02)


@pytest.mark.parametrize("scale", [0.5, 1.5])
def test_scale_multiplies_the_natural_size(scale: float) -> None:
    natural, scaled = figure("dot", DOT), figure("dot", DOT, scale=scale)
    nat_w, nat_h = svg_points(natural.svg())
    w, h = svg_points(scaled.svg())
    assert (w, h) == (pytest.approx(nat_w * scale, abs=1), pytest.approx(nat_h * scale, abs=1))
    assert png_size(scaled.png(96))[0] == pytest.approx(png_size(natural.png(96))[0] * scale, abs=2)
    # the PNG says the DPI it was asked for, so its printed size follows the scale too
    assert png_dpi(scaled.png(96)) == pytest.approx(96, abs=0.1)
    assert pdf_size(scaled.pdf())[0] == pytest.approx(pdf_size(natural.pdf())[0] * scale, abs=1)


def test_a_figure_wider_than_a_slide_is_shrunk_to_fit_it() -> None:
    fig = figure("forward", WIDE)
    natural = figure("forward", WIDE, scale=1)  # scale 1: the natural size, no cap
    assert svg_points(natural.svg())[0] > FIT[0] * 72 + 36, "the test needs a wide figure"
    w_pt, h_pt = svg_points(fig.svg())
    assert w_pt <= FIT[0] * 72 + 1 and h_pt <= FIT[1] * 72 + 1
    assert pdf_size(fig.pdf())[0] <= FIT[0] * 72 + 1
    assert png_size(fig.png(96))[0] <= FIT[0] * 96 + 2


def test_a_figure_smaller_than_a_slide_keeps_its_natural_size() -> None:
    assert svg_points(figure("dot", DOT).svg()) == svg_points(figure("dot", DOT, scale=1).svg())


def test_pdf_page_is_the_svg_size() -> None:
    fig = figure("dot", DOT)
    assert pdf_size(fig.pdf()) == pytest.approx(svg_points(fig.svg()), abs=1.5)


def test_sizes_go_into_the_graph_attributes() -> None:
    spec = figure("dot", DOT, width="5in").spec
    source = "digraph g {\n\ta -> b\n}\n"
    assert sized_source(spec, source, "svg").endswith('\tgraph [size="5,1000!"]\n}\n')
    assert "margin=0" in sized_source(spec, source, "pdf")
    scaled = figure("dot", DOT, scale=0.5).spec
    assert "dpi=36" in sized_source(scaled, source, "svg")
    assert sized_source(scaled, source, "png") == source  # the PNG's dpi is scaled instead


# -- PDF and save() ------------------------------------------------------------------


def test_pdf_is_vector_with_the_title_and_description() -> None:
    fig = figure("dot", DOT)
    data = fig.pdf()
    assert data.startswith(b"%PDF-")
    assert b"/Title" in data and b"/Subject" in data
    assert b"/Image" not in data  # drawn with paths and text, not a bitmap


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf", ".PDF"])
def test_save_picks_the_format_from_the_suffix(tmp_path: Path, suffix: str) -> None:
    fig = figure("dot", DOT)
    path = fig.save(tmp_path / f"dot{suffix}")
    data = path.read_bytes()
    magic = {".svg": b"<?xml", ".png": b"\x89PNG", ".pdf": b"%PDF-"}[suffix.lower()]
    assert data.startswith(magic)


def test_save_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    fig = figure("dot", DOT)
    target = tmp_path / "newdir" / "x.svg"
    with pytest.raises(OutputError) as info:
        fig.save(target)
    message = info.value.message
    assert f"there is no folder {str(target.parent)!r}" in message
    assert "mkdir(parents=True)" in message
    assert isinstance(info.value, OSError)  # code that catches OSError still does
    assert not target.parent.exists()  # nothing is created behind the user's back


def test_save_where_it_cannot_write_says_why(tmp_path: Path) -> None:
    (tmp_path / "taken.svg").mkdir()
    with pytest.raises(OutputError, match=r"cannot save the figure as '.*taken\.svg': "):
        figure("dot", DOT).save(tmp_path / "taken.svg")


@pytest.mark.parametrize("name", ["x.gif", "x"])
def test_save_refuses_an_unknown_format(tmp_path: Path, name: str) -> None:
    with pytest.raises(SpecError, match=r"use \.svg, \.png or \.pdf"):
        figure("dot", DOT).save(tmp_path / name)


# -- Jupyter -----------------------------------------------------------------------------


def test_the_display_bundle_has_svg_png_pdf_html_and_text() -> None:
    fig = figure("dot", DOT)
    data, metadata = fig._repr_mimebundle_()
    assert set(data) == {"image/svg+xml", "image/png", "application/pdf", "text/html", "text/plain"}
    assert base64.b64decode(data["application/pdf"]) == fig.pdf()
    assert data["text/plain"] == fig.description
    assert data["image/svg+xml"] == fig.svg().decode()
    assert base64.b64decode(data["image/png"]) == fig.png()
    alt = html.escape(fig.description, quote=True)
    assert f'alt="{alt}"' in data["text/html"]
    src = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', data["text/html"])
    assert src and base64.b64decode(src.group(1)) == fig.svg()
    width, height = fig.size("svg")
    assert metadata["image/png"] == {"width": width, "height": height, "alt": fig.description}
    # the 192-dpi PNG is shown at the SVG's size (twice as many pixels, crisp)
    assert png_size(fig.png())[0] == pytest.approx(2 * width, abs=2)


def test_the_display_bundle_honours_include_and_exclude() -> None:
    fig = figure("dot", DOT)
    data, _ = fig._repr_mimebundle_(include=["image/png", "text/plain"])
    assert set(data) == {"image/png", "text/plain"}
    data, _ = fig._repr_mimebundle_(exclude=["text/html"])
    assert "text/html" not in data and "image/svg+xml" in data


# -- words -------------------------------------------------------------------------------


def test_descriptions_use_true_minus_signs_and_arrows() -> None:
    fig = figure("dot", DOT)
    assert "\u22124" in fig.description and not re.search(r"(?<![\w])-\d", fig.description)
    for kind_fields in [("layer", {"inputs": [1, -2], "weights": [[0.5, -1]], "biases": [-0.5]})]:
        text = figure(*kind_fields).description
        assert "->" not in text and not re.search(r"(?<![\w.])-\d", text)


def test_descriptions_are_sentences_that_start_upper_case() -> None:
    ragged = figure("array", values=[[1, 2, 3], [4, 5]]).description
    layer = figure("layer", inputs=[1, 2], weights=[[0.5, -1]], biases=[-0.5]).description
    for text in (ragged, layer):
        starts = re.findall(r"(?:^|[.!?] )(\w)", text)
        assert starts and all(not c.islower() for c in starts), text


@pytest.mark.parametrize(
    ("text", "typeset_text"),
    [
        ("bias -0.5", "bias \u22120.5"),
        ("(3, 4) -> (4, 3)", "(3, 4) \u2192 (4, 3)"),
        ("2 - 3 = -1", "2 \u2212 3 = \u22121"),
        ("3.0×-0.5", "3.0×\u22120.5"),
        ("a two-layer net, x-1, 3-4", "a two-layer net, x-1, 3-4"),
        ("-.5", "\u2212.5"),
    ],
)
def test_typeset(text: str, typeset_text: str) -> None:
    assert typeset(text) == typeset_text
