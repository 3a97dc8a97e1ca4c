from django.db import migrations

from portal.editorial.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_review_events_and_feedback")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
