"""The checker as short steps: age and main problem first, then red flags,
then only what can still change the answer.

NHS 111 online (NHS Pathways) triages by main symptom, asks the
life-threatening questions before anything else and stops once the
disposition is settled; so does this flow. A pathway (the visitor's main
problem) decides what is asked:

1. "start": the person's age and the main problem;
2. "emergency": the life-threatening questions asked on every pathway
   (breathing, chest pain, collapse, fits, stroke signs, sudden confusion…);
3. "red-flags": the pathway's own red-flag signs;
4. "symptoms": the pathway's other signs;
5. "follow-up": the modifiers its rules need (sudden onset, one side, after
   an infection, an injury…), asked only when an answer could still make
   the disposition more urgent, as NHS Pathways asks follow-up questions;
6. "about-you": background: everyday triggers and risks.

An emergency ends the flow at once; once the answer is urgent, it ends
unless a question still to come could make it an emergency. Nothing is
ever ticked for the visitor: only answers to questions on steps they were
shown count (`asked_ids` replays the flow to know which).

Pure: it takes `CheckerData` and touches no database.
"""

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from conditions.checker.assessment import (
    CheckerData,
    PathwayInfo,
    SymptomId,
    SymptomInfo,
    urgency_for,
)
from conditions.models import AgeBand, SymptomKind
from conditions.urgency import Urgency

START = "start"
# Asked only when one of its answers could make the disposition more urgent.
FOLLOW_UP = "follow-up"

# What fits on a 360 × 740 phone screen below the header, the 999 line,
# the step's title, "None of these" and the Next button, in CSS pixels as
# static/css/portal.css draws a step: a question is a row of QUESTION_HEIGHT
# holding LABEL_LINE characters, and each further line of its label or hint
# adds LINE_HEIGHT. Measured in Chromium: a page of 380 put its Next button
# at 729 px, another of 366 past 740 (labels wrap at words), so 360 keeps a
# margin. Checked on every step by tests/e2e/test_checker.py.
PAGE_HEIGHT = 360
QUESTION_HEIGHT = 30
LINE_HEIGHT = 22
LABEL_LINE = 30
HINT_LINE = 40


def height(symptom: SymptomInfo, hints: bool) -> int:
    """How tall a question's row is on a phone, roughly (px)."""
    lines = math.ceil(len(symptom.name) / LABEL_LINE)
    if hints and symptom.description:
        lines += math.ceil(len(symptom.description) / HINT_LINE)
    return QUESTION_HEIGHT + LINE_HEIGHT * (lines - 1)


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    groups: tuple[tuple[str, tuple[SymptomInfo, ...]], ...]  # (legend, symptoms)
    asks_start: bool = False
    # Hints under the questions, when the step fits a screen with them.
    shows_hints: bool = False

    @property
    def symptoms(self) -> tuple[SymptomInfo, ...]:
        return tuple(symptom for _, symptoms in self.groups for symptom in symptoms)


@dataclass(frozen=True)
class Questions:
    """A pathway's questions in the order they are asked."""

    life_threatening: tuple[SymptomInfo, ...]  # asked on every pathway
    pathway_red_flags: tuple[SymptomInfo, ...]  # signs; emergency ones first
    signs: tuple[SymptomInfo, ...]
    modifiers: tuple[SymptomInfo, ...]  # context a red-flag rule needs
    context: tuple[SymptomInfo, ...]

    @property
    def red_flags(self) -> tuple[SymptomInfo, ...]:
        return self.life_threatening + self.pathway_red_flags + self.modifiers


def is_asked_of(symptom: SymptomInfo, age_band: AgeBand | None) -> bool:
    """Questions about alcohol, nicotine and the like are not put to a child."""
    return not (symptom.adults_only and age_band == AgeBand.CHILD)


def questions(
    data: CheckerData, pathway: PathwayInfo | None = None, age_band: AgeBand | None = None
) -> Questions:
    """What `pathway` asks (every question when it is None or lists none)."""
    listed = [s for s in data.symptoms.values() if is_asked_of(s, age_band)]  # checklist order
    own = set(pathway.question_ids) if pathway and pathway.question_ids else set(data.symptoms)
    mine = [s for s in listed if s.id in own and not s.on_every_pathway]
    flags = [s for s in mine if s.asked_first and s.kind == SymptomKind.SIGN]
    return Questions(
        life_threatening=tuple(s for s in listed if s.on_every_pathway),
        pathway_red_flags=tuple(
            sorted(flags, key=lambda s: s.urgency != Urgency.EMERGENCY)  # stable
        ),
        signs=tuple(s for s in mine if s.kind == SymptomKind.SIGN and not s.asked_first),
        modifiers=tuple(s for s in mine if s.kind == SymptomKind.CONTEXT and s.asked_first),
        context=tuple(s for s in mine if s.kind == SymptomKind.CONTEXT and not s.asked_first),
    )


