"""The symptom checker's pages: a short step-by-step flow (red flags first),
the whole checklist on one page for those who prefer it, and the result.

Nothing a visitor answers is stored: no database row, no session, no
cookie; answers travel only in the address, and the access log omits query
strings. Every page that can hold answers is private (`_private`).
"""

from itertools import groupby

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from conditions import checker_flow
from conditions.checker import AgeBand, assess, published_checker_data
from conditions.checker_input import COMPLETED, read_answers
from conditions.models import Urgency
from portal.page_cache import PerContentVersion

# The flow is built from the published data, so it is kept as long as that is.
published_steps = PerContentVersion(lambda: checker_flow.steps(published_checker_data()))

# A step's form sends this, so the view knows the step was answered (and not
# merely opened from a "Back" link).
ANSWERED = "answered"
NONE_OF_THESE = "none"


def _private(response):
    # Answers are health data: no shared cache keeps them, no referrer
    # carries them on, no search engine lists them.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _read(request, data, **options):
    return read_answers(request.GET, request.META.get("QUERY_STRING", ""), data.symptoms, **options)


@require_safe
def checker_step(request, slug="emergency"):
    """One step of the flow. Answered, it moves on to the next step, or to
    the result when there is none or an answer makes it an emergency."""
    data = published_checker_data()
    flow = published_steps()
    step = checker_flow.step_named(flow, slug)
    if step is None:
        raise Http404("No such step.")
    answers = _read(request, data, allow_empty=True)
    error = answers.error
    if not error and request.GET.get(ANSWERED) == step.slug:
        on_this_step = {symptom.id for symptom in step.symptoms}
        if not step.symptoms or answers.ticked_ids & on_this_step:
            said = True
        else:
            said = request.GET.get(NONE_OF_THESE) == step.slug
        if said:
            following = checker_flow.step_after(flow, step)
            urgency = assess(data, answers.ticked_ids, age_band=answers.age_band).urgency
            if following is None or urgency == Urgency.EMERGENCY:
                return _private(
                    redirect(f"{reverse('checker:results')}?{answers.query(**{COMPLETED: 1})}")
                )
            return _private(
                redirect(f"{reverse('checker:step', args=[following.slug])}?{answers.query()}")
            )
        error = "Tick what applies, or “None of these”, then press “Next”."
    previous = checker_flow.step_before(flow, step)
    on_this_step = {symptom.slug for symptom in step.symptoms}
    context = {
        "step": step,
        "number": flow.index(step) + 1,
        "count": len(flow),
        "previous": previous,
        "ticked": set(answers.ticked_slugs),
        # Answers from other steps travel on in hidden fields.
        "carried": [s for s in answers.ticked_slugs if s not in on_this_step],
        "age_band": answers.age_band,
        "age_bands": list(AgeBand),
        "query": answers.query(),
        "error": error,
        "nav_section": "checker",
    }
    status = 400 if error else 200
    response = render(request, "conditions/checker_step.html", context, status=status)
    # The first step with no answers is a public page; anything else is private.
    return _private(response) if request.GET else response


def _form_context(data, ticked_slugs=(), error="", age_band=None):
    asked = checker_flow.questions(data)
    return {
        "red_flags": asked.red_flags,
        "areas": [
            (area, list(items)) for area, items in groupby(asked.signs, key=lambda s: s.area)
        ],
        "context_questions": asked.context,
        "ticked": set(ticked_slugs),
        "age_band": age_band,
        "age_bands": list(AgeBand),
        "error": error,
        "nav_section": "checker",
    }


@require_safe
def checker_form(request):
    """The whole checklist on one page."""
    data = published_checker_data()
    answers = _read(request, data, allow_empty=True)
    # Coming back to change answers keeps what was ticked; that address
    # holds answers and is as private as the results.
    context = _form_context(data, answers.ticked_slugs, answers.error, answers.age_band)
    status = 400 if answers.error else 200
    response = render(request, "conditions/checker_form.html", context, status=status)
    return _private(response) if request.GET else response


@require_safe
def checker_results(request):
    data = published_checker_data()
    answers = _read(request, data)
    if answers.error:
        context = _form_context(data, answers.ticked_slugs, answers.error, answers.age_band)
        return _private(render(request, "conditions/checker_form.html", context, status=400))
    assessment = assess(data, answers.ticked_ids, age_band=answers.age_band)
    context = {
        "assessment": assessment,
        "urgency_label": Urgency(assessment.urgency).label,
        "change_query": answers.query(),
        "nav_section": "checker",
    }
    return _private(render(request, "conditions/checker_results.html", context))
