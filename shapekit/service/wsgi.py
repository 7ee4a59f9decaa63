"""The WSGI application: routes, content negotiation, caching headers and limits.

No web framework: a handful of routes, each a few lines, and the whole HTTP contract
(ETag/304, CORS, error images, limits) visible in one module.
"""

from __future__ import annotations

import functools
import json
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, unquote_plus

import shapekit
from shapekit.errors import closest
from shapekit.figures.registry import KIND_NAMES, Spec, all_kinds
from shapekit.service import playground
from shapekit.service.cache import ByteLRU, KeyMemo
from shapekit.service.codec import decode
from shapekit.service.explaining import (
    EXPLAIN_FORMATS,
    explain_bytes,
    explain_data,
    explain_query,
)
from shapekit.service.limits import RateLimiter
from shapekit.service.panel import png_panel, svg_panel
from shapekit.service.problems import REASONS, Problem, header_text, wants_image
from shapekit.service.rendering import FORMATS, Renderer, draw_bytes, etag_for, versions
from shapekit.service.settings import Settings
from shapekit.service.sources import (
    RESERVED,
    spec_from_body,
    spec_from_query,
    spec_from_text,
)

__all__ = ["ServiceApp", "create_app"]

StartResponse = Callable[..., Any]

#: the path segment standing for "the kind is inside the spec" (Kroki's diagram type)
ANY_KIND = "shapekit"
#: the policy of every non-HTML answer: an SVG opened on its own cannot run script
IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'"
#: seconds a cached version-pinned figure (``?v=``) is kept
PINNED_MAX_AGE = 365 * 86400

_COMMON = [
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Expose-Headers", "ETag, X-Shapekit-Error, Retry-After"),
    ("X-Content-Type-Options", "nosniff"),
]


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Request:
    method: str
    path: str
    query: str
    environ: dict[str, Any]

    @functools.cached_property
    def params(self) -> list[tuple[str, str]]:
        """The query's name/value pairs; in ``expr`` a ``+`` is the operator, not a space."""
        pairs = []
        try:
            for part in self.query.split("&"):
                if not part:
                    continue
                name, _, value = part.partition("=")
                name = unquote_plus(name, errors="strict")
                literal = name == "expr"
                text = (
                    unquote(value, errors="strict")
                    if literal
                    else unquote_plus(value, errors="strict")
                )
                pairs.append((name, text))
        except UnicodeDecodeError:
            raise Problem(400, "the query is not valid UTF-8 percent-encoding") from None
        return pairs

    def header(self, name: str) -> str:
        return str(self.environ.get("HTTP_" + name.upper().replace("-", "_"), ""))


@dataclass(frozen=True)
class _Target:
    """What a figure route asks for, before anything is parsed."""

    fmt: str
    image_url: bool
    key: str
    resolve: Callable[[], Spec]


