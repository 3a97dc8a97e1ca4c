"""How soon to get help: the one scale the checker, condition pages and
rules share."""

from django.db import models


class Urgency(models.TextChoices):
    """How soon to get help, lowest first. The values appear in the page
    markup (`data-urgency`) and in the checklist's results."""

    SELF_CARE = "self-care", "Self-care"
    DOCTOR = "doctor", "See a doctor"
    URGENT = "urgent", "Urgent"
    EMERGENCY = "emergency", "Emergency"

    @property
    def rank(self) -> int:
        return list(Urgency).index(self)
