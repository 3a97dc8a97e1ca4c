"""The calorie-goal planner's arithmetic: a daily target from the
Mifflin–St Jeor equation and an activity factor, held within safe limits,
and what that target does to weight over months.

Pure: no Django, no I/O, so every figure can be checked by hand (see
tests/portal/test_calorie_planner.py for the worked examples).

Rounding, so that the arithmetic shown on the page is the arithmetic done:
heights are used to 0.1 cm and weights to 0.1 kg (see
portal/calorie_planner_input.py); the resting figure (BMR) is rounded to
the nearest calorie, and so is BMR × activity factor. Halves round up.
Each rounding moves the target by under 1 kcal, far less than the
equation's own uncertainty (about ±10% for most people).

Sources, also cited on the page:
- Mifflin MD, St Jeor ST, Hill LA, Scott BJ, Daugherty SA, Koh YO. A new
  predictive equation for resting energy expenditure in healthy
  individuals. Am J Clin Nutr. 1990;51(2):241–247.
- Jensen MD, Ryan DH, Apovian CM, et al. 2013 AHA/ACC/TOS guideline for the
  management of overweight and obesity in adults. Circulation.
  2014;129(25 Suppl 2):S102–S138.
- Hall KD, Sacks G, Chandramohan D, et al. Quantification of the effect of
  energy imbalance on bodyweight. Lancet. 2011;378(9793):826–837.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum
from math import log2

# Articles, conditions and remedies with one of these tags offer the planner
# (templates/includes/planner_cta.html). "lifestyle" is left out on purpose:
# here it also tags sleep and circulation pages, where a calorie target
# would be an odd thing to offer.
PLANNER_TAGS = frozenset({"nutrition", "diet", "weight", "weight loss", "healthy weight"})


class Sex(StrEnum):
    # The equation was fitted separately to women and to men; it has no
    # other term, so the page asks which of the two fits the body best.
    FEMALE = "female"
    MALE = "male"

    @property
    def constant(self) -> int:
        """Mifflin–St Jeor's last term: +5 for men, −161 for women."""
        return 5 if self is Sex.MALE else -161

    @property
    def floor(self) -> int:
        """The lowest daily target offered without supervision."""
        return FLOORS[self]


# 1,200 kcal for women and 1,500 for men: the lower ends of the 2013
# AHA/ACC/TOS guideline's diets (1,200–1,500 and 1,500–1,800 kcal a day),
# and the floor most unsupervised plans use.
FLOORS = {Sex.FEMALE: 1200, Sex.MALE: 1500}


class Activity(StrEnum):
    SEDENTARY = "sedentary"
    LIGHT = "light"
    MODERATE = "moderate"
    VERY = "very"
    EXTRA = "extra"

    @property
    def factor(self) -> Decimal:
        return ACTIVITY_FACTORS[self][0]

    @property
    def label(self) -> str:
        return ACTIVITY_FACTORS[self][1]

    @property
    def description(self) -> str:
        return ACTIVITY_FACTORS[self][2]


# The usual multipliers of resting energy use (the Harris–Benedict set).
ACTIVITY_FACTORS: dict[Activity, tuple[Decimal, str, str]] = {
    Activity.SEDENTARY: (Decimal("1.2"), "Sedentary", "desk work, little or no exercise"),
    Activity.LIGHT: (Decimal("1.375"), "Lightly active", "light exercise 1 to 3 days a week"),
    Activity.MODERATE: (
        Decimal("1.55"),
        "Moderately active",
        "moderate exercise 3 to 5 days a week",
    ),
    Activity.VERY: (Decimal("1.725"), "Very active", "hard exercise 6 or 7 days a week"),
    Activity.EXTRA: (
        Decimal("1.9"),
        "Extra active",
        "hard daily exercise and a physical job, or training twice a day",
    ),
}


