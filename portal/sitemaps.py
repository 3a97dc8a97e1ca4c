"""The sitemap: the fixed pages, then one section per mapped content kind."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from portal import registry

STATIC_PAGES = ["portal:home", "conditions:list", "remedies:list", "checker:start"]


class PublishedSitemap(Sitemap):
    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return STATIC_PAGES

    def location(self, item):
        return reverse(item)


def sitemaps() -> dict[str, Sitemap]:
    """The sections, read from the registry when asked (a kind registered
    after start-up appears too)."""
    return {
        "pages": StaticPagesSitemap(),
        **{kind.section: PublishedSitemap(kind.model) for kind in registry.mapped()},
    }


def sitemap_view(request: HttpRequest) -> HttpResponse:
    return sitemap(request, sitemaps=sitemaps())
