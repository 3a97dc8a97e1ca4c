"""Demo accounts for a local portal: development only, never created by a
migration, never in production."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.models import Author
from portal.roles import EDITORS, MODERATORS

# (username, password, group or None for the superuser, first name, last name,
# the slug of their author profile or None)
DEMO_ACCOUNTS = [
    ("editor", "editor-demo", EDITORS, "Edie", "Tor", None),
    # A clinician who writes no launch page, so she may sign off any launch page
    # in her areas (general medicine, urgent care, vascular medicine).
    ("moderator", "moderator-demo", MODERATORS, "Ifeoma", "Lindqvist", "ifeoma-lindqvist"),
    ("admin", "admin-demo", None, "Ada", "Min", None),
]


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
    return users