def pathway_named(data: CheckerData, slug: str) -> PathwayInfo | None:
    return next((pathway for pathway in data.pathways if pathway.slug == slug), None)


def steps(
    data: CheckerData, pathway: PathwayInfo | None, age_band: AgeBand | None = None
) -> tuple[Step, ...]:
    """Every step the pathway can ask, in order; empty steps are left out."""
    asked = questions(data, pathway, age_band)
    return (
        Step(START, "What is the main problem?", (), asks_start=True),
        *_paged(
            "emergency",
            "Is any of this happening?",
            asked.life_threatening,
            legend="Happening now",
        ),
        *_paged(
            "red-flags",
            "Do any of these apply?",
            asked.pathway_red_flags,
            legend="Signs that need help soon",
        ),
        *_paged("symptoms", "Which of these do you notice?", asked.signs, legend="What you notice"),
        *_paged(
            FOLLOW_UP,
            "A little more about it",
            asked.modifiers,
            legend="How it started and what came before",
        ),
        *_paged(
            "about-you",
            "About you and recent days",
            asked.context,
            legend="Recent days and risks",
        ),
    )


def _paged(name: str, title: str, symptoms: Sequence[SymptomInfo], legend: str) -> list[Step]:
    """Steps named `name`, `name-2`… asking `symptoms` a phone screen at a
    time: with their hints when they all fit one screen so, else without
    (each screen is a tap more)."""
    hints = sum(height(symptom, hints=True) for symptom in symptoms) <= PAGE_HEIGHT
    pages: list[list[SymptomInfo]] = []
    used = 0
    for symptom in symptoms:
        cost = height(symptom, hints)
        if not pages or used + cost > PAGE_HEIGHT:
            pages.append([])
            used = 0
        pages[-1].append(symptom)
        used += cost
    return [
        Step(
            name if number == 1 else f"{name}-{number}",
            title,
            ((legend, tuple(page)),),
            shows_hints=hints,
        )
        for number, page in enumerate(pages, start=1)
    ]


def step_named(flow: Sequence[Step], slug: str) -> Step | None:
    return next((step for step in flow if step.slug == slug), None)


def step_after(
    data: CheckerData,
    flow: Sequence[Step],
    step: Step,
    ticked_ids: Collection[SymptomId],
    age_band: AgeBand | None,
) -> Step | None:
    """The next step worth asking after `step`, or None for the result.

    An emergency ends the flow. An urgent answer ends it too, unless some
    question still to come could make it an emergency: the remaining steps
    could only reorder the list of causes, and getting help comes first.
    """
    ticked = frozenset(ticked_ids)
    urgency, _ = urgency_for(data, ticked, age_band)
    if urgency == Urgency.EMERGENCY:
        return None
    later = list(flow)[list(flow).index(step) + 1 :]
    if urgency.rank >= Urgency.URGENT.rank and not _could_raise(
        data, later, ticked, age_band, urgency
    ):
        return None
    # Follow-up questions only where they could change the answer.
    later = [
        following
        for following in later
        if not following.slug.startswith(FOLLOW_UP)
        or _could_raise(data, [following], ticked, age_band, urgency)
    ]
    return later[0] if later else None


def _could_raise(
    data: CheckerData,
    steps_to_come: Sequence[Step],
    ticked: frozenset[SymptomId],
    age_band: AgeBand | None,
    now: Urgency,
) -> bool:
    """Could any answers on these steps make the disposition (`now`) more
    urgent? Answers only ever add, so ticking all of them is the most they
    could do."""
    still_to_ask = frozenset(s.id for step in steps_to_come for s in step.symptoms)
    could_be, _ = urgency_for(data, ticked | still_to_ask, age_band)
    return could_be.rank > now.rank


def shown_steps(
    data: CheckerData,
    flow: Sequence[Step],
    ticked_ids: Collection[SymptomId],
    age_band: AgeBand | None,
) -> tuple[Step, ...]:
    """The steps a visitor with these answers was shown, replaying the flow:
    only answers on steps already shown decide whether to go on."""
    shown: list[Step] = []
    seen: set[SymptomId] = set()
    ticked = set(ticked_ids)
    step: Step | None = flow[0] if flow else None
    while step is not None:
        shown.append(step)
        seen.update(s.id for s in step.symptoms)
        step = step_after(data, flow, step, ticked & seen, age_band)
    return tuple(shown)


def asked_ids(
    data: CheckerData,
    flow: Sequence[Step],
    ticked_ids: Collection[SymptomId],
    age_band: AgeBand | None,
) -> frozenset[SymptomId]:
    """The questions a visitor with these answers was shown: only answers to
    these count, and a needed answer among them that was not ticked rules a
    cause out."""
    return frozenset(
        s.id for step in shown_steps(data, flow, ticked_ids, age_band) for s in step.symptoms
    )
