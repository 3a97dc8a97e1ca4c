"""Make the search index again from the content tables.

SQLite: the FTS5 table and its triggers (`portal.search.fts`). PostgreSQL:
each kind's stored vector, its trigger and indexes (`portal.search.index`).
Both are kept current by the database itself; this is for a database
restored without them, or weights changed by hand.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from portal.editorial import registry
from portal.search import fts
from portal.search import index as search_index


class Command(BaseCommand):
    help = "Rebuild the search index (SQLite's full-text table or PostgreSQL's stored vectors)."

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor == "sqlite":
            rows = fts.rebuild()
            self.stdout.write(f"Full-text index rebuilt: {rows} rows.")
            return
        if connection.vendor != "postgresql":
            self.stdout.write(f"Nothing to rebuild on {connection.vendor}.")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for kind in registry.searchable():
                table = kind.model._meta.db_table
                if table in search_index.STORED_VECTOR_TABLES:
                    for statement in search_index.install_sql(table, kind.search_fields):
                        cursor.execute(statement)
                    self.stdout.write(f"Stored search vector rebuilt: {table}.")
