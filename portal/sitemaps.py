from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from conditions.models import Condition
from portal.models import Article, Author
from remedies.models import Remedy


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
        return ["portal:home", "conditions:list", "remedies:list", "checker:form"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": StaticPagesSitemap(),
    "conditions": PublishedSitemap(Condition),
    "remedies": PublishedSitemap(Remedy),
    "articles": PublishedSitemap(Article),
    "authors": PublishedSitemap(Author),
}
