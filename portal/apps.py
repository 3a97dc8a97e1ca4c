from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Editorial"

    def ready(self):
        from portal import page_cache

        page_cache.connect_signals()
