"""The calorie planner's arithmetic (portal/calorie_planner.py): worked
examples checked by hand, the safe limits, the cases that get advice
instead of a target, the dynamic projection, and properties that must hold
for anyone."""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.calorie_planner import (
    Activity,
    Advice,
    Goal,
    MassUnit,
    Person,
    Sex,
    format_mass,
    format_months,
    plan,
    time_to_target,
    weight_after,
    weight_after_naive,
)


def person(sex, age, cm, kg, activity, goal, **extra):
    return Person(
        sex=Sex(sex),
        age=age,
        height_cm=Decimal(cm),
        weight_kg=Decimal(kg),
        activity=Activity(activity),
        goal=Goal(goal),
        **extra,
    )


# Each row worked out by hand (rounding: BMR to the nearest calorie, then
# BMR × factor to the nearest calorie, halves up):
WORKED_EXAMPLES = [
    # Woman, 35, 165 cm, 70 kg, moderate (× 1.55), lose 1 lb a week:
    # BMR = 10·70 + 6.25·165 − 5·35 − 161 = 700 + 1031.25 − 175 − 161 = 1395.25 → 1395
    # maintenance = 1395 × 1.55 = 2162.25 → 2162; target = 2162 − 500 = 1662.
    (("female", 35, "165", "70", "moderate", "lose-1"), 1395, 2162, 1662),
    # Man, 40, 5 ft 10 in (70 in × 2.54 = 177.8 cm), 14 st 2 lb (198 lb ×
    # 0.45359237 = 89.81 → 89.8 kg), sedentary (× 1.2), lose 2 lb a week:
    # BMR = 898 + 1111.25 − 200 + 5 = 1814.25 → 1814; 1814 × 1.2 = 2176.8 → 2177;
    # 2177 − 1000 = 1177, under the men's floor: target 1500.
    (("male", 40, "177.8", "89.8", "sedentary", "lose-2"), 1814, 2177, 1500),
    # Man, 25, 180 cm, 75 kg, very active (× 1.725), gain 2 lb a week:
    # BMR = 750 + 1125 − 125 + 5 = 1755; 1755 × 1.725 = 3027.375 → 3027;
    # +1000 asked, capped at +500: target 3527.
    (("male", 25, "180", "75", "very", "gain-2"), 1755, 3027, 3527),
    # Woman, 60, 160 cm, 60 kg, sedentary, lose 1.5 lb a week:
    # BMR = 600 + 1000 − 300 − 161 = 1139; 1139 × 1.2 = 1366.8 → 1367;
    # 1367 − 750 = 617, under the women's floor: target 1200.
    (("female", 60, "160", "60", "sedentary", "lose-1.5"), 1139, 1367, 1200),
    # Woman, 28, 170 cm, 65 kg, light (× 1.375), maintain:
    # BMR = 650 + 1062.5 − 140 − 161 = 1411.5 → 1412 (half up);
    # 1412 × 1.375 = 1941.5 → 1942; target 1942.
    (("female", 28, "170", "65", "light", "maintain"), 1412, 1942, 1942),
    # Man, 50, 175 cm, 95 kg, extra active (× 1.9), lose 0.5 lb a week:
    # BMR = 950 + 1093.75 − 250 + 5 = 1798.75 → 1799; 1799 × 1.9 = 3418.1 → 3418;
    # 3418 − 250 = 3168.
    (("male", 50, "175", "95", "extra", "lose-0.5"), 1799, 3418, 3168),
    # Woman, 80, 150 cm, 45 kg (BMI 20.0), sedentary, maintain:
    # BMR = 450 + 937.5 − 400 − 161 = 826.5 → 827; 827 × 1.2 = 992.4 → 992;
    # under the floor even to maintain: target 1200.
    (("female", 80, "150", "45", "sedentary", "maintain"), 827, 992, 1200),
    # Man, 30, 185 cm, 80 kg, moderate, gain 0.5 lb a week:
    # BMR = 800 + 1156.25 − 150 + 5 = 1811.25 → 1811; 1811 × 1.55 = 2807.05 → 2807;
    # 2807 + 250 = 3057.
    (("male", 30, "185", "80", "moderate", "gain-0.5"), 1811, 2807, 3057),
]


@pytest.mark.parametrize(("answers", "bmr", "maintenance", "target"), WORKED_EXAMPLES)
def test_worked_examples_match_the_hand_calculations(answers, bmr, maintenance, target):
    result = plan(person(*answers))
    assert (result.bmr, result.maintenance, result.target) == (bmr, maintenance, target)


def test_the_arithmetic_is_written_out_in_words():
    result = plan(person("female", 35, "165", "70", "moderate", "lose-1"))
    assert result.steps == (
        "Resting energy use (BMR) = 10 × 70 kg + 6.25 × 165 cm − 5 × 35 years − 161 "
        "(the figure for women) = 700 + 1,031.25 − 175 − 161 = 1,395.25, about 1,395 kcal a day.",
        "With your activity: 1,395 × 1.55 (moderately active) = 2,162 kcal a day. "
        "Eating this much keeps your weight about the same.",
        "To lose 1 lb a week: 500 kcal a day less (3,500 kcal a pound ÷ 7 days × 1), "
        "so 2,162 − 500 = 1,662 kcal a day.",
    )


