"""The editorial workflow: who may move a content item from one state to
another, and what each move does. The only place that changes `status`.

    draft ──submit──> in review ──approve──> published ──unpublish──> draft
      ^                  │
      └─request changes──┘ (note required)        any ──archive──> archived
                                                   archived ──restore──> draft

Editors submit; moderators approve, request changes, unpublish and archive;
a superuser may do all. Nobody approves work they submitted or wrote, even
with a moderator's rights, unless they are a superuser.
"""

import datetime
from dataclasses import dataclass

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from portal.models import Author, ReviewEvent, Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    needs_publish_right: bool
    needs_note: bool = False


SUBMIT = Transition("submit", "Submit for review", (Status.DRAFT,), Status.IN_REVIEW, False)
APPROVE = Transition("approve", "Approve and publish", (Status.IN_REVIEW,), Status.PUBLISHED, True)
REQUEST_CHANGES = Transition(
    "request_changes", "Request changes", (Status.IN_REVIEW,), Status.DRAFT, True, needs_note=True
)
UNPUBLISH = Transition("unpublish", "Unpublish", (Status.PUBLISHED,), Status.DRAFT, True)
ARCHIVE = Transition(
    "archive", "Archive", (Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED), Status.ARCHIVED, True
)
RESTORE = Transition("restore", "Restore as draft", (Status.ARCHIVED,), Status.DRAFT, True)
TRANSITIONS = {t.name: t for t in (SUBMIT, APPROVE, REQUEST_CHANGES, UNPUBLISH, ARCHIVE, RESTORE)}


class WorkflowError(ValidationError):
    """A transition that cannot happen now (wrong state, missing note…)."""


def review_interval():
    return datetime.timedelta(days=settings.REVIEW_INTERVAL_DAYS)


def publish_permission(model):
    opts = model._meta
    return f"{opts.app_label}.publish_{opts.model_name}"


def last_submitter(item):
    """The user who last sent the item for review, or None."""
    event = (
        ReviewEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(item),
            object_id=item.pk,
            action=SUBMIT.name,
        )
        .select_related("actor")
        .first()
    )
    return event.actor if event else None


def is_own_work(user, item):
    """Did this user submit the item, or is it theirs as its author?"""
    if last_submitter(item) == user:
        return True
    if isinstance(item, Author):
        return item.user_id == user.pk
    return getattr(item.author, "user_id", None) == user.pk


def refusal(user, transition, item):
    """Why `user` may not apply `transition` to `item` now, or '' if they may."""
    model = type(item)
    opts = model._meta
    if not (user.is_active and user.is_staff):
        return "Only staff can change the state of content."
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return f"You may not change {opts.verbose_name_plural}."
    if item.status not in transition.sources:
        return (
            f"“{transition.label}” is not possible while it is {item.get_status_display().lower()}."
        )
    if transition.needs_publish_right:
        if not user.has_perm(publish_permission(model)):
            return f"Only moderators can {transition.label.lower()}."
        if transition is APPROVE and not user.is_superuser and is_own_work(user, item):
            return "You cannot approve your own work; another moderator must review it."
    return ""


def allowed_transitions(user, item):
    return [t for t in TRANSITIONS.values() if not refusal(user, t, item)]


def _check_ready_to_publish(item):
    if isinstance(item, Author):
        return
    if not item.medical_reviewer_id:
        raise WorkflowError("Choose a medical reviewer before approving.")
    if item.medical_reviewer_id == item.author_id:
        raise WorkflowError("The medical reviewer cannot be the author.")


@transaction.atomic
def apply_transition(*, item, user, name, note="", today=None):
    """Move `item` through the named transition as `user`; returns the event.

    Raises PermissionDenied when the user may not, WorkflowError when the
    item or the note is not right for it.
    """
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise WorkflowError(f"Unknown action “{name}”.")
    # Lock the row: two moderators pressing at once get one transition.
    item = type(item).objects.select_for_update().get(pk=item.pk)
    reason = refusal(user, transition, item)
    if reason:
        raise PermissionDenied(reason)
    note = note.strip()
    if transition.needs_note and not note:
        raise WorkflowError("Say what needs to change: a note is required.")
    if transition is APPROVE:
        _check_ready_to_publish(item)
    from_status = item.status
    item.status = transition.target
    changed = ["status", "updated_at"]
    if transition is APPROVE:
        today = today or timezone.localdate()
        item.published_at = item.published_at or timezone.now()
        changed.append("published_at")
        if not isinstance(item, Author):
            item.last_reviewed = today
            item.next_review_due = today + review_interval()
            changed += ["last_reviewed", "next_review_due"]
    with reversion.create_revision():
        item.save(update_fields=changed)
        reversion.set_user(user)
        reversion.set_comment(f"{transition.label}" + (f": {note}" if note else ""))
    return ReviewEvent.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        item_title=str(item),
        action=transition.name,
        from_status=from_status,
        to_status=transition.target,
        actor=user,
        note=note,
    )


def events_for(item):
    return ReviewEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).select_related("actor")
