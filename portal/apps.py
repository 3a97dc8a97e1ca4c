from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PortalConfig(AppConfig):
    default = True
    name = "portal"
    verbose_name = "Editorial"

    def ready(self):
        from portal.caching import content_version, edge

        content_version.connect_signals()
        edge.connect_signals()


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin with the moderators' queue (portal/admin/site.py)."""

    default = False
    default_site = "portal.admin.site.PortalAdminSite"

    def ready(self):
        super().ready()
        # After every app's own admin module (see portal/admin/__init__.py).
        from portal.admin import registrations  # noqa: F401
