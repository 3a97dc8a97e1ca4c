"""Search over every searchable kind of published content.

Best matches first. Each kind declares its fields and their weights in the
registry (a title or an "also called" name is "A", a summary "B", a body
"C"). PostgreSQL uses its full-text search (stemming, ranking) over a
stored, indexed vector the database keeps current (`portal.search.index`);
other databases use a substring match with the same field weights, so "Lou
Gehrig" finds ALS on both. SQLite serves development and the second CI
run, where scanning a few hundred rows is quick: an FTS5 table would be one
more index per kind to keep in step by triggers, for no gain at that size
and with a ranking unlike PostgreSQL's.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import Greatest

from portal.editorial import registry
from portal.editorial.registry import SearchWeight
from portal.search import index as search_index

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
RESULT_LIMIT = 50
# The substring fallback's ranks, mirroring PostgreSQL's default A/B/C/D.
WEIGHT_RANKS: dict[SearchWeight, float] = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
# Fields every result needs for its card.
RESULT_FIELDS = ("title", "slug", "summary", "published_at", "updated_at", "last_reviewed")


@dataclass(frozen=True)
class SearchResult:
    kind: str
    item: Any
    rank: float


def _vector(fields: Mapping[str, SearchWeight]) -> Combinable:
    vectors = [
        SearchVector(name, weight=weight, config="english") for name, weight in fields.items()
    ]
    combined: Combinable = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def _document(queryset: QuerySet[Any], fields: Mapping[str, SearchWeight]) -> Combinable:
    """The stored vector where the table has one, else one built per query
    (a kind registered without its migration, such as a test's)."""
    table = queryset.model._meta.db_table
    if table in search_index.STORED_VECTOR_TABLES:
        return search_index.stored_vector(table)
    return _vector(fields)


def _postgres(
    queryset: QuerySet[Any], query: str, fields: Mapping[str, SearchWeight]
) -> QuerySet[Any]:
    search_query = SearchQuery(query, search_type="websearch", config="english")
    # An exact phrase in a title-like ("A") field outranks everything else.
    phrase = reduce(
        or_, (Q(**{f"{name}__icontains": query}) for name, w in fields.items() if w == "A")
    )
    vector = _document(queryset, fields)
    ranked: QuerySet[Any] = queryset.annotate(
        document=vector,
        rank=SearchRank(vector, search_query)
        + Case(When(phrase, then=Value(1.0)), default=Value(0.0), output_field=FloatField()),
    )
    # Both sides of the "or" have an index (GIN on the vector, trigram on
    # the title-like fields), so a large table is never read in full.
    return ranked.filter(Q(document=search_query) | phrase)


def _substring(
    queryset: QuerySet[Any], terms: Sequence[str], fields: Mapping[str, SearchWeight]
) -> QuerySet[Any]:
    rank: Any = Value(0.0, output_field=FloatField())
    for term in terms:
        # Per term, the best field counts; every term must match somewhere.
        matches = [
            Case(
                When(**{f"{name}__icontains": term}, then=Value(WEIGHT_RANKS[weight])),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for name, weight in fields.items()
        ]
        term_rank = Greatest(*matches) if len(matches) > 1 else matches[0]
        queryset = queryset.filter(reduce(or_, (Q(**{f"{n}__icontains": term}) for n in fields)))
        rank = rank + term_rank
    ranked: QuerySet[Any] = queryset.annotate(rank=rank)
    return ranked


def search_content(query: str, limit: int = RESULT_LIMIT) -> list[SearchResult]:
    """Published items of every searchable kind matching `query`, best first."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    terms = query.split()[:MAX_TERMS]
    if not terms:
        return []
    results: list[SearchResult] = []
    for kind in registry.searchable():
        queryset: QuerySet[Any] = kind.model.objects.published().only(*RESULT_FIELDS)
        if connection.vendor == "postgresql":
            queryset = _postgres(queryset, query, kind.search_fields)
        else:
            queryset = _substring(queryset, terms, kind.search_fields)
        results.extend(
            SearchResult(kind=kind.label, item=item, rank=item.rank)
            for item in queryset.order_by(F("rank").desc(), "title")[:limit]
        )
    results.sort(key=lambda result: (-result.rank, result.item.title))
    return results[:limit]
