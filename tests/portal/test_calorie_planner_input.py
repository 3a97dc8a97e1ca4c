"""Reading the planner's answers (portal/planner/answers.py): every
unit, every kind of bad input with its message, and the round trip a saved
goal relies on."""

from decimal import Decimal
from urllib.parse import parse_qsl

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.planner.answers import (
    InvalidPlannerInput,
    PlannerInput,
    answered,
    read,
)
from portal.planner.calculator import Activity, Goal, MassUnit, Sex

GOOD = {
    "sex": "female",
    "age": "35",
    "height_cm": "165",
    "weight_kg": "70",
    "activity": "moderate",
    "goal": "lose-1",
}


def with_(**changes):
    answers = {**GOOD, **changes}
    return {key: value for key, value in answers.items() if value is not None}


@pytest.mark.parametrize(
    ("answers", "cm", "kg", "unit"),
    [
        (GOOD, "165", "70", MassUnit.KILOGRAMS),
        # 5 ft 5 in = 65 in × 2.54 = 165.1 cm; 11 st = 154 lb × 0.45359237 = 69.85 → 69.9 kg.
        (
            with_(height_cm=None, height_ft="5", height_in="5", weight_kg=None, weight_st="11"),
            "165.1",
            "69.9",
            MassUnit.STONES,
        ),
        # Inches alone, pounds alone: 66 in = 167.64 → 167.6 cm; 154 lb → 69.9 kg.
        (
            with_(height_cm=None, height_in="66", weight_kg=None, weight_lb="154"),
            "167.6",
            "69.9",
            MassUnit.POUNDS,
        ),
        # A decimal comma is a decimal point.
        (with_(height_cm="165,5", weight_kg="70,25"), "165.5", "70.3", MassUnit.KILOGRAMS),
    ],
)
def test_every_unit_is_read(answers, cm, kg, unit):
    person = read(answers).input.person()
    assert (person.height_cm, person.weight_kg, person.unit) == (Decimal(cm), Decimal(kg), unit)


BAD = [
    # (answers, field, message excerpt)
    (with_(age=None), "age", "Enter your age in years"),
    (with_(age="thirty"), "age", "Enter your age as a number"),
    (with_(age="35.5"), "age", "whole years"),
    (with_(age="-4"), "age", "between 1 and 120"),
    (with_(age="350"), "age", "between 1 and 120"),
    (with_(sex=None), "sex", "Choose female or male"),
    (with_(sex="other"), "sex", "Choose female or male"),
    (with_(activity="couch"), "activity", "how active"),
    (with_(goal="lose-10"), "goal", "Choose a goal"),
    (with_(height_cm=None), "height_ft", "Enter your height"),
    (with_(height_ft="5"), "height_cm", "not both"),
    (with_(height_cm="1.75"), "height_cm", "1.75 m is 175 cm"),
    (with_(height_cm="5.7"), "height_cm", "looks like feet"),
    (with_(height_cm="-165"), "height_cm", "between 100 and 250 cm"),
    (with_(height_cm="1650"), "height_cm", "between 100 and 250 cm"),
    (with_(height_cm="1e3"), "height_cm", "as a number"),
    (with_(height_cm="NaN"), "height_cm", "as a number"),
    (with_(height_cm=None, height_ft="5", height_in="14"), "height_in", "5 ft 14 in is 6 ft 2 in"),
    (with_(height_cm=None, height_ft="5.5"), "height_ft", "5 ft 6 in, not 5.5 ft"),
    (with_(height_cm=None, height_ft="5", height_in="-2"), "height_in", "less than 0"),
    (with_(height_cm=None, height_ft="12"), "height_ft", "between 3 ft 4 in and 8 ft 2 in"),
    (with_(weight_kg=None), "weight_st", "Enter your weight"),
    (with_(weight_st="11"), "weight_kg", "one unit, not a mix"),
    (with_(weight_kg=None, weight_st="10", weight_lb="20"), "weight_lb", "is 11 st 6 lb"),
    (with_(weight_kg=None, weight_st="10.5"), "weight_st", "not 10.5 st"),
    (with_(weight_kg="700"), "weight_kg", "between 30 and 300 kg"),
    (with_(weight_kg="0"), "weight_kg", "between 30 and 300 kg"),
    (with_(weight_kg="seventy"), "weight_kg", "as a number"),
    (with_(weight_kg=None, weight_lb="2000"), "weight_lb", "67 and 661 lb"),
    # 70 lb at 175 cm: pounds typed where kilograms were meant (BMI 10.4).
    (with_(height_cm="175", weight_kg=None, weight_lb="70"), "weight_lb", "check the units"),
    # 250 kg at 100 cm (BMI 250): one of them is in the wrong unit.
    (with_(height_cm="100", weight_kg="250"), "weight_kg", "check the units"),
    (with_(goal="maintain", target_kg="60"), "target_kg", "leave the target weight empty"),
    (with_(target_kg="75"), "target_kg", "below your weight now"),
    (with_(goal="gain-1", target_kg="65"), "target_kg", "above your weight now"),
    (with_(target_kg="60", target_st="9"), "target_kg", "one unit, not a mix"),
    (with_(target_kg="12345678901234"), "target_kg", "as a number"),
]


