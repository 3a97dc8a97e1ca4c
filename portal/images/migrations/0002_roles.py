from django.db import migrations

from portal.editorial.roles import sync_roles


def give_roles_their_new_permissions(apps, schema_editor):
    # Images: editors add and describe them, moderators approve them.
    sync_roles(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("images", "0001_initial"),
        ("portal", "0019_clinician_identity"),
        ("conditions", "0015_checker_safety_corrections"),
        ("remedies", "0009_checker_pathways_and_rules"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(give_roles_their_new_permissions, migrations.RunPython.noop),
    ]
