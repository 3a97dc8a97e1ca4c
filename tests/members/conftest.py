import pytest
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
