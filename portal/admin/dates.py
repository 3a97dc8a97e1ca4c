"""The date drill-down above a changelist (`date_hierarchy`), found by
ranges rather than by truncating every row's date.

Django lists the years (then the months, the days) that have rows with
`SELECT DISTINCT trunc(year, date)`: on SQLite the truncation is a Python
function called once per row, in the local time zone, so the review
history's 27,000 events at 10,000 generated conditions took 130 ms of the
page's 200. The same years come from the first and last date (one query,
on the date's index) and one count per candidate period over date ranges
(one more query, no Python per row).
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

KINDS = ("year", "month", "day")
# More candidate periods than this (days over years, which the admin never
# asks for) are left to Django's own query.
MOST_PERIODS = 62


def _next(day: datetime.date, kind: str) -> datetime.date:
    if kind == "year":
        return day.replace(year=day.year + 1, month=1, day=1)
    if kind == "month":
        return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return day + datetime.timedelta(days=1)


def _start(day: datetime.date, kind: str) -> datetime.date:
    if kind == "year":
        return day.replace(month=1, day=1)
    if kind == "month":
        return day.replace(day=1)
    return day


def period_starts(first: datetime.date, last: datetime.date, kind: str) -> list[datetime.date]:
    """The first day of every year, month or day from `first` to `last`,
    and the first day after them: the edges of the candidate periods."""
    edges = [_start(first, kind)]
    while edges[-1] <= last and len(edges) <= MOST_PERIODS + 1:
        edges.append(_next(edges[-1], kind))
    return edges


class DrillDownQuerySet(QuerySet[Any]):
    """A changelist's queryset whose `dates()` and `datetimes()` (what the
    drill-down asks for) find the periods by range."""

    # (kind and order: Any, as django-stubs spells them as Literals.)
    def dates(self, field_name: str, kind: Any, order: Any = "ASC") -> Any:
        found = self._periods(field_name, kind, tz=None)
        if found is None:
            return super().dates(field_name, kind, order)
        return found if order == "ASC" else found[::-1]

    def datetimes(self, field_name: str, kind: Any, order: Any = "ASC", tzinfo: Any = None) -> Any:
        tz = tzinfo or timezone.get_current_timezone()
        found = self._periods(field_name, kind, tz=tz)
        if found is None:
            return super().datetimes(field_name, kind, order, tzinfo)
        return found if order == "ASC" else found[::-1]

    def _periods(self, field_name: str, kind: str, *, tz: Any) -> list[Any] | None:
        """The starts of the periods that hold a row, in order, as Django's
        own query gives them (midnight in `tz` for date-times); None when
        this way does not apply."""
        if kind not in KINDS:
            return None
        bounds = self.aggregate(first=Min(field_name), last=Max(field_name))
        first, last = bounds["first"], bounds["last"]
        if first is None or last is None:
            return []
        if tz is not None:
            if timezone.is_naive(first) or timezone.is_naive(last):
                return None
            first, last = timezone.localtime(first, tz), timezone.localtime(last, tz)
            first, last = first.date(), last.date()
        edges = period_starts(first, last, kind)
        if len(edges) > MOST_PERIODS + 1:
            return None
        if tz is not None:
            edges = [
                timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), tz)
                for day in edges
            ]
        pairs = list(itertools.pairwise(edges))
        counts = self.aggregate(
            **{
                f"p{index}": Count(
                    "pk", filter=Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})
                )
                for index, (start, end) in enumerate(pairs)
            }
        )
        return [start for index, (start, _) in enumerate(pairs) if counts[f"p{index}"]]


def drill_down(given: QuerySet[Any]) -> DrillDownQuerySet:
    """`given` as a DrillDownQuerySet: for a ModelAdmin's get_queryset
    when it has a `date_hierarchy` over many rows."""
    # Its private parts (database, hints, prefetches) carried over as
    # QuerySet._clone does; django-stubs does not declare them.
    queryset: Any = given
    found: Any = DrillDownQuerySet(
        model=queryset.model,
        query=queryset.query.chain(),
        using=queryset._db,
        hints=queryset._hints,
    )
    found._prefetch_related_lookups = queryset._prefetch_related_lookups
    return found
