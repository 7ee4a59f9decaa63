"""Fonts for the in-process backend: the fontconfig bundled in the pygraphviz wheel.

The wheel carries its own (older) fontconfig. Left alone it reads the system's
configuration, which a newer fontconfig may have written in words it does not
know (a "Fontconfig warning" on every run), and its hinting then depends on the
machine. So, unless the user set ``FONTCONFIG_FILE`` or ``FONTCONFIG_PATH``,
shapekit hands it a small configuration of its own before the first figure:
the usual font folders of the platform, a cache under the user's cache folder,
and the hinting Debian uses by default (so PNGs look like those of ``dot``).

Then :func:`check` asks fontconfig which font "DejaVu Sans" resolves to. When
it is another family the figures would still draw, in that other font, so a
:class:`~shapekit.errors.FontWarning` says so and how to install it; when no
font at all can be found, PNG and PDF output (whose text would be empty boxes)
is refused with a :class:`~shapekit.errors.RenderError` instead.
"""

from __future__ import annotations

import ctypes
import glob
import os
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

from shapekit.errors import FontWarning, RenderError
from shapekit.render.finish import FONT

__all__ = ["FONT_HINT", "FontCheck", "check", "config_text", "setup"]

FONT_HINT = (
    "install the DejaVu fonts: 'apt-get install fonts-dejavu-core' on Debian/Ubuntu, "
    "'dnf install dejavu-sans-fonts' on Fedora, 'brew install --cask font-dejavu' on "
    "macOS, or copy DejaVuSans.ttf and DejaVuSans-Bold.ttf from https://dejavu-fonts.github.io "
    "into your fonts folder"
)


@dataclass(frozen=True)
class FontCheck:
    """What fontconfig answered for :data:`~shapekit.render.finish.FONT`."""

    family: str | None  #: the family it resolved to (None: no font at all)
    file: str | None  #: the font file

    @property
    def ok(self) -> bool:
        return self.family == FONT


def _font_dirs() -> list[str]:
    home = Path.home()
    if sys.platform == "darwin":
        return [
            "/System/Library/Fonts",
            "/Library/Fonts",
            str(home / "Library" / "Fonts"),
            "/opt/homebrew/share/fonts",
            "/usr/local/share/fonts",
        ]
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        local = os.environ.get("LOCALAPPDATA", str(home / "AppData" / "Local"))
        return [os.path.join(windir, "Fonts"), os.path.join(local, "Microsoft", "Windows", "Fonts")]
    data_home = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    return [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        os.path.join(data_home, "fonts"),
        str(home / ".fonts"),
    ]


def _cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return os.path.join(base, "shapekit", "fontconfig")


def config_text() -> str:
    """shapekit's fontconfig configuration for this platform (XML).

    >>> import xml.etree.ElementTree as ET
    >>> ET.fromstring(config_text()).find("match/edit[@name='hintstyle']/const").text
    'hintslight'
    """
    from xml.sax.saxutils import escape

    dirs = "".join(f"  <dir>{escape(d)}</dir>\n" for d in _font_dirs())
    return (
        '<?xml version="1.0"?>\n<fontconfig>\n'
        f"{dirs}  <cachedir>{escape(_cache_dir())}</cachedir>\n"
        '  <match target="font">\n'
        '    <edit name="antialias" mode="assign"><bool>true</bool></edit>\n'
        '    <edit name="hinting" mode="assign"><bool>true</bool></edit>\n'
        '    <edit name="hintstyle" mode="assign"><const>hintslight</const></edit>\n'
        '    <edit name="rgba" mode="assign"><const>none</const></edit>\n'
        "  </match>\n</fontconfig>\n"
    )


def _library(libs: list[str]) -> ctypes.CDLL | None:
    """The wheel's own libfontconfig (already loaded by Graphviz), or None."""
    for folder in libs:
        for path in sorted(glob.glob(os.path.join(folder, "*fontconfig*"))):
            try:
                return ctypes.CDLL(path)
            except OSError:
                continue
    return None


