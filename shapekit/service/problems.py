"""What goes wrong in a request, as data: a :class:`Problem` carries the HTTP status and the
fields of shapekit's error (``kind``, ``message``, ``field``, ``suggestion``).

A problem is shown as JSON to programs and as a picture to ``<img>`` tags (see
:mod:`shapekit.service.panel`); which one is decided by :func:`wants_image`.

>>> from shapekit.errors import SpecError
>>> p = Problem.from_error(SpecError("no field 'wieghts'", field="wieghts", suggestion="weights"))
>>> p.status, p.to_dict()["suggestion"]
(422, 'weights')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shapekit.errors import ShapekitError, SpecError

__all__ = ["REASONS", "Problem", "header_text", "wants_image"]

#: every status the service answers, with its reason phrase
REASONS: dict[int, str] = {
    200: "OK",
    204: "No Content",
    304: "Not Modified",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Content Too Large",
    414: "URI Too Long",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class Problem(Exception):
    """An answer other than the figure: its status and what to tell the client."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        kind: str = "request",
        field: str | None = None,
        suggestion: str | None = None,
        retry_after: int | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind
        self.field = field
        self.suggestion = suggestion
        self.retry_after = retry_after
        self.extra = dict(extra or {})

    def __str__(self) -> str:
        return self.message

    @classmethod
    def from_error(cls, error: ShapekitError, status: int = 422) -> Problem:
        """A shapekit error (a bad spec, expression or value) as a 422 with its fields."""
        data = error.to_dict()
        kind = str(data.pop("kind", type(error).__name__))
        message = str(data.pop("message", error.message))
        field = getattr(error, "field", None) if isinstance(error, SpecError) else None
        suggestion = getattr(error, "suggestion", None) if isinstance(error, SpecError) else None
        data.pop("field", None)
        data.pop("suggestion", None)
        extra = {k: v for k, v in data.items() if v is not None}
        return cls(status, message, kind=kind, field=field, suggestion=suggestion, extra=extra)

    def to_dict(self) -> dict[str, Any]:
        """The JSON body: ``{"status", "kind", "message", "field", "suggestion", ...}``."""
        data: dict[str, Any] = {
            "status": self.status,
            "kind": self.kind,
            "message": self.message,
            "field": self.field,
            "suggestion": self.suggestion,
        }
        for key, value in self.extra.items():
            data.setdefault(key, value)
        return data


def header_text(message: str, limit: int = 300) -> str:
    """``message`` made safe for an HTTP header: one line of ASCII, at most ``limit`` long.

    >>> header_text("field 'x':\\n caf\\u00e9")
    "field 'x': caf\\\\xe9"
    """
    flat = " ".join(message.split())
    text = flat.encode("ascii", "backslashreplace").decode("ascii")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def wants_image(accept: str, fetch_dest: str, image_url: bool) -> bool:
    """Whether an error should be drawn (an ``<img>``, an image URL) rather than sent as JSON.

    >>> wants_image("application/json", "", True)
    False
    >>> wants_image("image/avif,image/webp,*/*", "", False)
    True
    >>> wants_image("*/*", "", True), wants_image("*/*", "", False)
    (True, False)
    """
    if fetch_dest == "image":
        return True
    ranked = _accept(accept)
    if ranked.get("application/json", 0) > 0 and ranked["application/json"] >= max(
        ranked.get("image/*", 0), ranked.get("image/svg+xml", 0), ranked.get("image/png", 0)
    ):
        return False
    if any(k.startswith("image/") and q > 0 for k, q in ranked.items()):
        return True
    return image_url


def _accept(header: str) -> dict[str, float]:
    ranked: dict[str, float] = {}
    for part in header.split(",")[:32]:
        media, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media:
            ranked[media.strip().lower()] = quality
    return ranked
