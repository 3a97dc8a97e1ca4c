"""Sign-in throttling: how django-axes counts failures, what a success
clears, and what a throttled sign-in sees.

Two counts, kept apart (settings.AXES_*; the README says why):

- **The address.** AXES_FAILURE_LIMIT failures from one client address,
  against any names, pause sign-in from that address for AXES_COOLOFF_TIME
  after its last failure (django-axes's own count, on "ip_address").
- **The name.** Failures against one name from every address, over the last
  day, never lock it: after AXES_FAILURE_LIMIT of them each further try
  waits twice as long as the one before (1, 2, 4, 8 minutes … at most
  AXES_COOLOFF_TIME), so a stranger cannot keep the owner out for long, and
  guessing from many addresses gets a few tries an hour, not hundreds. An
  address from which the name has signed in (within TRUSTED_FOR) does not
  wait for it at all: the owner's usual devices stay open while strangers
  guess elsewhere.

A success clears only the failures of its own (name, address) pair: a log-in
to an account the guesser made cannot wipe the failures they ran up against
another (before, it cleared the whole address and the whole name).

Failures are remembered one by one in django-axes's AccessFailureLog for
NAME_MEMORY, then deleted.
"""

from __future__ import annotations

import datetime
import logging
import math
from typing import Any

from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db.models import Count, Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

log = logging.getLogger(__name__)

# How long failures against a name count towards its delay.
NAME_MEMORY = datetime.timedelta(days=1)
# The first delay once a name has had AXES_FAILURE_LIMIT failures; it doubles
# with each further failure, up to AXES_COOLOFF_TIME.
FIRST_DELAY = datetime.timedelta(minutes=1)
# An address from which a name signed in this recently skips the name's delay.
TRUSTED_FOR = datetime.timedelta(days=30)

NO_WAIT = datetime.timedelta(0)


def _now(request: Any) -> datetime.datetime:
    return getattr(request, "axes_attempt_time", None) or timezone.now()


class SignInHandler(AxesDatabaseHandler):
    """django-axes's database handler with the counts described above."""

    def is_locked(self, request: Any, credentials: dict | None = None) -> bool:
        if not settings.AXES_LOCK_OUT_AT_FAILURE:
            return False
        return self.wait(request, credentials) > NO_WAIT

    def wait(self, request: Any, credentials: dict | None = None) -> datetime.timedelta:
        """How long this sign-in must wait: the longer of the address's
        pause and the name's delay."""
        return max(self.address_wait(request, credentials), self.name_wait(request, credentials))

    def address_wait(self, request: Any, credentials: dict | None = None) -> datetime.timedelta:
        waits = [NO_WAIT]
        # One queryset per lockout parameter, each holding only the attempts
        # of the last AXES_COOLOFF_TIME.
        for attempts in self.get_user_attempts(request, credentials):
            found = attempts.aggregate(
                failures=Sum("failures_since_start"), last=Max("attempt_time")
            )
            if (found["failures"] or 0) >= settings.AXES_FAILURE_LIMIT:
                waits.append(found["last"] + settings.AXES_COOLOFF_TIME - _now(request))
        return max(waits)

    def name_wait(self, request: Any, credentials: dict | None = None) -> datetime.timedelta:
        username = get_client_username(request, credentials)
        if not username:
            return NO_WAIT
        now = _now(request)
        found = AccessFailureLog.objects.filter(
            username=username, attempt_time__gte=now - NAME_MEMORY
        ).aggregate(failures=Count("id"), last=Max("attempt_time"))
        over = found["failures"] - settings.AXES_FAILURE_LIMIT
        if over < 0 or self.is_trusted(request, username):
            return NO_WAIT
        # The cap binds after a few doublings; the exponent is bounded so a
        # name guessed a thousand times does not make a huge number.
        delay = min(FIRST_DELAY * 2 ** min(over, 16), settings.AXES_COOLOFF_TIME)
        return max(NO_WAIT, found["last"] + delay - now)

    def is_trusted(self, request: Any, username: str) -> bool:
        return AccessLog.objects.filter(
            username=username,
            ip_address=request.axes_ip_address,
            attempt_time__gte=_now(request) - TRUSTED_FOR,
        ).exists()

    def reset_user_attempts(self, request: Any, credentials: dict | None = None) -> int:
        """After a success (AXES_RESET_ON_SUCCESS): forget the failures of
        this name from this address, and nothing else."""
        pair = {
            "username": get_client_username(request, credentials),
            "ip_address": request.axes_ip_address,
        }
        count, _ = AccessAttempt.objects.filter(**pair).delete()
        AccessFailureLog.objects.filter(**pair).delete()
        return count

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        # A try refused while waiting is not counted (with
        # AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT off): knocking on
        # the door does not make the wait longer.
        refused = request is None or getattr(request, "axes_locked_out", False)
        super().user_login_failed(sender, credentials, request, **kwargs)
        if refused:
            return
        AccessFailureLog.objects.filter(attempt_time__lt=_now(request) - NAME_MEMORY).delete()
        username = get_client_username(request, credentials)
        failures = AccessFailureLog.objects.filter(
            username=username, attempt_time__gte=_now(request) - NAME_MEMORY
        ).count()
        if failures == settings.AXES_FAILURE_LIMIT:
            # Like django-axes's own lockout line: no name, no address.
            log.warning("Delaying sign-in to one account name after %d failures.", failures)


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The same page whether or not the account exists: it names no account
    and says only how long to wait."""
    wait = SignInHandler().wait(request, credentials) or settings.AXES_COOLOFF_TIME
    seconds = max(1, math.ceil(wait.total_seconds()))
    response = render(
        request,
        "registration/locked_out.html",
        {"minutes": math.ceil(seconds / 60)},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response
