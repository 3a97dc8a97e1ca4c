"""The checklist's scoring, as a pure function over hand-built data (no database)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conditions.checker.assessment import (
    MAX_CAUSES_SHOWN,
    AgeBand,
    CheckerData,
    CombinationInfo,
    ConditionInfo,
    RemedyInfo,
    SymptomInfo,
    assess,
)
from conditions.models import Category, Urgency

SELF_CARE, DOCTOR, URGENT, EMERGENCY = (
    Urgency.SELF_CARE,
    Urgency.DOCTOR,
    Urgency.URGENT,
    Urgency.EMERGENCY,
)


def symptom(id, urgency=SELF_CARE, name=None):
    return SymptomInfo(
        id=id,
        slug=f"symptom-{id}",
        name=name or f"Symptom {id:03d}",
        kind="sign",
        urgency=urgency,
        advice=f"Advice {id}.",
    )


def condition(id, weights, serious=False, title=None):
    return ConditionInfo(
        id=id,
        slug=f"condition-{id}",
        title=title or f"Condition {id:03d}",
        url=f"/conditions/condition-{id}/",
        category=Category.SERIOUS if serious else Category.COMMON,
        weights=dict(weights),
    )


def remedy(id, suitable_for=(), suits_symptoms=(), unsafe_for=()):
    return RemedyInfo(
        id=id,
        slug=f"remedy-{id}",
        title=f"Remedy {id:03d}",
        url=f"/remedies/remedy-{id}/",
        suitable_for=frozenset(suitable_for),
        suits_symptoms=frozenset(suits_symptoms),
        unsafe_for=frozenset(unsafe_for),
    )


def combination(symptom_ids, urgency, name="Together"):
    return CombinationInfo(
        slug=name.lower().replace(" ", "-"),
        name=name,
        symptom_ids=frozenset(symptom_ids),
        urgency=urgency,
        advice=f"{name}: act now.",
    )


def data(symptoms, conditions=(), remedies=(), combinations=()):
    return CheckerData(
        symptoms={s.id: s for s in symptoms},
        combinations=tuple(combinations),
        conditions=tuple(conditions),
        remedies=tuple(remedies),
    )


def cause_ids(assessment):
    return [cause.condition.id for cause in assessment.causes]


def remedy_ids(assessment):
    return [r.id for r in assessment.remedies]


# -- urgency -------------------------------------------------------------------------

URGENCY_LADDER = data(
    [symptom(1, SELF_CARE), symptom(2, DOCTOR), symptom(3, URGENT), symptom(4, EMERGENCY)]
)


@pytest.mark.parametrize(
    ("ticked", "expected"),
    [
        ({1}, SELF_CARE),
        ({1, 2}, DOCTOR),
        ({2, 1}, DOCTOR),
        ({1, 2, 3}, URGENT),
        ({3, 1}, URGENT),
        ({1, 2, 3, 4}, EMERGENCY),
        ({4}, EMERGENCY),
    ],
    ids=["self-care", "doctor", "order-free", "urgent", "urgent+self-care", "all", "emergency"],
)
def test_urgency_is_the_most_urgent_ticked_symptom(ticked, expected):
    assert assess(URGENCY_LADDER, ticked).urgency == expected


def test_self_care_symptoms_give_no_reason_to_worry():
    assessment = assess(URGENCY_LADDER, {1})
    assert assessment.urgency == SELF_CARE
    assert assessment.reasons == ()


COMBINED = data(
    [symptom(1, SELF_CARE), symptom(2, DOCTOR), symptom(3, SELF_CARE)],
    combinations=[combination({1, 2}, URGENT, name="Twitch with weakness")],
)


@pytest.mark.parametrize(
    ("ticked", "expected"),
    [({1}, SELF_CARE), ({2}, DOCTOR), ({1, 3}, SELF_CARE), ({1, 2}, URGENT), ({1, 2, 3}, URGENT)],
    ids=["first-only", "second-only", "first-and-unrelated", "both", "both-and-more"],
)
def test_a_combination_applies_only_when_all_its_symptoms_are_ticked(ticked, expected):
    assessment = assess(COMBINED, ticked)
    assert assessment.urgency == expected
    combination_named = "Twitch with weakness" in [reason.name for reason in assessment.reasons]
    assert combination_named == ({1, 2} <= ticked)


def test_a_combination_with_no_symptoms_never_applies():
    checker = data([symptom(1)], combinations=[combination(set(), EMERGENCY, name="Empty")])
    assessment = assess(checker, {1})
    assert assessment.urgency == SELF_CARE
    assert assessment.reasons == ()


def test_a_combination_needing_an_unknown_symptom_never_applies():
    checker = data([symptom(1)], combinations=[combination({1, 99}, EMERGENCY)])
    assert assess(checker, {1, 99}).urgency == SELF_CARE


def test_reasons_come_most_urgent_first():
    checker = data(
        [
            symptom(1, DOCTOR, name="A doctor-level sign"),
            symptom(2, EMERGENCY, name="Z emergency sign"),
            symptom(3, SELF_CARE, name="B harmless sign"),
            symptom(4, URGENT, name="Y urgent sign"),
        ],
        combinations=[combination({1, 3}, URGENT, name="M urgent pair")],
    )
    assessment = assess(checker, {1, 2, 3, 4})
    assert assessment.urgency == EMERGENCY
    assert [(r.name, r.urgency) for r in assessment.reasons] == [
        ("Z emergency sign", EMERGENCY),
        ("M urgent pair", URGENT),
        ("Y urgent sign", URGENT),
        ("A doctor-level sign", DOCTOR),
    ]
    assert assessment.reasons[0].advice == "Advice 2."


# -- ranking -------------------------------------------------------------------------


def test_causes_are_ranked_by_the_share_of_their_weight_that_is_ticked():
    checker = data(
        [symptom(1), symptom(2), symptom(3), symptom(4)],
        conditions=[
            # 9 of 27 matched: more weight matched, but a smaller share.
            condition(10, {1: 9, 3: 9, 4: 9}, title="A heavy"),
            # 5 of 10 matched.
            condition(20, {1: 5, 2: 5}, title="B light"),
            # 2 of 2 matched.
            condition(30, {1: 2}, title="C tiny"),
        ],
    )
    assessment = assess(checker, {1})
    assert cause_ids(assessment) == [30, 20, 10]
    assert [round(c.score, 3) for c in assessment.causes] == [1.0, 0.5, 0.333]


def test_a_tie_in_share_goes_to_the_condition_with_more_matched_weight():
    checker = data(
        [symptom(1), symptom(2), symptom(3)],
        conditions=[
            condition(10, {1: 2, 2: 2}, title="A small"),  # 2/4
            condition(20, {1: 4, 3: 4}, title="B big"),  # 4/8
        ],
    )
    assessment = assess(checker, {1})
    assert cause_ids(assessment) == [20, 10]
    assert [c.matched_weight for c in assessment.causes] == [4, 2]


def test_a_full_tie_goes_to_the_common_cause_before_the_serious_one():
    checker = data(
        [symptom(1), symptom(2)],
        conditions=[
            condition(10, {1: 3, 2: 3}, serious=True, title="A serious"),
            condition(20, {1: 3, 2: 3}, serious=False, title="Z common"),
        ],
    )
    assert cause_ids(assess(checker, {1})) == [20, 10]


def test_matched_symptoms_are_listed_strongest_link_first():
    checker = data(
        [symptom(1), symptom(2), symptom(3), symptom(4)],
        conditions=[condition(10, {1: 3, 2: 9, 3: 6, 4: 10})],
    )
    (cause,) = assess(checker, {1, 2, 3}).causes
    assert [s.id for s in cause.matched] == [2, 3, 1]  # 4 is not ticked


def test_unknown_symptom_ids_are_ignored():
    checker = data(
        [symptom(1, DOCTOR), symptom(2)],
        conditions=[condition(10, {1: 5, 2: 5})],
        remedies=[remedy(100, suitable_for={10})],
    )
    with_unknown = assess(checker, {1, 999, -3})
    assert with_unknown == assess(checker, {1})
    assert [s.id for s in with_unknown.ticked] == [1]
    assert with_unknown.urgency == DOCTOR


def test_conditions_sharing_no_ticked_symptom_are_not_causes():
    checker = data(
        [symptom(1), symptom(2)],
        conditions=[condition(10, {1: 5}), condition(20, {2: 5})],
    )
    assert cause_ids(assess(checker, {1})) == [10]


# -- remedies ------------------------------------------------------------------------


def test_a_remedy_is_never_suggested_while_a_condition_it_is_unsafe_for_is_listed():
    checker = data(
        [symptom(1), symptom(2)],
        conditions=[condition(10, {1: 5}), condition(20, {2: 5}, serious=True)],
        remedies=[
            remedy(100, suits_symptoms={1}, unsafe_for={20}),
            remedy(200, suits_symptoms={1}),
        ],
    )
    assert remedy_ids(assess(checker, {1})) == [100, 200]
    assert remedy_ids(assess(checker, {1, 2})) == [200]


def test_a_remedy_unsafe_for_a_cause_beyond_those_shown_is_still_left_out():
    shown = MAX_CAUSES_SHOWN
    # Conditions 1..shown match symptom 1 fully; the last matches it weakly
    # and so comes after every cause the page shows.
    conditions = [condition(n, {1: 5}) for n in range(1, shown + 1)]
    weak = condition(99, {1: 1, 2: 10}, serious=True, title="A weak match")
    checker = data(
        [symptom(1), symptom(2)],
        conditions=[*conditions, weak],
        remedies=[
            remedy(100, suits_symptoms={1}, unsafe_for={99}),
            remedy(200, suits_symptoms={1}),
        ],
    )
    assessment = assess(checker, {1})
    assert 99 in cause_ids(assessment)
    assert 99 not in [c.condition.id for c in assessment.shown_causes]
    assert remedy_ids(assessment) == [200]


def test_remedies_for_serious_causes_alone_are_not_suggested():
    checker = data(
        [symptom(1)],
        conditions=[condition(10, {1: 5}, serious=True), condition(20, {1: 5})],
        remedies=[remedy(100, suitable_for={10}), remedy(200, suitable_for={20})],
    )
    assert remedy_ids(assess(checker, {1})) == [200]


def test_remedies_helping_more_of_what_was_ticked_come_first():
    checker = data(
        [symptom(1), symptom(2)],
        conditions=[condition(10, {1: 5, 2: 5})],
        remedies=[
            remedy(100, suits_symptoms={1}),
            remedy(200, suits_symptoms={1, 2}, suitable_for={10}),
            remedy(300),  # helps nothing ticked
        ],
    )
    assert remedy_ids(assess(checker, {1, 2})) == [200, 100]


@pytest.mark.parametrize("urgency", [URGENT, EMERGENCY], ids=["urgent", "emergency"])
def test_remedies_are_withheld_when_help_is_needed_urgently(urgency):
    checker = data(
        [symptom(1), symptom(2, urgency)],
        conditions=[condition(10, {1: 5, 2: 5})],
        remedies=[remedy(100, suits_symptoms={1, 2}, suitable_for={10})],
    )
    assert remedy_ids(assess(checker, {1})) == [100]
    assessment = assess(checker, {1, 2})
    assert assessment.remedies == ()
    assert assessment.remedies_withheld is True


def test_remedies_are_withheld_when_a_combination_makes_it_urgent():
    checker = data(
        [symptom(1), symptom(2)],
        combinations=[combination({1, 2}, URGENT)],
        remedies=[remedy(100, suits_symptoms={1, 2})],
    )
    assessment = assess(checker, {1, 2})
    assert (assessment.remedies, assessment.remedies_withheld) == ((), True)


def test_remedies_are_offered_at_doctor_level():
    checker = data([symptom(1, DOCTOR)], remedies=[remedy(100, suits_symptoms={1})])
    assessment = assess(checker, {1})
    assert remedy_ids(assessment) == [100]
    assert assessment.remedies_withheld is False


def test_nothing_ticked_means_self_care_and_no_causes():
    checker = data(
        [symptom(1, EMERGENCY)],
        conditions=[condition(10, {1: 5})],
        remedies=[remedy(100, suits_symptoms={1})],
        combinations=[combination({1}, EMERGENCY)],
    )
    assessment = assess(checker, set())
    assert assessment.urgency == SELF_CARE
    assert assessment.causes == ()
    assert assessment.reasons == ()
    assert assessment.remedies == ()


# -- properties ----------------------------------------------------------------------

# Strategies are built once: hypothesis validates each new strategy object,
# and building them inside the composite would triple the run time.
URGENCY = st.sampled_from(list(Urgency))
INDEX = st.integers(0, 11)  # folded onto however many symptoms or conditions there are
INDEXES = st.sets(INDEX, max_size=4)
LINKS = st.dictionaries(INDEX, st.integers(1, 10), min_size=1, max_size=4)
TITLE = st.sampled_from(["Alpha", "Beta", "Gamma"])  # few titles, so full ties happen


@st.composite
def checker_data(draw):
    n_symptoms = draw(st.integers(1, 10))
    n_conditions = draw(st.integers(0, 8))

    def symptom_ids(indexes):
        return {1 + i % n_symptoms for i in indexes}

    def condition_ids(indexes):
        return {101 + i % n_conditions for i in indexes} if n_conditions else set()

    symptoms = [symptom(sid, draw(URGENCY)) for sid in range(1, n_symptoms + 1)]
    conditions = [
        condition(
            cid,
            {1 + i % n_symptoms: weight for i, weight in draw(LINKS).items()},
            serious=draw(st.booleans()),
            title=draw(TITLE),
        )
        for cid in range(101, 101 + n_conditions)
    ]
    remedies = [
        remedy(
            rid,
            suitable_for=condition_ids(draw(INDEXES)),
            suits_symptoms=symptom_ids(draw(INDEXES)),
            unsafe_for=condition_ids(draw(INDEXES)),
        )
        for rid in range(1001, 1001 + draw(st.integers(0, 5)))
    ]
    combinations = [
        combination(
            symptom_ids(draw(st.sets(INDEX, min_size=1, max_size=3))),
            draw(URGENCY),
            name=f"Combination {n}",
        )
        for n in range(draw(st.integers(0, 4)))
    ]
    return data(symptoms, conditions, remedies, combinations)


@st.composite
def data_and_ticked(draw):
    checker = draw(checker_data())
    # Index 11 folds onto a symptom unless there are many; 999 is unknown.
    ticked = {1 + i % len(checker.symptoms) for i in draw(st.sets(INDEX, max_size=6))}
    if draw(st.booleans()):
        ticked.add(999)
    return checker, ticked


PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(data_and_ticked(), INDEX)
def test_ticking_one_more_symptom_never_lowers_the_urgency(case, index):
    checker, ticked = case
    extra = 1 + index % len(checker.symptoms)
    before = assess(checker, ticked).urgency
    after = assess(checker, ticked | {extra}).urgency
    assert after.rank >= before.rank


@PROPERTY
@given(data_and_ticked())
def test_no_suggested_remedy_is_unsafe_for_a_listed_cause(case):
    checker, ticked = case
    assessment = assess(checker, ticked)
    listed = {cause.condition.id for cause in assessment.causes}
    for suggested in assessment.remedies:
        assert not (suggested.unsafe_for & listed), suggested.slug
    if assessment.urgency.rank >= URGENT.rank:
        assert assessment.remedies == ()


@PROPERTY
@given(data_and_ticked())
def test_every_cause_shares_a_ticked_symptom(case):
    checker, ticked = case
    assessment = assess(checker, ticked)
    for cause in assessment.causes:
        shared = set(cause.condition.weights) & ticked
        assert shared
        assert {s.id for s in cause.matched} == shared
        assert 0 < cause.score <= 1


AGE = st.sampled_from([None, *AgeBand])


@PROPERTY
@given(data_and_ticked(), AGE, INDEX)
def test_no_answer_or_age_ever_lowers_the_disposition(case, age_band, index):
    checker, ticked = case
    extra = 1 + index % len(checker.symptoms)
    before = assess(checker, ticked, age_band=age_band).urgency
    assert assess(checker, ticked | {extra}, age_band=age_band).urgency.rank >= before.rank
    # Telling us the age never lowers it either.
    assert before.rank >= assess(checker, ticked).urgency.rank


@PROPERTY
@given(data_and_ticked())
def test_every_ticked_symptom_gets_at_least_its_own_urgency(case):
    checker, ticked = case
    assessment = assess(checker, ticked)
    for sid in ticked & set(checker.symptoms):
        assert assessment.urgency.rank >= checker.symptoms[sid].urgency.rank


@PROPERTY
@given(data_and_ticked())
def test_the_instruction_is_explained_only_by_answers_of_its_own_tier(case):
    checker, ticked = case
    assessment = assess(checker, ticked)
    assert all(r.urgency == assessment.urgency for r in assessment.instruction_reasons)
    assert all(r.urgency.rank < assessment.urgency.rank for r in assessment.other_reasons)
    if assessment.urgency != SELF_CARE:
        assert assessment.instruction_reasons


def test_a_child_is_never_sent_to_self_care():
    checker = data([symptom(1)], [], [], [])
    assert assess(checker, {1}).urgency == SELF_CARE
    child = assess(checker, {1}, age_band=AgeBand.CHILD)
    assert child.urgency == DOCTOR
    assert [r.name for r in child.instruction_reasons] == ["Under 16"]


def test_a_cause_names_its_key_signs_that_were_not_ticked():
    twitch, weak, cramp, tired = (symptom(1), symptom(2), symptom(3), symptom(4))
    als = condition(101, {1: 5, 2: 9, 3: 6, 4: 2}, serious=True)
    [cause] = assess(data([twitch, weak, cramp, tired], [als], [], []), {1}).causes
    assert [s.id for s in cause.matched] == [1]
    # Strongly linked signs only, strongest first; a weak hint is no key sign.
    assert [s.id for s in cause.missing] == [2, 3]
