"""Mail to the people a workflow step concerns: moderators when work is
submitted, its editors when it is approved or sent back.

The workflow decides who is concerned; this module writes and sends the
mail. Sending is a background task (Django's tasks framework; a database
queue worked by `manage.py db_worker`), queued with the transition
(`portal.tasks`): a rolled-back transition sends nothing, a crash just after
commit loses no mail, and a mail server that fails loses no transition,
only that mail (the failure is logged). The task
carries ids only (the event's and the recipients'): the addresses are read
when it runs, so the task table never holds one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.tasks import task

from portal.admin.links import admin_change_url_for
from portal.models import ReviewEvent
from portal.public.links import site_address
from portal.tasks import enqueue_with_transaction

logger = logging.getLogger(__name__)

SUBJECTS = {
    "submit": "“{title}” waits for review",
    "submit_changes": "Changes to “{title}” wait for review",
    "approve": "“{title}” is published",
    "approve_changes": "Your changes to “{title}” are live",
    "request_changes": "“{title}” was sent back to you",
    "return_changes": "Your changes to “{title}” were sent back",
    "unpublish": "“{title}” was taken off the site",
    "archive": "“{title}” was archived",
    "discard_changes": "The pending changes to “{title}” were discarded",
    "go_live_failed": "Approved changes to “{title}” could not go live",
}


def notify(event: ReviewEvent, recipients: Iterable[Any]) -> None:
    """Queue a mail about `event` to `recipients`, sent if the transition commits."""
    user_ids = sorted({user.pk for user in recipients if user is not None})
    if not user_ids or event.action not in SUBJECTS:
        return
    enqueue_with_transaction(send_event_mail, event_id=event.pk, user_ids=user_ids)


class MailNotSent(Exception):
    """A mail that was not sent, saying which mail and why, never to whom."""


@contextmanager
def failure_without_addresses(what: str) -> Iterator[None]:
    """Re-raise a failed send as MailNotSent naming `what` and the error's
    kind only. The task table keeps a failed task's traceback for days (and
    the worker logs it), and a mail server's refusal quotes the addresses."""
    try:
        yield
    except Exception as error:
        code = getattr(error, "smtp_code", None)
        reason = type(error).__name__ + (f" {code}" if code else "")
        raise MailNotSent(f"{what} was not sent: {reason}") from None


@task()
def send_event_mail(*, event_id: int, user_ids: list[int]) -> int:
    """Send the mail about one workflow event; returns how many it went to."""
    event = ReviewEvent.objects.select_related("actor", "content_type").get(pk=event_id)
    addresses = sorted(
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not addresses:
        return 0
    if event.actor or not event.action.startswith("go_live"):
        actor = event.actor_name
    else:
        actor = "The publishing schedule"
    link = site_address(admin_change_url_for(event.content_type, event.object_id))
    lines = [
        f"{actor}: {event.get_from_status_display()} → {event.get_to_status_display()}.",
        *([f"Their note: {event.note}"] if event.note else []),
        "",
        f"Open it: {link}",
        "",
        f"— {settings.SITE_NAME} editorial",
    ]
    subject = f"[{settings.SITE_NAME}] " + SUBJECTS[event.action].format(title=event.item_title)
    # Failing, the task is recorded and logged as failed, without addresses.
    with failure_without_addresses(f"The mail about review event {event_id}"):
        send_mail(subject, "\n".join(lines), None, addresses)
    return len(addresses)
