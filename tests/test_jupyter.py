"""Figures and errors in a real notebook (issue 12): a kernel runs the cells, then
nbconvert exports the notebook to HTML (with alt text) and to LaTeX (with the
figure as a vector PDF, so no Inkscape is needed).

PDF export goes through LaTeX (xelatex), which is not installed here: that step
is skipped unless ``xelatex`` is on PATH; the LaTeX source it would compile is
checked instead.
"""

from __future__ import annotations

import logging
import shutil
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
nbconvert = pytest.importorskip("nbconvert")
pytest.importorskip("ipykernel")

pytestmark = [pytest.mark.needs_dot, pytest.mark.slow]

FIGURE = 'from shapekit.figures import figure\nfigure("dot", left=[1, 2, 3], right=[2, 3, -4])'
EXPLAIN = (
    "import shapekit\n"
    'shapekit.explain("inputs @ weights + biases", '
    '{"inputs": (2, 4), "weights": (3, 4), "biases": (3,)})'
)
KEPT = (
    "try:\n"
    '    shapekit.explain("inputs @ weights", {"inputs": (2, 4), "weights": (3, 4)})\n'
    "except shapekit.ShapeError as exc:\n"
    "    error = exc\n"
    "error"
)


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in (FIGURE, EXPLAIN, KEPT)]
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(tmp_path_factory.mktemp("nb"))}},
    )
    client.execute()
    return nb


@pytest.fixture(autouse=True)
def _jupyter_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    # jupyter_core warns (an error here) unless told to use the platform's folders
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")


def test_a_figure_cell_carries_svg_png_pdf_html_and_its_description(notebook: Any) -> None:
    from shapekit.figures import figure

    (output,) = notebook.cells[0].outputs
    assert output.output_type == "execute_result"
    assert set(output.data) == {
        "image/svg+xml",
        "image/png",
        "application/pdf",
        "text/html",
        "text/plain",
    }
    description = figure("dot", left=[1, 2, 3], right=[2, 3, -4]).description
    assert output.data["text/plain"] == description
    assert output.metadata["image/png"]["alt"] == description


def test_a_failing_explain_shows_the_message_not_a_traceback(notebook: Any) -> None:
    (output,) = notebook.cells[1].outputs
    assert output.output_type == "error" and output.ename == "MismatchError"
    text = "\n".join(output.traceback)
    assert "Shape mismatch" in text and "inputs @ weights" in text
    assert "A fix that works: inputs @ weights.T + biases \u2192 shape (2, 3)" in text
    assert "Traceback" not in text and 'File "' not in text


def test_an_error_kept_in_a_variable_displays_as_html(notebook: Any) -> None:
    (output,) = notebook.cells[2].outputs
    page = output.data["text/html"]
    assert page.startswith('<div role="alert"') and "<strong>Shape mismatch</strong>" in page
    assert "inputs @ weights.T" in page


def test_html_export_has_alt_text_and_no_warning(
    notebook: Any, caplog: pytest.LogCaptureFixture
) -> None:
    exporter = nbconvert.HTMLExporter()
    with caplog.at_level(logging.WARNING):
        body, _ = exporter.from_notebook_node(notebook)
    assert "Alternative text is missing" not in caplog.text
    assert "No description has been provided for this image" not in body
    assert 'alt="The dot product of a and b' in body


def test_latex_export_includes_the_vector_pdf_without_inkscape(notebook: Any) -> None:
    exporter = nbconvert.LatexExporter()
    body, resources = exporter.from_notebook_node(notebook)
    pdfs = [name for name in resources["outputs"] if name.endswith(".pdf")]
    assert len(pdfs) == 1 and resources["outputs"][pdfs[0]].startswith(b"%PDF-")
    assert pdfs[0] in body
    assert "\\includegraphics" in body or "\\adjustimage" in body
    assert ".svg" not in body  # LaTeX gets the PDF; nothing for Inkscape to convert
    if shutil.which("xelatex") is None:
        pytest.skip("xelatex is not installed: the LaTeX source is checked, not compiled")
    pdf, _ = nbconvert.PDFExporter().from_notebook_node(notebook)
    assert pdf.startswith(b"%PDF-")
