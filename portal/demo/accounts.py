"""Demo accounts for a local portal. Never created by a migration."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.models import Author
from portal.roles import EDITORS, MODERATORS

# (username, password, group or None for the superuser, first name, last name,
# the slug of their author profile or None)
DEMO_ACCOUNTS = [
    ("editor", "editor-demo", EDITORS, "Edie", "Tor", None),
    # A clinician who writes no launch page, so she may sign any of them off.
    ("moderator", "moderator-demo", MODERATORS, "Ifeoma", "Lindqvist", "ifeoma-lindqvist"),
    ("admin", "admin-demo", None, "Ada", "Min", None),
]


def ensure_demo_accounts():
    """Create or reset the demo logins; running it twice changes nothing."""
    groups = {group.name: group for group in Group.objects.filter(name__in=[EDITORS, MODERATORS])}
    users = []
    User = get_user_model()
    for username, password, group_name, first_name, last_name, profile in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first_name, last_name
        user.email = f"{username}@example.org"
        user.is_staff = True
        user.is_superuser = group_name is None
        if not user.check_password(password):
            user.set_password(password)
        user.save()
        if group_name:
            user.groups.set([groups[group_name]])
        if profile:
            Author.objects.filter(slug=profile, user=None).update(user=user)
        users.append(user)
    return users
