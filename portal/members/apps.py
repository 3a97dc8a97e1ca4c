from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "portal.members"
    label = "members"
    verbose_name = "Members"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Members build on the core, which never imports them: they hook in.
        from portal.caching import page_cache
        from portal.editorial import signals
        from portal.members import following, fragments

        signals.changes_approved.connect(
            following.on_changes_approved, dispatch_uid="members-tell-followers"
        )
        page_cache.register_personaliser(fragments.personaliser)
