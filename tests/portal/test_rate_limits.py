"""Per-client limits (portal/serving/rate_limits.py), shared by feedback
and the members' mail-sending pages."""

from django.test import RequestFactory

from portal.models import RateCounter
from portal.serving.rate_limits import client_over_limit, counter_key, over_limit


def request_from(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_each_client_has_its_own_count_up_to_the_limit(db):
    answers = [client_over_limit(request_from("203.0.113.7"), "test", 2) for _ in range(3)]
    assert answers == [False, False, True]
    assert client_over_limit(request_from("203.0.113.8"), "test", 2) is False
    # Another kind of limit counts apart.
    assert client_over_limit(request_from("203.0.113.7"), "other", 2) is False


def test_the_counters_name_no_address_or_email(db, settings):
    client_over_limit(request_from("203.0.113.77"), "feedback-rate", 5)
    over_limit("members-sign-up-email", "private@example.org", 3)
    keys = " ".join(RateCounter.objects.values_list("key", flat=True))
    assert "203.0.113" not in keys and "private" not in keys
    assert keys.startswith("feedback-rate:") or keys.startswith("members-sign-up-email:")
    before = counter_key("feedback-rate", "203.0.113.77")
    settings.SECRET_KEY = "another secret of enough length for the test only"
    assert counter_key("feedback-rate", "203.0.113.77") != before
