from django.apps import AppConfig


class RemediesConfig(AppConfig):
    name = "remedies"

    def ready(self):
        # The remedy page's own parts, for the content API.
        import remedies.api  # noqa: F401
