from portal.models import ContentItem


class Leaflet(ContentItem):
    """A printable leaflet: a content type the portal has never heard of."""

    def get_absolute_url(self):
        return f"/leaflets/{self.slug}/"
