"""The symptom checklist pages. Nothing a visitor ticks is stored: no
database row, no session, no cookie, and the access log omits query strings."""

from itertools import groupby

from django.shortcuts import render
from django.views.decorators.http import require_safe

from conditions.checker import assess, load_checker_data
from conditions.checker_input import read_answers
from conditions.models import SymptomKind, Urgency


def _form_context(data, ticked_slugs=(), error=""):
    signs = [s for s in data.symptoms.values() if s.kind == SymptomKind.SIGN]
    context_questions = [s for s in data.symptoms.values() if s.kind == SymptomKind.CONTEXT]
    return {
        "areas": [(area, list(items)) for area, items in groupby(signs, key=lambda s: s.area)],
        "context_questions": context_questions,
        "ticked": set(ticked_slugs),
        "error": error,
        "nav_section": "checker",
    }


def _private(response):
    # Answers are health data: no shared cache keeps them, no referrer
    # carries them on, no search engine lists them.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def checker_form(request):
    data = load_checker_data()
    answers = read_answers(request.GET, request.META.get("QUERY_STRING", ""), data.symptoms)
    # Coming back to change answers keeps what was ticked; that address
    # holds answers and is as private as the results.
    context = _form_context(data, answers.ticked_slugs)
    response = render(request, "conditions/checker_form.html", context)
    return _private(response) if request.GET else response


@require_safe
def checker_results(request):
    data = load_checker_data()
    answers = read_answers(request.GET, request.META.get("QUERY_STRING", ""), data.symptoms)
    if answers.error:
        context = _form_context(data, answers.ticked_slugs, answers.error)
        return _private(render(request, "conditions/checker_form.html", context, status=400))
    assessment = assess(data, answers.ticked_ids)
    context = {
        "assessment": assessment,
        "urgency_label": Urgency(assessment.urgency).label,
        "change_query": request.META.get("QUERY_STRING", ""),
        "nav_section": "checker",
    }
    return _private(render(request, "conditions/checker_results.html", context))
