"""The sitemap: an index (`/sitemap.xml`) of one section per mapped content
kind plus the fixed pages (`/sitemap-conditions.xml`…), a large section
split into pages of SECTION_LIMIT addresses (`?p=2`).

A section lists every published item, so its render grows with the
content; the rendered XML is cached per content version (every worker
shares it, and any change to content makes a new one), so only the first
crawler after a change pays for it.
"""

import hashlib
import logging
from collections.abc import Callable
from contextvars import ContextVar
from functools import cached_property, wraps
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import index, sitemap
from django.core.exceptions import DisallowedHost
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.test import RequestFactory
from django.urls import reverse

from portal.caching import precompute, shared_cache
from portal.caching.content_version import IN_USE_SECONDS, content_version
from portal.editorial import registry
from portal.models import SitePage

logger = logging.getLogger(__name__)

STATIC_PAGES = ["portal:home", "conditions:list", "remedies:list", "checker:start"]
# Addresses per sitemap page: well under the protocol's 50,000 (and 50 MB),
# so one page renders in a fraction of a second.
SECTION_LIMIT = 5_000
# Old versions' entries are never asked for again; they only need to expire.
CACHE_SECONDS = 24 * 60 * 60
# Set while crawlers ask for the sitemap: only then does the task worker
# render it for each new version.
IN_USE_KEY = "sitemap:in-use"
_precomputing: ContextVar[bool] = ContextVar("sitemap_precomputing", default=False)


class PublishedSitemap(Sitemap):
    limit = SECTION_LIMIT

    def __init__(self, model):
        self.model = model

    def items(self):
        # Only what an address needs: the slug in it and its date.
        return self.model.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    @cached_property
    def _summary(self) -> dict[str, Any]:
        """How many items and the newest change, in one query: what the index
        asks of each section (Django's default reads every item for it)."""
        return self.model.objects.published().aggregate(count=Count("pk"), latest=Max("updated_at"))

    def get_latest_lastmod(self):
        return self._summary["latest"]

    @property
    def paginator(self):
        paginator = Paginator(self.items(), self.limit)
        # The count is known already: no second COUNT query.
        paginator.__dict__["count"] = self._summary["count"]
        return paginator


class StaticPagesSitemap(Sitemap):
    """The fixed pages, and the site's own pages (About…) that are live."""

    changefreq = "weekly"

    def items(self):
        site_pages = SitePage.objects.published().order_by("slug").values_list("slug", flat=True)
        return [reverse(name) for name in STATIC_PAGES] + [
            reverse("portal:site_page", kwargs={"slug": slug}) for slug in site_pages
        ]

    def location(self, item):
        return item


def sitemaps() -> dict[str, Sitemap[Any] | type[Sitemap[Any]]]:
    """The sections, read from the registry when asked (a kind registered
    after start-up appears too)."""
    return {
        "pages": StaticPagesSitemap(),
        **{kind.section: PublishedSitemap(kind.model) for kind in registry.mapped()},
    }


def _cached_per_content_version(
    view: Callable[..., TemplateResponse],
) -> Callable[..., HttpResponse]:
    @wraps(view)
    def cached_view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if not _precomputing.get() and not shared_cache.has(IN_USE_KEY):
            # A crawler reads it: the task worker renders it for each new
            # version (but its own renders do not keep it in use). Marked
            # when the mark is gone, not written again on every request
            # (each store in the file cache lists its folder).
            shared_cache.set(IN_USE_KEY, True, IN_USE_SECONDS)
        # Read the version first: a change made during the render moves it,
        # and the next request renders again.
        address = f"{content_version()}:{request.scheme}://{request.get_host()}"
        address += request.get_full_path()
        key = f"sitemap:{hashlib.sha256(address.encode()).hexdigest()}"
        stored = shared_cache.get(key)
        if stored is not None:
            content, headers = stored
            return HttpResponse(content, headers=headers)
        response = view(request, **kwargs)
        response.render()
        if response.status_code == 200:
            # Without a cache the sitemap is simply rendered each time.
            shared_cache.set(key, (response.content, dict(response.headers)), CACHE_SECONDS)
        return response

    return cached_view


@_cached_per_content_version
def sitemap_index_view(request: HttpRequest) -> TemplateResponse:
    return index(request, sitemaps=sitemaps(), sitemap_url_name="sitemap_section")


@_cached_per_content_version
def sitemap_section_view(request: HttpRequest, section: str) -> TemplateResponse:
    return sitemap(request, sitemaps=sitemaps(), section=section)


@precompute.register
def _precompute_for_site(version: int) -> bool:
    """Render the index and every section page at SITE_URL's address for the
    new version, in the task worker, while crawlers ask for the sitemap: at
    10,000 conditions a section page takes about 1 s, and each crawler
    request after a publish rendered it again until one had stored it."""
    if not settings.SITE_URL or not shared_cache.has(IN_USE_KEY):
        return False
    site = urlsplit(settings.SITE_URL)
    factory = RequestFactory(HTTP_HOST=site.netloc)
    secure = site.scheme == "https"
    token = _precomputing.set(True)
    try:
        sitemap_index_view(factory.get(reverse("sitemap"), secure=secure))
        for section, site_map in sitemaps().items():
            pages = (site_map() if isinstance(site_map, type) else site_map).paginator
            path = reverse("sitemap_section", kwargs={"section": section})
            # Asked for as the index lists them: the first page without ?p=.
            for number in pages.page_range:
                query = {"p": number} if number > 1 else {}
                sitemap_section_view(factory.get(path, query, secure=secure), section=section)
    except DisallowedHost:
        logger.warning("SITE_URL's host is not in ALLOWED_HOSTS: the sitemap is not precomputed")
        return False
    finally:
        _precomputing.reset(token)
    return True
