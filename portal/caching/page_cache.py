"""Whole-page cache for anonymous visitors that is never stale.

Cache keys carry a content version; any change to content (a save, a
delete, a tag or relation change, a publish) bumps the version, kept in the
database and bumped in the change's own transaction, so the next visitor
gets a fresh page, even after a cache outage or a database restore. Old
entries simply expire. Logged-in staff, non-GET requests and responses that
are private, set cookies or carry a CSRF token are never cached.

Signed-in members get the same cached page, rendered for anyone, with their
own parts (the header's tray and badge, a page's follow button) swapped in
by portal.members.fragments at the cost of a few queries; what they get is
private and never stored.

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
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.middleware.csrf import CsrfViewMiddleware
from django.template.response import SimpleTemplateResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode

from portal.caching import shared_cache
from portal.editorial import registry
from portal.members import fragments
from portal.models import ContentVersion
from portal.planner import answers as calorie_planner_input

VERSION_KEY = "page-cache:content-version-copy"
# How long the cache's copy of the version is trusted; the database holds it.
VERSION_COPY_SECONDS = 5
PAGE_TIMEOUT = 600
# Apps whose models feed public pages besides those of the content types.
SHARED_CONTENT_APPS = {"taggit"}
NEVER_CACHED_PREFIXES = ("/admin/", "/healthz", "/symptom-checker/", "/account/")
# What a page served from the cache says; a member's copy says "member-…".
SHARED_STATES = ("hit", "miss", "unavailable")
# How long an address is known to serve a page that is not for everyone.
NOT_SHARED_SECONDS = 300
# Headers of the shared page that do not describe a member's copy of it.
NOT_COPIED = {"content-length", "etag", "last-modified", "cache-control", "expires", "x-page-cache"}
# The row that holds it (there is only one).
VERSION_ROW = 1

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


def content_version() -> int:
    """The current content version: the cache's recent copy, or the database's
    when there is none or the cache cannot be reached."""
    copy = shared_cache.get(VERSION_KEY)
    if copy is not None:
        return int(copy)
    version = _stored_version()
    # If the cache is down, every request asks the database.
    shared_cache.set(VERSION_KEY, version, VERSION_COPY_SECONDS)
    return version


def _stored_version() -> int:
    stored = ContentVersion.objects.filter(pk=VERSION_ROW).values_list("value", flat=True)
    value = stored.first()
    if value is None:
        ContentVersion.objects.get_or_create(pk=VERSION_ROW)
        value = 1
    return int(value)


@shared_cache.on_recovery
def _forget_copy() -> None:
    # A copy the cache could not drop lives VERSION_COPY_SECONDS at most, and
    # a process back from an outage drops it at once: it may have published
    # while the cache could not hear of it.
    shared_cache.delete(VERSION_KEY)


def bump_content_version(**kwargs: Any) -> None:
    sender = kwargs.get("sender")
    # Migrations work on historical models, before this table may exist, and
    # relations outside the content (a group's permissions) show on no page.
    if sender is not None and (
        sender.__module__ == "__fake__" or sender._meta.app_label not in content_apps()
    ):
        return
    # Once per transaction: an approval saves dozens of rows, and one new
    # number names all of it.
    connection = transaction.get_connection()
    current = _transaction(connection)
    if current is not None and any(
        isinstance(callback, _Bumped) and callback.made_in(current)
        for _, callback, _ in connection.run_on_commit
    ):
        return
    # In the same transaction as the change: committed together or not at
    # all. A fresh random number, not the next one: after a database restore
    # (or a rolled-back test) an old number must never name new content.
    version = secrets.randbits(62)
    if not ContentVersion.objects.filter(pk=VERSION_ROW).update(value=version):
        ContentVersion.objects.update_or_create(pk=VERSION_ROW, defaults={"value": version})
    _forget_copy()
    # Again once committed: a process that read the old number meanwhile
    # must not keep it. Django drops this callback when a savepoint it was
    # registered in rolls back (a draft shown on a live page's form), which
    # is exactly when the bump is undone and the next change must bump again.
    transaction.on_commit(_Bumped(current))


type _Transaction = tuple[Any, str | None]


def _transaction(connection: Any) -> _Transaction | None:
    """The atomic block that makes the current transaction, with its
    savepoint; None in autocommit. A test case's wrapping blocks, and any
    around them, do not count: there each step of a test stands for a
    transaction of its own. The savepoint tells apart two runs of one
    `@atomic` function (one block object) inside a test, whose callbacks
    are never run."""
    blocks = connection.atomic_blocks
    harness = max((i + 1 for i, block in enumerate(blocks) if block._from_testcase), default=0)
    if harness >= len(blocks):
        return None
    # The block that opened the transaction has no savepoint of its own.
    unsaved = len(blocks) - len(connection.savepoint_ids)
    savepoint = connection.savepoint_ids[harness - unsaved] if harness >= unsaved else None
    return blocks[harness], savepoint


class _Bumped:
    """The on-commit callback of a bump, marking its transaction as bumped."""

    def __init__(self, made: _Transaction | None) -> None:
        self.made = made

    def made_in(self, current: _Transaction) -> bool:
        return self.made is not None and self.made[0] is current[0] and self.made[1] == current[1]

    def __call__(self) -> None:
        _forget_copy()


class PerContentVersion[T]:
    """`load()` kept in each process until content changes: any worker's
    save moves the shared content version, and the next call reloads."""

    instances: ClassVar[list[PerContentVersion[Any]]] = []

    def __init__(self, load: Callable[[], T]) -> None:
        self.load = load
        self.held: tuple[int, T] | None = None
        PerContentVersion.instances.append(self)

    def __call__(self) -> T:
        # Read the version before loading: a change made meanwhile moves it
        # again, so the next call reloads.
        version = content_version()
        if self.held is None or self.held[0] != version:
            self.held = (version, self.load())
        return self.held[1]

    def forget(self) -> None:
        self.held = None

    @classmethod
    def forget_all(cls) -> None:
        """Drop every process copy (tests whose database rolls back need it)."""
        for instance in cls.instances:
            instance.forget()


@functools.cache
def build_id() -> str:
    """Names this deployment's static files, so a new release never serves
    pages that point at the last release's hashed file names."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    try:
        return hashlib.sha256(manifest.read_bytes()).hexdigest()[:12]
    except OSError:
        return "dev"


