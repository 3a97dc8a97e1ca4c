"""Search stays current on every write (save, update, publish), on both
databases; and on PostgreSQL, the stored search vector behind it says what
the registry says and is read through its indexes."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from portal.editorial import registry, workflow
from portal.models import Article, Status
from portal.search import engine as search
from portal.search import index as search_index
from tests import factories

# The stored vector, its trigger and its indexes exist only on PostgreSQL
# (SQLite searches by weighted substring): CI's second pass runs these there.
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the stored search vector and its indexes exist only on PostgreSQL",
)


def found(words):
    return [result.item.pk for result in search.search_content(words)]


def stored(item):
    """The item's stored vector, as PostgreSQL prints it."""
    table = type(item)._meta.db_table
    vector = search_index.stored_vector(table)
    return type(item).objects.annotate(v=vector).values_list("v", flat=True).get(pk=item.pk)


def matches(item, words):
    table = type(item)._meta.db_table
    query = SearchQuery(words, search_type="websearch", config="english")
    vector = search_index.stored_vector(table)
    return type(item).objects.annotate(v=vector).filter(pk=item.pk, v=query).exists()


@postgres_only
def test_the_stored_vector_weighs_fields_as_the_registry_says(db):
    items = [
        factories.condition(title="Leg cramp", also_called="Charley horse", body="Stretch."),
        factories.remedy(title="Warm bath", summary="Eases tight muscles."),
        factories.article(title="Night cramps", body="Common *after* exercise."),
    ]
    for item in items:
        kind = registry.for_model(type(item))
        expected = type(item).objects.annotate(v=search._vector(kind.search_fields))
        assert stored(item) == expected.values_list("v", flat=True).get(pk=item.pk)
    assert "'charley':3A" in stored(items[0])


def test_a_save_is_found_by_its_new_words_not_its_old(db):
    item = factories.condition(title="Leg cramp", summary="Tight.", body="")
    item.title = "Charley horse"
    item.save()
    assert found("charley") == [item.pk] and found("cramp") == []


def test_an_update_without_save_is_found_too(db):
    item = factories.remedy(title="Warm bath")
    type(item).objects.filter(pk=item.pk).update(body="Epsom salts help some people.")
    assert found("epsom salts") == [item.pk]


@postgres_only
def test_the_stored_vector_follows_a_save_and_an_update(db):
    item = factories.condition(title="Leg cramp", summary="Tight.", body="")
    item.title = "Charley horse"
    item.save()
    assert matches(item, "charley") and not matches(item, "cramp")
    type(item).objects.filter(pk=item.pk).update(body="Epsom salts help some people.")
    assert matches(item, "epsom salt")


def test_publishing_a_draft_makes_it_findable(db):
    item = factories.article(title="Quokka guide", status=Status.DRAFT, sources=None)
    item.sources.set([factories.source()])
    item.medical_reviewer = factories.reviewer()
    item.save()
    assert found("quokka") == []
    workflow.apply_transition(item=item, user=factories.editor(), name="submit")
    workflow.apply_transition(item=item, user=factories.moderator(), name="approve")
    assert found("quokka") == [item.pk]


@postgres_only
def test_a_status_change_leaves_the_vector_alone(db):
    item = factories.article(title="Quokka guide")
    with connection.cursor() as cursor:
        # Spoil it by hand: a trigger that fired would rebuild it.
        cursor.execute(
            f"UPDATE portal_article SET {search_index.COLUMN} = to_tsvector('x') WHERE id = %s",
            [item.pk],
        )
    Article.objects.filter(pk=item.pk).update(status=Status.ARCHIVED)
    assert stored(item) == "'x':1"


@postgres_only
@pytest.mark.parametrize("make", [factories.condition, factories.remedy, factories.article])
def test_search_can_be_answered_from_the_indexes(db, make):
    model = type(make(title="Quokka guide"))
    table, fields = model._meta.db_table, registry.for_model(model).search_fields
    # Everything but the published filter, which has an index of its own.
    queryset = search._postgres(model.objects.all(), "quokka", fields)
    with connection.cursor() as cursor:
        # A test's table is small enough to read whole, whatever its indexes.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = queryset.order_by("-rank", "title").explain()
    # Every half of "the vector matches, or a title-like field contains the
    # phrase": the SQL Django writes is the SQL the indexes were built on.
    assert f"Bitmap Index Scan on {table}_search_idx" in plan
    for name in (name for name, weight in fields.items() if weight == "A"):
        assert f"Bitmap Index Scan on {table}_{name}_trgm_idx" in plan
