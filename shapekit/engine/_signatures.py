"""The arguments of a NumPy call, checked as Python checks them before NumPy runs.

A misspelt keyword (``keepdim=True``, ``dtpye=float``), a missing argument
(``np.clip(p, 1e-7)``, ``np.maximum(z)``) or one too many is Python's ``TypeError``
when the file runs, whatever the values. The parameters come from NumPy's own
signatures (:func:`inspect.signature`, never by calling anything), so they are those
of the NumPy installed here. A value NumPy cannot take where the call puts it — a
number as the ``dtype`` (``np.sum(e, 1, True)``), a number or list as ``out`` — is
the ``TypeError`` too.
"""

from __future__ import annotations

import ast
import difflib
import inspect
from typing import Any

from shapekit.engine._operands import Operand

__all__ = ["METHODS_AS_FUNCTIONS", "named_arguments", "refused_arguments"]

#: the array methods whose parameters, after the array itself, are the NumPy function's
#: (``x.max(axis, out, keepdims)`` is ``np.max(x, axis, out, keepdims)``): NumPy's methods
#: take ``**kwargs`` in their own signatures and check the names inside
METHODS_AS_FUNCTIONS = frozenset(
    {"sum", "mean", "max", "min", "argmax", "argmin", "prod", "std", "var", "any", "all"}
    | {"cumsum", "cumprod"}
)
_UNSEEN: Any = object()
#: the names of the places of numpy.<name>'s parameters (a method's start after the array)
_PLACES: dict[tuple[str, bool], tuple[str, ...]] = {}
_SIGNATURES: dict[str, inspect.Signature | None] = {}
#: Python's verdict on the arguments as written: (name, positional count, keywords, method)
_VERDICTS: dict[tuple[str, int, tuple[str, ...], bool], tuple[str, str | None] | None] = {}
#: the parameter each argument binds to, by the same key (see refused_arguments)
_TOKENS: dict[tuple[str, int, tuple[str, ...], bool], tuple[tuple[str, int | str], ...]] = {}


def _arange(start=None, stop=None, step=None, dtype=None, *, device=None, like=None):  # type: ignore[no-untyped-def]
    """What np.arange takes: its own signature says ``(start_or_stop, /, stop=None, step=1,
    *, dtype=None, ...)``, but it takes the dtype fourth (``np.arange(0, 12, 1, float)``)
    and ``stop=`` alone, as the tests check against NumPy itself."""


#: the functions whose signature in NumPy is narrower than what they take
_OVERRIDES = {"arange": inspect.signature(_arange)}


def named_arguments(
    name: str,
    args: list[Operand],
    kwargs: dict[str, Operand],
    *,
    method: bool = False,
    skip: tuple[str, ...] = ("a", "axis"),
) -> dict[str, Operand]:
    """The keywords of a call of ``numpy.<name>`` with the arguments given by place named
    as NumPy's signature names them (``np.sum(e, 1, None, None, True)`` gives keepdims by
    place); ``method``: ``x.sum(…)``, whose places start after the array itself."""
    if len(args) <= (0 if method else 1):  # nothing past the array itself is given by place
        return kwargs
    places = _PLACES.get((name, method))
    if places is None:
        signature = _signature(name)
        places = _PLACES[name, method] = (
            ()
            if signature is None
            else tuple(
                p.name
                for p in signature.parameters.values()
                if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
            )[1 if method else 0 :]
        )
        if method and name in ("all", "any"):  # x.all(axis, dtype, out, keepdims): its own
            places = _PLACES[name, method] = ("axis", "dtype", "out", "keepdims")
    if not places:
        return kwargs
    named = dict(kwargs)
    for place, given in zip(places, args, strict=False):
        if place not in skip:  # (by default what the reductions read by place themselves)
            named.setdefault(place, given)
    return named


def _signature(name: str) -> inspect.Signature | None:
    """NumPy's signature of ``numpy.<name>`` (``random.randn`` …), None without one."""
    if name in _OVERRIDES:
        return _OVERRIDES[name]
    found = _SIGNATURES.get(name, _UNSEEN)
    if found is _UNSEEN:
        import numpy

        target: Any = numpy
        for part in name.split("."):
            target = getattr(target, part, None)
        try:
            found = None if target is None else inspect.signature(target)
        except (TypeError, ValueError):  # no signature (a class, some C functions)
            found = None
        if found is not None and any(
            p.kind is p.VAR_KEYWORD and p.name != "kwargs" for p in found.parameters.values()
        ):
            found = None  # a catch-all under another name: not what Python checks
        _SIGNATURES[name] = found
    return found