# Records no public page shows; saving them must not empty the cache (a
# stream of feedback would otherwise keep every page cold).
NOT_SHOWN = {"portal.Feedback", "portal.ReviewEvent", "portal.RateCounter", "portal.ContentVersion"}


def content_apps() -> set[str]:
    """The apps whose models feed public pages: every registered content
    type's app (with its parts, symptoms, groups…) and the tags."""
    return SHARED_CONTENT_APPS | {kind.model._meta.app_label for kind in registry.kinds()}


def connect_signals() -> None:
    watched = content_apps()
    for model in apps.get_models():
        if model._meta.app_label in watched and model._meta.label not in NOT_SHOWN:
            uid = f"page-cache-{model._meta.label}"
            post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + "-del")
    m2m_changed.connect(bump_content_version, dispatch_uid="page-cache-m2m")


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


def _key(request: HttpRequest) -> str:
    # Host and scheme appear in canonical links, feeds and the sitemap.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page-cache:{build_id()}:{content_version()}:{request.method}:{digest}"


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
        """The page as anyone sees it: from the cache, or rendered and stored."""
        key = _key(request)
        cached: HttpResponseBase | None = shared_cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(request, response):
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
            # Without a cache the page is simply served fresh.
            stored = shared_cache.set(key, response, PAGE_TIMEOUT)
            response["X-Page-Cache"] = "miss" if stored else "unavailable"
        return response

    def _for_session(self, request: HttpRequest) -> HttpResponseBase:
        """A signed-in member gets the shared page with their own parts; staff,
        other sessions and messages waiting to be shown get the normal,
        uncached page."""
        waiting = bool(request.COOKIES.get(CookieStorage.cookie_name))
        member = None if waiting else fragments.session_member(request)
        if member is None:
            return self.get_response(request)
        anonymous = _for_everyone(_as_anonymous(request))
        if anonymous is None:
            return self.get_response(request)
        # An address whose page turned out not to be for everyone (answers,
        # a 404…) is not rendered for anyone first again: the member's own.
        not_shared = f"{_key(anonymous)}:not-shared"
        if shared_cache.get(not_shared):
            return self.get_response(request)
        page = self._shared(anonymous)
        if page.get("X-Page-Cache") not in SHARED_STATES or not isinstance(page, HttpResponse):
            # Not a page for everyone (a form, a redirect…): the member's own.
            shared_cache.set(not_shared, True, NOT_SHARED_SECONDS)
            return self.get_response(request)
        self.csrf.process_request(request)
        html = fragments.personalise(request, member, page.content.decode(page.charset))
        if html is None:
            # A session that no longer holds: the normal stack ends it.
            return self.get_response(request)
        response = _private_copy(page, html)
        # Sets the CSRF cookie if the member had none.
        return self.csrf.process_response(request, response)