@pytest.mark.parametrize(("answers", "field", "message"), BAD)
def test_bad_answers_get_a_clear_message_on_their_field(answers, field, message):
    reading = read(answers)
    assert reading.input is None
    assert message in reading.error_for(field), reading.errors


def test_every_problem_is_listed_in_the_order_of_the_form():
    reading = read({"age": "abc", "height_cm": "1.75", "weight_kg": "5000", "goal": "x"})
    assert [error.field for error in reading.errors] == [
        "sex",
        "age",
        "height_cm",
        "weight_kg",
        "activity",
        "goal",
    ]
    # What was typed is kept, to fill the form again.
    assert reading.values["age"] == "abc" and reading.values["height_cm"] == "1.75"


def test_an_overlong_address_is_refused_whole():
    reading = read(GOOD, "x" * 1001)
    assert reading.input is None and reading.errors[0].field == "form"


def test_an_address_with_no_answer_is_the_empty_form():
    assert not answered({})
    assert not answered({"utm_source": "newsletter", "age": "  "})
    assert answered({"age": "35"})


def test_a_saved_goal_is_its_canonical_query_string():
    answers = with_(
        height_cm=None,
        height_ft="5",
        height_in="5.0",
        weight_kg=None,
        weight_st=" 11 ",
        weight_lb="",
        target_kg="62,50",
        pregnant="",
    )
    planner_input = PlannerInput.from_query(answers)
    query = planner_input.to_query()
    assert query == (
        "sex=female&age=35&height_ft=5&height_in=5&weight_st=11&weight_lb=0"
        "&activity=moderate&goal=lose-1&target_kg=62.5"
    )
    assert PlannerInput.from_query(dict(parse_qsl(query))) == planner_input


def test_from_query_raises_with_every_error():
    with pytest.raises(InvalidPlannerInput) as raised:
        PlannerInput.from_query({"age": "x"})
    assert {error.field for error in raised.value.errors} >= {"sex", "age", "goal"}


@settings(max_examples=200)
@given(
    sex=st.sampled_from(Sex),
    age=st.integers(1, 120),
    cm=st.integers(1500, 2000),
    kg=st.integers(500, 1200),
    activity=st.sampled_from(Activity),
    goal=st.sampled_from(Goal),
    pregnant=st.booleans(),
)
def test_any_valid_answers_survive_the_round_trip(sex, age, cm, kg, activity, goal, pregnant):
    answers = {
        "sex": sex.value,
        "age": str(age),
        "height_cm": str(Decimal(cm) / 10),
        "weight_kg": str(Decimal(kg) / 10),
        "activity": activity.value,
        "goal": goal.value,
        "pregnant": "yes" if pregnant else "",
    }
    planner_input = PlannerInput.from_query(answers)
    assert PlannerInput.from_query(dict(parse_qsl(planner_input.to_query()))) == planner_input


@settings(max_examples=300)
@given(st.dictionaries(st.sampled_from([*GOOD, "height_ft", "weight_lb"]), st.text(max_size=15)))
def test_no_answer_whatever_raises_anything_but_a_message(answers):
    reading = read(answers)
    assert reading.input is not None or reading.errors


@pytest.mark.parametrize(("sent", "pregnant"), [("yes", True), ("no", False), ("", False)])
def test_only_the_ticked_box_says_pregnant(sent, pregnant):
    assert read(with_(pregnant=sent)).input.person().pregnant is pregnant
