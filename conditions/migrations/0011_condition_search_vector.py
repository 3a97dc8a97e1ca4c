# The stored search vector of conditions, on PostgreSQL only (see
# portal.search.index). Also-called names weigh as much as the title.

from django.db import migrations

from portal.search.index import AddStoredSearchVector


class Migration(migrations.Migration):

    dependencies = [
        ('conditions', '0010_reviewed_tier_wording'),
        # pg_trgm, for the trigram indexes on the title and other names.
        ('portal', '0015_article_search_vector'),
    ]

    operations = [
        AddStoredSearchVector(
            model_name='condition',
            fields={'title': 'A', 'also_called': 'A', 'summary': 'B', 'body': 'C'},
        ),
    ]
