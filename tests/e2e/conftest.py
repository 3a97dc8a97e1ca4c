import pytest


@pytest.fixture
def site(live_server, transactional_db, launch_rows):
    """A live server with the launch content, copied in from the session's
    one load. Transactional tests empty the tables after each test, the
    migrations' groups included, so they are made again here."""
    from django.apps import apps

    from portal.editorial.roles import sync_roles
    from tests.launch_rows import copy_in

    sync_roles(apps)
    copy_in(launch_rows)
    return live_server
