from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PortalConfig(AppConfig):
    default = True
    name = "portal"
    verbose_name = "Editorial"

    def ready(self):
        from django.db.models.signals import pre_save

        from portal import page_cache
        from portal.admin_workflow import keep_workflow_state

        page_cache.connect_signals()
        pre_save.connect(keep_workflow_state, dispatch_uid="keep-workflow-state")


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin with the moderators' queue (portal/admin_site.py)."""

    default = False
    default_site = "portal.admin_site.PortalAdminSite"
