"""The calorie-goal planner's arithmetic: a daily target from the
Mifflin–St Jeor equation and an activity factor, held within safe limits,
and what that target does to weight over months and years.

Pure: no Django, no I/O, so every figure can be checked by hand (see
tests/portal/test_calorie_planner.py for the worked examples).

Rounding, so that the arithmetic shown on the page is the arithmetic done:
heights are used to 0.1 cm and weights to 0.1 kg (see
portal/planner/answers.py); the resting figure (BMR) is rounded to
the nearest calorie, and so is BMR × activity factor. Halves round up.
Each rounding moves the target by under 1 kcal, far less than the
equation's own uncertainty (about ±10% for most people).

The months ahead come from a dynamic model of energy balance (Hall et al.
2011, the model behind the NIH Body Weight Planner), simplified as set out
above `EnergyBalance`: the body's energy use is worked out again every day
from the fat and lean tissue it has then, so weight changes ever more
slowly, and it settles only where the target equals what the body uses by
that same model, never at a rule of thumb's figure.

Sources, also cited on the page:
- Mifflin MD, St Jeor ST, Hill LA, Scott BJ, Daugherty SA, Koh YO. A new
  predictive equation for resting energy expenditure in healthy
  individuals. Am J Clin Nutr. 1990;51(2):241–247.
- Hall KD, Sacks G, Chandramohan D, et al. Quantification of the effect of
  energy imbalance on bodyweight. Lancet. 2011;378(9793):826–837, and its
  web appendix (the model's equations and parameters).
- Chow CC, Hall KD. The dynamics of human body weight change. PLoS Comput
  Biol. 2008;4(3):e1000045 (the two-compartment form used here).
- Forbes GB. Lean body mass–body fat interrelationships in humans. Nutr
  Rev. 1987;45(8):225–231 (how a change splits between fat and lean).
- Jackson AS, Stanforth PR, Gagnon J, et al. The effect of sex, age and
  race on estimating percentage body fat from body mass index: the
  Heritage Family Study. Int J Obes. 2002;26(6):789–796 (the starting
  body fat, as in Hall's model).
- Jensen MD, Ryan DH, Apovian CM, et al. 2013 AHA/ACC/TOS guideline for the
  management of overweight and obesity in adults. Circulation.
  2014;129(25 Suppl 2):S102–S138 (the calorie floors).
- NICE. Obesity: identification, assessment and management (CG189), 2014,
  and Overweight and obesity management (NG246), 2025: a healthy BMI is
  18.5 to 24.9, and weight-loss support is for people above it.
- World Health Organization. Obesity: preventing and managing the global
  epidemic. WHO Technical Report Series 894, 2000: a BMI under 18.5 is
  underweight.
- NHS. Eating disorders.
  https://www.nhs.uk/mental-health/feelings-symptoms-behaviours/behaviours/eating-disorders/overview/
  and Beat, the UK's eating disorder charity, https://www.beateatingdisorders.org.uk/
  (signposted on every answer).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum
from math import exp, log

# Articles, conditions and remedies with one of these tags offer the planner
# (templates/includes/planner_cta.html). "lifestyle" is left out on purpose:
# here it also tags sleep and circulation pages, where a calorie target
# would be an odd thing to offer.
PLANNER_TAGS = frozenset({"nutrition", "diet", "weight", "weight loss", "healthy weight"})


@dataclass(frozen=True, kw_only=True)
class ClinicalReview:
    """Who signed off the planner's clinical content, shown on its page as
    on any clinical page."""

    reviewer: str
    credentials: str
    role: str
    reviewed: date
    next_review: date


# The planner is a clinical page with no database row, so its review lives
# here. UPDATE THIS whenever the planner's advice, limits, wording or model
# is re-reviewed, and have any such change reviewed before it goes live:
# the page must never claim a review of text the reviewer has not seen.
CLINICAL_REVIEW = ClinicalReview(
    reviewer="Dr Anwen Castellane",
    credentials="MBBS, MRCGP",
    role="General practitioner and medical reviewer",
    reviewed=date(2026, 12, 3),
    next_review=date(2027, 12, 3),
)


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

# The table of what to expect: far enough to show that weight keeps moving
# after the first year, which a table ending at 12 months hid.
PROJECTION_MONTHS = (3, 6, 12, 24, 36)
DAYS_PER_MONTH = Decimal("365.25") / 12
# How far ahead the model is run to say when a target weight, or an
# underweight BMI, would be reached; beyond it we say "more than 10 years".
HORIZON_YEARS = 10
HORIZON_DAYS = int(Decimal("365.25") * HORIZON_YEARS)
# Within this of its settling weight, weight has "about levelled off".
SETTLED_WITHIN_KG = Decimal(1)

# Adults in the equation's study were 19 to 78 years old.
STUDIED_AGES = (19, 78)
ADULT_AGE = 18
# WHO (Technical Report Series 894, 2000; used by NICE CG189 and NG246): a
# BMI under 18.5 is underweight, and 18.5 to 24.9 is a healthy weight.
UNDERWEIGHT_BMI = Decimal("18.5")
# No loss target under this BMI, only advice. Our choice, reviewed with the
# page: NICE (CG189, NG246) offers weight-loss support to people above a
# healthy weight, not within it; at a BMI under 20 a loss soon reaches
# 18.5, and wanting to lose at a low healthy weight can be a sign of an
# eating disorder (NHS, "Eating disorders"), so we signpost instead.
LOSS_ADVICE_BMI = Decimal(20)


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
    # A loss asked for at a healthy but low weight (BMI 18.5 to under 20).
    LOW_HEALTHY_WEIGHT = "low-healthy-weight"
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
class Mass:
    """A weight to show: in the person's own units, with kilograms
    alongside when those are not kilograms ("7 st 13 lb (50.4 kg)")."""

    kg: Decimal
    unit: MassUnit

    def __str__(self) -> str:
        own = format_mass(self.kg, self.unit)
        if self.unit is MassUnit.KILOGRAMS:
            return own
        return f"{own} ({format_mass(self.kg, MassUnit.KILOGRAMS)})"


@dataclass(frozen=True)
class Projection:
    """Weight after `months` at the planned intake, by the dynamic model."""

    months: int
    kg: Decimal
    bmi: Decimal
    # Under a BMI of 18.5, unrounded: a row showing "18.5" may still be
    # just under it, and is flagged.
    underweight: bool
    unit: MassUnit = MassUnit.KILOGRAMS

    @property
    def weight(self) -> Mass:
        return Mass(self.kg, self.unit)

    @property
    def label(self) -> str:
        """ "3 months", "12 months", "2 years"."""
        if self.months > 12 and self.months % 12 == 0:
            return f"{self.months // 12} years"
        return f"{self.months} months"


@dataclass(frozen=True, kw_only=True)
class TimeToTarget:
    """How long the target weight takes at the planned intake.

    `months` is None when the dynamic model does not reach it within
    HORIZON_YEARS: either weight levels off first (`beyond_settling`), or it
    gets there only after more than that."""

    naive_weeks: int | None
    months: Decimal | None
    levels_off_kg: Decimal | None
    beyond_settling: bool = False


# How weight changes over time --------------------------------------------
#
# Hall et al. 2011 (Lancet 378:826–837, web appendix), in the two-compartment
# form of Chow and Hall 2008, with these simplifications, each small next to
# the equation's ±10%:
# - Body weight is fat (F) plus everything else (L, "lean": muscle, organs,
#   water, glycogen). The full model tracks extracellular water and glycogen
#   apart, which mainly shapes the first week or two.
# - How a change splits between fat and lean follows Forbes (1987): along
#   the way dL/dF = 10.4 / F, so a lean body loses more lean tissue, and
#   F = F0 · e^((L − L0) / 10.4). Starting fat is from BMI, age and sex
#   (Jackson et al. 2002), as in Hall's model.
# - Energy use is Hall's: K + γF·F + γL·L + δ·weight, plus the thermic
#   effect of food and adaptive thermogenesis (10% and 14% of the change in
#   intake), plus the cost of laying tissue down or the saving from breaking
#   it down (ηF, ηL per kg). Adaptive thermogenesis starts at full size on
#   day one rather than over about two weeks.
# - It is calibrated, as Hall does, so that today it uses exactly the
#   maintenance figure on the page (Mifflin–St Jeor × activity factor): δ
#   from the activity factor, K from the rest.
# - One-day Euler steps on L. A step moves L by a few per cent at most of
#   its distance from equilibrium, so weight never overshoots the settling
#   weight.
# The settling weight is where the target equals this same energy use, so
# the page never says weight "settles" where the target would still be a
# deficit. Mifflin–St Jeor alone, worked out again at each new weight, was
# tried and rejected: its 10 kcal per kg is a cross-section of different
# people, not one body changing, and it had a lean young man on a 640 kcal
# deficit reach 21 kg in two years where Hall's model, fitted to feeding
# trials, levels off at about 45 kg. (So Mifflin–St Jeor × activity at the
# settling weight is not the target: the difference is the lean tissue lost
# and the body's adaptation to eating less, which the page explains.)
KCAL_PER_KJ = 0.239005736
RHO_FAT = 39_500 * KCAL_PER_KJ  # energy in a kg of fat: 9,441 kcal
RHO_LEAN = 7_600 * KCAL_PER_KJ  # in a kg of lean tissue: 1,816 kcal
GAMMA_FAT = 13 * KCAL_PER_KJ  # upkeep of a kg of fat: 3.1 kcal a day
GAMMA_LEAN = 92 * KCAL_PER_KJ  # of a kg of lean tissue: 22.0 kcal a day
ETA_FAT = 750 * KCAL_PER_KJ  # cost of laying down a kg of fat: 179 kcal
ETA_LEAN = 960 * KCAL_PER_KJ  # of a kg of lean tissue: 229 kcal
BETA_TEF = 0.10  # thermic effect of food, share of the change in intake
BETA_AT = 0.14  # adaptive thermogenesis, share of the change in intake
FORBES_KG = 10.4
FORBES_C = FORBES_KG * RHO_LEAN / RHO_FAT
# Jackson's formula is fitted to ordinary bodies; held within this share of
# body weight so that the model always has some fat and some lean to move.
BODY_FAT_SHARE = (0.03, 0.65)


def body_fat_kg(sex: Sex, age: int, height_cm: Decimal, weight_kg: Decimal) -> float:
    """Starting fat mass from BMI, age and sex (Jackson et al. 2002):
    % fat = 0.14 × age + 39.96 × ln(BMI) − 102.01 for women,
    0.14 × age + 37.31 × ln(BMI) − 103.94 for men."""
    weight = float(weight_kg)
    metres = float(height_cm) / 100
    index = weight / (metres * metres)
    if sex is Sex.FEMALE:
        percent = 0.14 * age + 39.96 * log(index) - 102.01
    else:
        percent = 0.14 * age + 37.31 * log(index) - 103.94
    low, high = BODY_FAT_SHARE
    return weight * min(max(percent / 100, low), high)


@dataclass(frozen=True, kw_only=True)
class EnergyBalance:
    """One person's energy balance in Hall's model, calibrated to use
    `baseline` kcal a day at today's weight, eating `intake` kcal a day
    from now on. Kilograms and kcal a day, as floats: only rounded results
    are shown."""

    fat0: float
    lean0: float
    constant: float  # Hall's K
    delta: float  # activity's cost per kg of body weight, kcal a day
    baseline: float
    intake: float

    @classmethod
    def calibrated(
        cls, person: Person, *, resting: int, maintenance: int, intake: int
    ) -> "EnergyBalance":
        """Hall's calibration: δ = ((1 − βTEF) × activity factor − 1) × BMR ÷
        weight, and K so that energy use today is `maintenance`."""
        weight = float(person.weight_kg)
        fat = body_fat_kg(person.sex, person.age, person.height_cm, person.weight_kg)
        lean = weight - fat
        delta = ((1 - BETA_TEF) * float(person.activity.factor) - 1) * resting / weight
        constant = maintenance - GAMMA_FAT * fat - GAMMA_LEAN * lean - delta * weight
        return cls(
            fat0=fat,
            lean0=lean,
            constant=constant,
            delta=delta,
            baseline=maintenance,
            intake=intake,
        )

    def fat(self, lean: float) -> float:
        """The fat that goes with `lean` along Forbes's curve."""
        return self.fat0 * exp((lean - self.lean0) / FORBES_KG)

    def weight(self, lean: float) -> float:
        return lean + self.fat(lean)

    def _upkeep(self, lean: float, fat: float) -> float:
        """Energy use at `lean` and its `fat` with no change of intake."""
        return self.constant + GAMMA_FAT * fat + GAMMA_LEAN * lean + self.delta * (lean + fat)

    @property
    def adaptation(self) -> float:
        """How much the change of intake itself moves energy use: food's
        thermic effect and adaptive thermogenesis."""
        return (BETA_TEF + BETA_AT) * (self.intake - self.baseline)

    def expenditure(self, lean: float) -> float:
        """Energy use at `lean` eating `intake`, before the cost (or saving)
        of laying down (or breaking down) tissue."""
        return self._upkeep(lean, self.fat(lean)) + self.adaptation

    def lean_per_day(self, lean: float) -> float:
        """dL/dt in kg a day."""
        return self._lean_per_day(lean, self.fat(lean), self.adaptation)

    def _lean_per_day(self, lean: float, fat: float, adaptation: float) -> float:
        # The imbalance splits between lean and fat by Forbes's share
        # p = C / (C + F); part of it pays for making tissue (or is saved
        # by breaking it down).
        share = FORBES_C / (FORBES_C + fat)
        making = (1 - share) * ETA_FAT / RHO_FAT + share * ETA_LEAN / RHO_LEAN
        imbalance = (self.intake - self._upkeep(lean, fat) - adaptation) / (1 + making)
        return share * imbalance / RHO_LEAN

    def weights(self) -> Iterator[float]:
        """Weight at the end of day 1, day 2, and so on, for ever."""
        lean, fat, adaptation = self.lean0, self.fat0, self.adaptation
        while True:
            lean += self._lean_per_day(lean, fat, adaptation)
            fat = self.fat(lean)
            yield lean + fat

    def _lean_where(self, rises: Callable[[float], float]) -> float:
        """The lean mass where `rises` (increasing in lean mass) is 0."""
        low, high = self.lean0 - 300, self.lean0 + 300
        for _ in range(80):
            middle = (low + high) / 2
            if rises(middle) < 0:
                low = middle
            else:
                high = middle
        return (low + high) / 2

    def settling_weight(self) -> float:
        """Where weight levels off: the weight whose energy use, by this
        same model, equals the intake. Below 0 when no weight does."""
        return self.weight(self._lean_where(lambda lean: self.expenditure(lean) - self.intake))

    def maintenance_at(self, weight_kg: float) -> float:
        """The model's maintenance at `weight_kg`, reached from today's
        weight: the intake that holds it steady once the body has adapted
        to eating it. At today's weight it is `baseline`; at the settling
        weight it is `intake`."""
        lean = self._lean_where(lambda lean: self.weight(lean) - weight_kg)
        kept = BETA_TEF + BETA_AT
        return (self._upkeep(lean, self.fat(lean)) - kept * self.baseline) / (1 - kept)


