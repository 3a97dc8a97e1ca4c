from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PortalConfig(AppConfig):
    default = True
    name = "portal"
    verbose_name = "Editorial"

    def ready(self):
        from portal import page_cache

        page_cache.connect_signals()


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin with the moderators' queue (portal/admin_site.py)."""

    default = False
    default_site = "portal.admin_site.PortalAdminSite"
