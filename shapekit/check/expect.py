"""What a check run expects: a shape per variable name, written on the command line.

An expected shape (:class:`Expect`) is written ``3,4`` or ``(3, 4)``; ``?``
accepts any length on a dimension (``?,4``) and a name (``batch,4``) accepts
any length as long as it is the same wherever that name is used: in every
variable of one file and in every file of one run.

:class:`Expectations` maps variable names to expected shapes, from
``--expect NAME=SHAPE`` (repeatable) or ``--var NAME --expect SHAPE``. The
same name given twice with different shapes is an error, not "the last one
wins".

>>> Expectations.parse(["inputs=batch,4", "biases=3"]).names
('inputs', 'biases')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from shapekit.errors import SpecError

__all__ = ["Expect", "Expectations"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ASSIGN = re.compile(r"\s*([^\W\d]\w*)\s*=(?!=)(.*)\Z", re.DOTALL)
#: the longest length accepted (NumPy's dimensions are signed 64-bit)
MAX_LENGTH = 2**63 - 1
#: NumPy's largest number of dimensions
MAX_DIMS = 64

Dim = int | str | None


@dataclass(frozen=True)
class Expect:
    """An expected shape: each dimension a length, ``None`` for ``?``, or a name.

    >>> Expect.parse("(batch, ?, 4)")
    Expect(dims=('batch', None, 4))
    >>> str(Expect.parse("3,4")), str(Expect.parse("()"))
    ('(3, 4)', '()')
    """

    dims: tuple[Dim, ...]
    #: ``(axis, name)`` of each named dimension, found once (named dimensions are compared
    #: for every variable of every file)
    named_axes: tuple[tuple[int, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        axes = tuple((axis, d) for axis, d in enumerate(self.dims) if isinstance(d, str))
        object.__setattr__(self, "named_axes", axes)

    @classmethod
    def parse(cls, text: str) -> Expect:
        """Parse ``3,4``, ``(3, 4)``, ``[3, 4]``, ``?,4``, ``batch,4``; a bad spec is a SpecError.

        >>> Expect.parse("3,x y")
        Traceback (most recent call last):
        ...
        shapekit.errors.SpecError: cannot read the expected shape '3,x y': 'x y' is not a length, '?' or a dimension name (write it like 3,4 or (batch, 4) or ?,4)
        """
        body = text.strip()
        if body[:1] + body[-1:] in ("()", "[]"):
            body = body[1:-1]
        parts = [part.strip() for part in body.split(",")]
        if parts and parts[-1] == "" and len(parts) > 1:
            parts.pop()  # "3," is the 1-D shape (3,)
        if parts == [""]:
            if text.strip() != body:  # "()" or "[]": a scalar
                return cls(())
            raise SpecError(
                "the expected shape is empty; write () for a scalar, or a shape like 3,4",
                field="expect",
            )
        if len(parts) > MAX_DIMS:
            raise SpecError(
                f"the expected shape has {len(parts)} dimensions; NumPy allows at most {MAX_DIMS}",
                field="expect",
            )
        return cls(tuple(_dim(part, text) for part in parts))

    @property
    def repeated(self) -> frozenset[str]:
        """Names used for more than one dimension (``n,n``): those must also agree in one value."""
        names = [d for d in self.dims if isinstance(d, str)]
        return frozenset(n for n in names if names.count(n) > 1)

    @property
    def named(self) -> bool:
        """Whether some dimension is a name (which must agree across variables and files)."""
        return bool(self.named_axes)

    def to_json(self) -> list[int | str | None]:
        """The shape as JSON data: lengths, ``null`` for ``?``, names as strings."""
        return list(self.dims)

    def __str__(self) -> str:
        shown = ["?" if d is None else str(d) for d in self.dims]
        return f"({shown[0]},)" if len(shown) == 1 else f"({', '.join(shown)})"


def _dim(part: str, text: str) -> Dim:
    # isascii: "²" or "٣" are digits to str.isdigit but not lengths anyone wrote on purpose
    if part.isascii() and part.isdigit():
        if len(part.lstrip("0")) > len(str(MAX_LENGTH)) or int(part) > MAX_LENGTH:
            shown = part if len(part) <= 30 else f"{part[:12]}…({len(part)} digits)"
            raise SpecError(
                f"cannot read the expected shape: the length {shown} is larger than NumPy "
                f"allows for a dimension ({MAX_LENGTH})",
                field="expect",
            )
        return int(part)
    if part == "?":
        return None
    if _NAME.match(part):
        return part
    shown_text = text if len(text) <= 60 else text[:57] + "..."
    shown_part = part if len(part) <= 40 else part[:37] + "..."
    raise SpecError(
        f"cannot read the expected shape {shown_text!r}: {shown_part!r} is not a length, "
        "'?' or a dimension name (write it like 3,4 or (batch, 4) or ?,4)",
        field="expect",
    )


@dataclass(frozen=True)
class Expectations:
    """The variables a run checks, each with its expected shape (``None``: any shape).

    ``names`` keeps the order they were given. An empty ``Expectations`` with
    an ``anonymous`` shape checks the one array each file holds (the old,
    single-variable mode: ``shapekit check files --expect 3,4``).

    >>> e = Expectations.parse(["weights=3,4"], var="inputs", shape="batch,4")
    >>> [(n, str(s)) for n, s in e.items()]
    [('inputs', '(batch, 4)'), ('weights', '(3, 4)')]
    """

    shapes: tuple[tuple[str, Expect | None], ...] = ()
    anonymous: Expect | None = None
    #: ``names`` and the name-to-shape table, built once: a run asks for them per variable
    _names: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _table: dict[str, Expect | None] = field(init=False, repr=False, compare=False)
    _named: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_names", tuple(name for name, _ in self.shapes))
        object.__setattr__(self, "_table", dict(self.shapes))
        named = any(s is not None and s.named for s in self.all())
        object.__setattr__(self, "_named", named)

    @classmethod
    def parse(
        cls,
        expects: Iterable[str] = (),
        *,
        var: str | None = None,
        shape: str | None = None,
    ) -> Expectations:
        """From ``--expect`` values (``NAME=SHAPE`` or a bare ``SHAPE``) and ``--var``.

        A bare shape belongs to ``--var`` (or, without ``--var``, to the one
        array of each file); a name given twice must have the same shape.

        >>> Expectations.parse(["x=3", "x=4"])
        Traceback (most recent call last):
        ...
        shapekit.errors.SpecError: x is expected twice with different shapes, (3,) and (4,); give each variable one --expect
        """
        found: dict[str, Expect | None] = {}
        bare: list[str] = [] if shape is None else [shape]
        for text in expects:
            match = _ASSIGN.match(text)
            if match is None:
                bare.append(text)
                continue
            name, body = match.group(1), match.group(2)
            cls._add(found, name, Expect.parse(body))
        if len(bare) > 1:
            raise SpecError(
                f"--expect is given {len(bare)} shapes without a name ({', '.join(bare[:3])}); "
                "name each one: --expect inputs=3,4 --expect weights=3,4",
                field="expect",
            )
        unnamed = Expect.parse(bare[0]) if bare else None
        if var is not None:
            if not _NAME.match(var):
                raise SpecError(
                    f"--var {var!r} is not a variable name (letters, digits and _)", field="var"
                )
            if unnamed is not None or var not in found:
                cls._add(found, var, unnamed)
            unnamed = None
            found = {var: found[var]} | {k: v for k, v in found.items() if k != var}
        elif unnamed is not None and found:
            raise SpecError(
                f"--expect {bare[0]} has no name while other expectations do; "
                "write it as NAME=SHAPE, or name the variable with --var",
                field="expect",
            )
        return cls(tuple(found.items()), unnamed)

    @staticmethod
    def _add(found: dict[str, Expect | None], name: str, expect: Expect | None) -> None:
        before = found.get(name)
        if name in found and before is not None and expect is not None and before != expect:
            raise SpecError(
                f"{name} is expected twice with different shapes, {before} and {expect}; "
                "give each variable one --expect",
                field="expect",
            )
        if before is None:
            found[name] = expect

    @property
    def names(self) -> tuple[str, ...]:
        """The variable names to check, in the order given (empty: one unnamed array per file)."""
        return self._names

    @property
    def named(self) -> bool:
        """Whether some expected shape has a named dimension (to agree across variables and files)."""
        return self._named

    def items(self) -> Iterator[tuple[str, Expect | None]]:
        """``(name, expected shape)`` pairs."""
        return iter(self.shapes)

    def get(self, name: str | None) -> Expect | None:
        """The shape expected for ``name`` (``None``: the unnamed one)."""
        if name is None:
            return self.anonymous
        return self._table.get(name, self.anonymous if not self.shapes else None)

    def all(self) -> list[Expect]:
        """Every expected shape (for named dimensions)."""
        shapes = [s for _, s in self.shapes if s is not None]
        return shapes + ([self.anonymous] if self.anonymous is not None else [])
