"""The editorial workflow: who may move a content item from one state to
another, what each move does, and how old versions come back. The only
place that changes `status` or the other workflow fields.

    draft ──submit──> in review ──approve──> published ──unpublish──> draft
      ^                  │
      └─request changes──┘ (note required)        any ──archive──> archived
                                                   archived ──restore──> draft

Editors submit; moderators approve, request changes, unpublish and archive;
a superuser may do all. Nobody approves work they submitted or wrote, even
with a moderator's rights, unless they are a superuser. Editors change
drafts only. Restoring an old version keeps the item's state; a recovered
item comes back as a draft.

Per-type differences are declared on the models (`Moderated`): whether an
item has review dates, who owns it, what blocks its approval.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from reversion.models import Version

from portal.models import Moderated, ReviewEvent, Status

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser
    from django.db.models import QuerySet

    type User = AbstractUser | AnonymousUser


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[Status, ...]
    target: Status
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
TRANSITIONS: dict[str, Transition] = {
    t.name: t for t in (SUBMIT, APPROVE, REQUEST_CHANGES, UNPUBLISH, ARCHIVE, RESTORE)
}


class WorkflowError(ValidationError):
    """A transition that cannot happen now (wrong state, missing note…)."""


def review_interval() -> datetime.timedelta:
    """How long a medical review holds before the item is due again."""
    return datetime.timedelta(days=settings.REVIEW_INTERVAL_DAYS)


def publish_permission(model: type[models.Model]) -> str:
    opts = model._meta
    return f"{opts.app_label}.publish_{opts.model_name}"


def _permission(model: type[models.Model], action: str) -> str:
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def may_publish(user: User, model: type[models.Model]) -> bool:
    return user.has_perm(publish_permission(model))


def may_edit(user: User, item: Moderated) -> bool:
    """May `user` change this item's content? Editors change drafts only: what
    is in review, live or archived is the moderators'."""
    model = type(item)
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(_permission(model, "change"))
        and (item.status == Status.DRAFT or may_publish(user, model))
    )


def events_for(item: Moderated) -> QuerySet[ReviewEvent]:
    return ReviewEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).select_related("actor")


def last_submitter(item: Moderated) -> Any:
    """The user who last sent the item for review, or None."""
    event = events_for(item).filter(action=SUBMIT.name).first()
    return event.actor if event else None


def is_own_work(user: User, item: Moderated) -> bool:
    """Did this user submit the item, or is it theirs (its author, their bio)?"""
    return last_submitter(item) == user or item.is_owned_by(user)


def refusal(user: User, transition: Transition, item: Moderated) -> str:
    """Why `user` may not apply `transition` to `item` now, or '' if they may."""
    model = type(item)
    if not (user.is_active and user.is_staff):
        return "Only staff can change the state of content."
    if not user.has_perm(_permission(model, "change")):
        return f"You may not change {model._meta.verbose_name_plural}."
    if item.status not in transition.sources:
        return (
            f"“{transition.label}” is not possible while it is {item.get_status_display().lower()}."
        )
    if transition.needs_publish_right:
        if not may_publish(user, model):
            return f"Only moderators can {transition.label.lower()}."
        if transition is APPROVE and not user.is_superuser and is_own_work(user, item):
            return "You cannot approve your own work; another moderator must review it."
    return ""


def allowed_transitions(user: User, item: Moderated) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if not refusal(user, t, item)]


def _record(
    *, item: Moderated, user: Any, action: str, from_status: str, to_status: str, note: str = ""
) -> ReviewEvent:
    return ReviewEvent.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        item_title=str(item),
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=user,
        note=note,
    )


@transaction.atomic
def apply_transition(
    *,
    item: Moderated,
    user: User,
    name: str,
    note: str = "",
    today: datetime.date | None = None,
) -> ReviewEvent:
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
    if transition is APPROVE and (problems := item.publish_problems()):
        raise WorkflowError(problems)
    from_status = item.status
    item.status = transition.target
    changed = ["status", "updated_at"]
    if transition is APPROVE:
        today = today or timezone.localdate()
        item.published_at = item.published_at or timezone.now()
        changed.append("published_at")
        changed += item.mark_reviewed(today, review_interval())
    with reversion.create_revision():
        item.save(update_fields=changed)
        reversion.set_user(user)
        reversion.set_comment(f"{transition.label}" + (f": {note}" if note else ""))
    return _record(
        item=item,
        user=user,
        action=transition.name,
        from_status=from_status,
        to_status=transition.target,
        note=note,
    )


