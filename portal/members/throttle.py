"""Limits on what sends mail (sign-up, password reset, a new confirmation
link), per client address and per email address, counted in the database
so every worker and instance shares them.

Sign-in itself is throttled by django-axes (settings.AXES_*): the member
log-in form goes through `authenticate()`, which axes watches.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest

from portal.models import RateCounter
from portal.serving.client_address import client_ip

# The same window as the feedback limit (portal.feedback.views): each clears the
# windows before its own, so both must count in windows of one length.
WINDOW_SECONDS = RateCounter.WINDOW_SECONDS
PER_ADDRESS = 5  # mail-sending requests per client address per window
PER_EMAIL = 3  # mails to one email address per window


def _key(kind: str, value: str) -> str:
    # Hashed with the secret: the table never holds an address, IP or email.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{kind}:{value}".encode()).hexdigest()[:32]
    return f"members-{kind}:{digest}"


def too_many(request: HttpRequest, *, action: str, email: str = "") -> bool:
    """Count one `action` (e.g. "sign-up") from this client, and for `email`;
    True when either is over its limit for this window."""
    # As sign-in throttling reads it: behind TRUSTED_PROXY_COUNT proxies,
    # the client's address, not the nearest proxy's.
    address = client_ip(request)
    over = RateCounter.count_one(_key(f"{action}-ip", address)) > PER_ADDRESS
    if email:
        over = RateCounter.count_one(_key(f"{action}-email", email.lower())) > PER_EMAIL or over
    return over
