"""SQLite's full-text index: one FTS5 table over every searchable kind.

SQLite serves development and the second CI run. Its FTS5 extension (built
into Python's sqlite3) gives stemming ("twitches" finds "twitching") and
BM25 ranking with per-column weights, as PostgreSQL's stored vector does
(`portal.search.index`); a substring scan gave neither and read every row.

One table holds every kind, so ranks compare across kinds: columns `names`
(the kind's "A" fields), `summary` ("B"), `body` ("C" and "D"), and, not
indexed, the kind's table and the row's id. Triggers on each kind's table
keep it current on every write, as PostgreSQL's triggers do: `save()`,
`queryset.update()`, publishing a draft, `loaddata`, raw SQL. It holds every
row whatever its status; search joins it to the kind's `published()`, so a
page scheduled to go live or expire needs no re-indexing.

Built by a migration (`AddToSearchTable`), rebuilt from the tables by
`manage.py rebuild_search_index` (`rebuild_sql`).
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState

from portal.editorial.registry import SearchWeight

TABLE = "portal_search_fts"
# FTS5 keeps its index in tables named after it; a copy of the database's
# rows (tests/launch_rows.py) must leave them to the triggers.
SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")
COLUMNS = ("names", "summary", "body")
COLUMN_OF_WEIGHT: dict[SearchWeight, str] = {"A": "names", "B": "summary", "C": "body", "D": "body"}
# BM25's weight per column, in COLUMNS' order (the two unindexed columns
# first), in the proportions of PostgreSQL's default A/B/C ranks.
BM25_WEIGHTS = (0.0, 0.0, 10.0, 4.0, 2.0)
# The tables that have triggers feeding it, each added by a migration;
# a test fails when a searchable kind is missing.
INDEXED_TABLES = frozenset({"conditions_condition", "remedies_remedy", "portal_article"})


def is_index_table(name: str) -> bool:
    return name == TABLE or any(name == TABLE + suffix for suffix in SHADOW_SUFFIXES)


def _quote(name: str) -> str:
    return '"{}"'.format(name.replace('"', '""'))


def create_sql() -> list[str]:
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
        f"kind UNINDEXED, item_id UNINDEXED, {', '.join(COLUMNS)}, "
        # Porter stemming over Unicode words, accents folded ("café" = "cafe").
        "tokenize = 'porter unicode61 remove_diacritics 2')"
    ]


def _columns(fields: Mapping[str, SearchWeight], row: str) -> list[str]:
    """One expression per FTS column: the kind's fields of that weight,
    joined by new lines (an empty string where it has none)."""
    prefix = f"{row}." if row else ""
    return [
        " || char(10) || ".join(
            f"COALESCE({prefix}{_quote(name)}, '')"
            for name, weight in fields.items()
            if COLUMN_OF_WEIGHT[weight] == column
        )
        or "''"
        for column in COLUMNS
    ]


def _insert_sql(table: str, fields: Mapping[str, SearchWeight], row: str) -> str:
    source = f"{row}." if row else ""
    values = ", ".join([f"'{table}'", f"{source}id", *_columns(fields, row)])
    return f"INSERT INTO {TABLE} (kind, item_id, {', '.join(COLUMNS)}) SELECT {values}"


def _delete_sql(table: str, row: str) -> str:
    # Our table names only.
    return f"DELETE FROM {TABLE} WHERE kind = '{table}' AND item_id = {row}.id"  # noqa: S608


def create_triggers_sql(table: str, fields: Mapping[str, SearchWeight]) -> list[str]:
    """The triggers that keep `table`'s rows in the index."""
    quoted = _quote(table)
    columns = ", ".join(_quote(name) for name in fields)
    name = f"{table}_search"
    return [
        f"CREATE TRIGGER {_quote(name + '_insert')} AFTER INSERT ON {quoted} BEGIN "
        f"{_insert_sql(table, fields, 'NEW')}; END",
        # Only when a searched field changes: publishing, archiving and
        # review dates leave the index alone.
        f"CREATE TRIGGER {_quote(name + '_update')} AFTER UPDATE OF {columns} ON {quoted} "
        f"BEGIN {_delete_sql(table, 'OLD')}; {_insert_sql(table, fields, 'NEW')}; END",
        f"CREATE TRIGGER {_quote(name + '_delete')} AFTER DELETE ON {quoted} BEGIN "
        f"{_delete_sql(table, 'OLD')}; END",
    ]


def triggers_sql(table: str, fields: Mapping[str, SearchWeight]) -> list[str]:
    """`table`'s triggers made anew, and its rows indexed as they are now."""
    return [
        *drop_triggers_sql(table),
        *create_triggers_sql(table, fields),
        *fill_sql(table, fields),
    ]


def fill_sql(table: str, fields: Mapping[str, SearchWeight]) -> list[str]:
    """Replace `table`'s rows in the index by what the table holds now."""
    return [
        f"DELETE FROM {TABLE} WHERE kind = '{table}'",  # noqa: S608 (our names)
        f"{_insert_sql(table, fields, '')} FROM {_quote(table)}",
    ]


