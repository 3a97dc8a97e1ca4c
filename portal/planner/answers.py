"""Reading the calorie planner's answers from a query string, defensively.

The planner is a GET form, so its answers arrive in an address that anyone
can type, share or mangle. Everything is checked here, in plain Python, and
each problem becomes a message naming the field it belongs to: the page
lists them all at the top (the GOV.UK error summary) and again by each
field, keeps what was typed, and answers 400.

Units: height in feet and inches or in centimetres; weight in stones and
pounds, in pounds alone, or in kilograms. A mix of units is refused rather
than guessed at, and figures that look like another unit (1.75 in the
centimetres box, 14 in the inches box next to feet) get a message that
says so.

A valid set of answers is a `PlannerInput`. Its `to_query()` is the
canonical form of the answers, and `from_query()` reads it back, so a saved
goal is nothing more than that query string.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import parse_qsl, urlencode

from portal.planner.calculator import (
    KG_PER_POUND,
    Activity,
    Goal,
    MassUnit,
    Person,
    Sex,
    bmi,
)

SEX = "sex"
AGE = "age"
HEIGHT_FT = "height_ft"
HEIGHT_IN = "height_in"
HEIGHT_CM = "height_cm"
WEIGHT_ST = "weight_st"
WEIGHT_LB = "weight_lb"
WEIGHT_KG = "weight_kg"
ACTIVITY = "activity"
GOAL = "goal"
PREGNANT = "pregnant"
TARGET_ST = "target_st"
TARGET_LB = "target_lb"
TARGET_KG = "target_kg"
# In the order the form asks; the error summary follows it.
FIELDS = (
    SEX,
    AGE,
    PREGNANT,
    HEIGHT_FT,
    HEIGHT_IN,
    HEIGHT_CM,
    WEIGHT_ST,
    WEIGHT_LB,
    WEIGHT_KG,
    ACTIVITY,
    GOAL,
    TARGET_ST,
    TARGET_LB,
    TARGET_KG,
)
# An error about the form as a whole; the summary links to the form.
FORM = "form"

MAX_QUERY_STRING = 1000
MAX_VALUE_LENGTH = 12
AGES = (1, 120)
# Generous enough for any adult the equation could describe; outside them a
# figure is a typo or a unit mix-up.
HEIGHTS_CM = (Decimal(100), Decimal(250))
WEIGHTS_KG = (Decimal(30), Decimal(300))
# A height and weight giving a BMI outside this are a unit mix-up, not a body.
PLAUSIBLE_BMI = (Decimal(12), Decimal(90))
CM_PER_INCH = Decimal("2.54")

NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?|[+-]?[.,]\d+")


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class InvalidPlannerInput(ValueError):
    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


def _plain(value: Decimal) -> str:
    """A number as typed back: no exponent, no trailing zeros ("170", "10.5")."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, kw_only=True)
class Height:
    """A height as entered: feet and inches, or centimetres."""

    feet: int | None = None
    inches: Decimal | None = None
    centimetres: Decimal | None = None

    @property
    def cm(self) -> Decimal:
        """To 0.1 cm, as the equation uses it."""
        if self.centimetres is not None:
            return _tenth(self.centimetres)
        total = (self.feet or 0) * 12 + (self.inches or 0)
        return _tenth(total * CM_PER_INCH)

    def pairs(self) -> list[tuple[str, str]]:
        if self.centimetres is not None:
            return [(HEIGHT_CM, _plain(self.centimetres))]
        pairs = [] if self.feet is None else [(HEIGHT_FT, str(self.feet))]
        return [*pairs, (HEIGHT_IN, _plain(self.inches or Decimal(0)))]

    def __str__(self) -> str:
        if self.centimetres is not None:
            return f"{_plain(self.centimetres)} cm"
        inches = f"{_plain(self.inches or Decimal(0))} in"
        return inches if self.feet is None else f"{self.feet} ft {inches}"