# Restoring and recovering versions ------------------------------------------


def _parts(model: type[Moderated]) -> dict[type[models.Model], models.ForeignKey[Any, Any]]:
    """{part model: its foreign key to the item} for the model's declared parts."""
    parts: dict[type[models.Model], models.ForeignKey[Any, Any]] = {}
    for name in model.parts:
        relation = model._meta.get_field(name)
        if not (
            isinstance(relation, models.ManyToOneRel)
            and isinstance(relation.field, models.ForeignKey)
        ):
            raise TypeError(f"{model.__name__}.{name} is not a reverse foreign key.")
        parts[relation.field.model] = relation.field
    return parts


def _own_versions(version: Version, model: type[Moderated], object_id: Any) -> list[Version]:
    """The item's version and its parts' versions from the same revision: a
    revision may hold other items too, and they must stay as they are."""
    parts = _parts(model)
    own = [version]
    for other in version.revision.version_set.exclude(pk=version.pk):
        link = parts.get(other._model)
        if link and str(other.field_dict.get(link.attname)) == str(object_id):
            own.append(other)
    return own


def _write_versions(versions: Sequence[Version], model: type[Moderated], object_id: Any) -> None:
    """Write the item (first) and exactly the parts these versions hold."""
    versions[0].revert()
    kept = {(v._model, str(v.object_id)) for v in versions[1:]}
    for part_model, link in _parts(model).items():
        current = part_model._default_manager.filter(**{link.name: object_id})
        stale = [row.pk for row in current if (part_model, str(row.pk)) not in kept]
        current.filter(pk__in=stale).delete()
    for part in versions[1:]:
        part.revert()


def _check_version(version: Version, model: type[Moderated], object_id: Any = None) -> None:
    if version.content_type_id != ContentType.objects.get_for_model(model).pk or (
        object_id is not None and str(version.object_id) != str(object_id)
    ):
        raise WorkflowError("That version belongs to another item.")


def _save_restored(
    *, model: type[Moderated], pk: Any, state: dict[str, Any], user: User, comment: str
) -> Moderated:
    # The version wrote its own workflow fields; the workflow's win.
    model.objects.filter(pk=pk).update(**state, updated_at=timezone.now())
    restored = model.objects.get(pk=pk)
    reversion.add_to_revision(restored)
    reversion.set_user(user)
    reversion.set_comment(comment)
    return restored


@transaction.atomic
def restore_version(*, item: Moderated, version: Version, user: User) -> Moderated:
    """Bring back an old version of `item`'s content (fields, relations and
    parts) as a new version. Its state and review dates stay as they are now.
    """
    model = type(item)
    _check_version(version, model, item.pk)
    current = model.objects.select_for_update().get(pk=item.pk)
    if not may_edit(user, current):
        raise PermissionDenied("You may not change this item.")
    state = {name: getattr(current, name) for name in model.workflow_fields}
    when = timezone.localtime(version.revision.date_created)
    with reversion.create_revision():
        _write_versions(_own_versions(version, model, item.pk), model, item.pk)
        return _save_restored(
            model=model,
            pk=item.pk,
            state=state,
            user=user,
            comment=f"Restored the version of {when:%d %B %Y %H:%M}",
        )


@transaction.atomic
def recover_deleted(*, model: type[Moderated], version: Version, user: User) -> Moderated:
    """Bring a deleted item back, with its parts, as an unreviewed draft."""
    _check_version(version, model)
    if model.objects.filter(pk=version.object_id).exists():
        raise WorkflowError("That item has not been deleted.")
    if not (user.is_active and user.is_staff and user.has_perm(_permission(model, "add"))):
        raise PermissionDenied("You may not recover deleted items of this kind.")
    state: dict[str, Any] = dict.fromkeys(model.workflow_fields)
    state["status"] = Status.DRAFT
    with reversion.create_revision():
        _write_versions(_own_versions(version, model, version.object_id), model, version.object_id)
        recovered = _save_restored(
            model=model,
            pk=version.object_id,
            state=state,
            user=user,
            comment="Recovered after deletion, as a draft",
        )
    _record(
        item=recovered,
        user=user,
        action="recover",
        from_status=Status.DRAFT,
        to_status=Status.DRAFT,
        note="Recovered after deletion.",
    )
    return recovered
