"""Limits on what sends mail (sign-up, password reset, a new confirmation
link), per client address and per email address, counted in the database
so every worker and instance shares them.

Sign-in itself is throttled by django-axes (settings.AXES_*): the member
log-in form goes through `authenticate()`, which axes watches.
"""

from __future__ import annotations

from django.http import HttpRequest

from portal.serving import rate_limits

WINDOW_SECONDS = rate_limits.WINDOW_SECONDS
PER_ADDRESS = 5  # mail-sending requests per client address per window
PER_EMAIL = 3  # mails to one email address per window


def too_many(request: HttpRequest, *, action: str, email: str = "") -> bool:
    """Count one `action` (e.g. "sign-up") from this client, and for `email`;
    True when either is over its limit for this window."""
    over = rate_limits.client_over_limit(request, f"members-{action}-ip", PER_ADDRESS)
    if email:
        over = rate_limits.over_limit(f"members-{action}-email", email.lower(), PER_EMAIL) or over
    return over
