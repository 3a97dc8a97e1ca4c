"""Following pages and being told when they are medically updated.

When the workflow writes a medical review's changes onto a live page (at
approval, or at their scheduled time) it sends `changes_approved`
(portal.editorial.signals), which MembersConfig.ready connects to
`on_changes_approved`: inside that transaction, so a rolled-back approval
tells no one. Each follower gets a
line in their tray; those who asked for email and confirmed their address
get it from one background task per approval, queued once the approval has
committed and sent over one connection, never from the approving request.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from portal.editorial import registry
from portal.editorial.staff_mail import failure_without_addresses
from portal.members.models import Follow, Notification, member_q, members
from portal.public.links import site_address
from portal.tasks import enqueue_with_transaction


def followable(kind_key: str, pk: int):
    """The published item of a followed kind, or None."""
    kind = registry.get(kind_key)
    if kind is None or not kind.followed:
        return None
    return kind.model.objects.published().filter(pk=pk).first()


def follow(*, member, item) -> None:
    """Save `item` to the member's pages (again is no error)."""
    content_type = ContentType.objects.get_for_model(item)
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(
                member=member, content_type=content_type, object_id=item.pk
            )
    except IntegrityError:
        pass  # the same press twice at once: it is saved


def unfollow(*, member, item) -> None:
    Follow.objects.of_item(item).filter(member=member).delete()


def followed_items(member) -> list:
    """The member's followed pages that are on the site, newest follow first:
    one query for the follows and one per kind."""
    follows = list(Follow.objects.filter(member=member).select_related("content_type"))
    wanted: dict[int, list[int]] = {}
    for follow_row in follows:
        wanted.setdefault(follow_row.content_type_id, []).append(follow_row.object_id)
    found = {}
    for kind in registry.kinds():
        if not kind.followed:
            continue
        content_type = ContentType.objects.get_for_model(kind.model)
        if ids := wanted.get(content_type.pk):
            for item in kind.model.objects.published().filter(pk__in=ids):
                found[(content_type.pk, item.pk)] = (kind, item)
    return [
        found[(row.content_type_id, row.object_id)]
        for row in follows
        if (row.content_type_id, row.object_id) in found
    ]


def summary(*, reviewer: str, day: datetime.date, clinical: tuple[str, ...]) -> str:
    """What changed, in one line: 'Reviewed by Dr X on 30 November 2026:
    symptom weights and advice changed.'"""
    when = f"{day.day} {day:%B %Y}"
    said = f"Reviewed by {reviewer} on {when}" if reviewer else f"Reviewed on {when}"
    if clinical:
        *before, last = clinical
        listed = f"{', '.join(before)} and {last}" if before else last
        return f"{said}: {listed} changed."
    return f"{said}: its medical advice is unchanged."


def on_changes_approved(
    *, item: Any, day: datetime.date, medical_review: bool, clinical: tuple[str, ...], **_: Any
) -> None:
    """`changes_approved`'s receiver: a medical review is news to the page's
    followers; other approved changes are not."""
    if medical_review:
        reviewer = getattr(item, "medical_reviewer", None)
        tell_followers(
            item=item, reviewer=reviewer.name if reviewer else "", day=day, clinical=clinical
        )


def tell_followers(*, item, reviewer: str, day: datetime.date, clinical: tuple[str, ...]) -> int:
    """Give each member following `item` a notification that it was
    medically reviewed (with `clinical`, the clinical changes, as a reader
    names them); returns how many. Call it inside the approval's transaction."""
    kind = registry.for_model(type(item))
    if not kind.followed:
        return 0
    follower_ids = list(
        members()
        .filter(
            follows__content_type=ContentType.objects.get_for_model(item),
            follows__object_id=item.pk,
        )
        .values_list("pk", "member_profile__email_opt_in", "member_profile__email_confirmed_at")
    )
    if not follower_ids:
        return 0
    line = summary(reviewer=reviewer, day=day, clinical=clinical)
    created = Notification.objects.bulk_create(
        Notification(
            member_id=pk, title=str(item)[:200], summary=line[:300], url=item.get_absolute_url()
        )
        for pk, _, _ in follower_ids
    )
    mailed = [pk for pk, opted_in, confirmed in follower_ids if opted_in and confirmed]
    if mailed:
        # On PostgreSQL bulk_create returns the ids; SQLite 3.35+ too.
        ids = [n.pk for n in created if n.member_id in set(mailed) and n.pk is not None]
        # With the approval, in its transaction: a worker killed just after
        # the commit loses no one's mail.
        enqueue_with_transaction(send_update_mail, notification_ids=ids)
    return len(created)


@task()
def send_update_mail(*, notification_ids: list[int]) -> int:
    """Mail each opted-in follower their notification: one message per
    member (no one sees another's address), one connection for them all.
    Returns how many were sent."""
    notifications = (
        Notification.objects.filter(
            member_q("member__"),
            pk__in=notification_ids,
            member__member_profile__email_opt_in=True,
            member__member_profile__email_confirmed_at__isnull=False,
        )
        .exclude(member__email="")
        .select_related("member")
    )
    settings_link = site_address(reverse("members:account"))
    messages = []
    for notification in notifications:
        body = render_to_string(
            "members/email/update.txt",
            {
                "notification": notification,
                "link": site_address(notification.url),
                "tray": site_address(reverse("members:notifications")),
                "settings_link": settings_link,
                "site_name": settings.SITE_NAME,
            },
        )
        subject = f"[{settings.SITE_NAME}] Updated: {notification.title}"
        messages.append(EmailMessage(subject, body, None, [notification.member.email]))
    if not messages:
        return 0
    # One connection for the whole batch (Django 6.1's mailers).
    with failure_without_addresses(f"The update mail of {len(messages)} members"):
        return mailers.default.send_messages(messages) or 0


def unfollow_missing(*, member, kind: str, pk: int) -> None:
    """Forget a follow of a page that is no longer on the site."""
    entry = registry.get(kind)
    if entry is not None:
        content_type = ContentType.objects.get_for_model(entry.model)
        Follow.objects.filter(member=member, content_type=content_type, object_id=pk).delete()
