"""Search over every searchable kind of published content, in everyday words.

Best matches first. Each kind declares its fields and their weights in the
registry (a title or an "also called" name is "A", a summary "B", a body
"C"). The query is first expanded with the reviewed synonym list
(`portal.search.synonyms`): "pins and needles" also looks for "tingling",
"DVT" for "blood clot in the leg". Then:

- PostgreSQL: its full-text search (`websearch_to_tsquery`, stemming,
  ranking) over a stored, indexed vector the database keeps current
  (`portal.search.index`); and, when nothing else is found, trigram
  similarity on the title-like fields for a typo ("fibromyalgai").
- SQLite (development and the second CI run): FTS5, one table over every
  kind, kept current by triggers (`portal.search.fts`), ranked by BM25 with
  the same field weights.

Either way a title-like field holding the whole query, or a term a synonym
brought in, ranks above any other hit; and the site's tools (the symptom
checker, the calorie planner) rank above pages when the query names them.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import Greatest

from portal.editorial import registry
from portal.editorial.registry import SearchWeight
from portal.search import fts, tools
from portal.search import index as search_index
from portal.search.synonyms import Expansion, expand, published_synonyms

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
RESULT_LIMIT = 50
# What a title-like field holding the whole query (or a synonym's term)
# adds to a rank, on each database's scale: PostgreSQL's ranks are at most
# about 1, BM25's (weights 10/4/2) in the tens.
PHRASE_BONUS = {"postgresql": 1.0, "sqlite": 100.0}
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


def _names(fields: Mapping[str, SearchWeight]) -> list[str]:
    return [name for name, weight in fields.items() if weight == "A"]


def _phrases(query: str, expansion: Expansion) -> list[str]:
    """What a title-like field may hold to rank first: the query, or a term
    the synonym list brought in."""
    return list(dict.fromkeys([query, *expansion.synonym_terms]))


def _tsquery(groups: Sequence[Sequence[str]]) -> SearchQuery:
    """Every group, each any of its alternatives; each alternative read by
    `websearch_to_tsquery`, so nothing a visitor types is syntax."""
    return reduce(
        and_,
        (
            reduce(
                or_,
                (SearchQuery(text, search_type="websearch", config="english") for text in group),
            )
            for group in groups
        ),
    )


def _named(fields: Mapping[str, SearchWeight], texts: Sequence[str]) -> Q:
    """A title-like field holds one of `texts`."""
    return reduce(
        or_, (Q(**{f"{name}__icontains": text}) for name in _names(fields) for text in texts)
    )


def _postgres(
    queryset: QuerySet[Any], query: str, fields: Mapping[str, SearchWeight], expansion: Expansion
) -> QuerySet[Any]:
    search_query = _tsquery(expansion.groups[:MAX_TERMS])
    vector = _document(queryset, fields)
    ranked: QuerySet[Any] = queryset.annotate(
        document=vector,
        rank=SearchRank(vector, search_query)
        + Case(
            When(
                _named(fields, _phrases(query, expansion)), then=Value(PHRASE_BONUS["postgresql"])
            ),
            default=Value(0.0),
            output_field=FloatField(),
        ),
    )
    # A page is found by its words, or by a name holding the whole query
    # (a synonym's term only ranks: it is one of the words already, and
    # SQLite finds no more). Both sides of the "or" have an index (GIN on
    # the vector, trigram on the title-like fields), so a large table is
    # never read in full.
    return ranked.filter(Q(document=search_query) | _named(fields, [query]))


def _like(text: str) -> str:
    escaped = text.upper().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _sqlite(
    queryset: QuerySet[Any], query: str, fields: Mapping[str, SearchWeight], expansion: Expansion
) -> QuerySet[Any]:
    table = queryset.model._meta.db_table
    quoted = connection.ops.quote_name(table)
    phrases = _phrases(query, expansion)
    holds = " OR ".join(
        f"UPPER({quoted}.{connection.ops.quote_name(name)}) LIKE %s ESCAPE '\\'"
        for name in _names(fields)
        for _ in phrases
    )
    weights = ", ".join(str(weight) for weight in fts.BM25_WEIGHTS)
    # The index joined to the kind's published rows: FTS5 answers the MATCH
    # from its index and the rows are read by primary key. Our names and a
    # bound MATCH expression only: no input in the SQL.
    return queryset.extra(  # noqa: S610
        select={
            "rank": f"-bm25({fts.TABLE}, {weights}) + "
            f"CASE WHEN {holds} THEN {PHRASE_BONUS['sqlite']} ELSE 0 END"
        },
        select_params=[_like(text) for _ in _names(fields) for text in phrases],
        tables=[fts.TABLE],
        where=[
            f"{fts.TABLE} MATCH %s",
            f"{fts.TABLE}.kind = %s",
            f"{fts.TABLE}.item_id = {quoted}.id",
        ],
        params=[fts.match_expression(expansion.groups[:MAX_TERMS]), table],
    )


def _similar(
    queryset: QuerySet[Any], query: str, fields: Mapping[str, SearchWeight]
) -> QuerySet[Any]:
    """PostgreSQL's typo match: title-like fields with a word close to the
    query (pg_trgm's word similarity, at least its threshold of 0.6), found
    through the trigram indexes on `UPPER(field)`."""
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    columns = [f"UPPER({table}.{connection.ops.quote_name(name)}::text)" for name in _names(fields)]
    best = f"GREATEST({', '.join(f'word_similarity(UPPER(%s), {c})' for c in columns)})"
    # Our names, the query bound: no input in the SQL.
    return queryset.extra(  # noqa: S610
        select={"rank": best},
        select_params=[query] * len(columns),
        where=[" OR ".join(f"UPPER(%s) <%% {column}" for column in columns)],
        params=[query] * len(columns),
    )


def _substring(
    queryset: QuerySet[Any], fields: Mapping[str, SearchWeight], expansion: Expansion
) -> QuerySet[Any]:
    """A kind SQLite's index does not hold (one registered without its
    migration, such as a test's): every group must match some field."""
    rank: Any = Value(0.0, output_field=FloatField())
    for group in expansion.groups[:MAX_TERMS]:
        matches = [Q(**{f"{name}__icontains": text}) for name in fields for text in group]
        queryset = queryset.filter(reduce(or_, matches))
        # Per group, the best field counts.
        rank = rank + Greatest(
            Value(0.0),
            *(
                Case(
                    When(
                        reduce(or_, (Q(**{f"{name}__icontains": t}) for t in group)),
                        then=Value(WEIGHT_RANKS[weight]),
                    ),
                    default=Value(0.0),
                    output_field=FloatField(),
                )
                for name, weight in fields.items()
            ),
        )
    ranked: QuerySet[Any] = queryset.annotate(rank=rank)
    return ranked


def _tool_results(query: str, expansion: Expansion) -> list[SearchResult]:
    return [
        SearchResult(kind="Tool", item=tool, rank=tools.TOOL_RANK)
        for tool in tools.matching(query, expansion)
    ]


def search_content(query: str, limit: int = RESULT_LIMIT) -> list[SearchResult]:
    """Published items of every searchable kind matching `query`, best first;
    the site's tools first when the query names one."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    expansion = expand(query, published_synonyms())
    if not expansion.groups:
        return []
    results = _tool_results(query, expansion)
    for kind in registry.searchable():
        queryset: QuerySet[Any] = kind.model.objects.published().only(*RESULT_FIELDS)
        if connection.vendor == "postgresql":
            queryset = _postgres(queryset, query, kind.search_fields, expansion)
        elif queryset.model._meta.db_table in fts.INDEXED_TABLES:
            queryset = _sqlite(queryset, query, kind.search_fields, expansion)
        else:
            queryset = _substring(queryset, kind.search_fields, expansion)
        results.extend(
            SearchResult(kind=kind.label, item=item, rank=item.rank)
            for item in queryset.order_by("-rank", "title")[:limit]
        )
    results.sort(key=lambda result: (-result.rank, result.item.title))
    return results[:limit]


def search_similar(query: str, limit: int = RESULT_LIMIT) -> list[SearchResult]:
    """Pages whose name is like the query though no word matched: a typo's
    last chance (PostgreSQL only; elsewhere "did you mean" is the help)."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    if connection.vendor != "postgresql" or not query:
        return []
    results: list[SearchResult] = []
    for kind in registry.searchable():
        queryset: QuerySet[Any] = kind.model.objects.published().only(*RESULT_FIELDS)
        queryset = _similar(queryset, query, kind.search_fields)
        results.extend(
            SearchResult(kind=kind.label, item=item, rank=item.rank)
            for item in queryset.order_by("-rank", "title")[:limit]
        )
    results.sort(key=lambda result: (-result.rank, result.item.title))
    return results[:limit]
