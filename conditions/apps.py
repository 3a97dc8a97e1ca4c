from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "conditions"

    def ready(self):
        # The condition page's own parts and the checker's operations, for
        # the content API (the core names no content app).
        from django.db.models.signals import m2m_changed

        import conditions.api
        import conditions.checker.api  # noqa: F401
        from conditions.models import Condition
        from conditions.signals import touch_related_conditions

        m2m_changed.connect(
            touch_related_conditions,
            sender=Condition.related_conditions.through,
            dispatch_uid="touch-related-conditions",
        )
