from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "conditions"

    def ready(self):
        from django.db.models.signals import m2m_changed

        from conditions.models import Condition
        from conditions.signals import touch_related_conditions

        m2m_changed.connect(
            touch_related_conditions,
            sender=Condition.related_conditions.through,
            dispatch_uid="touch-related-conditions",
        )
