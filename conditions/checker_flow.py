"""The checker as short steps, red flags first, each fitting a phone screen.

NHS 111 online asks life-threatening questions before anything else; so do
we. The steps are built from the published data, so editors decide what
each asks by marking red flags and grouping symptoms into body areas:

1. "emergency": red flags that call for emergency help;
2. "urgent": the other red flags;
3. the remaining symptoms, body areas packed a few to a page;
4. "about-you": context questions and the age band.

Any answer that makes the result an emergency ends the flow at once.
Pure: it takes `CheckerData` and touches no database.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from conditions.checker import CheckerData, SymptomInfo
from conditions.models import SymptomKind, Urgency

# Body areas share a page until it holds this many questions.
QUESTIONS_PER_PAGE = 8


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


def steps(data: CheckerData) -> tuple[Step, ...]:
    """Every step of the flow, in order; empty steps are left out."""
    listed = list(data.symptoms.values())  # in checklist order
    signs = [s for s in listed if s.kind == SymptomKind.SIGN]
    emergency = [s for s in listed if s.asked_first and s.urgency == Urgency.EMERGENCY]
    urgent = [s for s in listed if s.asked_first and s.urgency != Urgency.EMERGENCY]
    flow = [
        Step(
            "emergency",
            "Is any of this happening now?",
            "We ask about the most serious problems first.",
            (("Happening now", tuple(emergency)),),
        ),
        Step(
            "urgent",
            "Do you have any of these?",
            "These need a doctor soon, so we ask about them next.",
            (("Signs to act on today", tuple(urgent)),),
        ),
    ]
    rest = [s for s in signs if not s.asked_first]
    for number, page in enumerate(_pages(rest), start=1):
        flow.append(
            Step(f"symptoms-{number}", "Do you notice any of these?", "Tick all that apply.", page)
        )
    context = tuple(s for s in listed if s.kind == SymptomKind.CONTEXT and not s.asked_first)
    flow.append(
        Step(
            "about-you",
            "About you and recent days",
            "These help us tell everyday triggers from other causes.",
            (("Recent days", context),) if context else (),
            asks_age=True,
        )
    )
    return tuple(step for step in flow if step.symptoms or step.asks_age)


def _pages(
    symptoms: Sequence[SymptomInfo],
) -> list[tuple[tuple[str, tuple[SymptomInfo, ...]], ...]]:
    """Body areas, whole, packed into pages of about QUESTIONS_PER_PAGE."""
    pages: list[list[tuple[str, tuple[SymptomInfo, ...]]]] = []
    size = 0
    for area, grouped in groupby(symptoms, key=lambda s: s.area):
        group = tuple(grouped)
        if not pages or size + len(group) > QUESTIONS_PER_PAGE:
            pages.append([])
            size = 0
        pages[-1].append((area, group))
        size += len(group)
    return [tuple(page) for page in pages]


def step_named(flow: Sequence[Step], slug: str) -> Step | None:
    return next((step for step in flow if step.slug == slug), None)


def step_after(flow: Sequence[Step], step: Step) -> Step | None:
    index = list(flow).index(step)
    return flow[index + 1] if index + 1 < len(flow) else None


def step_before(flow: Sequence[Step], step: Step) -> Step | None:
    index = list(flow).index(step)
    return flow[index - 1] if index > 0 else None