class Goal(StrEnum):
    GAIN_2 = "gain-2"
    GAIN_1_5 = "gain-1.5"
    GAIN_1 = "gain-1"
    GAIN_0_5 = "gain-0.5"
    MAINTAIN = "maintain"
    LOSE_0_5 = "lose-0.5"
    LOSE_1 = "lose-1"
    LOSE_1_5 = "lose-1.5"
    LOSE_2 = "lose-2"

    @property
    def pounds_a_week(self) -> Decimal:
        """Signed: a loss is negative."""
        if self is Goal.MAINTAIN:
            return Decimal(0)
        direction, amount = self.value.split("-")
        return Decimal(amount) * (1 if direction == "gain" else -1)

    @property
    def daily_change(self) -> int:
        """The widget's rule: 1 lb of body weight ≈ 3,500 kcal, so 1 lb a
        week ≈ 500 kcal a day. Signed: a deficit is negative."""
        return int(self.pounds_a_week * KCAL_PER_POUND / 7)

    @property
    def label(self) -> str:
        if self is Goal.MAINTAIN:
            return "Stay the same weight"
        verb = "Gain" if self.pounds_a_week > 0 else "Lose"
        amount = abs(self.pounds_a_week).normalize()
        return f"{verb} {amount} lb a week"

    @property
    def is_loss(self) -> bool:
        return self.pounds_a_week < 0

    @property
    def is_gain(self) -> bool:
        return self.pounds_a_week > 0


KCAL_PER_POUND = 3500
KG_PER_POUND = Decimal("0.45359237")
# 3,500 kcal a pound is about 7,716 kcal a kilogram.
KCAL_PER_KG = Decimal(KCAL_PER_POUND) / KG_PER_POUND

# Gain is capped at a 500 kcal a day surplus (about 1 lb a week by the
# widget's rule). Our choice, stated on the page: beyond that, more of the
# gain is fat rather than muscle, and a faster gain (after illness, for
# example) is for a dietitian to plan.
MAX_SURPLUS = 500

# Hall et al. 2011: each sustained change of about 100 kJ (24 kcal) a day
# changes weight by about 1 kg in the end, half of it in about a year.
KCAL_PER_KG_EVENTUAL = 24
HALF_LIFE_MONTHS = 12
PROJECTION_MONTHS = (3, 6, 12)
DAYS_PER_MONTH = Decimal("365.25") / 12

# Adults in the equation's study were 19 to 78 years old.
STUDIED_AGES = (19, 78)
ADULT_AGE = 18
UNDERWEIGHT_BMI = Decimal("18.5")


class MassUnit(StrEnum):
    """How the person gave their weight: results speak the same units."""

    STONES = "st"
    POUNDS = "lb"
    KILOGRAMS = "kg"


class Advice(StrEnum):
    """Why no target is given: a professional should plan instead."""

    UNDER_18 = "under-18"
    PREGNANT = "pregnant"
    UNDERWEIGHT = "underweight"
    # Needs at or below the floor: no safe amount to eat is less than them.
    NEEDS_BELOW_FLOOR = "needs-below-floor"


@dataclass(frozen=True, kw_only=True)
class Person:
    """What the planner needs, in metric: height to 0.1 cm, weight to 0.1 kg."""

    sex: Sex
    age: int
    height_cm: Decimal
    weight_kg: Decimal
    activity: Activity
    goal: Goal
    pregnant: bool = False
    target_kg: Decimal | None = None
    unit: MassUnit = MassUnit.KILOGRAMS


@dataclass(frozen=True)
class Projection:
    months: int
    # Weight by Hall et al.'s dynamic rule, and by 3,500 kcal a pound.
    dynamic_kg: Decimal
    naive_kg: Decimal


@dataclass(frozen=True)
class TimeToTarget:
    """How long the target weight takes at the planned intake. `months` is
    None when, by the dynamic rule, weight levels off before reaching it."""

    naive_weeks: int | None
    months: Decimal | None
    levels_off_kg: Decimal


