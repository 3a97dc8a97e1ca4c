"""The symptom checker's pages: a short step-by-step flow (red flags first),
the whole checklist on one page for those who prefer it, and the result.

Nothing a visitor answers is stored: no database row, no session, no
cookie; answers travel only in the address, and the access log omits query
strings. Every page that can hold answers is private (`private_answers`).
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from conditions.checker import flow as checker_flow
from conditions.checker.answers import COMPLETED, Answers, read_answers
from conditions.checker.assessment import CheckerData, assess, published_checker_data
from conditions.models import AgeBand
from conditions.urgency import Urgency
from portal.caching.content_version import PerContentVersion
from portal.serving.headers import private_answers


@dataclass
class _Flows:
    """Each (pathway slug, age band)'s steps, and the data they were built from."""

    data: CheckerData | None = None
    steps: dict[tuple[str, AgeBand | None], tuple[checker_flow.Step, ...]] = field(
        default_factory=dict
    )


# Each (pathway, age band)'s steps, built from the published data once and
# kept as long as it is.
published_flows: PerContentVersion[_Flows] = PerContentVersion(_Flows)

# A step's form sends this, so the view knows the step was answered (and not
# merely opened from a "Back" link).
ANSWERED = "answered"
NONE_OF_THESE = "none"


def _read(request, data, **options):
    return read_answers(request.GET, request.META.get("QUERY_STRING", ""), data.symptoms, **options)


def _flow(data: CheckerData, answers: Answers) -> tuple[checker_flow.Step, ...]:
    pathway = checker_flow.pathway_named(data, answers.pathway)
    flows = published_flows()
    if flows.data is not data:
        # Built from another copy of the data (the two moved apart): start over.
        flows.steps.clear()
        flows.data = data
    key = (pathway.slug if pathway else "", answers.age_band)
    if key not in flows.steps:
        flows.steps[key] = checker_flow.steps(data, pathway, answers.age_band)
    return flows.steps[key]


def _start_error(data: CheckerData, answers: Answers) -> str:
    if not answers.age_band and not checker_flow.pathway_named(data, answers.pathway):
        return "Choose the main problem and the person's age, then press “Next”."
    if not checker_flow.pathway_named(data, answers.pathway):
        return "Choose the main problem, then press “Next”."
    if not answers.age_band:
        return "Choose the person's age (or “Prefer not to say”), then press “Next”."
    return ""


@require_safe
def checker_step(request, slug=checker_flow.START):
    """One step of the flow. Answered, it moves on to the next step worth
    asking, or to the result."""
    data = published_checker_data()
    answers = _read(request, data, allow_empty=True)
    flow = _flow(data, answers)
    step = checker_flow.step_named(flow, slug)
    if step is None:
        raise Http404("No such step.")
    error = answers.error
    # A later step needs the start's answers: an address without them (a
    # bookmark, an old link) begins again.
    if step is not flow[0] and not error and _start_error(data, answers):
        return private_answers(redirect(f"{reverse('checker:start')}?{answers.query()}"))
    # Only answers to questions on this step and the steps before it count:
    # nothing the visitor has not seen is carried or counted.
    on_this_step = {symptom.id for symptom in step.symptoms}
    shown_before = [
        earlier
        for earlier in checker_flow.shown_steps(data, flow, answers.ticked_ids, answers.age_band)
        if flow.index(earlier) < flow.index(step)
    ]
    seen = {symptom.id for earlier in shown_before for symptom in earlier.symptoms} | on_this_step
    ids = {info.slug: info.id for info in data.symptoms.values()}
    answers = Answers(
        answers.ticked_ids & seen,
        tuple(s for s in answers.ticked_slugs if ids[s] in seen),
        answers.error,
        answers.age_band,
        answers.pathway,
    )
    if not error and request.GET.get(ANSWERED) == step.slug:
        if step.asks_start:
            error = _start_error(data, answers)
            said = not error
        elif answers.ticked_ids & on_this_step:
            said = True
        else:
            said = request.GET.get(NONE_OF_THESE) == step.slug
            error = "" if said else "Tick what applies, or “None of these”, then press “Next”."
        if said:
            following = checker_flow.step_after(
                data, flow, step, answers.ticked_ids, answers.age_band
            )
            if following is None:
                return private_answers(
                    redirect(f"{reverse('checker:results')}?{answers.query(**{COMPLETED: 1})}")
                )
            return private_answers(
                redirect(f"{reverse('checker:step', args=[following.slug])}?{answers.query()}")
            )
    on_this_step_slugs = {symptom.slug for symptom in step.symptoms}
    context = {
        "step": step,
        "number": flow.index(step) + 1,
        "count": len(flow),
        # Back to the step the visitor saw before (a skipped one is not).
        "previous": shown_before[-1] if shown_before else None,
        "ticked": set(answers.ticked_slugs),
        # Answers from earlier steps travel on in hidden fields.
        "carried": [s for s in answers.ticked_slugs if s not in on_this_step_slugs],
        "age_band": answers.age_band,
        "age_bands": list(AgeBand),
        "pathways": data.pathways,
        "pathway": answers.pathway,
        "query": answers.query(),
        "error": error,
        "nav_section": "checker",
    }
    status = 400 if error else 200
    response = render(request, "conditions/checker_step.html", context, status=status)
    # The first step with no answers is a public page; anything else is private.
    return private_answers(response) if request.GET else response


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
    """The whole checklist on one page: every question, so every one is asked."""
    data = published_checker_data()
    answers = _read(request, data, allow_empty=True)
    # Coming back to change answers keeps what was ticked; that address
    # holds answers and is as private as the results.
    context = _form_context(data, answers.ticked_slugs, answers.error, answers.age_band)
    status = 400 if answers.error else 200
    response = render(request, "conditions/checker_form.html", context, status=status)
    return private_answers(response) if request.GET else response


@require_safe
def checker_results(request):
    data = published_checker_data()
    answers = _read(request, data)
    if answers.error:
        context = _form_context(data, answers.ticked_slugs, answers.error, answers.age_band)
        return private_answers(render(request, "conditions/checker_form.html", context, status=400))
    if answers.pathway:
        # From the steps: only the questions this visitor was shown count,
        # and those they left unticked are answers too.
        flow = _flow(data, answers)
        asked = checker_flow.asked_ids(data, flow, answers.ticked_ids, answers.age_band)
    else:
        # From the one-page form, which shows every question to everyone.
        asked = frozenset(data.symptoms)
    assessment = assess(data, answers.ticked_ids, age_band=answers.age_band, asked_ids=asked)
    context = {
        "assessment": assessment,
        "urgency_label": Urgency(assessment.urgency).label,
        "change_query": answers.query(),
        "restart_query": answers.query() if answers.pathway else "",
        "nav_section": "checker",
    }
    return private_answers(render(request, "conditions/checker_results.html", context))
