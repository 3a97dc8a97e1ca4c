"""What the server did for each response: a `Server-Timing` header for
everyone (browsers' developer tools show it), and for signed-in staff a
small line at the foot of the page.

The header describes the response it is on: a page served from the page
cache reports the hit and its own time, not the figures of the render that
filled the cache (the cached copy is stored before this header is added).
The staff line goes on pages that are never cached (staff carry a session),
and is added after the page cache has had its chance to store the page.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponseBase
from django.utils.html import format_html

PAGE_SIZE = resource.getpagesize()


class QueryTally:
    """Counts and times the database queries made while it is installed."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Any,
        many: bool,
        context: dict[str, Any],
    ) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - start


def worker_memory_bytes() -> int:
    """This process's resident memory now (its peak where /proc is missing)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        # ru_maxrss is in kilobytes on Linux.
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def header_value(
    total: float, tally: QueryTally, page_cache: str | None, detailed: bool = True
) -> str:
    parts = [f"total;dur={_milliseconds(total)}"]
    if page_cache == "hit":
        # The page came whole from the cache; no render happened.
        parts.append('cache;desc="hit"')
        return ", ".join(parts)
    if not detailed:
        return ", ".join(parts)
    parts.append(f'db;dur={_milliseconds(tally.seconds)};desc="{tally.count} queries"')
    if page_cache:
        parts.append(f'cache;desc="{page_cache}"')
    return ", ".join(parts)


def _shows_staff_line(request: HttpRequest, response: HttpResponseBase) -> bool:
    user = getattr(request, "user", None)
    return (
        user is not None
        and user.is_authenticated
        and user.is_staff
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
    )


def _add_staff_line(response: Any, total: float, tally: QueryTally) -> None:
    memory_mb = worker_memory_bytes() / (1024 * 1024)
    line = format_html(
        # In a landmark of its own: every part of a page belongs to one.
        '<aside class="server-stats-region" aria-label="Server timing">'
        '<p class="server-stats" data-role="server-stats">Served in {} ms with {} '
        "database queries ({} ms); this worker uses {} MB.</p></aside>",
        _milliseconds(total),
        tally.count,
        _milliseconds(tally.seconds),
        f"{memory_mb:.0f}",
    )
    content = response.content
    end = content.rfind(b"</body>")
    if end == -1:
        return
    response.content = content[:end] + line.encode() + content[end:]
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    # The page differs on every request now; an ETag would claim otherwise.
    if response.has_header("ETag"):
        del response["ETag"]


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        start = time.perf_counter()
        tally = QueryTally()
        with connection.execute_wrapper(tally):
            response = self.get_response(request)
        page_cache = response.get("X-Page-Cache")
        if _shows_staff_line(request, response):
            _add_staff_line(response, time.perf_counter() - start, tally)
        # What a form did (how many queries a sign-up or a reset took) can
        # tell whether an address has an account: staff see it, others not.
        detailed = request.method in ("GET", "HEAD") or _is_staff(request)
        response["Server-Timing"] = header_value(
            time.perf_counter() - start, tally, page_cache, detailed
        )
        return response


def _is_staff(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)
