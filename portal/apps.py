from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PortalConfig(AppConfig):
    default = True
    name = "portal"
    verbose_name = "Editorial"

    def ready(self):
        from django.db.models.signals import post_migrate

        from portal.caching import content_version, edge, precompute
        from portal.search import fts

        content_version.connect_signals()
        edge.connect_signals()
        precompute.connect()
        # SQLite drops a table's triggers when a migration makes it anew.
        post_migrate.connect(fts.ensure_triggers, sender=self, dispatch_uid="search-triggers")


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin with the moderators' queue (portal/admin/site.py)."""

    default = False
    default_site = "portal.admin.site.PortalAdminSite"

    def ready(self):
        super().ready()
        # After every app's own admin module (see portal/admin/__init__.py).
        from portal.admin import registrations  # noqa: F401
