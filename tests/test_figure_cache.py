"""The figure cache (Sphinx, MkDocs) writes only files of its own."""

from __future__ import annotations

import os
from pathlib import Path

from shapekit.figures import figure
from shapekit.figures.cache import FigureCache


def test_a_link_planted_at_a_temporary_name_is_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    cache = FigureCache(tmp_path / "cache", dpi=96, formats=("svg",))
    fig = figure("dot", left=[1, 2, 3], right=[2, 3, 4])
    name = cache.name(fig.spec)
    (tmp_path / "cache").mkdir()
    # the name an earlier version wrote through: .NAME.svg.PID.tmp
    os.symlink(victim, tmp_path / "cache" / f".{name}.svg.{os.getpid()}.tmp")
    (stored,) = cache.store([fig])
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert cache.path(stored.name, "svg").read_bytes() == fig.svg()
    assert cache.lookup(fig.spec) == stored
