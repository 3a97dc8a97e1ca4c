"""How the API answers: JSON checked against its schema, kept in the
shared cache under the content version (the one the page cache uses, so no
client gets content older than a publish), with an ETag and Last-Modified
for conditional GETs.

A response is built once per content version and address: later requests
are one cache read, and a client that sends back the ETag gets a 304
without a body.
"""

import datetime
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from ninja import Schema

from portal.caching import shared_cache
from portal.caching.content_version import content_version
from portal.caching.page_cache import PAGE_TIMEOUT

# Kept longer than any body: how long an ETag's first sighting is remembered.
FIRST_SEEN_SECONDS = 7 * 24 * 3600
# Public, but checked with the server every time (cheaply, by ETag): a
# client never shows content older than the last publish.
CACHE_CONTROL = "public, no-cache"
CONTENT_TYPE = "application/json"


def json_bytes(schema: type[Schema], data: Any) -> bytes:
    """`data` validated against `schema`, as the JSON the schema describes."""
    return schema.model_validate(data).model_dump_json(by_alias=True, exclude_unset=True).encode()


MISSING = "Nothing published at this address."


def cached_json(
    request: HttpRequest, key: str, build: Callable[[], bytes | None]
) -> HttpResponseBase:
    """The JSON `build()` makes for `key` (what the response depends on
    besides the host), from the shared cache when this content version has
    it; 304 when the client already holds it; 404 when `build()` finds
    nothing (not kept: addresses nobody publishes must not fill the cache)."""
    use_cache = settings.PAGE_CACHE_ENABLED
    version = content_version()
    cache_key = _cache_key(request, version, key)
    entry: Entry | None = shared_cache.get(cache_key) if use_cache else None
    if entry is None:
        built = build()
        if built is None:
            return problem(MISSING, 404)
        etag = f'"{hashlib.sha256(built).hexdigest()[:32]}"'
        entry = (etag, _first_seen(etag), built)
        if use_cache:
            shared_cache.set(cache_key, entry, PAGE_TIMEOUT)
    if use_cache and not request.META.get("QUERY_STRING"):
        # Also under the bare address, for `answer_from_cache`.
        shared_cache.set(_address_key(request, version), entry, PAGE_TIMEOUT)
    return _respond(request, entry)


def answer_from_cache(request: HttpRequest) -> HttpResponseBase | None:
    """The cached answer to a GET of an address without a query string, or
    None: lets the middleware answer a repeat without the rest of the stack
    (as the page cache answers pages). Only what a view has built and
    checked for this content version is ever found here."""
    if not settings.PAGE_CACHE_ENABLED or request.META.get("QUERY_STRING"):
        return None
    entry: Entry | None = shared_cache.get(_address_key(request, content_version()))
    return None if entry is None else _respond(request, entry)


# (ETag, first seen as a Unix time, body)
type Entry = tuple[str, float, bytes]


def _cache_key(request: HttpRequest, version: int, key: str) -> str:
    # Bodies hold absolute links: the scheme and host are part of the key.
    where = f"{request.scheme}://{request.get_host()}:{key}"
    return f"api:{version}:{hashlib.sha256(where.encode()).hexdigest()}"


def _address_key(request: HttpRequest, version: int) -> str:
    return _cache_key(request, version, f"address:{request.path}")


def _respond(request: HttpRequest, entry: Entry) -> HttpResponseBase:
    etag, seen, body = entry
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(seen)
    response["Cache-Control"] = CACHE_CONTROL
    conditional = get_conditional_response(
        request, etag=etag, last_modified=int(seen), response=response
    )
    # Django returns the response it was given unless a 304 or 412 is due.
    return conditional if conditional is not None else response


def _first_seen(etag: str) -> float:
    """When this exact body was first served: its Last-Modified. A body seen
    again after its entry expired gets a later date, never an earlier one, so
    If-Modified-Since can only cost a client a full response, never hide a
    change from it."""
    key = f"api-first-seen:{etag}"
    seen: float | None = shared_cache.get(key)
    if seen is None:
        # Whole seconds: HTTP dates have no finer resolution.
        seen = float(int(timezone.now().timestamp()))
        shared_cache.set(key, seen, FIRST_SEEN_SECONDS)
    return seen


def problem(detail: str, status: int, **headers: str) -> HttpResponse:
    """An error as the API gives them: {"detail": "..."}."""
    response = HttpResponse(
        json_bytes(_Problem, {"detail": detail}), content_type=CONTENT_TYPE, status=status
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


class _Problem(Schema):
    detail: str


def parse_since(value: str) -> datetime.datetime | None:
    """An ISO 8601 date or date-time; a date means its start, in UTC, and a
    time without a zone is read as UTC. None when it is neither."""
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment
