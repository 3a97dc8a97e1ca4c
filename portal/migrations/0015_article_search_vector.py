# The stored search vector of articles, and pg_trgm for the trigram indexes
# of every searchable table: both on PostgreSQL only (see portal.search.index).

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from portal.search.index import AddStoredSearchVector


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0014_content_version_in_the_database'),
    ]

    operations = [
        TrigramExtension(),
        AddStoredSearchVector(
            model_name='article',
            fields={'title': 'A', 'summary': 'B', 'body': 'C'},
        ),
    ]