@dataclass(frozen=True, kw_only=True)
class Weight:
    """A weight as entered: stones and pounds, pounds, or kilograms."""

    stones: int | None = None
    pounds: Decimal | None = None
    kilograms: Decimal | None = None

    @property
    def unit(self) -> MassUnit:
        if self.kilograms is not None:
            return MassUnit.KILOGRAMS
        return MassUnit.POUNDS if self.stones is None else MassUnit.STONES

    @property
    def kg(self) -> Decimal:
        """To 0.1 kg, as the equation uses it."""
        if self.kilograms is not None:
            return _tenth(self.kilograms)
        total = (self.stones or 0) * 14 + (self.pounds or 0)
        return _tenth(total * KG_PER_POUND)

    def pairs(self, prefix: str) -> list[tuple[str, str]]:
        if self.kilograms is not None:
            return [(f"{prefix}_kg", _plain(self.kilograms))]
        pairs = [] if self.stones is None else [(f"{prefix}_st", str(self.stones))]
        return [*pairs, (f"{prefix}_lb", _plain(self.pounds or Decimal(0)))]

    def __str__(self) -> str:
        if self.kilograms is not None:
            return f"{_plain(self.kilograms)} kg"
        pounds = f"{_plain(self.pounds or Decimal(0))} lb"
        return pounds if self.stones is None else f"{self.stones} st {pounds}"


@dataclass(frozen=True, kw_only=True)
class PlannerInput:
    """A complete, valid set of answers, in the units they were given in."""

    sex: Sex
    age: int
    height: Height
    weight: Weight
    activity: Activity
    goal: Goal
    pregnant: bool = False
    target: Weight | None = None

    def to_query(self) -> str:
        """The answers as a canonical query string (fixed order, numbers
        tidied): what a member's saved goal stores."""
        pairs = [(SEX, self.sex.value), (AGE, str(self.age))]
        if self.pregnant:
            pairs.append((PREGNANT, "yes"))
        pairs += self.height.pairs()
        pairs += self.weight.pairs("weight")
        pairs += [(ACTIVITY, self.activity.value), (GOAL, self.goal.value)]
        if self.target is not None:
            pairs += self.target.pairs("target")
        return urlencode(pairs)

    @classmethod
    def from_query(cls, params: Mapping[str, str], query_string: str = "") -> "PlannerInput":
        """Valid answers from `params` (a QueryDict or a plain dict), or
        `InvalidPlannerInput` listing every problem."""
        reading = read(params, query_string)
        if reading.input is None:
            raise InvalidPlannerInput(reading.errors)
        return reading.input

    def person(self) -> Person:
        return Person(
            sex=self.sex,
            age=self.age,
            height_cm=self.height.cm,
            weight_kg=self.weight.kg,
            activity=self.activity,
            goal=self.goal,
            pregnant=self.pregnant,
            target_kg=None if self.target is None else self.target.kg,
            unit=self.weight.unit,
        )


@dataclass(frozen=True)
class Reading:
    """What `read` made of the answers: valid input, or the errors. `values`
    are the answers as typed, to fill the form again."""

    input: PlannerInput | None
    errors: tuple[FieldError, ...]
    values: dict[str, str]

    def error_for(self, field: str) -> str:
        return next((error.message for error in self.errors if error.field == field), "")


def answered(params: Mapping[str, str]) -> bool:
    """Does the address hold any answer at all (rather than the empty form)?"""
    return any(str(params.get(name, "")).strip() for name in FIELDS)


class _Errors:
    def __init__(self) -> None:
        self.found: list[FieldError] = []

    def add(self, field: str, message: str) -> None:
        if not any(error.field == field for error in self.found):
            self.found.append(FieldError(field, message))

    def __bool__(self) -> bool:
        return bool(self.found)

    def ordered(self) -> tuple[FieldError, ...]:
        order = {name: index for index, name in enumerate((FORM, *FIELDS))}
        return tuple(sorted(self.found, key=lambda error: order.get(error.field, 99)))


def _number(values: dict[str, str], field: str, what: str, errors: _Errors) -> Decimal | None:
    """The number typed in `field`, None when empty or not a number (then
    with an error). A decimal comma is read as a point: "70,5" is 70.5."""
    text = values.get(field, "")
    if not text:
        return None
    if len(text) > MAX_VALUE_LENGTH or not NUMBER.fullmatch(text):
        errors.add(
            field, f"Enter {what} as a number, using digits only, for example {_example(field)}."
        )
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        errors.add(field, f"Enter {what} as a number.")
        return None


_EXAMPLES = {
    AGE: "35",
    HEIGHT_FT: "5",
    HEIGHT_IN: "7",
    HEIGHT_CM: "170",
    WEIGHT_ST: "11",
    WEIGHT_LB: "4",
    WEIGHT_KG: "72",
    TARGET_ST: "10",
    TARGET_LB: "7",
    TARGET_KG: "67",
}


def _example(field: str) -> str:
    return _EXAMPLES.get(field, "10")


def _whole(value: Decimal | None) -> bool:
    return value is not None and value == value.to_integral_value()