class ServiceApp:
    """``shapekit.service:app`` — a WSGI callable, stateless between requests.

    Its only memory is a cache: rendered figures by ETag (bounded in bytes) and request
    texts already resolved to an ETag (bounded in number).
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.cache = ByteLRU(self.settings.cache_bytes)
        self.memo: KeyMemo[str] = KeyMemo(50_000)
        self.renderer = Renderer(self.settings)
        self.limiter = RateLimiter(self.settings.rate)

    # -- WSGI --------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        request: Request | None = None
        try:
            request = _request(environ)
            response = self.handle(request)
        except Problem as problem:
            response = self.problem_response(request, problem)
        except Exception:  # the isolation boundary: one failed request is that request's 500
            traceback.print_exc(file=environ.get("wsgi.errors", sys.stderr))
            failure = Problem(
                500, "shapekit failed on this request; the error was logged", kind="internal-error"
            )
            response = self.problem_response(request, failure)
        headers = [*_COMMON, *response.headers]
        if response.status not in (204, 304):
            headers.append(("Content-Length", str(len(response.body))))
        start_response(f"{response.status} {REASONS[response.status]}", headers)
        if (request is not None and request.method == "HEAD") or response.status in (204, 304):
            return [b""]
        return [response.body]

    def handle(self, request: Request) -> Response:
        uri = _uri_length(request.environ)
        if uri > self.settings.max_uri:
            # explanations have no POST route: only figures can move their spec to a body
            advice = (
                "Shorten the expression or the names in it"
                if request.path.startswith("/explain.")
                else "Send long specs with POST instead"
            )
            raise Problem(
                414,
                f"the URL is {uri} bytes long; the limit is {self.settings.max_uri}. {advice}",
                kind="too_large",
            )
        if request.method == "OPTIONS":
            return Response(204, headers=_preflight())
        path = request.path
        if path in ("/", "/index.html"):
            self._allow(request, ("GET", "HEAD"))
            return self.playground(request)
        if path == "/favicon.ico":  # browsers ask; say no without drawing an error
            cache = ("Cache-Control", f"public, max-age={PINNED_MAX_AGE}")
            return Response(404, headers=[cache, ("Content-Type", "text/plain")])
        if path == "/healthz":
            self._allow(request, ("GET", "HEAD"))
            data = {"ok": True, **versions(), "cached": len(self.cache)}
            return _json(200, data, cache="no-store")
        self._rate(request)
        if path == "/kinds":
            self._allow(request, ("GET", "HEAD"))
            return _json(200, kinds_data(), cache=f"public, max-age={self.settings.max_age}")
        if path.startswith("/explain."):
            self._allow(request, ("GET", "HEAD"))
            return self.explain(request, path.removeprefix("/explain."))
        target = self.figure_target(request)
        return self.figure(request, target)

    # -- figures -------------------------------------------------------------------------

    def figure_target(self, request: Request) -> _Target:
        """Which kind and format the path names, and how to read the spec."""
        parts = request.path.strip("/").split("/")
        if len(parts) == 1 and "." in parts[0]:  # /neuron.svg?inputs=…
            name, _, fmt = parts[0].rpartition(".")
            self._allow(request, ("GET", "HEAD"))
            kind = _kind(name, allow_any=False)
            fmt = _format(fmt)
            key = f"q|{kind}|{fmt}|{_canonical_query(request.query)}"
            return _Target(fmt, True, key, lambda: spec_from_query(kind, request.params))
        if len(parts) == 3:  # /neuron/svg/<encoded>
            self._allow(request, ("GET", "HEAD"))
            kind, fmt, encoded = _kind(parts[0]), _format(parts[1]), parts[2]
            options = [(k, v) for k, v in request.params if k not in RESERVED]
            key = f"e|{kind}|{fmt}|{encoded}|{_canonical_query(request.query)}"

            def resolve() -> Spec:
                text = decode(encoded, limit=self.settings.max_source)
                return spec_from_text(text, None if kind == ANY_KIND else kind, dict(options))

            return _Target(fmt, True, key, resolve)
        if len(parts) == 2:  # POST /neuron/svg
            # a misspelt kind or format is named first, whatever the method
            kind, fmt = _kind(parts[0]), _format(parts[1])
            self._allow(request, ("POST",))
            body = self._body(request)
            content_type = str(request.environ.get("CONTENT_TYPE", ""))
            return _Target(
                fmt,
                False,
                "",
                lambda: spec_from_body(body, content_type, None if kind == ANY_KIND else kind),
            )
        raise _not_found(request.path)

    def figure(self, request: Request, target: _Target) -> Response:
        etag = self.memo.get(target.key) if target.key else None
        if etag is None:
            spec = target.resolve()
            etag = etag_for(spec.digest, target.fmt)
            data = self.cache.get(etag)
            if target.key:
                self.memo.put(target.key, etag)
        else:
            spec = None
            data = self.cache.get(etag)
        headers = self._cache_headers(request, etag)
        # RFC 9110: a 304 answers only GET and HEAD; a POST is simply drawn
        if request.method in ("GET", "HEAD") and _matches(request.header("If-None-Match"), etag):
            return Response(304, headers=headers)
        if data is None:
            if spec is None:
                spec = target.resolve()
            drawn = spec

            def work() -> bytes:
                # cached by the render itself: one that outlives its request's timeout
                # is there for the next try
                figure = draw_bytes(drawn, target.fmt)
                self.cache.put(etag, figure)
                return figure

            data = self.renderer.run(work, key=etag)
        headers.append(("Content-Type", FORMATS[target.fmt]))
        if target.fmt == "svg":
            headers.append(("Content-Security-Policy", IMAGE_CSP))
        return Response(200, data, headers)

    # -- explanations ----------------------------------------------------------------------

    def explain(self, request: Request, fmt: str) -> Response:
        if fmt not in EXPLAIN_FORMATS:
            hint = closest(fmt, EXPLAIN_FORMATS)
            raise Problem(
                404,
                f"explanations come as {', '.join(EXPLAIN_FORMATS)}, not {fmt!r}"
                + (f"; did you mean {hint!r}?" if hint else ""),
                kind="format",
                suggestion=hint,
            )
        key = f"x|{fmt}|{_canonical_query(request.query)}"
        etag = self.memo.get(key)
        data = self.cache.get(etag) if etag else None
        if etag is None or data is None:
            expr, shapes = explain_query(request.params)
            payload = json.dumps([expr, sorted(shapes.items())], ensure_ascii=False)
            etag = etag_for(_digest(payload), "explain." + fmt)
            self.memo.put(key, etag)
            data = self.cache.get(etag)
            if data is None:
                data = explain_bytes(explain_data(expr, shapes), fmt)
                self.cache.put(etag, data)
        headers = self._cache_headers(request, etag)
        if _matches(request.header("If-None-Match"), etag):
            return Response(304, headers=headers)
        headers += [
            ("Content-Type", EXPLAIN_FORMATS[fmt]),
            ("Content-Security-Policy", IMAGE_CSP),
        ]
        return Response(200, data, headers)

    # -- the playground ------------------------------------------------------------------

    def playground(self, request: Request) -> Response:
        query = dict(request.params)
        body = playground.page(query, _base_url(request.environ)).encode("utf-8")
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Security-Policy", playground.CSP),
            ("Cache-Control", "no-cache"),
        ]
        return Response(200, body, headers)

    # -- problems --------------------------------------------------------------------------

    def problem_response(self, request: Request | None, problem: Problem) -> Response:
        """The problem as an image for ``<img>`` and image URLs, JSON for everything else."""
        environ = request.environ if request is not None else {}
        fmt = _requested_format(request)
        headers = [
            ("X-Shapekit-Error", header_text(problem.message)),
            ("Cache-Control", "no-store"),
        ]
        if problem.retry_after is not None:
            headers.append(("Retry-After", str(problem.retry_after)))
        if problem.status == 405 and "allow" in problem.extra:
            headers.append(("Allow", str(problem.extra["allow"])))
        accept = str(environ.get("HTTP_ACCEPT", ""))
        dest = str(environ.get("HTTP_SEC_FETCH_DEST", ""))
        if wants_image(accept, dest, image_url=fmt in FORMATS):
            lines = _problem_lines(problem)
            if fmt == "png" or ("image/png" in accept and "image/svg" not in accept):
                headers.append(("Content-Type", "image/png"))
                return Response(problem.status, png_panel(lines), headers)
            headers += [
                ("Content-Type", "image/svg+xml"),
                ("Content-Security-Policy", IMAGE_CSP),
            ]
            return Response(problem.status, svg_panel(lines), headers)
        headers += [("Content-Type", "application/json"), ("Content-Security-Policy", IMAGE_CSP)]
        body = json.dumps({"ok": False, "error": problem.to_dict()}, ensure_ascii=False)
        return Response(problem.status, body.encode("utf-8"), headers)

    # -- helpers ---------------------------------------------------------------------------

    def _cache_headers(self, request: Request, etag: str) -> list[tuple[str, str]]:
        # most URLs pin nothing: look for "v=" before reading the query
        pinned = dict(request.params).get("v") if "v=" in request.query else None
        if pinned == shapekit.__version__:
            control = f"public, max-age={PINNED_MAX_AGE}, immutable"
        else:
            control = f"public, max-age={self.settings.max_age}"
        return [("ETag", etag), ("Cache-Control", control)]

    def _allow(self, request: Request, methods: tuple[str, ...]) -> None:
        if request.method not in methods:
            allow = ", ".join([*methods, "OPTIONS"])
            raise Problem(
                405,
                f"{request.path} answers {' and '.join(methods)}, not {request.method}",
                kind="method",
                extra={"allow": allow},
            )

    def _rate(self, request: Request) -> None:
        client = str(request.environ.get("REMOTE_ADDR", ""))
        if not self.limiter.allow(client):
            raise Problem(
                429,
                "too many requests from this address; slow down",
                kind="rate_limited",
                retry_after=self.settings.retry_after,
            )

    def _body(self, request: Request) -> bytes:
        limit = self.settings.max_body
        text = str(request.environ.get("CONTENT_LENGTH") or "").strip()
        stream = request.environ["wsgi.input"]
        if text:
            if not text.isdigit():
                raise Problem(400, "Content-Length is not a number")
            length = int(text)
            if length > limit:
                raise Problem(
                    413, f"the body is {length} bytes; the limit is {limit}", kind="too_large"
                )
            body: bytes = stream.read(length) if length else b""
        elif "chunked" in request.header("Transfer-Encoding").lower():
            body = stream.read(limit + 1)
            if len(body) > limit:
                raise Problem(413, f"the body is over the limit of {limit} bytes", kind="too_large")
        else:
            body = b""
        if not body.strip():
            raise Problem(400, "the request has no body: send the spec as JSON or TOML")
        return body


def create_app(settings: Settings | None = None, **overrides: Any) -> ServiceApp:
    """A new service application (settings from the environment, then ``overrides``).

    >>> create_app(max_age=60).settings.max_age
    60
    """
    if settings is None:
        settings = Settings.from_env(**overrides)
    return ServiceApp(settings)


def kinds_data() -> dict[str, Any]:
    """``GET /kinds``: every kind, its fields (type, default, limits) and an example URL."""
    kinds = []
    for kind in all_kinds():
        fields = [
            {
                "name": f.name,
                "type": f.type,
                "help": f.help,
                "required": f.required,
                "default": None if f.required else _plain(f.default),
                "choices": list(f.choices) or None,
                "minimum": f.minimum,
                "maximum": f.maximum,
                "max_items": f.max_items,
            }
            for f in kind.fields
        ]
        example = {k: _plain(kind.field(k).convert(v)) for k, v in kind.example.items()}
        values = {
            k: playground.readable(kind.field(k), kind.field(k).convert(v))
            for k, v in kind.example.items()
        }
        kinds.append(
            {
                "name": kind.name,
                "summary": kind.summary,
                "version": kind.version,
                "fields": fields,
                "example": example,
                "example_url": playground.figure_path(kind.name, values),
            }
        )
    return {"kinds": kinds, "formats": list(FORMATS), **versions()}


# -- module helpers -------------------------------------------------------------------------


def _request(environ: dict[str, Any]) -> Request:
    raw = str(environ.get("PATH_INFO", "") or "/")
    try:
        path = raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        path = raw
    method = str(environ.get("REQUEST_METHOD", "GET")).upper()
    return Request(method, path, str(environ.get("QUERY_STRING", "")), environ)


def _uri_length(environ: dict[str, Any]) -> int:
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw:
        return len(str(raw))
    path = quote(str(environ.get("PATH_INFO", "")).encode("latin-1", "replace"))
    query = str(environ.get("QUERY_STRING", ""))
    return len(path) + (len(query) + 1 if query else 0)


def _kind(name: str, *, allow_any: bool = True) -> str:
    if allow_any and name == ANY_KIND:
        return name
    if name in KIND_NAMES:
        return name
    hint = closest(name, KIND_NAMES)
    raise Problem(
        404,
        f"there is no figure kind {name!r}; the kinds are {', '.join(KIND_NAMES)}"
        + (f" (did you mean {hint!r}?)" if hint else ""),
        kind="spec",
        field="kind",
        suggestion=hint,
    )


def _format(fmt: str) -> str:
    if fmt in FORMATS:
        return fmt
    hint = closest(fmt, FORMATS)
    raise Problem(
        404,
        f"figures come as {', '.join(FORMATS)}, not {fmt!r}"
        + (f"; did you mean {hint!r}?" if hint else ""),
        kind="format",
        suggestion=hint,
    )


def _not_found(path: str) -> Problem:
    return Problem(
        404,
        f"nothing at {path!r}: figures are at /KIND.svg?field=value, /KIND/svg/ENCODED "
        "or POST /KIND/svg; explanations at /explain.svg?expr=…; the list at /kinds",
        kind="not_found",
    )


def _requested_format(request: Request | None) -> str:
    if request is None:
        return ""
    last = request.path.rstrip("/").rsplit("/", 1)[-1]
    parts = request.path.strip("/").split("/")
    if len(parts) in (2, 3) and parts[1] in FORMATS:
        return parts[1]
    return last.rpartition(".")[2] if "." in last else ""


def _canonical_query(query: str) -> str:
    return query


def _matches(header: str, etag: str) -> bool:
    if not header:
        return False
    if header.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in header.split(","))


def _preflight() -> list[tuple[str, str]]:
    return [
        ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
        ("Access-Control-Allow-Headers", "Content-Type, If-None-Match"),
        ("Access-Control-Max-Age", "86400"),
        ("Content-Length", "0"),
    ]


def _json(status: int, data: Any, *, cache: str) -> Response:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return Response(
        status,
        body,
        [
            ("Content-Type", "application/json"),
            ("Cache-Control", cache),
            ("Content-Security-Policy", IMAGE_CSP),
        ],
    )


def _base_url(environ: dict[str, Any]) -> str:
    from wsgiref.util import application_uri

    return application_uri(environ).rstrip("/")


def _problem_lines(problem: Problem) -> list[str]:
    lines = [f"shapekit: {problem.status} {REASONS.get(problem.status, '')}", problem.message]
    if problem.field and repr(problem.field) not in problem.message:
        lines.append(f"field: {problem.field}")
    if problem.suggestion and repr(problem.suggestion) not in problem.message:
        lines.append(f"did you mean {problem.suggestion!r}?")
    return lines


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    return [_plain(v) for v in value] if isinstance(value, tuple) else value
