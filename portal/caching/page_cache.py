"""Whole-page cache for anonymous visitors that is never stale.

Cache keys carry the content version (portal.caching.content_version),
which any change to content moves in the change's own transaction, so the
next visitor gets a fresh page, even after a cache outage or a database
restore. Old entries simply expire. Logged-in staff, non-GET requests and
responses that are private, set cookies or carry a CSRF token are never
cached.

Signed-in members get the same cached page, rendered for anyone, with their
own parts (the header's tray and badge, a page's follow button) swapped in
by the personaliser members register here (`register_personaliser`) at the
cost of a few queries; what they get is private and never stored. The cache
knows nothing of members itself: without a personaliser, every signed-in
visitor gets the normal, uncached page.

A page is cached under its address with only the query parameters it reads
(QUERY_PARAMETERS), and rendered from that address: `?utm_source=…` or any
other unknown parameter is served from the page without it, so random ones
cannot push popular pages out of the cache, and cannot change what is
stored.
"""

from __future__ import annotations

import copy
import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.middleware.csrf import CsrfViewMiddleware
from django.template.response import SimpleTemplateResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode

from portal.caching import edge, shared_cache
from portal.caching.content_version import content_version, served_stale, watching_staleness
from portal.planner import answers as calorie_planner_input

PAGE_TIMEOUT = 600
# The API keeps its own responses under the same content version
# (portal.api.responses), after counting the request against its limit.
NEVER_CACHED_PREFIXES = ("/admin/", "/healthz", "/symptom-checker/", "/account/", "/api/")
# What a page served from the cache says; a member's copy says "member-…".
SHARED_STATES = ("hit", "miss", "unavailable", "as-it-was")
# How long one request may hold the rendering of a page for a new version;
# meanwhile the others get the page as it was (_as_it_was).
RENDER_SECONDS = 10
# How long an address is known to serve a page that is not for everyone.
NOT_SHARED_SECONDS = 300
# Headers of the shared page that do not describe a member's copy of it.
NOT_COPIED = {
    "content-length",
    "etag",
    "last-modified",
    "cache-control",
    "expires",
    "x-page-cache",
    "surrogate-key",
}

NONE: frozenset[str] = frozenset()
# The query parameters each cached page reads, by URL name; every other
# parameter is dropped from the cache key and from the request the page is
# rendered from, so it can change nothing the page shows. A view that reads
# a parameter must list it here (tests/portal/test_page_cache.py walks the
# URL patterns and checks). Pages under NEVER_CACHED_PREFIXES (the admin,
# the symptom checker, members' pages) are left out: they see their whole
# query string and are never stored.
QUERY_PARAMETERS: dict[str, frozenset[str]] = {
    "portal:home": NONE,
    "portal:article_detail": NONE,
    # ?list=written|reviewed shows one list in full, a page at a time.
    "portal:author_detail": frozenset({"list", "page"}),
    # ?kind=<section> shows one kind in full, a page at a time.
    "portal:tag_detail": frozenset({"kind", "page"}),
    "portal:site_page": NONE,
    "portal:search": frozenset({"q"}),
    # The answers; a page holding any is private and never stored.
    "portal:calorie_planner": frozenset(calorie_planner_input.FIELDS),
    "portal:feedback": NONE,
    # The signed reference to the answer being thanked for (never stored).
    "portal:feedback_thanks": frozenset({"answer"}),
    "portal:feed_rss": NONE,
    "portal:feed_atom": NONE,
    # The A–Z's filters and page (a letter links to the page it starts on).
    "conditions:list": frozenset({"category", "tag", "page"}),
    "conditions:detail": NONE,
    # The guide's page, or ?group=<slug> for one group, a page at a time.
    "remedies:list": frozenset({"group", "page"}),
    "remedies:detail": NONE,
    "sitemap": NONE,
    # Django's sitemap view pages a section of over 50,000 addresses.
    "sitemap_section": frozenset({"p"}),
    "robots_txt": NONE,
    "portal.public.views.favicon": NONE,
    "media": NONE,
}
# Read only for signed-in staff (?preview=draft), who never get the shared
# page: it is rendered as for anyone, whom the parameter does not change.
STAFF_ONLY_PARAMETERS = frozenset({"preview"})


