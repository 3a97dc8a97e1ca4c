"""What a remedy's page shows beyond the shared sections, for the content
API: who must not use it, its steps, and what it may help with."""

from typing import Any

from django.http import HttpRequest

from portal.api.content import linked
from portal.api.parts import JsonObject, contributes
from remedies.models import Remedy


@contributes(Remedy)
def remedy_parts(remedy: Any, request: HttpRequest) -> list[JsonObject]:
    return [
        {
            # The page's warning comes before everything else.
            "position": "first",
            "identifier": "unsafe-for",
            "name": "Do not use this if you have, or might have:",
            "pages": linked(request, remedy.unsafe_for.all()),
        },
        {
            "position": "after:overview",
            "identifier": "steps",
            "name": "How to do it",
            "steps": [step.text for step in remedy.steps.all()],
        },
        {
            "identifier": "suitable-for",
            "name": "May help with",
            "pages": linked(request, remedy.suitable_for.all()),
        },
    ]
