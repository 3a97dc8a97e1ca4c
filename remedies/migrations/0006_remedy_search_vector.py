# The stored search vector of remedies, on PostgreSQL only (see
# portal.search.index).

from django.db import migrations

from portal.search.index import AddStoredSearchVector


class Migration(migrations.Migration):

    dependencies = [
        ('remedies', '0005_reviewer_set_by_approval'),
        # pg_trgm, for the trigram index on the title.
        ('portal', '0015_article_search_vector'),
    ]

    operations = [
        AddStoredSearchVector(
            model_name='remedy',
            fields={'title': 'A', 'summary': 'B', 'body': 'C'},
        ),
    ]