def _read_age(values: dict[str, str], errors: _Errors) -> int | None:
    if not values.get(AGE):
        errors.add(AGE, "Enter your age in years, for example 35.")
        return None
    age = _number(values, AGE, "your age", errors)
    if age is None:
        return None
    if not _whole(age):
        errors.add(AGE, "Enter your age in whole years, for example 35.")
        return None
    low, high = AGES
    if not low <= age <= high:
        errors.add(AGE, f"Enter an age between {low} and {high}.")
        return None
    return int(age)


def _read_height(values: dict[str, str], errors: _Errors) -> Height | None:
    given = {name for name in (HEIGHT_FT, HEIGHT_IN, HEIGHT_CM) if values.get(name)}
    if not given:
        errors.add(HEIGHT_FT, "Enter your height, in feet and inches or in centimetres.")
        return None
    if HEIGHT_CM in given and given & {HEIGHT_FT, HEIGHT_IN}:
        errors.add(
            HEIGHT_CM,
            "Enter your height in feet and inches or in centimetres, not both: clear one of them.",
        )
        return None
    low, high = HEIGHTS_CM
    if HEIGHT_CM in given:
        cm = _number(values, HEIGHT_CM, "your height in centimetres", errors)
        if cm is None:
            return None
        if Decimal("0.5") <= cm < 3:
            errors.add(
                HEIGHT_CM,
                f"That looks like metres. Enter centimetres: {_plain(cm)} m is "
                f"{_plain(_tenth(cm * 100))} cm.",
            )
            return None
        if 3 <= cm < 9:
            errors.add(
                HEIGHT_CM,
                "That looks like feet. Enter centimetres, or use the feet and inches boxes.",
            )
            return None
        if not low <= cm <= high:
            errors.add(HEIGHT_CM, f"Enter a height between {low} and {high} cm.")
            return None
        return Height(centimetres=cm)
    pair = _read_pair(values, errors, HEIGHT_FT, HEIGHT_IN, FEET_AND_INCHES)
    if pair is None:
        return None
    feet, inches = pair
    height = Height(feet=feet, inches=inches)
    if not low <= height.cm <= high:
        field = HEIGHT_FT if feet is not None else HEIGHT_IN
        errors.add(field, "Enter a height between 3 ft 4 in and 8 ft 2 in.")
        return None
    return height


@dataclass(frozen=True)
class _PairOfUnits:
    """A measure given in two boxes, a whole number of the larger unit and
    the rest in the smaller: feet and inches, stones and pounds."""

    large: str  # "feet"
    small: str  # "inches"
    large_short: str  # "ft"
    small_short: str  # "in"
    per_large: int  # 12
    example: str  # "5 ft 6 in, not 5.5 ft"


FEET_AND_INCHES = _PairOfUnits("feet", "inches", "ft", "in", 12, "5 ft 6 in, not 5.5 ft")
STONES_AND_POUNDS = _PairOfUnits("stones", "pounds", "st", "lb", 14, "10 st 7 lb, not 10.5 st")


def _read_pair(
    values: dict[str, str], errors: _Errors, large_field: str, small_field: str, units: _PairOfUnits
) -> tuple[int | None, Decimal] | None:
    """(whole large units or None, the rest) from the two boxes, or None
    with the problem noted. The small box left empty is 0 ("5 ft" is
    5 ft 0 in)."""
    large = _number(values, large_field, units.large, errors)
    small = _number(values, small_field, units.small, errors)
    if large is None and small is None:
        return None
    if large is not None and not _whole(large):
        errors.add(
            large_field,
            f"Enter whole {units.large}, and the rest in the {units.small} box: {units.example}.",
        )
        return None
    if small is not None and small < 0:
        errors.add(small_field, f"{units.small.capitalize()} cannot be less than 0.")
        return None
    if large is not None and small is not None and small >= units.per_large:
        carried, rest = divmod(small, units.per_large)
        big, little = units.large_short, units.small_short
        errors.add(
            small_field,
            f"{units.small.capitalize()} must be under {units.per_large} when you give "
            f"{units.large}: {int(large)} {big} {_plain(small)} {little} is "
            f"{int(large + carried)} {big} {_plain(rest)} {little}.",
        )
        return None
    return (None if large is None else int(large)), small or Decimal(0)


