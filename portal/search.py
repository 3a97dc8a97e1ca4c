"""Search over published conditions, remedies and articles.

Best matches first: a hit in the title or an "also called" name counts more
than one in the summary, which counts more than one in the body. PostgreSQL
uses its full-text search (stemming, ranking); other databases use a
substring match with the same field weights, so "Lou Gehrig" finds ALS on
both.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Greatest

from conditions.models import Condition
from portal.models import Article
from remedies.models import Remedy

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
RESULT_LIMIT = 50
# Field weights for the substring fallback, mirroring PostgreSQL's A/B/C.
FIELD_WEIGHTS = {"title": 1.0, "also_called": 1.0, "summary": 0.4, "body": 0.2}
SEARCHABLE = [
    (Condition, "Condition", True),
    (Remedy, "Remedy", False),
    (Article, "Article", False),
]


@dataclass(frozen=True)
class SearchResult:
    kind: str
    item: object
    rank: float


def _vector(has_synonyms):
    vector = SearchVector("title", weight="A", config="english")
    if has_synonyms:
        vector += SearchVector("also_called", weight="A", config="english")
    return (
        vector
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )


def _postgres(queryset, query, has_synonyms):
    search_query = SearchQuery(query, search_type="websearch", config="english")
    # An exact phrase in the title or a synonym outranks everything else.
    phrase = Q(title__icontains=query)
    if has_synonyms:
        phrase |= Q(also_called__icontains=query)
    vector = _vector(has_synonyms)
    return queryset.annotate(
        document=vector,
        rank=SearchRank(vector, search_query)
        + Case(When(phrase, then=Value(1.0)), default=Value(0.0), output_field=FloatField()),
    ).filter(Q(document=search_query) | phrase)


def _substring(queryset, terms, has_synonyms):
    fields = [f for f in FIELD_WEIGHTS if has_synonyms or f != "also_called"]
    rank = Value(0.0, output_field=FloatField())
    for term in terms:
        # Per term, the best field counts; every term must match somewhere.
        matches = [
            Case(
                When(**{f"{field}__icontains": term}, then=Value(FIELD_WEIGHTS[field])),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for field in fields
        ]
        term_rank = Greatest(*matches) if len(matches) > 1 else matches[0]
        queryset = queryset.filter(_any_field(fields, term))
        rank = rank + term_rank
    return queryset.annotate(rank=rank)


def _any_field(fields, term):
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": term})
    return condition


def search_content(query, limit=RESULT_LIMIT):
    """Published items matching `query`, best first."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    terms = query.split()[:MAX_TERMS]
    if not terms:
        return []
    results = []
    for model, kind, has_synonyms in SEARCHABLE:
        queryset = model.objects.published().only(
            "title", "slug", "summary", "published_at", "updated_at"
        )
        if connection.vendor == "postgresql":
            queryset = _postgres(queryset, query, has_synonyms)
        else:
            queryset = _substring(queryset, terms, has_synonyms)
        for item in queryset.order_by(F("rank").desc(), "title")[:limit]:
            results.append(SearchResult(kind=kind, item=item, rank=item.rank))
    results.sort(key=lambda result: (-result.rank, result.item.title))
    return results[:limit]
