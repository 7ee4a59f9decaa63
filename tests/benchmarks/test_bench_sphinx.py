"""Rebuilding a page with 20 shapekit figures after its text changed, side by side with the same
page made of plain ``.. image::`` directives on pre-rendered files.

Both projects are built once (the shapekit one fills its figure cache); each round then edits a
sentence of the page and rebuilds it incrementally with a fresh Sphinx application, as
``sphinx-build`` would. Target: the shapekit page at most 1.2x the plain one. The shapekit
page is built with each renderer (``inprocess``, the default; ``dot``, as before).

Group ``sphinx-first-build-20-figures``: the first build of the shapekit page, its 20 figures
drawn into an empty cache, with each renderer (issue 11: in process no slower than dot).

    ./dev.sh bench -k sphinx -s
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sphinx.application import Sphinx

from shapekit.figures import figure
from shapekit.render import inprocess

pytestmark = pytest.mark.needs_dot_program  # the dot cases are the baseline

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
    root.mkdir(parents=True, exist_ok=True)
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


#: the page's renderer: SHAPEKIT_RENDERER while it is built
RENDERER = {"image": "auto", "shapekit": "inprocess", "shapekit-dot": "dot"}
MEANS: dict[str, float] = {}


@pytest.fixture(autouse=True)
def _in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """sphinx-build is a fresh process that never reaches the hand-over to the helper."""
    monkeypatch.setattr(inprocess, "OWN_LIMIT", 10**9)


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    img_root = tmp_path_factory.mktemp("images")
    sk_body, img_body = _shapekit_body(), _image_body(img_root / "figs")
    built = {"image": (_project(img_root, [], img_body), img_body)}
    for page in ("shapekit", "shapekit-dot"):
        root = tmp_path_factory.mktemp(page)
        built[page] = (_project(root, ["shapekit.sphinxext"], sk_body), sk_body)
    with pytest.MonkeyPatch.context() as patch:
        for page, (src, _) in built.items():
            patch.setenv("SHAPEKIT_RENDERER", RENDERER[page])
            _build(src)  # the first build: shapekit fills its cache
    return built


@pytest.mark.benchmark(group="sphinx-rebuild-20-figures")
@pytest.mark.parametrize("page", ["image", "shapekit", "shapekit-dot"])
def test_rebuild_after_text_edit(benchmark, projects, page, monkeypatch):
    monkeypatch.setenv("SHAPEKIT_RENDERER", RENDERER[page])
    src, body = projects[page]
    revisions = itertools.count(1)
    benchmark.pedantic(_rebuild_after_edit, args=(src, revisions, body), rounds=15, warmup_rounds=2)
    html = (src / "_build" / "html" / "index.html").read_text()
    assert html.count("<img ") == FIGURES
    assert html.count('.svg"') == FIGURES
    MEANS[f"rebuild-{page}"] = benchmark.stats.stats.mean


@pytest.mark.benchmark(group="sphinx-first-build-20-figures")
@pytest.mark.parametrize("renderer", ["inprocess", "dot"])
def test_first_build(benchmark, tmp_path, renderer, monkeypatch):
    monkeypatch.setenv("SHAPEKIT_RENDERER", renderer)
    body, counter = _shapekit_body(), itertools.count()

    def setup():
        return (_project(tmp_path / f"p{next(counter)}", ["shapekit.sphinxext"], body),), {}

    benchmark.pedantic(_build, setup=setup, rounds=4, iterations=1, warmup_rounds=1)
    html = (tmp_path / "p1" / "_build" / "html" / "index.html").read_text()
    assert html.count('.svg"') == FIGURES
    MEANS[f"first-{renderer}"] = benchmark.stats.stats.mean


def test_report_ratios():
    """Print the ratios of the benchmarks above (run in file order)."""
    names = {"rebuild-image", "rebuild-shapekit", "rebuild-shapekit-dot"}
    if not names | {"first-inprocess", "first-dot"} <= set(MEANS):
        pytest.skip("run the whole file to get the ratios")
    print(
        f"\nsphinx rebuild: shapekit / image = "
        f"{MEANS['rebuild-shapekit'] / MEANS['rebuild-image']:.2f} (target <= 1.2); "
        f"inprocess / dot = {MEANS['rebuild-shapekit'] / MEANS['rebuild-shapekit-dot']:.2f}\n"
        f"sphinx first build of 20 figures: inprocess / dot = "
        f"{MEANS['first-inprocess'] / MEANS['first-dot']:.2f} (issue 11: <= 1)"
    )
