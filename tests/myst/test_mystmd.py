"""A MyST site built by the real mystmd (from npm) with shapekit's executable plugin.

The project in ``project/`` is copied, the plugin is written into it with
``shapekit myst-plugin --install``, and ``myst build --site`` builds it once
for the module. mystmd's static HTML export needs a theme that it downloads
from the internet, so the built pages are turned into HTML with mystmd's own
renderer from npm (``myst-to-html``, see ``render_html.mjs``).

mystmd and myst-to-html are installed into ``.cache/node`` by ``./dev.sh test``
(versions in ``package.json`` here); the fixture installs them the same way if
they are missing, and the tests skip, saying why, only where Node.js and npm
cannot be had.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from shapekit_cli.main import main as cli

from shapekit.figures import figure

pytestmark = [pytest.mark.needs_dot, pytest.mark.slow]

HERE = Path(__file__).parent
NODE_FOLDER = Path(os.environ.get("SHAPEKIT_NODE_DIR", HERE.parents[1] / ".cache" / "node"))
MYST = NODE_FOLDER / "node_modules" / ".bin" / "myst"
RENDERER = NODE_FOLDER / "node_modules" / "myst-to-html"


def _install_mystmd() -> None:
    """mystmd and myst-to-html in NODE_FOLDER, as ./dev.sh test installs them; or skip."""
    if MYST.exists() and RENDERER.exists():
        return
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("mystmd tests need Node.js and npm (./dev.sh test installs Debian's nodejs)")
    NODE_FOLDER.mkdir(parents=True, exist_ok=True)
    shutil.copy(HERE / "package.json", NODE_FOLDER / "package.json")
    done = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(NODE_FOLDER)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0 or not MYST.exists():
        pytest.skip(f"npm could not install mystmd into {NODE_FOLDER}: {done.stderr[-500:]}")


class Site:
    """The built project: mystmd's console output and each page as HTML."""

    def __init__(self, folder: Path, output: str) -> None:
        self.folder = folder
        self.output = output
        self.public = folder / "_build" / "site" / "public"
        self._pages: dict[str, str] = {}

    def page(self, name: str) -> str:
        if name not in self._pages:
            self._pages[name] = self._render(name)
        return self._pages[name]

    def _render(self, name: str) -> str:
        content = self.folder / "_build" / "site" / "content" / f"{name}.json"
        done = subprocess.run(
            [
                "node",
                str(HERE / "render_html.mjs"),
                str(NODE_FOLDER / "node_modules"),
                str(content),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return done.stdout

    def images(self, page: str) -> list[tuple[str, str]]:
        """(src, alt) of every image of a page."""
        found = re.findall(r'<img src="/([^"]+)" alt="([^"]*)"', self.page(page))
        return [(src, html.unescape(alt)) for src, alt in found]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    _install_mystmd()
    folder = tmp_path_factory.mktemp("mystmd") / "project"
    shutil.copytree(HERE / "project", folder)
    result = CliRunner().invoke(cli, ["myst-plugin", "--install", str(folder)])
    assert result.exit_code == 0, result.output
    env = {**os.environ, "NO_COLOR": "1", "SHAPEKIT_MYST_CACHE": str(folder / "_cache")}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    done = subprocess.run(
        [str(MYST), "build", "--site"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = done.stdout + done.stderr
    # the content is built before mystmd fetches the theme (which needs the internet)
    assert (folder / "_build" / "site" / "content" / "index.json").is_file(), output
    return Site(folder, output)


def test_the_plugin_loads_with_both_directives(site: Site) -> None:
    assert "shapekit (shapekit_plugin.py) loaded: 2 directives" in site.output


def test_figures_are_svg_files_of_the_site_with_their_description_as_alt(site: Site) -> None:
    dot = figure("dot", left=[1, 2, 3], right=[2, 3, 4])
    # mystmd reads YAML with JavaScript, where 1.0 is the number 1
    layer = figure(
        "layer",
        inputs=[1, 2, 3],
        weights=[[0.2, 0.8, -0.5], [0.5, -0.91, 0.26]],
        biases=[2, 3],
    )
    images = site.images("index")
    assert [alt for _, alt in images] == [
        dot.description,
        layer.description,
        "A dot product from the gallery",
    ]
    assert all(src.endswith(".svg") for src, _ in images)
    assert (site.public / images[0][0]).read_bytes() == dot.svg()
    assert (site.public / images[1][0]).read_bytes() == layer.svg()
    # the gallery figure is the same dot product: one file serves both
    assert images[2][0] == images[0][0]


def test_captions_labels_and_numbering(site: Site) -> None:
    page = site.page("index")
    captions = re.findall(r"<figcaption><p>(.*?)</p></figcaption>", page, re.S)
    plain = [re.sub(r'<span class="caption-number">.*?</span>', "", c) for c in captions]
    assert plain == [
        "Matching elements are <em>multiplied</em>, then added up.",
        "A layer of 2 neurons sharing 3 inputs",  # no body, no caption: the figure's title
        "Two short vectors, multiplied pair by pair and summed.",  # the gallery caption
    ]
    assert '<figure id="fig-dot" class="numbered shapekit">' in page
    assert 'width="60%"' in page
    assert '<a href="#fig-dot">Figure\xa01</a>' in page
    assert '<a href="#fig-layer">Figure\xa02</a>' in page


def test_explanations(site: Site) -> None:
    page = html.unescape(site.page("index"))
    assert "inputs @ weights.T + biases -> (3, 3)" in page
    assert '<p class="admonition-title">Shape mismatch</p>' in page
    assert '<p class="admonition-title">Verified fix</p>' in page
    assert (
        "<code>np.dot(inputs, weights.T) + biases</code> gives the shape <code>(3, 3)</code>"
        in (page)
    )


@pytest.mark.parametrize(
    "report",
    [
        'mistakes.md:5 unexpected option "rigth" provided (in shapekit)',
        "mistakes.md:5 unknown role: shapekit: dot figures have no field 'rigth'; "
        "did you mean 'right'?",
        "mistakes.md:9 unknown role: shapekit: field 'left': expected a list of numbers",
        "mistakes.md:22 unknown role: shapekit: ':shapes:' b:",
    ],
    ids=["mystmd-unknown-option", "misspelt-field", "bad-value", "explain-shapes"],
)
def test_mistakes_are_reported_by_mystmd_at_their_line(site: Site, report: str) -> None:
    assert any(report in line for line in site.output.splitlines()), site.output


def test_mistakes_show_in_the_page_and_the_rest_is_built(site: Site) -> None:
    page = html.unescape(site.page("mistakes"))
    assert page.count('class="shapekit-error admonition error"') == 4
    assert "dot figures have no field 'rigth'; did you mean 'right'?" in page
    assert len(site.images("mistakes")) == 1
    assert "This one is fine." in page


def test_a_mistake_in_a_yaml_block_is_reported_inside_the_block(site: Site) -> None:
    # mystmd gives the options of a YAML block approximate lines: within lines 14-18 here
    message = 'unknown role: shapekit: option \'align\': "middle" unknown; choose from "left", '
    found = [line for line in site.output.splitlines() if message in line]
    assert len(found) == 1, site.output
    line = int(re.search(r"mistakes\.md:(\d+) ", found[0]).group(1))
    assert 14 <= line <= 18
