import pytest


@pytest.fixture
def site(live_server, transactional_db):
    """A live server with the launch content. Transactional tests empty the
    tables after each test, the migrations' groups included, so they are
    made again here."""
    from django.apps import apps

    from portal.content.loader import load_launch_content
    from portal.editorial.roles import sync_roles

    sync_roles(apps)
    load_launch_content()
    return live_server
