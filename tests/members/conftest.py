import json
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client

from tests import factories

PASSWORD = "member-pw-4821"


def log_in(client, user, password=PASSWORD):
    """Log in through the members' form, as a browser would."""
    response = client.post("/account/log-in/", {"username": user.email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


@pytest.fixture
def member(db):
    return factories.member()


@pytest.fixture
def member_client(member):
    return log_in(Client(), member)


@pytest.fixture
def database_queue(settings):
    """Tasks queued in the task table, as in production, instead of run at
    once; `run_worker()` sends them."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def run_worker():
    """Run every queued task, as `manage.py db_worker` does, then stop."""
    # The worker closes connections left in a transaction, as the test's is.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
        )


def task_rows():
    """Every row of the task table as the text a backup or a reader of the
    database would see."""
    from django_tasks_db.models import DBTaskResult

    return [
        json.dumps([row.task_path, row.args_kwargs, row.return_value, row.traceback])
        for row in DBTaskResult.objects.all()
    ]