def test_a_pace_below_the_floor_says_so_and_gives_the_floor():
    result = plan(person("male", 40, "177.8", "89.8", "sedentary", "lose-2"))
    assert result.floored and result.target == 1500
    assert result.requested_change == -1000 and result.planned_change == -677
    assert result.steps[-1] == (
        "1,177 is below the floor of 1,500 kcal a day, so your target is 1,500 kcal a day."
    )
    # 677 kcal a day × 7 ÷ 3,500 = 1.354 → 1.4 lb a week at first.
    assert result.weekly_pounds == Decimal("1.4")


def test_the_floor_tells_how_long_a_target_weight_then_takes():
    result = plan(
        person("male", 40, "177.8", "89.8", "sedentary", "lose-2", target_kg=Decimal("80"))
    )
    # 677 kcal a day less: eventual change 677 / 24 = 28.2 kg; 9.8 kg is a
    # share of 0.3474, reached after −12 × log2(1 − 0.3474) = 7.39 months.
    # By 3,500 kcal a pound: 9.8 × 7716.18 / 677 = 111.7 days = 16 weeks.
    assert result.time_to_target.months == Decimal("7.4")
    assert result.time_to_target.naive_weeks == 16


def test_gain_is_capped_at_500_kcal_a_day():
    result = plan(person("male", 25, "180", "75", "very", "gain-1.5"))
    assert result.capped and result.planned_change == 500
    assert "cap of 500 kcal a day extra" in result.steps[-1]
    assert not plan(person("male", 25, "180", "75", "very", "gain-1")).capped


@pytest.mark.parametrize(
    ("answers", "extra", "advice"),
    [
        (("female", 16, "165", "55", "light", "lose-1"), {}, Advice.UNDER_18),
        (("male", 17, "180", "70", "light", "gain-0.5"), {}, Advice.UNDER_18),
        (("female", 30, "165", "70", "light", "maintain"), {"pregnant": True}, Advice.PREGNANT),
        (("female", 30, "165", "70", "light", "lose-0.5"), {"pregnant": True}, Advice.PREGNANT),
        # 48 kg at 1.65 m: BMI 17.6.
        (("female", 30, "165", "48", "light", "lose-0.5"), {}, Advice.UNDERWEIGHT),
    ],
)
def test_some_people_get_advice_instead_of_a_target(answers, extra, advice):
    result = plan(person(*answers, **extra))
    assert result.advice is advice
    assert result.target is None and result.steps == ()


def test_an_underweight_person_may_still_plan_to_gain_or_stay_the_same():
    for goal in ("maintain", "gain-0.5"):
        result = plan(person("female", 30, "165", "48", "light", goal))
        assert result.advice is None and result.underweight


def test_a_target_weight_below_a_healthy_bmi_is_not_planned_towards():
    # 50 kg at 1.70 m is a BMI of 17.3.
    result = plan(person("female", 30, "170", "70", "light", "lose-1", target_kg=Decimal(50)))
    assert result.target_underweight and result.time_to_target is None


def test_a_deficit_that_ends_underweight_is_flagged():
    # 600 kcal a day less for good: 25 kg less, 58 − 25 = 33 kg at 1.70 m.
    result = plan(person("female", 30, "170", "58", "very", "lose-1.5"))
    assert result.ends_underweight
    assert not plan(person("female", 30, "170", "90", "light", "lose-0.5")).ends_underweight


# The dynamic rule (Hall et al. 2011): eventual change ΔE / 24 kg, half in a
# year. 500 kcal a day less from 70 kg: eventual −20.83 kg;
# 3 months: 20.83 × (1 − 2^−0.25) = 20.83 × 0.1591 = 3.31 → 66.7 kg
# 6 months: 20.83 × (1 − 2^−0.5) = 20.83 × 0.2929 = 6.10 → 63.9 kg
# 12 months: 20.83 × 0.5 = 10.42 → 59.6 kg
# The 3,500 kcal rule: 500 × 365.25 / 7716.18 = 23.67 kg a year → 46.3 kg;
# 3 months 5.92 kg → 64.1; 6 months 11.83 kg → 58.2.
@pytest.mark.parametrize(
    ("months", "dynamic", "naive"),
    [(3, "66.7", "64.1"), (6, "63.9", "58.2"), (12, "59.6", "46.3")],
)
def test_projections_by_both_rules(months, dynamic, naive):
    assert weight_after(Decimal(70), -500, months) == Decimal(dynamic)
    assert weight_after_naive(Decimal(70), -500, months) == Decimal(naive)