def refused_arguments(
    name: str, node: ast.Call, args: list[Operand], kwargs: dict[str, Operand],
    receiver: Operand | None = None, values: bool = False, dtypes: bool = False,
) -> tuple[str, str | None] | None:  # fmt: skip
    """Python's ``TypeError`` for the arguments of ``node``, a call of ``numpy.<name>``
    (or of the method ``name`` of ``receiver``): the reason, in which ``{call}`` stands for
    the function as written, and the keyword a misspelt one was likely meant to be (None
    when none); None when Python takes the arguments. ``values``: also a number where the
    dtype or ``out`` goes; ``dtypes``: a number where the dtype goes."""
    if any(isinstance(a, ast.Starred) for a in node.args) or any(
        k.arg is None for k in node.keywords
    ):
        return None  # f(*xs) or f(**options): what is passed is not written out
    method = receiver is not None
    keywords = tuple(k.arg for k in node.keywords if k.arg is not None)
    key = (name, len(node.args), keywords, method)
    verdict = _VERDICTS.get(key, _UNSEEN)
    if verdict is _UNSEEN:
        verdict = _VERDICTS[key] = _bind(name, len(node.args), keywords, method)
    if verdict is not None or not (values or dtypes):
        return verdict
    signature = _signature(name)
    if signature is None:
        return None
    if len(args) != len(node.args):
        return None
    given = ([receiver] if receiver is not None else []) + list(args)
    tokens = _TOKENS.get(key)
    if tokens is None:  # which parameter takes each argument: the same for the same key
        try:
            bound = signature.bind_partial(*range(len(given)), **{k: k for k in keywords})
        except TypeError:  # (what _bind left undecided: a positional-only name by keyword)
            return None
        tokens = _TOKENS[key] = tuple(
            (param, token)
            for param, token in bound.arguments.items()
            if isinstance(token, (int, str))
        )
    passed = {
        param: given[token] if isinstance(token, int) else kwargs.get(token)
        for param, token in tokens
    }
    dtype, out = passed.get("dtype"), passed.get("out")
    if dtype is not None and dtype.kind == "number" and dtype.value is not None:
        return f"Cannot interpret '{dtype.value!r}' as a data type, so it cannot be the dtype", None
    if values and out is not None and out.kind in ("number", "list", "tuple", "str"):
        return "out must be an array (a place for the result), and it is not one", None
    return None


def _bind(
    name: str, positional: int, keywords: tuple[str, ...], method: bool
) -> tuple[str, str | None] | None:
    signature = _signature(name)
    if signature is None:
        return None
    params = signature.parameters
    try:
        bound = signature.bind(*range(positional + method), **dict.fromkeys(keywords))
    except TypeError as exc:
        reason = str(exc)
        wrong = next((k for k in keywords if k not in params), None)
        if wrong is not None and not any(p.kind is p.VAR_KEYWORD for p in params.values()):
            names = [p for p in params if params[p].kind is not params[p].POSITIONAL_ONLY]
            close = difflib.get_close_matches(wrong, names, n=1, cutoff=0.6)
            if wrong in ("shape", "sizes", "dims") and "size" in names:  # rng.normal(shape=…)
                close = ["size"]
            return (
                f"{{call}}() got an unexpected keyword argument '{wrong}'",
                close[0] if close else None,
            )
        if reason.startswith("missing a required argument: "):
            missing = reason.removeprefix("missing a required argument: ")
            return f"{{call}}() is missing its required argument {missing}", None
        if reason == "too many positional arguments":
            most = sum(
                p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params.values()
            )
            return (
                f"{{call}}() takes at most {most - method} positional argument"
                f"{'s' * (most - method != 1)} but {positional} were given",
                None,
            )
        if reason.startswith("multiple values for argument "):
            return f"{{call}}() got {reason}", None
        # (a parameter inspect calls positional-only may still be taken by keyword:
        # np.empty_like(prototype=…) runs; so that is not said to fail)
        return None  # another refusal: not worded here, so not claimed
    if name == "clip":  # np.clip(p, 1e-7): one bound given without the other
        given = set(bound.arguments)
        if ("a_min" in given) != ("a_max" in given) and not given & {"min", "max"}:
            other = "a_max" if "a_min" in given else "a_min"
            return f"{{call}}() is missing its required argument '{other}'", None
    return None
