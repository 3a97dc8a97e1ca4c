"""PostgreSQL's stored, weighted search vector: one per searchable table.

Each searchable table gets a `search_vector` tsvector column built from the
kind's weighted fields, a GIN index on it, and trigram indexes on its
title-like ("A") fields for the exact-phrase match search also accepts.

The database keeps the column current with a BEFORE INSERT OR UPDATE
trigger, so every way of writing a row counts: `save()`, `queryset.update()`,
publishing a draft, restoring a version, `loaddata`, raw SQL. A generated
column would do the same, but PostgreSQL then refuses to change the type of
any column it reads, so a later migration that lengthens a title would fail
halfway; a trigger ties no column's type.

The column is the database's, not the model's: Django never reads or writes
it except through `stored_vector()`, and SQLite (development and the second
CI run) has none; search builds its vector per query there.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.postgres.search import SearchVectorField
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState
from django.db.models.expressions import RawSQL

from portal.editorial.registry import SearchWeight

COLUMN = "search_vector"
CONFIG = "english"
# The tables that have one, each added by its own app's migration. Search
# builds the vector per query for any other searchable kind; a test fails
# when a kind the site registers is missing here.
STORED_VECTOR_TABLES = frozenset({"conditions_condition", "remedies_remedy", "portal_article"})


def _quote(name: str) -> str:
    return '"{}"'.format(name.replace('"', '""'))


def vector_sql(fields: Mapping[str, SearchWeight], row: str = "") -> str:
    """The weighted tsvector of `fields`, as Django's `SearchVector(name,
    weight=..., config="english")` parts joined with `+` would build it."""
    prefix = f"{row}." if row else ""
    return " || ".join(
        f"setweight(to_tsvector('{CONFIG}'::regconfig, "
        f"COALESCE({prefix}{_quote(name)}::text, '')), '{weight}')"
        for name, weight in fields.items()
    )


def install_sql(table: str, fields: Mapping[str, SearchWeight]) -> list[str]:
    """Statements that add, fill and index the stored vector of `table`.

    Safe to run again with new weights: the function is replaced and every
    row recomputed."""
    quoted = _quote(table)
    function = _quote(f"{table}_{COLUMN}")
    columns = ", ".join(_quote(name) for name in fields)
    statements = [
        f"ALTER TABLE {quoted} ADD COLUMN IF NOT EXISTS {COLUMN} tsvector",
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN NEW.{COLUMN} := {vector_sql(fields, row='NEW')}; RETURN NEW; END $$",
        f"DROP TRIGGER IF EXISTS {function} ON {quoted}",
        # Only when a searched field is written: a status change (publish,
        # archive) leaves the vector alone.
        f"CREATE TRIGGER {function} BEFORE INSERT OR UPDATE OF {columns} ON {quoted} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        # Table and column names come from our models, quoted; no input.
        f"UPDATE {quoted} SET {COLUMN} = {vector_sql(fields)}",  # noqa: S608
        f"CREATE INDEX IF NOT EXISTS {_quote(f'{table}_search_idx')} "
        f"ON {quoted} USING gin ({COLUMN})",
    ]
    # The same expression Django's `icontains` writes, so the planner can
    # answer "title contains the phrase" from the index (needs pg_trgm).
    statements += [
        f"CREATE INDEX IF NOT EXISTS {_quote(f'{table}_{name}_trgm_idx')} "
        f"ON {quoted} USING gin (UPPER({_quote(name)}::text) gin_trgm_ops)"
        for name, weight in fields.items()
        if weight == "A"
    ]
    return statements


def uninstall_sql(table: str, fields: Mapping[str, SearchWeight]) -> list[str]:
    quoted = _quote(table)
    function = _quote(f"{table}_{COLUMN}")
    return [
        *(
            f"DROP INDEX IF EXISTS {_quote(f'{table}_{name}_trgm_idx')}"
            for name, weight in fields.items()
            if weight == "A"
        ),
        f"DROP TRIGGER IF EXISTS {function} ON {quoted}",
        f"DROP FUNCTION IF EXISTS {function}()",
        # Drops its index too.
        f"ALTER TABLE {quoted} DROP COLUMN IF EXISTS {COLUMN}",
    ]


def stored_vector(table: str) -> RawSQL:
    """The stored vector of a row of `table`, usable wherever a
    `SearchVector` is (filter with a `SearchQuery`, rank with `SearchRank`)."""
    # A quoted table name of ours and a constant column: no input.
    return RawSQL(f"{_quote(table)}.{COLUMN}", (), output_field=SearchVectorField())  # noqa: S611


class AddStoredSearchVector(Operation):
    """Migration operation: a stored search vector for one model's table,
    on PostgreSQL only (nothing happens on other databases).

    The fields and weights are written into the migration, as a model's
    fields are, so a later change of weights is a new migration."""

    reversible = True

    def __init__(self, model_name: str, fields: Mapping[str, SearchWeight]) -> None:
        self.model_name = model_name
        self.fields = dict(fields)

    def deconstruct(self) -> tuple[str, Sequence[Any], dict[str, Any]]:
        return (
            self.__class__.__qualname__,
            [],
            {"model_name": self.model_name, "fields": self.fields},
        )

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        # The column is the database's; the models' state does not change.
        pass

    def _run(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        state: ProjectState,
        forwards: bool,
    ) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        model = state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        table = model._meta.db_table
        make = install_sql if forwards else uninstall_sql
        for statement in make(table, self.fields):
            schema_editor.execute(statement, params=None)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._run(app_label, schema_editor, to_state, forwards=True)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._run(app_label, schema_editor, from_state, forwards=False)

    def describe(self) -> str:
        return f"Stored search vector on {self.model_name} (PostgreSQL only)"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_search_vector"
