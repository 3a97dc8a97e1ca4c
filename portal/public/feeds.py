"""Feeds of new and updated published content (RSS and Atom)."""

from itertools import chain

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import format_lazy

from portal.editorial import registry
from portal.models import ContentItem

FEED_LENGTH = 30


class LatestContentFeed(Feed):
    title = format_lazy("{}: new and updated pages", settings.SITE_NAME)
    link = reverse_lazy("portal:home")

    def description(self):
        names = [kind.plural.lower() for kind in registry.fed()]
        listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)
        return f"New and updated {listed}, newest changes first."

    def items(self):
        newest = [
            kind.model.objects.published()
            .select_related("author")
            # A feed shows summaries; bodies can be long.
            .defer("body", "body_html")
            # Ties (pages saved in one go) in a fixed order, so a restored
            # database serves the same feed.
            .order_by("-updated_at", "-pk")[:FEED_LENGTH]
            # Every fed kind is a kind of page.
            for kind in registry.of_type(ContentItem, registry.fed())
        ]
        newest_first = sorted(
            chain(*newest), key=lambda item: (item.updated_at, item.pk), reverse=True
        )
        return newest_first[:FEED_LENGTH]

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
        return [item.kind_label]


class LatestContentAtomFeed(LatestContentFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