def _round(value: Decimal, places: str = "1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _kcal(value: Decimal) -> int:
    return int(_round(value))


def _tenth(value: float) -> Decimal:
    return _round(Decimal(value), "0.1")


def _months(days: int) -> Decimal:
    return _round(Decimal(days) / DAYS_PER_MONTH, "0.1")


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


def lowest_healthy_kg(height_cm: Decimal) -> Decimal:
    """The weight at a BMI of 18.5 for this height, to 0.1 kg, rounded up
    so that it is itself a healthy weight."""
    metres = height_cm / 100
    return (UNDERWEIGHT_BMI * metres * metres).quantize(Decimal("0.1"), rounding=ROUND_CEILING)


# Mifflin–St Jeor's factors, kcal a day per kg, per cm and per year of age;
# its last term is the sex's `constant`.
BMR_PER_KG = 10
BMR_PER_CM = Decimal("6.25")
BMR_PER_YEAR = 5


def exact_bmr(person: Person) -> Decimal:
    """Resting energy use, kcal a day, unrounded (Mifflin–St Jeor): 10 × kg
    + 6.25 × cm − 5 × age, + 5 for men or − 161 for women. The plan and the
    steps that explain it both come from here."""
    return (
        BMR_PER_KG * person.weight_kg
        + BMR_PER_CM * person.height_cm
        - BMR_PER_YEAR * person.age
        + person.sex.constant
    )


def bmr(person: Person) -> int:
    """Resting energy use, kcal a day, to the nearest calorie."""
    return _kcal(exact_bmr(person))


def maintenance(person: Person) -> int:
    """Energy use with activity: BMR × the activity factor, to the nearest
    calorie. Eating this much keeps weight about steady, for now."""
    return _kcal(bmr(person) * person.activity.factor)


def weights_on(model: EnergyBalance, days: tuple[int, ...]) -> tuple[float, ...]:
    """The model's weight at the end of each of `days` (in order)."""
    wanted, last = set(days), max(days)
    found: dict[int, float] = {}
    for day, weight in enumerate(model.weights(), start=1):
        if day in wanted:
            found[day] = weight
        if day >= last:
            break
    return tuple(found[day] for day in days)


def first_day(model: EnergyBalance, reached: Callable[[float], bool]) -> int | None:
    """The first day on which `reached(weight)`, or None if not within
    HORIZON_YEARS."""
    for day, weight in enumerate(model.weights(), start=1):
        if reached(weight):
            return day
        if day >= HORIZON_DAYS:
            return None
    return None  # pragma: no cover - weights() never ends


def weight_after(model: EnergyBalance, months: int) -> Decimal:
    """Weight after `months` at the model's intake, to 0.1 kg."""
    (weight,) = weights_on(model, (_day(months),))
    return _tenth(weight)


def _day(months: int) -> int:
    return int(_round(months * DAYS_PER_MONTH))


def time_to_target(model: EnergyBalance, start_kg: Decimal, target_kg: Decimal) -> TimeToTarget:
    """How long `target_kg` takes at the model's intake: by the 3,500 kcal
    rule (whole weeks, rounded up) and by the dynamic model (months, to
    0.1), or not at all when weight levels off first or the change points
    the other way."""
    change = Decimal(_kcal(Decimal(model.intake - model.baseline)))
    settling = model.settling_weight()
    levels_off = _tenth(settling) if settling > 0 else None
    wanted = target_kg - start_kg
    if change == 0 or (wanted > 0) != (change > 0):
        return TimeToTarget(naive_weeks=None, months=None, levels_off_kg=levels_off)
    days = wanted * KCAL_PER_KG / change
    naive_weeks = int((days / 7).to_integral_value(rounding=ROUND_CEILING))
    target = float(target_kg)
    if (change < 0 and settling >= target) or (change > 0 and settling <= target):
        return TimeToTarget(
            naive_weeks=naive_weeks, months=None, levels_off_kg=levels_off, beyond_settling=True
        )
    if change < 0:
        day = first_day(model, lambda weight: weight <= target)
    else:
        day = first_day(model, lambda weight: weight >= target)
    return TimeToTarget(
        naive_weeks=naive_weeks,
        months=None if day is None else _months(day),
        levels_off_kg=levels_off,
    )


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
    # By the dynamic model, at PROJECTION_MONTHS.
    projections: tuple[Projection, ...] = ()
    # Where weight levels off if the target is kept up for good: where it
    # equals energy use by the same model. None when nothing changes, or
    # when no weight above 0 would (then weight just keeps falling).
    settling_kg: Decimal | None = None
    time_to_target: TimeToTarget | None = None
    # The target weight would be underweight: not planned towards.
    target_underweight: bool = False
    # Kept up for good, this intake ends below a BMI of 18.5 ...
    ends_underweight: bool = False
    # ... after this long (None: after more than HORIZON_YEARS).
    underweight_after_months: Decimal | None = None

    @property
    def floor(self) -> int:
        return self.person.sex.floor

    @property
    def unit(self) -> MassUnit:
        return self.person.unit

    @property
    def weekly_pounds(self) -> Decimal:
        """The planned pace at the start, by the 3,500 kcal rule: lb a week, to 0.1."""
        return _round(Decimal(abs(self.planned_change) * 7) / KCAL_PER_POUND, "0.1")

    @property
    def weekly_pace(self) -> str:
        """That pace in the person's units: "1.4 lb", "0.6 kg"."""
        return format_pace(Decimal(abs(self.planned_change) * 7) / KCAL_PER_POUND, self.unit)

    @property
    def goal_pace(self) -> str:
        """The pace the goal asked for, in the person's units."""
        return format_pace(abs(self.person.goal.pounds_a_week), self.unit)

    @property
    def settling(self) -> Mass | None:
        return None if self.settling_kg is None else Mass(self.settling_kg, self.unit)

    @property
    def settling_bmi(self) -> Decimal | None:
        if self.settling_kg is None:
            return None
        return bmi(self.person.height_cm, self.settling_kg)

    @property
    def settles_within_table(self) -> bool:
        """Has weight about levelled off by the table's last row?"""
        if self.settling_kg is None or not self.projections:
            return False
        return abs(self.projections[-1].kg - self.settling_kg) <= SETTLED_WITHIN_KG

    @property
    def table_years(self) -> int:
        return PROJECTION_MONTHS[-1] // 12

    @property
    def lowest_healthy(self) -> Mass:
        """A BMI of 18.5 at this height, in the person's units."""
        return Mass(lowest_healthy_kg(self.person.height_cm), self.unit)

    @property
    def weight_now(self) -> Mass:
        return Mass(self.person.weight_kg, self.unit)

    @property
    def target_weight(self) -> Mass | None:
        if self.person.target_kg is None:
            return None
        return Mass(self.person.target_kg, self.unit)

    @property
    def underweight(self) -> bool:
        return self.bmi < UNDERWEIGHT_BMI

    @property
    def outside_studied_ages(self) -> bool:
        low, high = STUDIED_AGES
        return not low <= self.person.age <= high


def _advice(person: Person, body_mass_index: Decimal, maintenance_kcal: int) -> Advice | None:
    if person.age < ADULT_AGE:
        return Advice.UNDER_18
    if person.pregnant:
        return Advice.PREGNANT
    if body_mass_index < UNDERWEIGHT_BMI and person.goal.is_loss:
        return Advice.UNDERWEIGHT
    if body_mass_index < LOSS_ADVICE_BMI and person.goal.is_loss:
        return Advice.LOW_HEALTHY_WEIGHT
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
    constant = person.sex.constant
    last_term = f"{'+' if constant >= 0 else '−'} {abs(constant)}"
    whose = "men" if person.sex is Sex.MALE else "women"
    steps = [
        f"Resting energy use (BMR) = {BMR_PER_KG} × {_n(person.weight_kg)} kg"
        f" + {_n(BMR_PER_CM)} × {_n(person.height_cm)} cm − {BMR_PER_YEAR} × {person.age}"
        f" years {last_term} (the figure for {whose})"
        f" = {_n(BMR_PER_KG * person.weight_kg)} + {_n(BMR_PER_CM * person.height_cm)}"
        f" − {_n(BMR_PER_YEAR * person.age)} {last_term}"
        f" = {_n(exact_bmr(person))}, about {_n(plan_bmr)} kcal a day.",
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
    lowest_healthy = lowest_healthy_kg(person.height_cm)
    target_underweight = (
        person.target_kg is not None
        and person.target_kg < person.weight_kg
        and person.target_kg < lowest_healthy
    )
    given = Plan(
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
        target_underweight=target_underweight,
    )
    if change == 0:
        return given
    model = EnergyBalance.calibrated(
        person, resting=plan_bmr, maintenance=plan_maintenance, intake=target
    )
    settling = model.settling_weight()
    settling_kg = _tenth(settling) if settling > 0 else None
    days = tuple(_day(months) for months in PROJECTION_MONTHS)
    rows = tuple(_tenth(weight) for weight in weights_on(model, days))
    projections = tuple(
        Projection(
            months,
            kg,
            bmi(person.height_cm, kg),
            underweight=kg < lowest_healthy,
            unit=person.unit,
        )
        for months, kg in zip(PROJECTION_MONTHS, rows, strict=True)
    )
    ends_underweight = change < 0 and (settling_kg is None or settling_kg < lowest_healthy)
    underweight_day = None
    if ends_underweight:
        # The first day on which the weight, to 0.1 kg, is under the lowest
        # healthy weight (rounding half up: under it by more than 0.05 kg).
        below = float(lowest_healthy) - 0.05
        underweight_day = first_day(model, lambda weight: weight < below)
    reach = None
    if person.target_kg is not None and not target_underweight:
        reach = time_to_target(model, person.weight_kg, person.target_kg)
    return replace(
        given,
        projections=projections,
        settling_kg=settling_kg,
        time_to_target=reach,
        ends_underweight=ends_underweight,
        underweight_after_months=None if underweight_day is None else _months(underweight_day),
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


def format_pace(pounds: Decimal, unit: MassUnit) -> str:
    """A weekly pace given in pounds, in the person's units: "1.5 lb",
    "0.7 kg" (to 0.1)."""
    if unit is MassUnit.KILOGRAMS:
        return f"{_n(_round(pounds * KG_PER_POUND, '0.1'))} kg"
    return f"{_n(_round(pounds, '0.1'))} lb"


def format_months(months: Decimal) -> str:
    """A duration in words: "about 7 months", "about 2.5 years"."""
    if months < 1:
        return "under a month"
    if months < 24:
        whole = int(_round(months))
        return f"about {whole} month{'s' if whole != 1 else ''}"
    return f"about {_n(_round(months / 12, '0.1'))} years"