# A page rendered for anyone, made one visitor's (None: their session no
# longer holds, and the normal stack deals with it).
type Personalise = Callable[[str], str | None]
# Given a request with a session, how to make the shared page that visitor's,
# or None for a visitor it does not personalise (staff, anything unusual).
type Personaliser = Callable[[HttpRequest], Personalise | None]

_personaliser: Personaliser | None = None


def register_personaliser(personaliser: Personaliser) -> None:
    """Serve signed-in visitors the shared page made theirs by `personaliser`
    (members register theirs when their app is ready). Registering again
    replaces it: there is one kind of signed-in visitor a public page is
    personalised for."""
    global _personaliser
    _personaliser = personaliser


@functools.cache
def build_id() -> str:
    """Names this deployment's static files, so a new release never serves
    pages that point at the last release's hashed file names."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    try:
        return hashlib.sha256(manifest.read_bytes()).hexdigest()[:12]
    except OSError:
        return "dev"


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
    )


def _cacheable_response(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # A page with a CSRF token belongs to one visitor.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def _query_parameters(request: HttpRequest) -> frozenset[str] | None:
    """What the page at this address reads from its query string; None for
    an address no cached page answers (a 404, a redirect to add a slash)."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    return QUERY_PARAMETERS.get(match.view_name)


def _for_everyone(request: HttpRequest) -> HttpRequest | None:
    """The request the shared page is rendered from and stored under: only
    the parameters the page reads, in a fixed order. None when that is not
    known and the address has a query string: it is then answered as asked,
    and never stored."""
    query_string = request.META.get("QUERY_STRING", "")
    if not query_string:
        return request
    allowed = _query_parameters(request)
    if allowed is None:
        return None
    kept = sorted((name, values) for name, values in request.GET.lists() if name in allowed)
    query = urlencode(kept, doseq=True)
    if query == query_string:
        return request
    shared = copy.copy(request)
    shared.META = {**request.META, "QUERY_STRING": query}
    if hasattr(request, "environ"):
        shared.environ = shared.META  # type: ignore[attr-defined]
    shared.GET = QueryDict(query, encoding=request.encoding)
    return shared


def _key(request: HttpRequest, version: int | str | None = None) -> str:
    # Host and scheme appear in canonical links, feeds and the sitemap.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    version = content_version() if version is None else version
    return f"page-cache:{build_id()}:{version}:{request.method}:{digest}"


def _latest_key(request: HttpRequest) -> str:
    """Where the page's latest rendering is kept, whatever its version."""
    return _key(request, version="latest")


def _as_it_was(page: HttpResponseBase) -> HttpResponseBase:
    """The page of an earlier content version, served for the second or two
    another request takes to render the new one (stale-while-revalidate):
    never for a shared cache to keep, and under no surrogate keys, since the
    edge's ban for the new version has already gone out."""
    page["X-Page-Cache"] = "as-it-was"
    page["Cache-Control"] = "no-cache, max-age=0"
    if edge.KEY_HEADER in page:
        del page[edge.KEY_HEADER]
    return page


def _as_anonymous(request: HttpRequest) -> HttpRequest:
    """The request without its cookies, so the page is rendered as for
    anyone: no session, no user, no CSRF token of theirs."""
    anonymous = copy.copy(request)
    anonymous.META = {name: value for name, value in request.META.items() if name != "HTTP_COOKIE"}
    if hasattr(request, "environ"):
        anonymous.environ = anonymous.META  # type: ignore[attr-defined]
    anonymous.COOKIES = {}
    return anonymous


