"""API keys: optional, for a partner who needs more than the anonymous limit.

A key is shown once, when it is issued; only its SHA-256 digest is stored
(a key is 32 random bytes, so a fast digest is as safe as a slow one and
lets each request find its key with one indexed lookup). Revoking a key
keeps its row, so the admin still shows who had it and when it was used.
"""

import datetime
import hashlib
import secrets
from typing import Self

from django.db import models
from django.utils import timezone

# The part of a key that names it in the admin and in support mail.
PREFIX_LENGTH = 8
KEY_START = "ch_"
# last_used_at is written at most this often per key: a busy key must not
# turn every request into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
# Requests per counting window (portal.serving.rate_limits.WINDOW_SECONDS).
DEFAULT_KEY_LIMIT = 6000


def digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet["ApiKey"]):
    def active(self) -> Self:
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    """A partner's key: who holds it, its limit, and when it was last used."""

    name = models.CharField(
        max_length=120, help_text="Who holds it: the surgery, app or service, as they call it."
    )
    contact = models.EmailField(blank=True, help_text="Whom to tell about changes to the API.")
    prefix = models.CharField(max_length=PREFIX_LENGTH, unique=True, editable=False)
    hashed_key = models.CharField(max_length=64, unique=True, editable=False)
    rate_limit = models.PositiveIntegerField(
        "requests per 10 minutes",
        default=DEFAULT_KEY_LIMIT,
        help_text="Anonymous clients get API_ANONYMOUS_LIMIT; a key usually gets more.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "API key"
        constraints = [
            models.CheckConstraint(condition=models.Q(rate_limit__gte=1), name="api_key_limit_set")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def issue(self) -> str:
        """Give this (unsaved or reissued) key a new secret; returns the
        key to hand over, which is never stored."""
        self.prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        raw = f"{KEY_START}{self.prefix}_{secrets.token_urlsafe(32)}"
        self.hashed_key = digest(raw)
        return raw

    @classmethod
    def for_key(cls, raw_key: str) -> "ApiKey | None":
        """The active key `raw_key` names, or None (one indexed query)."""
        if not raw_key.startswith(KEY_START) or len(raw_key) > 200:
            return None
        return cls.objects.active().filter(hashed_key=digest(raw_key)).first()

    def note_use(self, now: datetime.datetime | None = None) -> None:
        now = now or timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_RESOLUTION:
            type(self).objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            type(self).objects.filter(pk=self.pk).update(revoked_at=self.revoked_at)
