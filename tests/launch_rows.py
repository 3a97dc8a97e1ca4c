"""The launch content loaded once per test session, copied into each test
that asks for it (the `launch_content` fixture).

Loading takes about 1,900 queries; copying the rows it added takes one
insert per table. The copy is what the load would give, because the load
only adds rows (checked when they are read) and the rows refer to nothing
outside themselves but content types, whose ids are looked up again at
each copy: a transactional test's flush makes them anew with other ids.
"""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

Row = tuple[Any, ...]


@dataclass(frozen=True)
class LaunchRows:
    # Table -> its columns and the rows the load added.
    tables: dict[str, tuple[list[str], list[Row]]]
    # Content type id at load time -> (app label, model).
    content_types: dict[int, tuple[str, str]]
    # Table -> the positions of its columns that hold a content type id.
    content_type_columns: dict[str, list[int]]


def _every_row() -> dict[str, tuple[list[str], list[Row]]]:
    from portal.search import fts

    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if fts.is_index_table(table):
                # SQLite's search index: the content tables' triggers fill
                # it as their rows are copied in.
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [column[0] for column in cursor.description]
            rows[table] = (columns, [tuple(row) for row in cursor.fetchall()])
    return rows


def _content_type_columns(table: str, columns: list[str]) -> list[int]:
    names = {
        field.column
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table == table
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is ContentType
    }
    return [position for position, column in enumerate(columns) if column in names]


def capture() -> LaunchRows:
    """Load the launch content into the database as it is, read what the
    load added, and roll the load back."""
    from portal.content.loader import load_launch_content

    with transaction.atomic():
        before = _every_row()
        load_launch_content()
        after = _every_row()
        content_types = {
            pk: (app_label, model)
            for pk, app_label, model in ContentType.objects.values_list("pk", "app_label", "model")
        }
        transaction.set_rollback(True)
    tables = {}
    for table, (columns, rows) in after.items():
        old = set(before[table][1])
        assert old <= set(rows), f"loading the launch content changed a row of {table}"
        if added := [row for row in rows if row not in old]:
            tables[table] = (columns, added)
    assert ContentType._meta.db_table not in tables, "the load made a content type"
    return LaunchRows(
        tables=tables,
        content_types=content_types,
        content_type_columns={
            table: positions
            for table, (columns, _) in tables.items()
            if (positions := _content_type_columns(table, columns))
        },
    )


def copy_in(launch: LaunchRows) -> None:
    """Insert the rows the load added, as the load would have."""
    from portal.caching.content_version import bump_content_version

    now = {
        (app_label, model): pk
        for pk, app_label, model in ContentType.objects.values_list("pk", "app_label", "model")
    }
    new_id = {old: now[key] for old, key in launch.content_types.items() if key in now}
    quote = connection.ops.quote_name
    # One transaction, so foreign keys are checked once every table is in
    # (a transactional test has none of its own).
    with transaction.atomic(), connection.cursor() as cursor:
        for table, (columns, rows) in launch.tables.items():
            if positions := launch.content_type_columns.get(table):
                rows = [
                    tuple(new_id[v] if i in positions else v for i, v in enumerate(row))
                    for row in rows
                ]
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) "
                f"VALUES ({', '.join(['%s'] * len(columns))})",
                rows,
            )
        # Rows inserted with their ids leave PostgreSQL's sequences behind.
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)
    # A fresh content version, as a load gives: what an earlier test cached
    # under the session's number must not be taken for this test's.
    bump_content_version()
