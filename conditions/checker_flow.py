"""The checker as short steps, red flags first, each fitting a phone screen.

NHS 111 online asks life-threatening questions before anything else; so do
we. The steps are built from the published data, so editors decide what
each asks by marking red flags and grouping symptoms into body areas:

1. "emergency": red flags that call for emergency help;
2. "urgent": the other red flags;
3. "symptoms": the remaining symptoms, by body area;
4. "about-you": context questions; then "age": the age band.

Each asks what fits on a phone screen (`-2`, `-3`… continue
a step that has more).

Any answer that makes the result an emergency ends the flow at once.
Pure: it takes `CheckerData` and touches no database.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from conditions.checker import CheckerData, SymptomInfo
from conditions.models import SymptomKind, Urgency

# What fits on a 360 px phone screen below the header, with the Next
# button: lines of question text (a label line holds about 26 characters, a
# hint line about 36). A second heading on a page costs LINES_PER_HEADING.
LINES_PER_PAGE = 13
LINES_PER_HEADING = 3


def _lines(symptom: SymptomInfo) -> int:
    return math.ceil(len(symptom.name) / 26) + math.ceil(len(symptom.description) / 36)


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    hint: str
    groups: tuple[tuple[str, tuple[SymptomInfo, ...]], ...]  # (legend, symptoms)
    asks_age: bool = False

    @property
    def symptoms(self) -> tuple[SymptomInfo, ...]:
        return tuple(symptom for _, symptoms in self.groups for symptom in symptoms)


@dataclass(frozen=True)
class Questions:
    """The checklist's questions in the order they are asked, on steps or
    on one page: red flags first."""

    emergency: tuple[SymptomInfo, ...]
    urgent: tuple[SymptomInfo, ...]  # the other red flags
    signs: tuple[SymptomInfo, ...]  # everything else a visitor notices
    context: tuple[SymptomInfo, ...]

    @property
    def red_flags(self) -> tuple[SymptomInfo, ...]:
        return self.emergency + self.urgent


def questions(data: CheckerData) -> Questions:
    listed = list(data.symptoms.values())  # in checklist order
    return Questions(
        emergency=tuple(s for s in listed if s.asked_first and s.urgency == Urgency.EMERGENCY),
        urgent=tuple(s for s in listed if s.asked_first and s.urgency != Urgency.EMERGENCY),
        signs=tuple(s for s in listed if s.kind == SymptomKind.SIGN and not s.asked_first),
        context=tuple(s for s in listed if s.kind == SymptomKind.CONTEXT and not s.asked_first),
    )


def steps(data: CheckerData) -> tuple[Step, ...]:
    """Every step of the flow, in order; empty steps are left out."""
    asked = questions(data)
    flow = [
        *_paged(
            "emergency",
            "Is any of this happening now?",
            "The most serious problems come first.",
            asked.emergency,
            legend="Happening now",
        ),
        *_paged(
            "urgent",
            "Do you have any of these?",
            "These need a doctor soon.",
            asked.urgent,
            legend="Signs to act on today",
        ),
        *_paged("symptoms", "Do you notice any of these?", "Tick all that apply.", asked.signs),
        *_paged(
            "about-you",
            "About you and recent days",
            "Everyday triggers, and how long it has lasted.",
            asked.context,
            legend="Recent days",
        ),
        Step("age", "How old is the person with the symptoms?", "", (), asks_age=True),
    ]
    return tuple(flow)


def _paged(
    name: str, title: str, hint: str, symptoms: Sequence[SymptomInfo], legend: str = ""
) -> list[Step]:
    """Steps named `name`, `name-2`… asking `symptoms` a few to a page, under
    their body area's name (or `legend`)."""
    pages: list[list[tuple[str, list[SymptomInfo]]]] = []
    used = 0
    for symptom in symptoms:
        group = legend or symptom.area
        new_group = not pages or pages[-1][-1][0] != group
        cost = _lines(symptom) + (LINES_PER_HEADING if new_group and pages else 0)
        if not pages or used + cost > LINES_PER_PAGE:
            # A page's first heading is part of its fixed cost.
            pages.append([])
            used, new_group, cost = 0, True, _lines(symptom)
        if new_group:
            pages[-1].append((group, []))
        pages[-1][-1][1].append(symptom)
        used += cost
    return [
        Step(
            name if number == 1 else f"{name}-{number}",
            title,
            hint,
            tuple((group, tuple(items)) for group, items in page),
        )
        for number, page in enumerate(pages, start=1)
    ]


def step_named(flow: Sequence[Step], slug: str) -> Step | None:
    return next((step for step in flow if step.slug == slug), None)


def step_after(flow: Sequence[Step], step: Step) -> Step | None:
    index = list(flow).index(step)
    return flow[index + 1] if index + 1 < len(flow) else None


def step_before(flow: Sequence[Step], step: Step) -> Step | None:
    index = list(flow).index(step)
    return flow[index - 1] if index > 0 else None
