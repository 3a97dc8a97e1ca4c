"""What a condition's page shows beyond the shared sections, for the
content API: "when to get help" with its tiers and the numbers to call,
the symptoms list, the remedies (with their safety notes) and related
conditions, as conditions.views shows them."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from conditions.checker.assessment import exclude_unsafe
from conditions.models import Condition
from conditions.urgency import Urgency
from conditions.views import HELP_SECTION
from portal.api.content import linked
from portal.api.parts import JsonObject, contributes


@contributes(Condition)
def condition_parts(condition: Any, request: HttpRequest) -> list[JsonObject]:
    advice = sorted(condition.advice.all(), key=lambda a: a.rank, reverse=True)
    remedies = exclude_unsafe(condition.remedies.all(), condition.unsafe_remedies.all())
    return [
        {
            "position": "first",
            "identifier": "when-to-get-help",
            "name": HELP_SECTION,
            "tiers": [
                {"urgency": tier.urgency, "label": Urgency(tier.urgency).label, "text": tier.text}
                for tier in advice
            ],
            "callNumbers": {
                "emergency": settings.EMERGENCY_NUMBER,
                "urgent": settings.URGENT_NUMBER,
            },
        }
        if advice
        else {"position": "first", "identifier": "when-to-get-help", "name": HELP_SECTION},
        {
            "identifier": "symptoms",
            "name": "Symptoms",
            "items": [link.symptom.name for link in condition.symptom_links.all()],
        },
        {
            "identifier": "remedies",
            "name": "Home remedies that may help",
            "remedies": [
                {**page, "safetyNotes": remedy.safety_notes_html or None}
                for page, remedy in zip(linked(request, remedies), remedies, strict=True)
            ],
        },
        {
            "identifier": "unsafe-remedies",
            "name": "Avoid these while this is possible",
            "remedies": [
                {**page, "safetyNotes": remedy.safety_notes_html or None}
                for page, remedy in zip(
                    linked(request, condition.unsafe_remedies.all()),
                    condition.unsafe_remedies.all(),
                    strict=True,
                )
            ],
        },
        {
            "identifier": "related-conditions",
            "name": "Related conditions",
            "pages": linked(request, condition.related_conditions.all()),
        },
    ]
