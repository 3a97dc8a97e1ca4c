"""Feeds of new and updated published content (RSS and Atom)."""

from itertools import chain

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from conditions.models import Condition
from portal.models import Article
from remedies.models import Remedy

FEED_LENGTH = 30


class LatestContentFeed(Feed):
    title = "Clear Health: new and updated pages"
    link = "/"
    description = "Condition pages, remedies and articles, newest changes first."

    def items(self):
        newest = [
            model.objects.published().select_related("author").order_by("-updated_at")[:FEED_LENGTH]
            for model in (Condition, Remedy, Article)
        ]
        return sorted(chain(*newest), key=lambda item: item.updated_at, reverse=True)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.author.name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item._meta.verbose_name.title()]


class LatestContentAtomFeed(LatestContentFeed):
    feed_type = Atom1Feed
    subtitle = LatestContentFeed.description
