"""SQLite's full-text table over every searchable kind (nothing on PostgreSQL,
whose stored vectors came with each kind's own migration)."""

from django.db import migrations

from portal.search.fts import AddToSearchTable


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0020_search_synonyms"),
        ("conditions", "0015_checker_safety_corrections"),
        ("remedies", "0009_checker_pathways_and_rules"),
    ]

    operations = [
        AddToSearchTable(
            "conditions.Condition",
            {"title": "A", "also_called": "A", "summary": "B", "body": "C"},
        ),
        AddToSearchTable("remedies.Remedy", {"title": "A", "summary": "B", "body": "C"}),
        AddToSearchTable("portal.Article", {"title": "A", "summary": "B", "body": "C"}),
    ]
