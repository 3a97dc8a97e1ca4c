import pytest

# Browser tests read what a live server writes: real transactions, and the
# migrations' data (the groups) restored after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(live_server, transactional_db):
    from portal.demo.loader import load_launch_content

    load_launch_content()
    return live_server
