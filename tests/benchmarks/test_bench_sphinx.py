"""Rebuilding a page with 20 shapekit figures after its text changed, side by side with the same
page made of plain ``.. image::`` directives on pre-rendered files.

Both projects are built once (the shapekit one fills its figure cache); each round then edits a
sentence of the page and rebuilds it incrementally with a fresh Sphinx application, as
``sphinx-build`` would. Target: the shapekit page at most 1.2x the plain one.

    ./dev.sh bench -k sphinx
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sphinx.application import Sphinx

from shapekit.figures import figure

pytestmark = pytest.mark.needs_dot

FIGURES = 20


def _specs() -> list[tuple[str, dict[str, str]]]:
    """Twenty different figures of several kinds."""
    specs: list[tuple[str, dict[str, str]]] = []
    for i in range(FIGURES):
        n = 2 + i % 4
        if i % 3 == 0:
            specs.append(
                (
                    "dot",
                    {
                        "left": ", ".join(str(i + k) for k in range(n)),
                        "right": ", ".join(str(k + 1) for k in range(n)),
                    },
                )
            )
        elif i % 3 == 1:
            specs.append(
                (
                    "neuron",
                    {
                        "inputs": ", ".join(f"{k + 1}.0" for k in range(n)),
                        "weights": ", ".join(f"0.{k + i}" for k in range(n)),
                        "bias": str(i),
                    },
                )
            )
        else:
            specs.append(("transpose", {"shape": f"{n},{i % 5 + 2}"}))
    return specs


def _page(body: list[str], revision: int) -> str:
    return "\n".join(
        [
            "Twenty figures",
            "==============",
            "",
            f"An introduction, revision {revision}.",
            "",
            *body,
            "",
        ]
    )


def _shapekit_body() -> list[str]:
    lines = []
    for kind, fields in _specs():
        lines += [f".. shapekit:: {kind}", *(f"   :{k}: {v}" for k, v in fields.items()), ""]
    return lines


def _image_body(folder: Path) -> list[str]:
    lines = []
    folder.mkdir()
    for i, (kind, fields) in enumerate(_specs()):
        fig = figure(kind, fields)
        fig.save(folder / f"fig{i:02}.svg")
        fig.save(folder / f"fig{i:02}.png")
        lines += [f".. image:: figs/fig{i:02}.*", f"   :alt: {fig.description}", ""]
    return lines


def _project(root: Path, extensions: list[str], body: list[str]) -> Path:
    (root / "conf.py").write_text(f"extensions = {extensions!r}\n")
    (root / "index.rst").write_text(_page(body, 0))
    return root


def _build(src: Path) -> None:
    app = Sphinx(
        src,
        src,
        src / "_build" / "html",
        src / "_build" / "doctrees",
        "html",
        status=None,
        warning=None,
        freshenv=False,
        warningiserror=True,
    )
    app.build()


def _rebuild_after_edit(src: Path, revisions: itertools.count, body: list[str]) -> None:
    (src / "index.rst").write_text(_page(body, next(revisions)))
    _build(src)


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    sk_root, img_root = tmp_path_factory.mktemp("shapekit"), tmp_path_factory.mktemp("images")
    sk_body, img_body = _shapekit_body(), _image_body(img_root / "figs")
    built = {
        "shapekit": (_project(sk_root, ["shapekit.sphinxext"], sk_body), sk_body),
        "image": (_project(img_root, [], img_body), img_body),
    }
    for src, _ in built.values():
        _build(src)  # the first build: shapekit fills its cache
    return built


@pytest.mark.benchmark(group="sphinx-rebuild-20-figures")
@pytest.mark.parametrize("page", ["image", "shapekit"])
def test_rebuild_after_text_edit(benchmark, projects, page):
    src, body = projects[page]
    revisions = itertools.count(1)
    benchmark.pedantic(_rebuild_after_edit, args=(src, revisions, body), rounds=15, warmup_rounds=2)
    html = (src / "_build" / "html" / "index.html").read_text()
    assert html.count("<img ") == FIGURES
    assert html.count('.svg"') == FIGURES