def test_the_plan_carries_the_three_projections():
    result = plan(person("female", 35, "165", "70", "moderate", "lose-1"))
    assert [(p.months, p.dynamic_kg) for p in result.projections] == [
        (3, Decimal("66.7")),
        (6, Decimal("63.9")),
        (12, Decimal("59.6")),
    ]
    # 500 kcal a day less: 20.8 kg in the end, to 49.2 kg.
    assert result.eventual_kg == Decimal("-20.8")
    assert result.eventual_weight_kg == Decimal("49.2")


def test_time_to_target_by_both_rules():
    # 70 → 62 kg at 500 kcal a day less: share 8 / 20.83 = 0.384;
    # −12 × log2(0.616) = 8.39 → 8.4 months. 8 × 7716.18 / 500 = 123.5 days,
    # 17.6 weeks → 18.
    reach = time_to_target(Decimal(70), Decimal(62), -500)
    assert (reach.months, reach.naive_weeks) == (Decimal("8.4"), 18)


def test_a_target_beyond_where_weight_levels_off_is_never_reached():
    # 250 kcal a day less levels off 10.4 kg lower, at 59.6 kg.
    reach = time_to_target(Decimal(70), Decimal(55), -250)
    assert reach.months is None and reach.levels_off_kg == Decimal("59.6")
    # The 3,500 kcal rule would promise it: 15 × 7716.18 / 250 = 463 days,
    # 66.1 weeks → 67.
    assert reach.naive_weeks == 67


def test_weights_and_times_speak_the_persons_units():
    assert format_mass(Decimal("69.9"), MassUnit.STONES) == "11 st 0 lb"
    assert format_mass(Decimal("69.9"), MassUnit.POUNDS) == "154 lb"
    assert format_mass(Decimal("69.9"), MassUnit.KILOGRAMS) == "69.9 kg"
    assert format_months(Decimal("8.4")) == "about 8 months"
    assert format_months(Decimal("30")) == "about 2.5 years"
    assert format_months(Decimal("0.5")) == "under a month"


# Anyone the planner accepts: heights to 0.1 cm, weights to 0.1 kg.
people = st.builds(
    Person,
    sex=st.sampled_from(Sex),
    age=st.integers(min_value=18, max_value=120),
    height_cm=st.integers(min_value=1000, max_value=2500).map(lambda n: Decimal(n) / 10),
    weight_kg=st.integers(min_value=300, max_value=3000).map(lambda n: Decimal(n) / 10),
    activity=st.sampled_from(Activity),
    goal=st.sampled_from(Goal),
)
LEVELS = list(Activity)  # least to most active
# From the fastest gain to the fastest loss.
GOALS = sorted(Goal, key=lambda goal: goal.pounds_a_week, reverse=True)
EXAMPLES = 300


@settings(max_examples=EXAMPLES)
@given(people)
def test_more_activity_never_lowers_the_target(someone):
    targets = [plan(replace(someone, activity=level)).target for level in LEVELS]
    if targets[0] is not None:
        assert targets == sorted(targets)


@settings(max_examples=EXAMPLES)
@given(people)
def test_a_faster_loss_never_raises_the_target(someone):
    targets = [plan(replace(someone, goal=goal)).target for goal in GOALS]
    given_targets = [target for target in targets if target is not None]
    assert given_targets == sorted(given_targets, reverse=True)


@settings(max_examples=EXAMPLES)
@given(people)
def test_floors_and_the_gain_cap_always_hold(someone):
    result = plan(someone)
    if result.target is not None:
        assert result.target >= someone.sex.floor
        # The gain cap gives way only to the floor, for someone whose needs
        # are more than 500 kcal below it.
        assert result.target <= max(result.maintenance + 500, someone.sex.floor)
        assert result.planned_change == result.target - result.maintenance


@settings(max_examples=EXAMPLES)
@given(people)
def test_the_3500_rule_always_overstates_the_change(someone):
    result = plan(someone)
    for projection in result.projections:
        dynamic = projection.dynamic_kg - someone.weight_kg
        naive = projection.naive_kg - someone.weight_kg
        assert abs(dynamic) <= abs(naive)


def test_a_loss_goal_when_needs_are_already_below_the_floor_gets_advice_not_a_surplus():
    # BMR = 10·45 + 6.25·150 − 5·70 − 161 = 450 + 937.5 − 350 − 161 = 876.5 → 877;
    # × 1.2 = 1052.4 → 1052 a day, under the 1,200 floor: "eat 1,200 to lose"
    # would be a surplus.
    result = plan(person("female", 70, "150", "45", "sedentary", "lose-1"))
    assert result.maintenance == 1052
    assert result.target is None
    assert result.advice is Advice.NEEDS_BELOW_FLOOR


def test_when_the_cap_and_the_floor_both_apply_the_sums_say_so():
    result = plan(person("female", 95, "130", "30", "sedentary", "gain-2"))
    assert result.target == 1200
    assert "still below the floor of 1,200" in result.steps[-1]
