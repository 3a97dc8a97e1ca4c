"""The calorie-goal planner's page: the form, and with answers, the plan.

Nothing a visitor answers is stored: no database row, no session, no
cookie. The answers travel only in the address (a GET form), the access
log omits query strings, and every response holding answers is private.
The arithmetic is in portal/planner/calculator.py; reading the answers in
portal/planner/answers.py.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.planner import answers
from portal.planner import calculator as planner
from portal.serving.headers import private_answers

TEMPLATE = "portal/calorie_planner.html"

# Where an error's link in the summary lands: radio groups have no element
# with the field's own name.
ANCHORS = {
    answers.SEX: "sex-female",
    answers.ACTIVITY: "activity-sedentary",
    answers.FORM: "planner-form",
}


def _context(
    values: Mapping[str, str],
    errors: Iterable[answers.FieldError] = (),
    plan: planner.Plan | None = None,
    query: str = "",
    entered: answers.PlannerInput | None = None,
) -> dict[str, Any]:
    return {
        "values": values,
        "errors": [
            {"anchor": ANCHORS.get(error.field, error.field), "message": error.message}
            for error in errors
        ],
        "error_for": {error.field: error.message for error in errors},
        "plan": plan,
        "entered": entered,
        "query": query,
        "sexes": list(planner.Sex),
        "activities": list(planner.Activity),
        "goals": list(planner.Goal),
        "floors": planner.FLOORS,
        "max_surplus": planner.MAX_SURPLUS,
        "loss_advice_bmi": planner.LOSS_ADVICE_BMI,
        "table_years": planner.PROJECTION_MONTHS[-1] // 12,
        "horizon_years": planner.HORIZON_YEARS,
        # The planner is a clinical page: its reviewer is named like any other's.
        "review": planner.CLINICAL_REVIEW,
        "nav_section": "planner",
    }


@require_safe
def calorie_planner(request: HttpRequest) -> HttpResponse:
    """The empty form (a public page), or the answers' plan or errors (private)."""
    if not answers.answered(request.GET):
        return render(request, TEMPLATE, _context({}))
    reading = answers.read(request.GET, request.META.get("QUERY_STRING", ""))
    if reading.input is None:
        context = _context(reading.values, reading.errors)
        return private_answers(render(request, TEMPLATE, context, status=400))
    plan = planner.plan(reading.input.person())
    context = _context(
        reading.values, plan=plan, query=reading.input.to_query(), entered=reading.input
    )
    return private_answers(render(request, TEMPLATE, context))