@dataclass(frozen=True, kw_only=True)
class Plan:
    person: Person
    bmi: Decimal
    bmr: int
    maintenance: int
    # None when `advice` says to see a professional instead.
    target: int | None
    advice: Advice | None = None
    # Signed kcal a day: what the goal asks for, and what the plan gives.
    requested_change: int = 0
    planned_change: int = 0
    # The floor raised the target above what the goal asked for.
    floored: bool = False
    # The gain cap lowered it.
    capped: bool = False
    steps: tuple[str, ...] = ()
    projections: tuple[Projection, ...] = ()
    eventual_kg: Decimal | None = None
    time_to_target: TimeToTarget | None = None
    # The target weight would be underweight: not planned towards.
    target_underweight: bool = False
    # Kept up for years, this intake ends below a BMI of 18.5.
    ends_underweight: bool = False

    @property
    def floor(self) -> int:
        return self.person.sex.floor

    @property
    def weekly_pounds(self) -> Decimal:
        """The planned pace at the start, by the 3,500 kcal rule: lb a week, to 0.1."""
        return _round(Decimal(abs(self.planned_change) * 7) / KCAL_PER_POUND, "0.1")

    @property
    def eventual_weight_kg(self) -> Decimal | None:
        """Where weight settles if the target is kept up for good (Hall et al.)."""
        if self.eventual_kg is None:
            return None
        return self.person.weight_kg + self.eventual_kg

    @property
    def underweight(self) -> bool:
        return self.bmi < UNDERWEIGHT_BMI

    @property
    def outside_studied_ages(self) -> bool:
        low, high = STUDIED_AGES
        return not low <= self.person.age <= high