def _private_copy(page: HttpResponse, html: str) -> HttpResponse:
    """One member's copy of a shared page: their parts in, never stored."""
    response = HttpResponse(html, status=page.status_code)
    for header, value in page.items():
        if header.lower() not in NOT_COPIED:
            response[header] = value
    response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, ["Cookie"])
    response["X-Page-Cache"] = f"member-{page['X-Page-Cache']}"
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        # Members' forms (follow, mark as read) need their CSRF token, which
        # a page served from here has not yet been given.
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _cacheable_request(request):
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return self._for_session(request)
        shared = _for_everyone(request)
        if shared is None:
            return self.get_response(request)
        return self._shared(shared)

    def _shared(self, request: HttpRequest) -> HttpResponseBase:
        """The page as anyone sees it: from the cache, or rendered and stored.
        While another request renders this page for a new content version,
        the page as it was is served instead of rendering it again."""
        key = _key(request)
        return self._cached(key) or self._shared_miss(request, key)

    def _cached(self, key: str) -> HttpResponseBase | None:
        cached: HttpResponseBase | None = shared_cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
        return cached

    def _shared_miss(self, request: HttpRequest, key: str) -> HttpResponseBase:
        latest = _latest_key(request)
        rendering = f"{key}:rendering"
        claimed = shared_cache.add(rendering, True, RENDER_SECONDS)
        if not claimed and not shared_cache.paused():
            previous: HttpResponseBase | None = shared_cache.get(latest)
            if previous is not None:
                return _as_it_was(previous)
        try:
            return self._render(request, key, latest)
        finally:
            if claimed:
                shared_cache.delete(rendering)

    def _render(self, request: HttpRequest, key: str, latest: str) -> HttpResponseBase:
        with edge.collecting() as rendered, watching_staleness():
            response = self.get_response(request)
            # A page built from data a version behind (a rebuild was under
            # way) must not be stored under the current version's key.
            cacheable = _cacheable_response(request, response) and not served_stale()
            # Render here, so the items the template loads are collected too.
            if cacheable and isinstance(response, SimpleTemplateResponse):
                response.render()
        if cacheable:
            # The edge may keep what is shared with everyone, under the keys
            # of what it shows.
            edge.mark_for_edge(request, response, rendered)
            # Without a cache the page is simply served fresh.
            stored = shared_cache.set(key, response, PAGE_TIMEOUT)
            shared_cache.set(latest, response, PAGE_TIMEOUT)
            response["X-Page-Cache"] = "miss" if stored else "unavailable"
        return response

    def _for_session(self, request: HttpRequest) -> HttpResponseBase:
        """A signed-in member gets the shared page with their own parts; staff,
        other sessions and messages waiting to be shown get the normal,
        uncached page."""
        waiting = bool(request.COOKIES.get(CookieStorage.cookie_name))
        personalise = None if waiting or _personaliser is None else _personaliser(request)
        if personalise is None:
            return self.get_response(request)
        anonymous = _for_everyone(_as_anonymous(request))
        if anonymous is None:
            return self.get_response(request)
        key = _key(anonymous)
        # A page in the cache is one for everyone; otherwise an address whose
        # page turned out not to be (answers, a 404…) is not rendered for
        # anyone first again: the member's own.
        not_shared = f"{key}:not-shared"
        page = self._cached(key)
        if page is None:
            if shared_cache.get(not_shared):
                return self.get_response(request)
            page = self._shared_miss(anonymous, key)
        if page.get("X-Page-Cache") not in SHARED_STATES or not isinstance(page, HttpResponse):
            # Not a page for everyone (a form, a redirect…): the member's own.
            shared_cache.set(not_shared, True, NOT_SHARED_SECONDS)
            return self.get_response(request)
        self.csrf.process_request(request)
        html = personalise(page.content.decode(page.charset))
        if html is None:
            # A session that no longer holds: the normal stack ends it.
            return self.get_response(request)
        response = _private_copy(page, html)
        # Sets the CSRF cookie if the member had none.
        return self.csrf.process_response(request, response)
