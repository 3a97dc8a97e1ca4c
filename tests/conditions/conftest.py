import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def _launch_content_once(django_db_setup, django_db_blocker):
    """What the `launch_content` fixture loads, loaded once per module (it
    takes about a second) and rolled back after it; each test still runs in
    its own transaction inside, so editors' changes do not leak."""
    from portal.content.loader import load_launch_content

    with django_db_blocker.unblock(), transaction.atomic():
        load_launch_content()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def launch(_launch_content_once, db):
    """The launch content, as `make run` loads it."""
