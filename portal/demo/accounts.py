"""Demo accounts for a local portal: development only, never created by a
migration, never in production."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.editorial import registry
from portal.editorial.roles import EDITORS, MODERATORS
from portal.members import following
from portal.members.models import MemberProfile, Notification
from portal.models import Author

# (username, password, group or None for the superuser, first name, last name,
# the slug of their author profile or None)
DEMO_ACCOUNTS = [
    ("editor", "editor-demo", EDITORS, "Edie", "Tor", None),
    # A clinician who writes no launch page, so she may sign off any launch page
    # in her areas (general medicine, urgent care, vascular medicine).
    ("moderator", "moderator-demo", MODERATORS, "Ifeoma", "Lindqvist", "ifeoma-lindqvist"),
    # A neurologist who writes no launch page: the one who signs off the
    # neurology pages (motor neurone disease, muscular dystrophy, epilepsy).
    ("neurologist", "neurologist-demo", MODERATORS, "Kwame", "Ashdown", "kwame-ashdown"),
    ("admin", "admin-demo", None, "Ada", "Min", None),
]


# A member (a visitor's own account, not staff), who logs in on the site at
# /account/log-in/. Members who sign up log in with their address, which is
# their user name; the demo's user name is shorter to type.
DEMO_MEMBER = ("member", "member-demo", "member@example.org")
# (kind, slug) of the launch pages the demo member follows; the first has an
# unread notification.
DEMO_MEMBER_FOLLOWS = [("condition", "als"), ("article", "muscle-twitches-in-the-legs")]


class DemoAccountsRefused(Exception):
    """Demo accounts were asked for where they must never exist."""


def ensure_demo_accounts():
    """Create the demo logins that are missing; returns all of them.

    Development only: in production it refuses. An account that already
    exists keeps its password and everything else, so running it on a
    database with real people in it can never open a door.
    """
    if settings.PRODUCTION:
        raise DemoAccountsRefused(
            "Demo accounts are never created in production. Create the first "
            "administrator with `manage.py createsuperuser`."
        )
    groups = {group.name: group for group in Group.objects.filter(name__in=[EDITORS, MODERATORS])}
    users = []
    User = get_user_model()
    for username, password, group_name, first_name, last_name, profile in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.first_name, user.last_name = first_name, last_name
            user.email = f"{username}@example.org"
            user.is_staff = True
            user.is_superuser = group_name is None
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.set([groups[group_name]])
            if profile:
                Author.objects.filter(slug=profile, user=None).update(user=user)
        users.append(user)
    users.append(ensure_demo_member())
    return users


def ensure_demo_member():
    """The demo member, made once: confirmed, following two launch pages,
    with one unread notification. An existing account is left as it is."""
    username, password, email = DEMO_MEMBER
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"email": email})
    if not created:
        return user
    user.set_password(password)
    user.save()
    profile = MemberProfile.objects.create(user=user, email_confirmed_at=user.date_joined)
    # Pages of any followed kind: only their shared fields are used here.
    pages: list[Any] = []
    for key, slug in DEMO_MEMBER_FOLLOWS:
        kind = registry.get(key)
        model: Any = kind.model if kind else None
        item = model.objects.published().filter(slug=slug).first() if model else None
        if item is not None:
            following.follow(member=user, item=item)
            pages.append(item)
    if pages:
        first = pages[0]
        reviewer = getattr(first, "medical_reviewer", None)
        Notification.objects.create(
            member=user,
            title=str(first),
            summary=following.summary(
                reviewer=reviewer.name if reviewer else "",
                day=first.last_reviewed or profile.joined_at.date(),
                clinical=(),
            ),
            url=first.get_absolute_url(),
        )
    return user
