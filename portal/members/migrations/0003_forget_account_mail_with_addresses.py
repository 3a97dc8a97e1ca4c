"""Account mail used to be queued written out: address, subject and body,
with live confirmation, reset and change-of-address links in clear, kept in
the task table after sending. Those rows go, sent or not (a link not yet
sent is asked for again); the mail is now queued by account id and purpose
(portal.members.accounts.send_account_mail)."""

from django.db import migrations

TASK_PATH = "portal.members.accounts.send_account_mail"


def forget_written_mail(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=TASK_PATH, args_kwargs__kwargs__has_key="to").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_pending_email"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forget_written_mail, migrations.RunPython.noop)]
