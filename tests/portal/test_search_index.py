"""Search stays current on every write (save, update, publish), on both
databases; and on PostgreSQL, the stored search vector behind it says what
the registry says and is read through its indexes."""

import io

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.editorial import registry, workflow
from portal.models import Article, Status
from portal.search import engine as search
from portal.search import fts
from portal.search import index as search_index
from portal.search.synonyms import EMPTY, expand
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
    queryset = search._postgres(model.objects.all(), "quokka", fields, expand("quokka", EMPTY))
    with connection.cursor() as cursor:
        # A test's table is small enough to read whole, whatever its indexes.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = queryset.order_by("-rank", "title").explain()
    # Every half of "the vector matches, or a title-like field contains the
    # phrase": the SQL Django writes is the SQL the indexes were built on.
    assert f"Bitmap Index Scan on {table}_search_idx" in plan
    for name in (name for name, weight in fields.items() if weight == "A"):
        assert f"Bitmap Index Scan on {table}_{name}_trgm_idx" in plan
    # A typo's trigram match reads the same trigram indexes.
    plan = search._similar(model.objects.all(), "quoka", fields).explain()
    for name in (name for name, weight in fields.items() if weight == "A"):
        assert f"Bitmap Index Scan on {table}_{name}_trgm_idx" in plan


def test_archiving_takes_a_page_out_of_search(db):
    item = factories.article(title="Quokka guide")
    assert found("quokka") == [item.pk]
    Article.objects.filter(pk=item.pk).update(status=Status.ARCHIVED)
    assert found("quokka") == []


def test_a_deleted_page_leaves_nothing_behind(db):
    item = factories.remedy(title="Quokka rub")
    type(item).objects.filter(pk=item.pk).delete()
    assert found("quokka") == []


# SQLite's FTS5 table (portal.search.fts): its triggers and its repair after
# a migration. PostgreSQL has no such table (its stored vector is tested
# above); CI's SQLite pass runs these, as its second pass runs those.
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the FTS5 table exists only on SQLite; CI's SQLite pass runs this",
)


def indexed_rows():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT kind, item_id FROM {fts.TABLE} ORDER BY kind, item_id")
        return cursor.fetchall()


@sqlite_only
def test_every_searchable_kind_of_the_site_is_in_the_full_text_table(db):
    tables = {kind.model._meta.db_table for kind in registry.searchable()}
    assert tables <= fts.INDEXED_TABLES


@sqlite_only
def test_the_index_holds_one_row_per_item_through_saves(db):
    item = factories.condition(title="Leg cramp")
    for title in ("Charley horse", "Night cramp"):
        item.title = title
        item.save()
    assert indexed_rows() == [("conditions_condition", item.pk)]
    assert found("night cramp") == [item.pk] and found("charley") == []


@sqlite_only
def test_a_migration_that_drops_the_triggers_is_repaired_after_migrate(db):
    item = factories.remedy(title="Warm bath")
    with connection.cursor() as cursor:
        # What Django's SQLite schema editor does when it makes a table anew.
        for statement in fts.drop_triggers_sql("remedies_remedy"):
            cursor.execute(statement)
    type(item).objects.filter(pk=item.pk).update(title="Quokka bath")
    assert found("quokka") == []
    assert fts.ensure_triggers() == ["remedies_remedy"]
    assert found("quokka") == [item.pk]
    assert fts.ensure_triggers() == []


TABLES = ("conditions_condition", "portal_article")


def _lose_the_index():
    """What a restore without the index leaves: the content, unindexed."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {fts.TABLE}")
        else:
            for table in TABLES:
                cursor.execute(f"UPDATE {table} SET {search_index.COLUMN} = NULL")
            # The test's own transaction still holds the foreign-key checks
            # of these writes, and PostgreSQL alters no table with checks
            # pending (the command, run on its own, starts with none).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _indexed():
    """How many rows of TABLES the index holds."""
    if connection.vendor == "sqlite":
        return len(indexed_rows())
    with connection.cursor() as cursor:
        counts = []
        for table in TABLES:
            cursor.execute(f"SELECT count(*) FROM {table} WHERE {search_index.COLUMN} IS NOT NULL")
            counts.append(cursor.fetchone()[0])
    return sum(counts)


def test_the_rebuild_command_makes_the_index_again(db):
    """On each database, from what that database keeps."""
    items = [factories.condition(title="Quokka knee"), factories.article(title="Quokka guide")]
    _lose_the_index()
    assert _indexed() == 0
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert _indexed() == len(items)
    assert sorted(found("quokka")) == sorted(item.pk for item in items)


@sqlite_only
def test_search_reads_the_index_not_every_row(db):
    factories.condition(title="Quokka knee")
    with CaptureQueriesContext(connection) as queries:
        search.search_content("quokka")
    condition_query = next(q["sql"] for q in queries if "conditions_condition" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {condition_query}")
        plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
    assert "VIRTUAL TABLE INDEX" in plan and "USING INTEGER PRIMARY KEY" in plan, plan
