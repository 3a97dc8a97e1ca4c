"""Filters for the calorie planner's page and the panel that offers it."""

from decimal import Decimal

from django import template

from portal.planner import calculator as calorie_planner
from portal.planner.calculator import MassUnit

register = template.Library()


@register.filter
def offers_planner(item):
    """Does `item` (an article, condition or remedy) carry a tag that makes
    the planner worth offering? Reads the tags the detail view prefetched."""
    return any(tag.name.lower() in calorie_planner.PLANNER_TAGS for tag in item.tags.all())


@register.filter
def mass(kg: Decimal, unit: str) -> str:
    """A weight in the visitor's own units."""
    return calorie_planner.format_mass(kg, MassUnit(unit))


@register.filter
def mass_change(kg: Decimal, unit: str) -> str:
    return calorie_planner.format_change(kg, MassUnit(unit))


@register.filter
def months(value: Decimal) -> str:
    return calorie_planner.format_months(value)


@register.filter
def kcal(value: int) -> str:
    """1662 as "1,662"."""
    return f"{value:,}"


@register.filter
def negate(value: int) -> int:
    return -value