def _round(value: Decimal, places: str = "1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _kcal(value: Decimal) -> int:
    return int(_round(value))


def _n(value: Decimal | int) -> str:
    """A number as written on the page: thousands separated, no trailing
    zeros ("1,031.25", "70", "1.55")."""
    value = Decimal(value)
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def bmi(height_cm: Decimal, weight_kg: Decimal) -> Decimal:
    """Body mass index to one decimal place."""
    metres = height_cm / 100
    return _round(weight_kg / (metres * metres), "0.1")


def bmr(person: Person) -> int:
    """Resting energy use, kcal a day (Mifflin–St Jeor), to the nearest
    calorie: 10 × kg + 6.25 × cm − 5 × age, + 5 for men or − 161 for women."""
    exact = (
        10 * person.weight_kg
        + Decimal("6.25") * person.height_cm
        - 5 * person.age
        + person.sex.constant
    )
    return _kcal(exact)


def maintenance(person: Person) -> int:
    """Energy use with activity: BMR × the activity factor, to the nearest
    calorie. Eating this much keeps weight about steady, for now."""
    return _kcal(bmr(person) * person.activity.factor)


def weight_after(start_kg: Decimal, daily_change: int, months: int) -> Decimal:
    """Hall et al.'s rule of thumb: a sustained change of `daily_change`
    kcal a day moves weight by daily_change / 24 kg in the end, half of it
    in a year, approached exponentially. To 0.1 kg."""
    eventual = Decimal(daily_change) / KCAL_PER_KG_EVENTUAL
    reached = Decimal(1 - 2 ** (-months / HALF_LIFE_MONTHS))
    return _round(start_kg + eventual * reached, "0.1")


def weight_after_naive(start_kg: Decimal, daily_change: int, months: int) -> Decimal:
    """The 3,500 kcal a pound rule: every calorie of the change adds up,
    for ever. To 0.1 kg."""
    return _round(start_kg + daily_change * months * DAYS_PER_MONTH / KCAL_PER_KG, "0.1")


def time_to_target(start_kg: Decimal, target_kg: Decimal, daily_change: int) -> TimeToTarget:
    """How long `target_kg` takes at a sustained `daily_change`: by the
    3,500 kcal rule (whole weeks, rounded up) and by the dynamic rule
    (months, to 0.1), or never when the change points the other way or
    weight levels off first."""
    wanted = target_kg - start_kg
    eventual = Decimal(daily_change) / KCAL_PER_KG_EVENTUAL
    levels_off = _round(start_kg + eventual, "0.1")
    if daily_change == 0 or (wanted > 0) != (daily_change > 0):
        return TimeToTarget(naive_weeks=None, months=None, levels_off_kg=levels_off)
    days = wanted * KCAL_PER_KG / daily_change
    naive_weeks = int((days / 7).to_integral_value(rounding=ROUND_CEILING))
    share = wanted / eventual
    if share >= 1:
        return TimeToTarget(naive_weeks=naive_weeks, months=None, levels_off_kg=levels_off)
    months = Decimal(-HALF_LIFE_MONTHS * log2(1 - float(share)))
    return TimeToTarget(
        naive_weeks=naive_weeks, months=_round(months, "0.1"), levels_off_kg=levels_off
    )


def _advice(person: Person, body_mass_index: Decimal, maintenance_kcal: int) -> Advice | None:
    if person.age < ADULT_AGE:
        return Advice.UNDER_18
    if person.pregnant:
        return Advice.PREGNANT
    if body_mass_index < UNDERWEIGHT_BMI and person.goal.is_loss:
        return Advice.UNDERWEIGHT
    if person.goal.is_loss and maintenance_kcal <= person.sex.floor:
        # The floor would be a surplus: "eat this to lose weight" would be
        # untrue, and eating less than the floor is not safe unsupervised.
        return Advice.NEEDS_BELOW_FLOOR
    return None


def _target(person: Person, maintenance_kcal: int) -> tuple[int, bool, bool]:
    """The daily target, whether the floor raised it, whether the cap lowered
    it. The floor wins over the cap: someone whose needs are far below the
    floor still gets the floor."""
    requested = person.goal.daily_change
    wanted = maintenance_kcal + min(requested, MAX_SURPLUS)
    capped = requested > MAX_SURPLUS
    floor = person.sex.floor
    if wanted < floor:
        return floor, True, capped
    return wanted, False, capped


def _steps(person: Person, plan_bmr: int, plan_maintenance: int, target: int) -> tuple[str, ...]:
    """The arithmetic in plain words, one sentence a step."""
    sign = "+ 5 (the figure for men)" if person.sex is Sex.MALE else "− 161 (the figure for women)"
    exact = (
        10 * person.weight_kg
        + Decimal("6.25") * person.height_cm
        - 5 * person.age
        + person.sex.constant
    )
    steps = [
        f"Resting energy use (BMR) = 10 × {_n(person.weight_kg)} kg"
        f" + 6.25 × {_n(person.height_cm)} cm − 5 × {person.age} years {sign}"
        f" = {_n(10 * person.weight_kg)} + {_n(Decimal('6.25') * person.height_cm)}"
        f" − {_n(5 * person.age)} {'+ 5' if person.sex is Sex.MALE else '− 161'}"
        f" = {_n(exact)}, about {_n(plan_bmr)} kcal a day.",
        f"With your activity: {_n(plan_bmr)} × {_n(person.activity.factor)}"
        f" ({person.activity.label.lower()}) = {_n(plan_maintenance)} kcal a day."
        " Eating this much keeps your weight about the same.",
    ]
    requested = person.goal.daily_change
    if requested:
        pounds = _n(abs(person.goal.pounds_a_week))
        if requested < 0:
            steps.append(
                f"To lose {pounds} lb a week: {_n(abs(requested))} kcal a day less"
                f" (3,500 kcal a pound ÷ 7 days × {pounds}),"
                f" so {_n(plan_maintenance)} − {_n(abs(requested))}"
                f" = {_n(plan_maintenance + requested)} kcal a day."
            )
        else:
            steps.append(
                f"To gain {pounds} lb a week: {_n(requested)} kcal a day more"
                f" (3,500 kcal a pound ÷ 7 days × {pounds}),"
                f" so {_n(plan_maintenance)} + {_n(requested)}"
                f" = {_n(plan_maintenance + requested)} kcal a day."
            )
    if requested > MAX_SURPLUS and target == plan_maintenance + MAX_SURPLUS:
        steps.append(
            f"That is more than our cap of {MAX_SURPLUS} kcal a day extra, so your target is"
            f" {_n(plan_maintenance)} + {MAX_SURPLUS} = {_n(target)} kcal a day."
        )
    elif requested > MAX_SURPLUS:
        steps.append(
            f"That is more than our cap of {MAX_SURPLUS} kcal a day extra, and"
            f" {_n(plan_maintenance)} + {MAX_SURPLUS} = {_n(plan_maintenance + MAX_SURPLUS)}"
            f" is still below the floor of {_n(person.sex.floor)} kcal a day, so your target"
            f" is {_n(target)} kcal a day."
        )
    elif target != plan_maintenance + requested:
        steps.append(
            f"{_n(plan_maintenance + requested)} is below the floor of"
            f" {_n(person.sex.floor)} kcal a day, so your target is {_n(target)} kcal a day."
        )
    return tuple(steps)


def plan(person: Person) -> Plan:
    """The daily target for `person`, or the advice to see a professional
    instead, with the arithmetic in words and the projections."""
    body_mass_index = bmi(person.height_cm, person.weight_kg)
    plan_bmr = bmr(person)
    plan_maintenance = maintenance(person)
    advice = _advice(person, body_mass_index, plan_maintenance)
    if advice is not None:
        return Plan(
            person=person,
            bmi=body_mass_index,
            bmr=plan_bmr,
            maintenance=plan_maintenance,
            target=None,
            advice=advice,
        )
    target, floored, capped = _target(person, plan_maintenance)
    change = target - plan_maintenance
    eventual = _round(Decimal(change) / KCAL_PER_KG_EVENTUAL, "0.1")
    metres = person.height_cm / 100
    lowest_healthy_kg = UNDERWEIGHT_BMI * metres * metres
    target_underweight = (
        person.target_kg is not None
        and person.target_kg < person.weight_kg
        and person.target_kg < lowest_healthy_kg
    )
    reach = None
    if person.target_kg is not None and not target_underweight:
        reach = time_to_target(person.weight_kg, person.target_kg, change)
    return Plan(
        person=person,
        bmi=body_mass_index,
        bmr=plan_bmr,
        maintenance=plan_maintenance,
        target=target,
        requested_change=person.goal.daily_change,
        planned_change=change,
        floored=floored,
        capped=capped,
        steps=_steps(person, plan_bmr, plan_maintenance, target),
        projections=tuple(
            Projection(
                months=months,
                dynamic_kg=weight_after(person.weight_kg, change, months),
                naive_kg=weight_after_naive(person.weight_kg, change, months),
            )
            for months in PROJECTION_MONTHS
        ),
        eventual_kg=eventual,
        time_to_target=reach,
        target_underweight=target_underweight,
        ends_underweight=change < 0 and person.weight_kg + eventual < lowest_healthy_kg,
    )


def format_mass(kg: Decimal, unit: MassUnit) -> str:
    """A weight in the person's own units: "11 st 2 lb", "156 lb", "70.8 kg"."""
    if unit is MassUnit.KILOGRAMS:
        return f"{_n(_round(kg, '0.1'))} kg"
    pounds = int(_round(kg / KG_PER_POUND))
    if unit is MassUnit.POUNDS:
        return f"{pounds:,} lb"
    stones, rest = divmod(pounds, 14)
    return f"{stones} st {rest} lb"


def format_change(kg: Decimal, unit: MassUnit) -> str:
    """A change of weight, unsigned, in the person's units ("9 lb", "4.1 kg")."""
    kg = abs(kg)
    if unit is MassUnit.KILOGRAMS:
        return f"{_n(_round(kg, '0.1'))} kg"
    pounds = int(_round(kg / KG_PER_POUND))
    if unit is MassUnit.STONES and pounds >= 14:
        stones, rest = divmod(pounds, 14)
        return f"{stones} st {rest} lb"
    return f"{pounds} lb"


def format_months(months: Decimal) -> str:
    """A duration in words: "about 7 months", "about 2.5 years"."""
    if months < 1:
        return "under a month"
    if months < 24:
        whole = int(_round(months))
        return f"about {whole} month{'s' if whole != 1 else ''}"
    return f"about {_n(_round(months / 12, '0.1'))} years"
