from typing import Any

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
        self._watch_what_cards_show()

    def _watch_what_cards_show(self) -> None:
        """Rows saved or deleted one by one move their member's card on
        (portal.members.state_cache); bulk changes do it in their querysets."""
        from django.contrib.auth import get_user_model
        from django.db.models import Model
        from django.db.models.signals import post_delete, post_save

        from portal.members import state_cache
        from portal.members.models import Follow, MemberProfile, Notification

        owners: dict[type[Model], str] = {
            get_user_model(): "pk",
            MemberProfile: "user_id",
            Follow: "member_id",
            Notification: "member_id",
        }
        for model, owner in owners.items():

            def moved(sender: Any, instance: Any, owner: str = owner, **kwargs: Any) -> None:
                state_cache.changed([getattr(instance, owner)])

            for signal in (post_save, post_delete):
                signal.connect(
                    moved,
                    sender=model,
                    weak=False,
                    dispatch_uid=f"members-card-{model._meta.label_lower}-{id(signal)}",
                )
