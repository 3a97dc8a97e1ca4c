"""The symptom checker as an API: its pathways and questions (read-only)
and an assessment of answers, with the web checker's rules and privacy.

The same pure functions decide both: `flow.steps` and `flow.asked_ids`
(only answers to questions the flow would have shown count, replayed from
the answers) and `assess`. The answers come in a POST body, are never
stored or logged, and the result is sent `no-store` like the web
checker's (portal.serving.headers.private_answers).
"""

from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from ninja import Path, Query, Router, Schema
from pydantic import ConfigDict, Field

from conditions.checker import flow
from conditions.checker.answers import MAX_ANSWERS
from conditions.checker.assessment import (
    Assessment,
    CheckerData,
    SymptomInfo,
    assess,
    published_checker_data,
)
from conditions.models import AgeBand
from conditions.urgency import Urgency
from portal.api import content, schemas
from portal.api.endpoints import CACHED, ERRORS, SLUG, api
from portal.api.responses import CONTENT_TYPE, cached_json, json_bytes, problem
from portal.serving.headers import private_answers

router = Router(tags=["checker"])

# The one instruction per disposition, as the web result words it
# (templates/conditions/checker_results.html; a test holds the two together).
INSTRUCTIONS: dict[Urgency, tuple[str, str]] = {
    Urgency.EMERGENCY: (
        "Call {emergency} now",
        "If you cannot call, ask someone near you to call for you. Do not drive yourself.",
    ),
    Urgency.URGENT: (
        "Get medical help today",
        "Call {urgent}, or ring your GP surgery and ask to be seen today.",
    ),
    Urgency.DOCTOR: (
        "Book an appointment with your GP",
        "Ask to be seen in the next few days. If things get worse or new problems start, "
        "call {urgent}.",
    ),
    Urgency.SELF_CARE: (
        "You can probably look after this at home",
        "Nothing you told us needs a doctor now, and most problems like this settle by "
        "themselves. See a GP if it lasts more than two weeks, gets worse, or new symptoms "
        "appear.",
    ),
}
CHILD_NOTE = (
    "If this is for a child under 16, see a GP: this checker's advice is written for adults."
)
DISCLAIMER = (
    "This checker gives general information, not a diagnosis. Only a doctor who examines you "
    "can find out what is causing your symptoms. If things get worse or you are worried, get "
    "help sooner."
)

type AgeValue = Literal["under-16", "16-64", "65-plus", "unsaid"]


class Question(Schema):
    slug: str
    name: str
    description: str
    kind: Literal["sign", "context"]
    askedFirst: bool = Field(description="A red flag: asked before anything else.")


class Step(Schema):
    slug: str
    title: str
    questions: list[Question]


class PathwaySummary(Schema):
    slug: str
    name: str
    description: str
    url: str


class CheckerIndex(Schema):
    ageBands: list[AgeValue]
    pathways: list[PathwaySummary]
    assessment: str = Field(description="Where to POST answers.")
    callNumbers: schemas.CallNumbers
    disclaimer: str
    publisher: schemas.Organization
    attribution: schemas.Attribution


class PathwayDetail(PathwaySummary):
    steps: list[Step] = Field(
        description="Every step the pathway can ask, in order. The flow stops early once the "
        "answer cannot become more urgent; the assessment replays it, so answers to questions "
        "it would not have shown do not count."
    )
    publisher: schemas.Organization
    attribution: schemas.Attribution


class Answers(Schema):
    # A misspelt field is an error, not an answer silently left out.
    model_config = ConfigDict(extra="forbid")

    pathway: str | None = Field(
        None,
        pattern=SLUG,
        max_length=100,
        description="The main problem's pathway; without one, every question counts as asked.",
    )
    age: AgeValue | None = Field(None, description="The person's age band, if they said.")
    answers: list[str] = Field(
        default=[],
        max_length=MAX_ANSWERS,
        description="The slugs of the questions answered yes; every other question shown "
        "counts as answered no.",
    )


class Reason(Schema):
    name: str
    urgency: Literal["self-care", "doctor", "urgent", "emergency"]
    advice: str


class Cause(Schema):
    name: str
    url: str
    tier: str
    matched: list[str]


class Instruction(Schema):
    headline: str
    action: str
    call: str | None = Field(description="The number to call, if any.")


class Result(Schema):
    disposition: Literal["self-care", "doctor", "urgent", "emergency"]
    label: str
    instruction: Instruction
    reasons: list[Reason] = Field(description="The answers that set the disposition.")
    alsoMention: list[str] = Field(description="Answers that call for less; named only.")
    possibleCauses: list[Cause] = Field(
        description="What it could be related to (under urgent advice: what a doctor may "
        "consider). Never a diagnosis."
    )
    remedies: list[schemas.Linked]
    remediesWithheld: bool
    childNote: str | None
    disclaimer: str
    publisher: schemas.Organization
    attribution: schemas.Attribution


def _question(symptom: SymptomInfo) -> dict[str, Any]:
    return {
        "slug": symptom.slug,
        "name": symptom.name,
        "description": symptom.description,
        "kind": symptom.kind,
        "askedFirst": symptom.asked_first,
    }


def _checker_page(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("checker:start"))


def _pathway_summary(request: HttpRequest, pathway: Any) -> dict[str, Any]:
    return {
        "slug": pathway.slug,
        "name": pathway.name,
        "description": pathway.description,
        "url": request.build_absolute_uri(reverse("api:checker_pathway", args=[pathway.slug])),
    }


def _numbers() -> dict[str, str]:
    return {"emergency": settings.EMERGENCY_NUMBER, "urgent": settings.URGENT_NUMBER}