def _read_weight(
    values: dict[str, str], errors: _Errors, *, prefix: str, whose: str, required: bool
) -> Weight | None:
    st, lb, kg = f"{prefix}_st", f"{prefix}_lb", f"{prefix}_kg"
    given = {name for name in (st, lb, kg) if values.get(name)}
    if not given:
        if required:
            errors.add(st, f"Enter {whose}, in stones and pounds, in pounds, or in kilograms.")
        return None
    if kg in given and given & {st, lb}:
        errors.add(
            kg,
            f"Enter {whose} in one unit, not a mix: stones and pounds, pounds, or kilograms. "
            "Clear the boxes you did not mean.",
        )
        return None
    low, high = WEIGHTS_KG
    if kg in given:
        kilograms = _number(values, kg, f"{whose} in kilograms", errors)
        if kilograms is None:
            return None
        if not low <= kilograms <= high:
            errors.add(kg, f"Enter {whose} between {low} and {high} kg.")
            return None
        return Weight(kilograms=kilograms)
    pair = _read_pair(values, errors, st, lb, STONES_AND_POUNDS)
    if pair is None:
        return None
    stones, pounds = pair
    weight = Weight(stones=stones, pounds=pounds)
    if not low <= weight.kg <= high:
        field = st if stones is not None else lb
        errors.add(field, f"Enter {whose} between 4 st 11 lb and 47 st 3 lb (67 and 661 lb).")
        return None
    return weight


def _choice[C: (Sex, Activity, Goal)](
    values: dict[str, str], field: str, choices: type[C], message: str, errors: _Errors
) -> C | None:
    try:
        return choices(values.get(field, ""))
    except ValueError:
        errors.add(field, message)
        return None


def _field_of(weight: Weight, prefix: str) -> str:
    """The box a weight was typed in, for its error to point at."""
    return f"{prefix}_{weight.unit.value}"


def _plausible(height: Height, weight: Weight, field: str, errors: _Errors) -> None:
    """A height and weight that no body has together: units mixed up."""
    body_mass_index = bmi(height.cm, weight.kg)
    low, high = PLAUSIBLE_BMI
    if not low <= body_mass_index <= high:
        errors.add(
            field,
            f"A height of {height} and a weight of {weight} do not fit together. "
            "Please check the units: pounds in the kilograms box, say, or inches in the "
            "centimetres box.",
        )


def read_query(query_string: str) -> Reading:
    """Check the answers held in a query string (a saved goal, say) exactly
    as the planner's page checks its address: the last of a repeated name
    counts, as in Django's QueryDict."""
    too_long = len(query_string) > MAX_QUERY_STRING
    params = {} if too_long else dict(parse_qsl(query_string, keep_blank_values=True))
    return read(params, query_string)


def read(params: Mapping[str, str], query_string: str = "") -> Reading:
    """Check every answer in `params`; the valid input, or every problem."""
    values = {name: str(params.get(name, "")).strip() for name in FIELDS}
    errors = _Errors()
    if len(query_string) > MAX_QUERY_STRING:
        errors.add(
            FORM, "That address is too long to hold the planner's answers. Please answer again."
        )
        return Reading(None, errors.ordered(), {})
    sex = _choice(values, SEX, Sex, "Choose female or male, whichever fits your body best.", errors)
    age = _read_age(values, errors)
    height = _read_height(values, errors)
    weight = _read_weight(values, errors, prefix="weight", whose="your weight", required=True)
    activity = _choice(values, ACTIVITY, Activity, "Choose how active you are.", errors)
    goal = _choice(values, GOAL, Goal, "Choose a goal.", errors)
    target = _read_weight(values, errors, prefix="target", whose="a target weight", required=False)
    if height is not None and weight is not None:
        _plausible(height, weight, _field_of(weight, "weight"), errors)
    if target is not None and weight is not None and goal is not None:
        field = _field_of(target, "target")
        if goal is Goal.MAINTAIN:
            errors.add(
                field,
                "You chose to stay the same weight: leave the target weight empty, "
                "or choose a goal to lose or gain.",
            )
        elif goal.is_loss and target.kg >= weight.kg:
            errors.add(field, "To lose weight, the target must be below your weight now.")
        elif goal.is_gain and target.kg <= weight.kg:
            errors.add(field, "To gain weight, the target must be above your weight now.")
    if (
        errors
        or sex is None
        or age is None
        or height is None
        or weight is None
        or activity is None
        or goal is None
    ):
        return Reading(None, errors.ordered(), values)
    planner_input = PlannerInput(
        sex=sex,
        age=age,
        height=height,
        weight=weight,
        activity=activity,
        goal=goal,
        # The box sends "yes"; anything else is not a yes.
        pregnant=values[PREGNANT] == "yes",
        target=target,
    )
    return Reading(planner_input, (), values)
