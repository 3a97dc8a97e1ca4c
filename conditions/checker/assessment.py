"""The symptom checklist's logic: a pure function over plain data.

`load_checker_data()` reads what editors publish in a fixed number of
queries (`published_checker_data()` keeps it per process until content
changes); `assess()` turns a set of ticked symptoms into advice, possible
causes and safe remedies without touching the database, so it can be tested
(and benchmarked) with thousands of made-up conditions.

It never diagnoses: it ranks conditions that *could be related*, and urgency
comes only from the questions and rules clinicians have approved. Each rule
follows a published source; conditions/clinical_safety/ is the safety case
that lists them, with the hazards they control and the cases that test them.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from conditions.models import (
    AgeBand,
    BodyArea,
    Category,
    Condition,
    ConditionSymptom,
    Pathway,
    Symptom,
    SymptomKind,
    UrgentCombination,
    asked_first,
    tier_wording,
)
from conditions.urgency import Urgency
from portal.caching.content_version import PerContentVersion

MAX_CAUSES_SHOWN = 6
# A condition's symptoms this strongly linked are its key signs: a possible
# cause lists those that were not ticked.
KEY_SIGN_WEIGHT = 6
MAX_MISSING_SHOWN = 3


# The checker's content is written and reviewed for adults: a child's
# symptoms always get a doctor's opinion rather than self-care.
CHILD_REASON_NAME = "Under 16"
CHILD_REASON_ADVICE = (
    "This checker is written for adults. A child or teenager with twitching, weakness or pain "
    "that does not settle should be seen by a GP."
)

type SymptomId = int
type ConditionId = int


@dataclass(frozen=True)
class SymptomInfo:
    id: int
    slug: str
    name: str
    kind: str
    urgency: Urgency
    advice: str
    description: str = ""
    area: str = ""
    is_red_flag: bool = False
    on_every_pathway: bool = False
    adults_only: bool = False

    @property
    def asked_first(self) -> bool:
        return self.on_every_pathway or asked_first(self.is_red_flag, self.urgency)


@dataclass(frozen=True)
class CombinationInfo:
    """A checker rule: every `symptom_ids` answer, at least one `any_of`
    answer (when it has any), within `age_bands` (when it names any)."""

    slug: str
    name: str
    symptom_ids: frozenset[SymptomId]
    urgency: Urgency
    advice: str
    any_of: frozenset[SymptomId] = frozenset()
    age_bands: frozenset[AgeBand] = frozenset()

    @property
    def answer_ids(self) -> frozenset[SymptomId]:
        return self.symptom_ids | self.any_of

    def fires(self, ticked_ids: frozenset[SymptomId], age_band: AgeBand | None) -> bool:
        if not self.answer_ids:
            return False
        if not self.symptom_ids <= ticked_ids:
            return False
        if self.any_of and not self.any_of & ticked_ids:
            return False
        # An unknown age is read the safer way: as any age the rule names.
        return (
            not self.age_bands or age_band in (None, AgeBand.UNSAID) or (age_band in self.age_bands)
        )


@dataclass(frozen=True)
class PathwayInfo:
    """A main problem and its questions, in checklist order. No questions
    means every question ("Something else")."""

    slug: str
    name: str
    description: str
    question_ids: tuple[SymptomId, ...]


@dataclass(frozen=True)
class ConditionInfo:
    id: ConditionId
    slug: str
    title: str
    url: str
    category: Category
    weights: Mapping[SymptomId, int]  # 1 (a weak hint) to 10 (a hallmark)
    tier_label: str = ""  # the reviewed wording of its category
    # Answers without which it is not a likely cause (caffeine needs "a lot
    # of caffeine"): asked and not ticked, the condition is not listed.
    needed: frozenset[SymptomId] = frozenset()

    @property
    def is_serious(self) -> bool:
        return self.category.is_serious

    @property
    def total_weight(self) -> int:
        return sum(self.weights.values())


@dataclass(frozen=True)
class RemedyInfo:
    id: int
    slug: str
    title: str
    url: str
    suitable_for: frozenset[ConditionId]
    suits_symptoms: frozenset[SymptomId]
    unsafe_for: frozenset[ConditionId]
    # Never suggested to someone who ticked one of these (no compress on numb skin).
    unsafe_with: frozenset[SymptomId] = frozenset()


@dataclass(frozen=True)
class CheckerData:
    symptoms: Mapping[SymptomId, SymptomInfo]
    combinations: tuple[CombinationInfo, ...]
    conditions: tuple[ConditionInfo, ...]
    remedies: tuple[RemedyInfo, ...]
    pathways: tuple[PathwayInfo, ...] = ()
    # The conditions linked to each symptom, so ranking looks only at
    # conditions that share a ticked symptom.
    conditions_by_symptom: dict[SymptomId, list[ConditionInfo]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        index: dict[SymptomId, list[ConditionInfo]] = {}
        for condition in self.conditions:
            for symptom_id in condition.weights:
                index.setdefault(symptom_id, []).append(condition)
        object.__setattr__(self, "conditions_by_symptom", index)


@dataclass(frozen=True)
class AdviceReason:
    """Why the advice is as urgent as it is: a symptom or a combination."""

    name: str
    urgency: Urgency
    advice: str


@dataclass(frozen=True)
class PossibleCause:
    condition: ConditionInfo
    score: float
    matched_weight: int
    matched: tuple[SymptomInfo, ...]  # strongest link first
    # Its key signs that were not ticked, strongest first: "could be related
    # to", never "you have".
    missing: tuple[SymptomInfo, ...] = ()
    # An answer it needs was never asked: listed after the causes the answers
    # support (caffeine does not outrank ALS for slurred speech and drooling).
    unconfirmed: bool = False

    @property
    def matched_names(self) -> str:
        """The supporting answers as one phrase ("cramps, weakness")."""
        return ", ".join(symptom.name.lower() for symptom in self.matched)

    @property
    def missing_names(self) -> str:
        return ", ".join(symptom.name.lower() for symptom in self.missing)


@dataclass(frozen=True)
class Assessment:
    urgency: Urgency
    reasons: tuple[AdviceReason, ...]  # most urgent first
    causes: tuple[PossibleCause, ...]  # best match first (all that matched)
    remedies: tuple[RemedyInfo, ...]
    remedies_withheld: bool = False
    ticked: tuple[SymptomInfo, ...] = field(default=())
    age_band: AgeBand | None = None

    @property
    def disposition(self) -> Urgency:
        """The one instruction the result gives."""
        return self.urgency

    @property
    def instruction_reasons(self) -> tuple[AdviceReason, ...]:
        """The answers that set the disposition: only these explain it."""
        return tuple(reason for reason in self.reasons if reason.urgency == self.urgency)

    @property
    def other_reasons(self) -> tuple[AdviceReason, ...]:
        """Answers that call for less than the disposition, named only."""
        return tuple(reason for reason in self.reasons if reason.urgency != self.urgency)

    @property
    def shown_causes(self) -> tuple[PossibleCause, ...]:
        return self.causes[:MAX_CAUSES_SHOWN]

    @property
    def more_causes(self) -> tuple[PossibleCause, ...]:
        """The rest of the list, shown folded: remedies are checked against it too."""
        return self.causes[MAX_CAUSES_SHOWN:]


def urgency_for(
    data: CheckerData, ticked_ids: frozenset[SymptomId], age_band: AgeBand | None = None
) -> tuple[Urgency, tuple[AdviceReason, ...]]:
    """The highest urgency any ticked symptom, rule that fires or the age
    answer calls for, with the reasons behind it (most urgent first)."""
    reasons = [
        AdviceReason(symptom.name, symptom.urgency, symptom.advice)
        for symptom_id in ticked_ids
        if (symptom := data.symptoms.get(symptom_id)) and symptom.urgency != Urgency.SELF_CARE
    ]
    reasons += [
        AdviceReason(combination.name, combination.urgency, combination.advice)
        for combination in data.combinations
        if combination.fires(ticked_ids, age_band)
    ]
    if age_band == AgeBand.CHILD:
        reasons.append(AdviceReason(CHILD_REASON_NAME, Urgency.DOCTOR, CHILD_REASON_ADVICE))
    if not reasons:
        return Urgency.SELF_CARE, ()
    reasons.sort(key=lambda reason: (-reason.urgency.rank, reason.name))
    return reasons[0].urgency, tuple(reasons)


def rank_causes(
    data: CheckerData,
    ticked_ids: frozenset[SymptomId],
    asked_ids: frozenset[SymptomId] | None = None,
) -> tuple[PossibleCause, ...]:
    """Conditions that share ticked symptoms, best match first.

    A condition whose needed answer was asked (`asked_ids`; None means
    nothing is known to have been asked) and not ticked is ruled out; one
    whose needed answer was never asked comes after those the answers
    support. Then the score is the share of a condition's weighted symptoms
    that are ticked; a tie goes to the condition with more matched weight,
    then to a common cause over a serious one.
    """
    asked = asked_ids or frozenset()
    candidates = {
        condition.id: condition
        for symptom_id in ticked_ids
        for condition in data.conditions_by_symptom.get(symptom_id, ())
    }
    causes = []
    for condition in candidates.values():
        lacking = condition.needed - ticked_ids
        if lacking & asked:
            continue
        matched_ids = [sid for sid in condition.weights if sid in ticked_ids]
        matched_weight = sum(condition.weights[sid] for sid in matched_ids)
        matched_ids.sort(key=lambda sid: (-condition.weights[sid], data.symptoms[sid].name))
        causes.append(
            PossibleCause(
                condition=condition,
                score=matched_weight / condition.total_weight,
                matched_weight=matched_weight,
                matched=tuple(data.symptoms[sid] for sid in matched_ids),
                missing=_missing_key_signs(data, condition, ticked_ids),
                unconfirmed=bool(lacking),
            )
        )
    causes.sort(
        key=lambda cause: (
            cause.unconfirmed,
            -round(cause.score, 6),
            -cause.matched_weight,
            cause.condition.is_serious,
            cause.condition.title,
        )
    )
    return tuple(causes)


def _missing_key_signs(
    data: CheckerData, condition: ConditionInfo, ticked_ids: frozenset[SymptomId]
) -> tuple[SymptomInfo, ...]:
    unticked = [
        data.symptoms[sid]
        for sid, weight in condition.weights.items()
        if weight >= KEY_SIGN_WEIGHT
        and sid not in ticked_ids
        and data.symptoms[sid].kind == SymptomKind.SIGN
    ]
    unticked.sort(key=lambda s: (-condition.weights[s.id], s.name))
    return tuple(unticked[:MAX_MISSING_SHOWN])


class HasId(Protocol):
    @property
    def id(self) -> int: ...


def exclude_unsafe[R: HasId](remedies: Iterable[R], unsafe: Iterable[HasId]) -> list[R]:
    """`remedies` without those unsafe for a condition that is still possible.

    The one rule behind every remedy the site suggests, on a condition page
    and in the checker's results: a clot is not massaged.
    """
    unsafe_ids = {remedy.id for remedy in unsafe}
    return [remedy for remedy in remedies if remedy.id not in unsafe_ids]


def safe_remedies(
    data: CheckerData,
    causes: Iterable[PossibleCause],
    ticked_ids: frozenset[SymptomId],
    asked_ids: frozenset[SymptomId] | None = None,
) -> tuple[RemedyInfo, ...]:
    """Remedies for the benign causes in the list (or the ticked symptoms),
    leaving out any remedy unsafe for a condition still in the list, or for
    an answer that was ticked or never asked (`asked_ids`; None means every
    question was): an unknown is not a "no"."""
    causes = tuple(causes)
    in_list = {cause.condition.id for cause in causes}
    benign = {cause.condition.id for cause in causes if not cause.condition.is_serious}
    unknown = frozenset() if asked_ids is None else frozenset(data.symptoms) - asked_ids
    unsafe = [
        remedy
        for remedy in data.remedies
        if remedy.unsafe_for & in_list or remedy.unsafe_with & (ticked_ids | unknown)
    ]
    chosen = []
    for remedy in exclude_unsafe(data.remedies, unsafe):
        helps = len(remedy.suitable_for & benign) + len(remedy.suits_symptoms & ticked_ids)
        if helps:
            chosen.append((helps, remedy))
    chosen.sort(key=lambda pair: (-pair[0], pair[1].title))
    return tuple(remedy for _, remedy in chosen)


def assess(
    data: CheckerData,
    ticked_ids: Iterable[SymptomId],
    *,
    age_band: AgeBand | None = None,
    asked_ids: Iterable[SymptomId] | None = None,
) -> Assessment:
    """Advice, possible causes and safe remedies for the ticked symptom ids,
    the age band when given, and the questions the visitor was shown
    (`asked_ids`: an answer to anything else does not count)."""
    ticked_ids = frozenset(sid for sid in ticked_ids if sid in data.symptoms)
    asked = None if asked_ids is None else frozenset(asked_ids)
    if asked is not None:
        ticked_ids &= asked
    urgency, reasons = urgency_for(data, ticked_ids, age_band)
    causes = rank_causes(data, ticked_ids, asked)
    # With urgent or emergency advice, home remedies would only distract.
    withheld = urgency.rank >= Urgency.URGENT.rank
    remedies = () if withheld else safe_remedies(data, causes, ticked_ids, asked)
    ticked = tuple(sorted((data.symptoms[sid] for sid in ticked_ids), key=lambda s: s.name))
    return Assessment(
        urgency=urgency,
        reasons=reasons,
        causes=causes,
        remedies=remedies,
        remedies_withheld=withheld,
        ticked=ticked,
        age_band=age_band,
    )


def load_checker_data() -> CheckerData:
    """Published conditions, remedies, pathways and the listed symptoms, as
    plain data (a fixed number of queries, however many there are)."""
    # Remedies depend on conditions, never the other way round.
    Remedy: Any = Condition._meta.get_field("remedies").related_model

    symptoms = {
        s.id: SymptomInfo(
            s.id, s.slug, s.name, s.kind, Urgency(s.urgency), s.advice, s.description,
            s.body_area.name, s.is_red_flag, s.on_every_pathway, s.adults_only,
        )
        # Only approved symptoms in approved areas: checker data is reviewed.
        for s in Symptom.objects.published()
        .filter(is_listed=True, body_area__in=BodyArea.objects.published())
        .select_related("body_area")
    }  # fmt: skip
    combination_rows = (
        UrgentCombination.objects.published()
        .filter(is_active=True)
        .prefetch_related("symptoms", "any_of")
    )
    combinations = tuple(
        CombinationInfo(
            c.slug,
            c.name,
            frozenset(s.id for s in c.symptoms.all()),
            Urgency(c.urgency),
            c.advice,
            frozenset(s.id for s in c.any_of.all() if s.id in symptoms),
            frozenset(AgeBand(band) for band in c.age_bands),
        )
        for c in combination_rows
        # A rule with a hidden "all of" answer could never be completed; one
        # whose "any of" answers are all hidden must not fire on the rest.
        if all(s.id in symptoms for s in c.symptoms.all())
        and (not c.any_of.all() or any(s.id in symptoms for s in c.any_of.all()))
    )
    pathways = tuple(
        PathwayInfo(p.slug, p.name, p.description, _in_checklist_order(symptoms, p.questions.all()))
        for p in Pathway.objects.published().prefetch_related("questions")
    )
    wording = tier_wording()
    weights: dict[ConditionId, dict[SymptomId, int]] = {}
    needed: dict[ConditionId, set[SymptomId]] = {}
    links = ConditionSymptom.objects.filter(
        condition__in=Condition.objects.published(), symptom_id__in=symptoms.keys()
    ).values_list("condition_id", "symptom_id", "weight", "rules_out_when_absent")
    for condition_id, symptom_id, weight, is_needed in links:
        weights.setdefault(condition_id, {})[symptom_id] = weight
        if is_needed:
            needed.setdefault(condition_id, set()).add(symptom_id)
    conditions = tuple(
        ConditionInfo(
            c.id, c.slug, c.title, c.get_absolute_url(), Category(c.category),
            weights.get(c.id, {}), wording[c.category].label, frozenset(needed.get(c.id, ())),
        )
        for c in Condition.objects.published().only("id", "slug", "title", "category")
        if weights.get(c.id)
    )  # fmt: skip
    remedies = tuple(
        RemedyInfo(
            r.id,
            r.slug,
            r.title,
            r.get_absolute_url(),
            frozenset(c.id for c in r.suitable_for.all()),
            frozenset(s.id for s in r.suits_symptoms.all()),
            frozenset(c.id for c in r.unsafe_for.all()),
            frozenset(s.id for s in r.unsafe_with_symptoms.all()),
        )
        for r in Remedy.objects.published()
        .only("id", "slug", "title")
        .prefetch_related("suitable_for", "suits_symptoms", "unsafe_for", "unsafe_with_symptoms")
    )
    return CheckerData(symptoms, combinations, conditions, remedies, pathways)


def _in_checklist_order(
    symptoms: Mapping[SymptomId, SymptomInfo], chosen: Iterable[Symptom]
) -> tuple[SymptomId, ...]:
    ids = {symptom.id for symptom in chosen}
    return tuple(sid for sid in symptoms if sid in ids)


# This process's copy, until content changes: a warm worker answers from
# memory until something is saved or published.
# The costliest value kept per version (1-2 s at 10,000 conditions): built
# by one worker after a publish and shared with the others.
published_checker_data = PerContentVersion(load_checker_data, shared_as="checker-data")