def drop_triggers_sql(table: str) -> list[str]:
    name = f"{table}_search"
    return [
        f"DROP TRIGGER IF EXISTS {_quote(name + '_' + event)}"
        for event in ("insert", "update", "delete")
    ]


def rebuild_sql(kinds: Iterable[tuple[str, Mapping[str, SearchWeight]]]) -> list[str]:
    """Every statement that makes the index again from the tables."""
    statements = [f"DELETE FROM {TABLE}"]  # noqa: S608 (our name)
    for table, fields in kinds:
        statements += fill_sql(table, fields)[1:]
    # Merge FTS5's segments into one: the quickest index to read.
    statements.append(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")  # noqa: S608
    return statements


def match_expression(groups: Sequence[Sequence[str]]) -> str:
    """An FTS5 query: every group, each any of its alternatives, each
    alternative a quoted phrase (so nothing a visitor types is syntax)."""

    def phrase(text: str) -> str:
        return '"{}"'.format(text.replace('"', '""'))

    return " AND ".join(
        "(" + " OR ".join(phrase(alternative) for alternative in group) + ")" for group in groups
    )


class AddToSearchTable(Operation):
    """Migration operation: index one model's table in SQLite's FTS5 table
    (created if need be); nothing happens on other databases.

    The fields and weights are written into the migration, as
    `AddStoredSearchVector`'s are, so a change of weights is a new one."""

    reversible = True

    def __init__(self, model: str, fields: Mapping[str, SearchWeight]) -> None:
        # "app_label.ModelName": the kinds live in several apps.
        self.model = model
        self.fields = dict(fields)

    def deconstruct(self) -> tuple[str, Sequence[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [], {"model": self.model, "fields": self.fields})

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        # The table is the database's; the models' state does not change.
        pass

    def _table(self, state: ProjectState, schema_editor: BaseDatabaseSchemaEditor) -> str | None:
        if schema_editor.connection.vendor != "sqlite":
            return None
        model = state.apps.get_model(self.model)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return None
        return str(model._meta.db_table)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if table := self._table(to_state, schema_editor):
            for statement in [*create_sql(), *triggers_sql(table, self.fields)]:
                schema_editor.execute(statement, params=None)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if table := self._table(from_state, schema_editor):
            for statement in [
                *drop_triggers_sql(table),
                f"DELETE FROM {TABLE} WHERE kind = '{table}'",  # noqa: S608 (our names)
            ]:
                schema_editor.execute(statement, params=None)
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                    r"AND name LIKE '%\_search\_insert' ESCAPE '\'"
                )
                if cursor.fetchone()[0] == 0:
                    # The last kind gone: so is the table.
                    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}", params=None)

    def describe(self) -> str:
        return f"Index {self.model} in SQLite's full-text table"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model.split('.')[-1].lower()}_full_text"


def _searchable_tables() -> list[tuple[str, Mapping[str, SearchWeight]]]:
    from portal.editorial import registry

    return [(kind.model._meta.db_table, kind.search_fields) for kind in registry.searchable()]


def _existing(cursor: Any, kind: str) -> set[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
    return {row[0] for row in cursor.fetchall()}


def ensure_triggers(using: str = "default", **kwargs: Any) -> list[str]:
    """Put back any kind's triggers a migration dropped, and re-index its
    rows; the tables whose triggers were missing.

    Django's SQLite schema editor changes a column by making the table
    anew, which drops its triggers: run after every `migrate` (a
    `post_migrate` handler), so a later migration of a kind's table cannot
    leave the index behind its rows."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    repaired = []
    with connection.cursor() as cursor:
        tables = _existing(cursor, "table")
        if TABLE not in tables:
            return []  # before the migration that makes it
        triggers = _existing(cursor, "trigger")
        for table, fields in _searchable_tables():
            wanted = {f"{table}_search_{event}" for event in ("insert", "update", "delete")}
            if table in tables and not wanted <= triggers:
                for statement in triggers_sql(table, fields):
                    cursor.execute(statement)
                repaired.append(table)
    return repaired


def rebuild(using: str = "default") -> int:
    """Make SQLite's index again from the tables, triggers included; the
    number of rows indexed."""
    from django.db import connections, transaction

    connection = connections[using]
    kinds = _searchable_tables()
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for statement in create_sql():
            cursor.execute(statement)
        for table, _ in kinds:
            for statement in drop_triggers_sql(table):
                cursor.execute(statement)
        for statement in rebuild_sql(kinds):
            cursor.execute(statement)
        for table, fields in kinds:
            for statement in create_triggers_sql(table, fields):
                cursor.execute(statement)
        cursor.execute(f"SELECT count(*) FROM {TABLE}")  # noqa: S608 (our name)
        return int(cursor.fetchone()[0])