@router.get("", response={200: CheckerIndex, **CACHED}, url_name="checker", by_alias=True)
def checker(request: HttpRequest) -> HttpResponseBase:
    """The age bands, the pathways (main problems) and where to send answers."""

    def build() -> bytes:
        data = published_checker_data()
        return json_bytes(
            CheckerIndex,
            {
                "ageBands": [band.value for band in AgeBand],
                "pathways": [_pathway_summary(request, p) for p in data.pathways],
                "assessment": request.build_absolute_uri(reverse("api:checker_assessment")),
                "callNumbers": _numbers(),
                "disclaimer": DISCLAIMER,
                "publisher": content.publisher(request),
                "attribution": content.attribution(request, _checker_page(request)),
            },
        )

    return cached_json(request, "checker", build)


@router.get(
    "/pathways/{slug}",
    response={200: PathwayDetail, 404: schemas.Problem, **CACHED},
    url_name="checker_pathway",
    by_alias=True,
)
def checker_pathway(
    request: HttpRequest,
    slug: str = Path(..., pattern=SLUG, max_length=100),
    age: AgeValue | None = Query(None, description="Leaves out questions not put to this age."),
) -> HttpResponseBase:
    """A pathway's steps and questions, in the order the web checker asks them."""

    def build() -> bytes | None:
        data = published_checker_data()
        pathway = flow.pathway_named(data, slug)
        if pathway is None:
            return None
        steps = flow.steps(data, pathway, AgeBand(age) if age else None)
        return json_bytes(
            PathwayDetail,
            {
                **_pathway_summary(request, pathway),
                "steps": [
                    {
                        "slug": step.slug,
                        "title": step.title,
                        "questions": [_question(s) for s in step.symptoms],
                    }
                    for step in steps
                ],
                "publisher": content.publisher(request),
                "attribution": content.attribution(request, _checker_page(request)),
            },
        )

    return cached_json(request, f"pathway:{slug}:{age or ''}", build)


@router.post(
    "/assessments",
    response={200: Result, 409: schemas.Problem, **ERRORS},
    url_name="checker_assessment",
    by_alias=True,
)
def checker_assessment(request: HttpRequest, body: Answers) -> HttpResponseBase:
    """The disposition, its one instruction and the reasons for these answers.

    Nothing sent here is stored or logged, and the answer is `no-store`.
    """
    data = published_checker_data()
    by_slug = {info.slug: info.id for info in data.symptoms.values()}
    unknown = [slug for slug in body.answers if slug not in by_slug]
    if unknown:
        # Counted, not named: the address of this error may be logged.
        return private_answers(
            problem(
                f"{len(unknown)} answer(s) are not questions the checker asks; the questions "
                "may have changed. Fetch the pathway again.",
                409,
            )
        )
    pathway = flow.pathway_named(data, body.pathway) if body.pathway else None
    if body.pathway and pathway is None:
        return private_answers(problem("No such pathway: choose one from /api/v1/checker.", 409))
    age_band = AgeBand(body.age) if body.age else None
    result = answer(data, frozenset(by_slug[slug] for slug in body.answers), age_band, pathway)
    body_out = json_bytes(Result, _result(request, result))
    return private_answers(HttpResponse(body_out, content_type=CONTENT_TYPE))


def answer(
    data: CheckerData,
    ticked: frozenset[int],
    age_band: AgeBand | None,
    pathway: Any,
) -> Assessment:
    """As the web result decides: with a pathway, only the questions its
    flow shows for these answers count; without one, every question does."""
    if pathway is not None:
        steps = flow.steps(data, pathway, age_band)
        asked = flow.asked_ids(data, steps, ticked, age_band)
    else:
        asked = frozenset(data.symptoms)
    return assess(data, ticked, age_band=age_band, asked_ids=asked)


def _result(request: HttpRequest, result: Assessment) -> dict[str, Any]:
    urgency = Urgency(result.urgency)
    headline, action = INSTRUCTIONS[urgency]
    numbers = _numbers()
    call = {
        Urgency.EMERGENCY: numbers["emergency"],
        Urgency.URGENT: numbers["urgent"],
        Urgency.DOCTOR: numbers["urgent"],
    }.get(urgency)
    adult = result.age_band in (AgeBand.ADULT, AgeBand.OLDER)
    return {
        "disposition": urgency.value,
        "label": urgency.label,
        "instruction": {
            "headline": headline.format(**numbers),
            "action": action.format(**numbers),
            "call": call,
        },
        "reasons": [_reason(r) for r in result.instruction_reasons],
        "alsoMention": [r.name for r in result.other_reasons],
        "possibleCauses": [
            {
                "name": cause.condition.title,
                "url": request.build_absolute_uri(cause.condition.url),
                "tier": cause.condition.tier_label,
                "matched": [s.name for s in cause.matched],
            }
            for cause in result.causes
        ],
        "remedies": [
            {
                "name": remedy.title,
                "url": request.build_absolute_uri(remedy.url),
                "identifier": remedy.slug,
                "kind": "remedy",
            }
            for remedy in result.remedies
        ],
        "remediesWithheld": result.remedies_withheld,
        "childNote": CHILD_NOTE if urgency == Urgency.SELF_CARE and not adult else None,
        "disclaimer": DISCLAIMER,
        "publisher": content.publisher(request),
        "attribution": content.attribution(request, _checker_page(request)),
    }


def _reason(reason: Any) -> dict[str, str]:
    return {"name": reason.name, "urgency": Urgency(reason.urgency).value, "advice": reason.advice}


api.add_router("/checker", router)