class _Fontconfig:
    """The few fontconfig calls shapekit needs, through ctypes."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        p, s = ctypes.c_void_p, ctypes.c_char_p
        self.lib = lib
        for name, res, args in [
            ("FcConfigCreate", p, []),
            ("FcConfigParseAndLoadFromMemory", ctypes.c_int, [p, s, ctypes.c_int]),
            ("FcConfigBuildFonts", ctypes.c_int, [p]),
            ("FcConfigSetCurrent", ctypes.c_int, [p]),
            ("FcConfigDestroy", None, [p]),
            ("FcNameParse", p, [s]),
            ("FcConfigSubstitute", ctypes.c_int, [p, p, ctypes.c_int]),
            ("FcDefaultSubstitute", None, [p]),
            ("FcFontMatch", p, [p, p, ctypes.POINTER(ctypes.c_int)]),
            ("FcPatternGetString", ctypes.c_int, [p, s, ctypes.c_int, ctypes.POINTER(s)]),
            ("FcPatternDestroy", None, [p]),
        ]:
            func = getattr(lib, name)
            func.restype, func.argtypes = res, args

    def load(self, text: str) -> bool:
        """Make ``text`` the current configuration; False if fontconfig refused it."""
        lib = self.lib
        config = lib.FcConfigCreate()
        if not config:
            return False
        if (
            lib.FcConfigParseAndLoadFromMemory(config, text.encode(), 1)
            and lib.FcConfigBuildFonts(config)
            and lib.FcConfigSetCurrent(config)
        ):
            return True
        lib.FcConfigDestroy(config)
        return False

    def match(self, family: str) -> FontCheck:
        lib = self.lib
        pattern = lib.FcNameParse(family.encode())
        lib.FcConfigSubstitute(None, pattern, 0)  # 0: FcMatchPattern
        lib.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        found = lib.FcFontMatch(None, pattern, ctypes.byref(result))
        lib.FcPatternDestroy(pattern)
        if not found:
            return FontCheck(None, None)
        try:
            return FontCheck(self._string(found, b"family"), self._string(found, b"file"))
        finally:
            lib.FcPatternDestroy(found)

    def _string(self, pattern: int, key: bytes) -> str | None:
        value = ctypes.c_char_p()
        if self.lib.FcPatternGetString(pattern, key, 0, ctypes.byref(value)) != 0:
            return None
        return value.value.decode("utf-8", "replace") if value.value else None


_STATE: dict[str, object] = {}


def setup(libs: list[str]) -> FontCheck | None:
    """Configure the wheel's fontconfig (once) and check the font; None if it has none.

    ``libs`` are the folders where the wheel keeps its shared libraries.
    """
    if "check" in _STATE:
        return _STATE["check"]  # type: ignore[return-value]
    lib = _library(libs)
    result = None
    if lib is not None:
        try:
            fontconfig = _Fontconfig(lib)
        except AttributeError:  # a fontconfig without these calls: leave it alone
            fontconfig = None
        if fontconfig is not None:
            if not (os.environ.get("FONTCONFIG_FILE") or os.environ.get("FONTCONFIG_PATH")):
                fontconfig.load(config_text())
            result = fontconfig.match(FONT)
    _STATE["check"] = result
    return result


def check(result: FontCheck | None, fmt: str) -> None:
    """Warn (once) when the figures' font is missing; refuse bitmaps with no font at all."""
    if result is None or result.ok:
        return
    if result.family is None:
        if fmt in ("png", "pdf"):
            raise RenderError(
                f"no font was found to write the figure's text ({FONT} is its font); {FONT_HINT}"
            )
        return
    if not _STATE.get("warned"):
        _STATE["warned"] = True
        warnings.warn(
            f"the font {FONT} was not found, so figures are drawn in {result.family} "
            f"and look different from the documentation's; {FONT_HINT}",
            FontWarning,
            stacklevel=4,
        )
