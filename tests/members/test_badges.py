"""The badge: a level by a rule written on the account page."""

import datetime

from django.utils import timezone

from portal.members import badges, following
from tests import factories
from tests.members.conftest import log_in

NOW = datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC)


def level(days=0, confirmed=True, following=0):
    joined = NOW - datetime.timedelta(days=days)
    return badges.level(joined_at=joined, email_confirmed=confirmed, following=following, now=NOW)


def test_every_account_starts_as_member():
    assert level() is badges.MEMBER
    assert level(confirmed=False, following=10) is badges.MEMBER


def test_silver_needs_a_confirmed_address_and_three_pages():
    assert level(following=2) is badges.MEMBER
    assert level(following=3) is badges.SILVER


def test_gold_after_a_year_with_a_confirmed_address():
    assert level(days=364, following=3) is badges.SILVER
    assert level(days=365) is badges.GOLD
    assert level(days=400, confirmed=False) is badges.MEMBER


def test_the_rule_is_on_the_account_page_and_in_the_header(client, db):
    member = factories.member()
    for _ in range(3):
        following.follow(member=member, item=factories.condition())
    log_in(client, member)
    page = client.get("/account/").content.decode()
    for rule in badges.LEVELS:
        assert rule.rule in page
    assert 'data-role="account-badge">Silver<' in page
    assert "never sold" in page
    header = client.get("/conditions/").content.decode()
    assert "Silver</a>" in header


def test_a_long_standing_member_is_gold(client, db):
    member = factories.member(joined_at=timezone.now() - datetime.timedelta(days=366))
    page = log_in(client, member).get("/account/").content.decode()
    assert 'data-role="account-badge">Gold<' in page
