"""Who is a member (portal/members/models.py): an active user, not staff,
with a profile. The database's rule and the loaded user's agree."""

import pytest
from django.contrib.auth import get_user_model

from portal.members.models import MemberProfile, is_member, member_q, members
from tests import factories


def _member():
    return factories.member()


def _made_staff():
    user = factories.member()
    user.is_staff = True
    user.save()
    return user


def _deactivated():
    user = factories.member()
    user.is_active = False
    user.save()
    return user


def _no_profile():
    return get_user_model().objects.create_user(username="plain@example.org")


@pytest.mark.parametrize(
    ("make", "expected"),
    [(_member, True), (_made_staff, False), (_deactivated, False), (_no_profile, False)],
)
def test_every_check_of_membership_agrees(db, make, expected):
    user = get_user_model().objects.get(pk=make().pk)
    assert is_member(user) is expected
    assert members().filter(pk=user.pk).exists() is expected
    assert MemberProfile.objects.filter(member_q("user__"), user=user).exists() is expected


def test_a_member_made_staff_can_no_longer_log_in_as_a_member(client, db):
    user = _made_staff()
    response = client.post(
        "/account/log-in/", {"username": user.email, "password": "member-pw-4821"}
    )
    assert response.status_code == 400
    assert "That email address and password do not match an account." in response.content.decode()
