"""The editorial workflow: who may move a content item from one state to
another, what each move does, and how old versions come back. The only
place that changes `status` or the other workflow fields.

    draft ──submit──> in review ──approve──> published ──unpublish──> draft
      ^                  │
      └─request changes──┘ (note required)        any ──archive──> archived
                                                   archived ──restore──> draft

A published item is never edited in place: edits go to its one pending
draft (portal.editorial.drafts), which goes through the same steps:

    changes ──submit changes──> in review ──approve changes──> written live
       ^                          │
       └──────request changes─────┘ (note required)   either ──discard──> gone

Editors submit; moderators approve, request changes, unpublish and archive;
a superuser may do all. Nobody approves work they submitted, wrote or
edited, even with a moderator's rights, unless they are a superuser (and
that is recorded). Editors change drafts, including drafts of live pages
they started. Restoring an old version keeps the item's state (for a live
item, it becomes the pending draft); a recovered item comes back as a draft.

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
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from reversion.models import Version

from portal.editorial import diff, drafts, registry, signals, staff_mail
from portal.models import Draft, Moderated, ReviewEvent, Status, area_label, staff_name

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser
    from django.db.models import QuerySet

    type User = AbstractUser | AnonymousUser


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    # The states it starts from: the item's, or its draft's when on_draft.
    sources: tuple[Status, ...]
    target: Status
    needs_publish_right: bool
    needs_note: bool = False
    on_draft: bool = False
    # Moves work towards the site: offered as the main button.
    primary: bool = False


SUBMIT = Transition(
    "submit", "Submit for review", (Status.DRAFT,), Status.IN_REVIEW, False, primary=True
)
APPROVE = Transition(
    "approve", "Approve and publish", (Status.IN_REVIEW,), Status.PUBLISHED, True, primary=True
)
REQUEST_CHANGES = Transition(
    "request_changes", "Request changes", (Status.IN_REVIEW,), Status.DRAFT, True, needs_note=True
)
UNPUBLISH = Transition("unpublish", "Unpublish", (Status.PUBLISHED,), Status.DRAFT, True)
ARCHIVE = Transition(
    "archive", "Archive", (Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED), Status.ARCHIVED, True
)
RESTORE = Transition("restore", "Restore as draft", (Status.ARCHIVED,), Status.DRAFT, True)
SUBMIT_CHANGES = Transition(
    "submit_changes",
    "Submit changes for review",
    (Status.DRAFT,),
    Status.IN_REVIEW,
    False,
    on_draft=True,
    primary=True,
)
APPROVE_CHANGES = Transition(
    "approve_changes",
    "Approve and publish changes",
    (Status.IN_REVIEW,),
    Status.PUBLISHED,
    True,
    on_draft=True,
    primary=True,
)
RETURN_CHANGES = Transition(
    "return_changes",
    "Request changes",
    # From scheduled too: the way to stop approved changes before their time.
    (Status.IN_REVIEW, Status.PUBLISHED),
    Status.DRAFT,
    True,
    needs_note=True,
    on_draft=True,
)
DISCARD_CHANGES = Transition(
    "discard_changes",
    "Discard the pending changes",
    (Status.DRAFT, Status.IN_REVIEW),
    Status.PUBLISHED,
    False,
    on_draft=True,
)
TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        SUBMIT,
        APPROVE,
        REQUEST_CHANGES,
        UNPUBLISH,
        ARCHIVE,
        RESTORE,
        SUBMIT_CHANGES,
        APPROVE_CHANGES,
        RETURN_CHANGES,
        DISCARD_CHANGES,
    )
}
# What a submission and an approval are called for each kind of subject.
SUBMISSIONS = (SUBMIT.name, SUBMIT_CHANGES.name)


class WorkflowError(ValidationError):
    """A transition that cannot happen now (wrong state, missing note…)."""


def review_interval() -> datetime.timedelta:
    """How long a medical review holds before the item is due again."""
    return datetime.timedelta(days=settings.REVIEW_INTERVAL_DAYS)


def publish_permission(model: type[models.Model]) -> str:
    return _permission(model, "publish")


def _permission(model: type[models.Model], action: str) -> str:
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def may_publish(user: User, model: type[models.Model]) -> bool:
    return user.has_perm(publish_permission(model))


# "Look the pending draft up yourself": callers that already hold it (or know
# there is none) pass it, so one page asks the database once.
LOOK_UP: Any = object()


def _pending(item: Moderated, draft: Any) -> Draft | None:
    return drafts.pending(item) if draft is LOOK_UP else draft


def may_edit(user: User, item: Moderated, draft: Any = LOOK_UP) -> bool:
    """May `user` change this item's content (for a live item, its draft)?

    Editors change drafts, and start or continue the draft of a live page;
    a live page's draft started by someone else, or one in review, is the
    moderators'. What is in review or archived is the moderators' too.
    """
    model = type(item)
    if not (user.is_active and user.is_staff and user.has_perm(_permission(model, "change"))):
        return False
    if item.status == Status.PUBLISHED:
        draft = _pending(item, draft)
        if draft is not None and draft.is_scheduled:
            return False  # approved as it stands; sending it back reopens it
        if may_publish(user, model):
            return True
        return draft is None or (draft.status == Status.DRAFT and draft.created_by_id == user.pk)
    return item.status == Status.DRAFT or may_publish(user, model)


def draft_notice(user: User, item: Moderated, draft: Draft | None) -> str:
    """Why `user` cannot change a live item's draft, or '' when they can."""
    if draft is None or may_edit(user, item, draft):
        return ""
    if draft.is_scheduled:
        when = timezone.localtime(draft.go_live_at)
        return (
            f"Changes to this live page are approved and go live at {when:%H:%M on %d %B %Y}. "
            "To change them first, a moderator requests changes, which stops the schedule."
        )
    if draft.status == Status.IN_REVIEW:
        return "Changes to this live page are in review; only moderators can change them now."
    holder = staff_name(draft.created_by)
    when = timezone.localtime(draft.created_at)
    return (
        f"{holder} started a draft of this live page at {when:%H:%M on %d %B %Y}; only they "
        "or a moderator can change it. Ask them, or wait until it has been reviewed."
    )


def events_for(item: Moderated) -> QuerySet[ReviewEvent]:
    return ReviewEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).select_related("actor")


# Steps whose note is written by a person for the next one to read.
NOTED_STEPS = frozenset({"submit", "submit_changes", "request_changes", "return_changes"})


def latest_note(events: Sequence[ReviewEvent]) -> ReviewEvent | None:
    """The newest submission or sending back with a note, from `events`
    (newest first): what the reviewer, or the editor, reads first."""
    return next((e for e in events if e.action in NOTED_STEPS and e.note.strip()), None)


def last_submitter(item: Moderated, transition: Transition = SUBMIT) -> Any:
    """The user who last sent the item (or its changes) for review, or None."""
    event = events_for(item).filter(action=transition.name).first()
    return event.actor if event else None


def is_own_work(user: User, item: Moderated) -> bool:
    """Did this user submit, create or edit the item, or is it theirs (its
    author, their bio)?"""
    return (
        last_submitter(item) == user
        or item.is_owned_by(user)
        or (user.pk is not None and events_for(item).filter(action=EDIT, actor_id=user.pk).exists())
    )


EDIT = "edit"


def record_edit(*, item: Moderated, user: User, fields: Sequence[str], new: bool) -> ReviewEvent:
    """Write a direct edit of an item that is not live into its review
    history: who changed what inside a review."""
    named = ", ".join(
        str(getattr(item._meta.get_field(name), "verbose_name", name))
        for name in fields
        if name in {f.name for f in item._meta.get_fields()}
    )
    note = "Created." if new else (f"Changed {named}." if named else "Saved.")
    return _record(
        item=item,
        user=user,
        action=EDIT,
        from_status=item.status,
        to_status=item.status,
        note=note,
    )


def is_own_change(user: User, item: Moderated, draft: Draft) -> bool:
    """Did this user edit or submit the draft, or is the page theirs?"""
    return (
        (user.pk is not None and any(editor.pk == user.pk for editor in _editors(draft)))
        or _changes_submitter(item, draft) == user
        or item.is_owned_by(user)
    )


def _editors(draft: Draft) -> list[Any]:
    """Everyone whose edits the draft holds, read once per loaded draft (an
    approval asks who may not approve it, then whom to tell)."""
    models.prefetch_related_objects([draft], "editors")
    return list(draft.editors.all())


def _changes_submitter(item: Moderated, draft: Draft) -> Any:
    """Who sent the item's changes for review, read once per loaded draft."""
    if _SUBMITTER not in draft.__dict__:
        draft.__dict__[_SUBMITTER] = last_submitter(item, SUBMIT_CHANGES)
    return draft.__dict__[_SUBMITTER]


_SUBMITTER = "_changes_submitter"


# One branch per rule of who may do what, in the order they are checked; split
# across functions, that order would be harder to read, not easier.
def refusal(  # noqa: C901
    user: User, transition: Transition, item: Moderated, draft: Any = LOOK_UP
) -> str:
    """Why `user` may not apply `transition` to `item` now, or '' if they may."""
    model = type(item)
    if not (user.is_active and user.is_staff):
        return "Only staff can change the state of content."
    if not user.has_perm(_permission(model, "change")):
        return f"You may not change {model._meta.verbose_name_plural}."
    if transition.on_draft:
        return _draft_refusal(user, transition, item, draft)
    if item.status not in transition.sources:
        return (
            f"“{transition.label}” is not possible while it is {item.get_status_display().lower()}."
        )
    if transition.needs_publish_right:
        if not may_publish(user, model):
            return f"Only moderators can {transition.label.lower()}."
        if transition is APPROVE and not user.is_superuser and is_own_work(user, item):
            return "You cannot approve your own work; another moderator must review it."
        if transition is APPROVE and item.medically_reviewed and not _may_sign_off(user, item):
            return (
                "A page's first approval is its medical review: only a clinician "
                "(an author marked as medical reviewer) can approve it."
            )
        if (
            transition is APPROVE
            and getattr(item, "identity_fields", None)
            and getattr(item, "is_medical_reviewer", False)
            and not may_vouch(user, item)
        ):
            return VOUCH_REFUSAL
        if transition is APPROVE and item.clinical_sign_off and clinician_profile(user) is None:
            kind = str(model._meta.verbose_name_plural).capitalize()
            return (
                f"{kind} are clinical: only a clinician (an author marked as medical reviewer) "
                "can approve them."
            )
    return ""


def _draft_refusal(user: User, transition: Transition, item: Moderated, draft: Any) -> str:
    draft = _pending(item, draft) if item.status == Status.PUBLISHED else None
    if draft is None:
        return "This page has no pending changes."
    if draft.status not in transition.sources:
        state = draft.get_status_display().lower()
        return f"“{transition.label}” is not possible while the changes are {state}."
    if transition.needs_publish_right:
        if not may_publish(user, type(item)):
            return f"Only moderators can {transition.label.lower()}."
        if (
            transition is APPROVE_CHANGES
            and not user.is_superuser
            and is_own_change(user, item, draft)
        ):
            return "You cannot approve changes you made or submitted; another moderator must."
    elif not may_edit(user, item, draft):
        return draft_notice(user, item, draft) or "You may not change these changes."
    return ""


def allowed_transitions(user: User, item: Moderated, draft: Any = LOOK_UP) -> list[Transition]:
    if draft is LOOK_UP:
        draft = drafts.pending(item) if drafts.edits_go_to_draft(item) else None
    return [t for t in TRANSITIONS.values() if not refusal(user, t, item, draft)]


def offered_transitions(user: User, item: Moderated, draft: Any = LOOK_UP) -> list[Transition]:
    """What the change form offers: the allowed transitions, and for a live
    page without a draft yet, submitting the changes the form is about to
    save as one."""
    if draft is LOOK_UP:
        draft = drafts.pending(item) if drafts.edits_go_to_draft(item) else None
    offered = allowed_transitions(user, item, draft)
    if drafts.edits_go_to_draft(item) and draft is None and may_edit(user, item, None):
        offered.insert(0, SUBMIT_CHANGES)
    # The way forward first, sending back next, taking away last.
    return sorted(offered, key=lambda t: (not t.primary, not t.needs_note))


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
def apply_transition(  # noqa: C901 (each check is a step of one transaction)
    *,
    item: Moderated,
    user: User,
    name: str,
    note: str = "",
    today: datetime.date | None = None,
    medical_review: bool = False,
    go_live_at: datetime.datetime | None = None,
    expires_at: datetime.datetime | None = None,
    shown_draft: Draft | None = None,
) -> ReviewEvent:
    """Move `item` (or its pending draft) through the named transition as
    `user`; returns the event.

    `shown_draft` is the pending draft as `user` was shown it: if it has
    been saved again since, the transition is refused, so no one approves
    changes they have not seen.

    `medical_review` marks an approval of changes as a full medical review
    by the approving clinician: only then do the review dates move. An
    approval of a new item may carry a go-live time, and any approval an
    expiry; `run_schedule` acts on them when they come.
    Raises PermissionDenied when the user may not, WorkflowError when the
    item or the note is not right for it.
    """
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise WorkflowError(f"Unknown action “{name}”.")
    # Lock the row: two moderators pressing at once get one transition. The
    # rows it points to (its author, its reviewer) come with it: the checks
    # ask who they are.
    model = type(item)
    locked = model.objects.select_for_update(of=("self",))
    if pointed_to := [field.name for field in model._meta.concrete_fields if field.is_relation]:
        locked = locked.select_related(*pointed_to)
    item = locked.get(pk=item.pk)
    # Read once, locked, for the checks and the move alike.
    draft = drafts.pending(item, lock=True) if drafts.edits_go_to_draft(item) else None
    if shown_draft is not None and (
        draft is None or (draft.pk, draft.updated_at) != (shown_draft.pk, shown_draft.updated_at)
    ):
        raise WorkflowError(
            "The pending changes were saved again after you opened them: look at them "
            "again before acting on them."
        )
    reason = refusal(user, transition, item, draft)
    if reason:
        raise PermissionDenied(reason)
    note = note.strip()
    if transition.needs_note and not note:
        raise WorkflowError("Say what needs to change: a note is required.")
    today = today or timezone.localdate()
    _check_schedule(transition, go_live_at, expires_at)
    if transition in (APPROVE, APPROVE_CHANGES) and expires_at:
        item.expires_at = expires_at
        item.save(update_fields=["expires_at"])
    if transition.on_draft:
        if draft is None:  # refused above; said again for the type checker
            raise WorkflowError("This page has no pending changes.")
        return _move_draft(
            item=item,
            draft=draft,
            transition=transition,
            user=user,
            note=note,
            today=today,
            medical_review=medical_review,
            go_live_at=go_live_at,
        )
    if transition in (UNPUBLISH, ARCHIVE) and draft:
        # The page leaves the site; its pending edits become its working copy.
        item = drafts.write(type(item), item.pk, draft.content)
        draft.delete()
    changed = ["status", "updated_at"]
    if transition is APPROVE and item.medically_reviewed:
        # The first publication is a whole-page review by the approver.
        changed += _sign_off(user, item)
    if transition is APPROVE:
        changed += _vouch(user, item)
    concerned = _concerned(transition, item)
    from_status = item.status
    item.status = transition.target
    if transition is APPROVE:
        item.published_at = go_live_at or item.published_at or timezone.now()
        item.go_live_at = go_live_at
        changed += ["published_at", "go_live_at"]
        changed += item.mark_reviewed(today, review_interval())
        # Checked with the review's date set: a source read after it is refused.
        if problems := item.publish_problems():
            raise WorkflowError(problems)
    with reversion.create_revision():
        item.save(update_fields=changed)
        reversion.set_user(user)
        reversion.set_comment(f"{transition.label}" + (f": {note}" if note else ""))
    return _announce(item, user, transition, from_status, note, concerned)


def _announce(
    item: Moderated,
    user: User,
    transition: Transition,
    from_status: str,
    note: str,
    concerned: list[Any],
) -> ReviewEvent:
    """Record the step and tell the people it concerns (not the one who took it)."""
    event = _record(
        item=item,
        user=user,
        action=transition.name,
        from_status=from_status,
        to_status=transition.target,
        note=note,
    )
    staff_mail.notify(event, [u for u in concerned if u != user])
    return event


def _check_schedule(
    transition: Transition,
    go_live_at: datetime.datetime | None,
    expires_at: datetime.datetime | None,
) -> None:
    now = timezone.now()
    if go_live_at and transition not in (APPROVE, APPROVE_CHANGES):
        raise WorkflowError("A go-live time is set when approving.")
    if expires_at and transition not in (APPROVE, APPROVE_CHANGES):
        raise WorkflowError("An expiry is set when approving.")
    if go_live_at and go_live_at <= now:
        raise WorkflowError("Choose a go-live time in the future, or leave it empty.")
    if expires_at and expires_at <= (go_live_at or now):
        raise WorkflowError("The expiry must come after the page goes live.")


@dataclass(frozen=True)
class ScheduleRun:
    went_live: list[Moderated]
    expired: list[Moderated]


def run_schedule(*, now: datetime.datetime | None = None) -> ScheduleRun:
    """Put live what has reached its go-live time and take off what has
    expired. Safe to run as often as cron likes: each item is handled once,
    under a row lock, and a second run finds nothing to do."""
    now = now or timezone.now()
    run = ScheduleRun(went_live=[], expired=[])
    for kind in registry.kinds():
        run.went_live.extend(_when_due(kind.model, "go_live_at", now, _go_live))
        run.went_live.extend(_changes_due(kind.model, now))
        run.expired.extend(_when_due(kind.model, "expires_at", now, _expire))
    return run


def _changes_due(model: type[Moderated], now: datetime.datetime) -> list[Moderated]:
    """Write live the approved changes whose time has come, one at a time."""
    content_type = ContentType.objects.get_for_model(model)
    due = {"content_type": content_type, "status": Status.PUBLISHED, "go_live_at__lte": now}
    done = []
    for pk in Draft.objects.filter(**due).values_list("pk", flat=True):
        with transaction.atomic():
            # Another run may have got there first.
            draft = Draft.objects.select_for_update().filter(pk=pk, **due).first()
            if draft is None:
                continue
            live = model.objects.select_for_update().filter(pk=draft.object_id).first()
            if live is not None:
                done.append(_changes_go_live(live, draft, timezone.localdate(now)))
    return done


def _changes_go_live(item: Moderated, draft: Draft, today: datetime.date) -> Moderated:
    """Publish scheduled changes; if that is no longer possible (a cited
    source has gone, the approver has left), they go back to review."""
    approver = draft.approved_by
    try:
        with transaction.atomic():
            if approver is None or not approver.is_active:
                raise WorkflowError("the moderator who approved them no longer has an account.")
            live = _publish_changes(
                item=item,
                draft=draft,
                user=approver,
                today=today,
                medical_review=draft.medical_review,
            )
    except WorkflowError as error:
        draft.status, draft.go_live_at, draft.approved_by = Status.IN_REVIEW, None, None
        draft.save(update_fields=["status", "go_live_at", "approved_by", "updated_at"])
        event = _record(
            item=item,
            user=None,
            action="go_live_failed",
            from_status=Status.PUBLISHED,
            to_status=Status.IN_REVIEW,
            note=f"The approved changes could not go live and are back in review: {_reason(error)}",
        )
        staff_mail.notify(event, list(moderators_of(type(item))))
        return item
    _record(
        item=live,
        user=None,
        action="go_live",
        from_status=Status.PUBLISHED,
        to_status=Status.PUBLISHED,
        note="Approved changes went live at their scheduled time.",
    )
    return live


def _reason(error: ValidationError) -> str:
    return " ".join(error.messages)


def _when_due(
    model: type[Moderated], field: str, now: datetime.datetime, act: Any
) -> list[Moderated]:
    """Apply `act` to each live item whose `field` time has come, one at a time."""
    due = {f"{field}__lte": now, "status": Status.PUBLISHED}
    done = []
    for pk in model.objects.filter(**due).values_list("pk", flat=True):
        with transaction.atomic():
            # Another run may have got there first.
            item = model.objects.select_for_update().filter(pk=pk, **due).first()
            if item is not None:
                act(item)
                done.append(item)
    return done


def _go_live(item: Moderated) -> None:
    item.go_live_at = None
    # The save empties the page cache, so lists pick the page up.
    item.save(update_fields=["go_live_at", "updated_at"])
    _record(
        item=item,
        user=None,
        action="go_live",
        from_status=Status.PUBLISHED,
        to_status=Status.PUBLISHED,
        note="Went live at its scheduled time.",
    )


def _expire(item: Moderated) -> None:
    item.status, item.expires_at = Status.ARCHIVED, None
    item.save(update_fields=["status", "expires_at", "updated_at"])
    _record(
        item=item,
        user=None,
        action="expire",
        from_status=Status.PUBLISHED,
        to_status=Status.ARCHIVED,
        note="Came off the site at its expiry time.",
    )


def moderators_of(model: type[models.Model]) -> QuerySet[Any]:
    """Active staff who may publish this kind of content (superusers aside)."""
    opts = model._meta
    permission = Q(content_type__app_label=opts.app_label, codename=f"publish_{opts.model_name}")
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(groups__permissions__in=Permission.objects.filter(permission))
            | Q(user_permissions__in=Permission.objects.filter(permission))
        )
        .distinct()
    )


def _concerned(transition: Transition, item: Moderated, draft: Draft | None = None) -> list[Any]:
    """Who is told of this step: moderators of work submitted to them, the
    editors of work approved, sent back or taken down."""
    if transition in (SUBMIT, SUBMIT_CHANGES):
        return list(moderators_of(type(item)))
    if transition.on_draft and draft is not None:
        return [*_editors(draft), draft.created_by, _changes_submitter(item, draft)]
    if transition in (APPROVE, REQUEST_CHANGES, UNPUBLISH, ARCHIVE):
        return [last_submitter(item)]
    return []


# Drafts of live items ---------------------------------------------------------


def save_draft(
    *, item: Moderated, content: drafts.Snapshot, user: User, draft: Any = LOOK_UP
) -> Draft | None:
    """Keep `content` as the pending draft of the live `item`, edited by `user`.

    A save that changes nothing (a moderator pressing Approve on the form)
    leaves the draft, and who edited it, as they were; with no draft yet it
    makes none. Returns the draft, if there is one. A caller that has just
    read the pending draft passes it as `draft`.
    """
    if not drafts.edits_go_to_draft(item):
        raise WorkflowError("Only a live page keeps its edits in a draft.")
    pending = _pending(item, draft)
    if not may_edit(user, item, pending):
        raise PermissionDenied(draft_notice(user, item, pending) or "You may not.")
    editor: Any = user  # a signed-in member of staff, as may_edit has checked
    unchanged_from = pending.content if pending else drafts.snapshot(item)
    if not diff.compare(type(item), unchanged_from, content):
        return pending
    with transaction.atomic():
        if pending is None:
            pending = Draft.objects.create(item=item, content=content, created_by=editor)
        else:
            pending = Draft.objects.select_for_update().get(pk=pending.pk)
            pending.content = content
            pending.save(update_fields=["content", "updated_at"])
        pending.editors.add(editor)
    return pending


def _move_draft(
    *,
    item: Moderated,
    draft: Draft,
    transition: Transition,
    user: User,
    note: str,
    today: datetime.date,
    medical_review: bool,
    go_live_at: datetime.datetime | None = None,
) -> ReviewEvent:
    from_status = draft.status
    concerned = _concerned(transition, item, draft)
    if transition is APPROVE_CHANGES:
        # An approval row in the history says what kind of approval it was,
        # whether or not the moderator wrote a note.
        kind = "A full medical review." if medical_review else "An update, not a medical review."
        note = " ".join(filter(None, [note, f"({kind})"]))
    if transition is APPROVE_CHANGES and user.is_superuser and is_own_change(user, item, draft):
        note = " ".join(filter(None, [note, "(A superuser approved their own changes.)"]))
    if transition is APPROVE_CHANGES and go_live_at:
        _schedule_changes(
            item=item, draft=draft, user=user, medical_review=medical_review, today=today
        )
        draft.status = Status.PUBLISHED
        draft.go_live_at, draft.approved_by = go_live_at, user  # type: ignore[assignment]
        draft.medical_review = medical_review
        draft.save(
            update_fields=["status", "go_live_at", "approved_by", "medical_review", "updated_at"]
        )
        when = timezone.localtime(go_live_at)
        note = " ".join(filter(None, [note, f"(Goes live at {when:%H:%M on %d %B %Y}.)"]))
    elif transition is APPROVE_CHANGES:
        item = _publish_changes(
            item=item, draft=draft, user=user, today=today, medical_review=medical_review
        )
    elif transition is DISCARD_CHANGES:
        draft.delete()
    else:
        draft.status = transition.target
        draft.go_live_at, draft.approved_by, draft.medical_review = None, None, False
        draft.save(
            update_fields=["status", "go_live_at", "approved_by", "medical_review", "updated_at"]
        )
    return _announce(item, user, transition, from_status, note, concerned)


class _DryRun(Exception):
    pass


def _schedule_changes(
    *, item: Moderated, draft: Draft, user: User, medical_review: bool, today: datetime.date
) -> None:
    """Check that the draft could be approved now: publishing it is tried and
    rolled back, so whatever would refuse it refuses a schedule too."""
    pk = draft.pk
    try:
        with transaction.atomic():
            _publish_changes(
                item=item, draft=draft, user=user, today=today, medical_review=medical_review
            )
            raise _DryRun
    except _DryRun:
        draft.pk = pk  # the rolled-back delete cleared it


def clinician_profile(user: User) -> Any:
    """The author profile under which `user` may act as medical reviewer, or
    None: a published medical reviewer's profile whose identity (credentials,
    registration, areas, account) someone else approved."""
    profile = getattr(user, "author_profile", None)
    return profile if profile is not None and profile.is_approved_clinician else None


def may_vouch(user: User, profile: Any) -> bool:
    """May `user` approve `profile` as a clinician's identity? A superuser or
    another clinician, never the person themselves."""
    if profile.user_id is not None and profile.user_id == user.pk:
        return False
    return bool(user.is_superuser or clinician_profile(user) is not None)


VOUCH_REFUSAL = (
    "A clinician's profile (credentials, registration, areas, account) is approved by a "
    "superuser or by another clinician, never by the clinician themselves."
)


def record_account_link(*, item: Any, user: User, account: Any) -> ReviewEvent:
    """Write the linking of a staff account to a profile into its review
    history (the audit log)."""
    note = f"Linked to the account “{account.get_username()}”." if account else "Account unlinked."
    return _record(
        item=item,
        user=user,
        action="link_account",
        from_status=item.status,
        to_status=item.status,
        note=note,
    )


def _vouch(user: User, item: Any) -> list[str]:
    """Record who approved a clinician's identity; returns the fields set."""
    if not getattr(item, "identity_fields", None) or not item.is_medical_reviewer:
        return []
    if not may_vouch(user, item):
        raise WorkflowError(VOUCH_REFUSAL)
    item.clinician_approved_by = user
    item.clinician_approved_at = timezone.now()
    return ["clinician_approved_by", "clinician_approved_at"]


def _may_sign_off(user: User, item: Moderated) -> bool:
    """May `user` approve `item` as its medical reviewer? A superuser who is
    no clinician may publish under a reviewer the page already names."""
    if clinician_profile(user) is not None:
        return True
    return bool(user.is_superuser and getattr(item, "medical_reviewer_id", None))


def _sign_off(user: User, item: Moderated) -> list[str]:
    """Name the approving clinician as the page's medical reviewer; returns
    the fields set. Raises WorkflowError when `user` cannot sign it off."""
    profile = clinician_profile(user)
    if profile is None:
        if _may_sign_off(user, item):
            return []  # a superuser, publishing under the named reviewer
        raise WorkflowError(
            "Only a medical reviewer can approve a full medical review; approve the changes "
            "without it, or ask a clinician to review the page."
        )
    if item.is_owned_by(user):
        raise WorkflowError("A medical review must be by someone other than the page's author.")
    area = getattr(item, "clinical_area", "")
    if area and not profile.may_review(area):
        qualified = ", ".join(profile.review_area_labels).lower() or "no area yet"
        raise WorkflowError(
            f"This page's clinical area is {area_label(area).lower()}, and you are listed as "
            f"qualified to review {qualified}. Ask a clinician qualified in "
            f"{area_label(area).lower()} to review it, or correct the page's clinical area."
        )
    item.medical_reviewer = profile  # type: ignore[attr-defined]
    return ["medical_reviewer"]


def _publish_changes(
    *, item: Moderated, draft: Draft, user: User, today: datetime.date, medical_review: bool
) -> Moderated:
    """Write the draft onto the live row in this transaction and drop it.

    `item` was read, locked, in this transaction: what it holds, and the
    snapshot taken of it here, serve the checks and the write alike."""
    model = type(item)
    signed_off = (
        item.medically_reviewed
        or item.clinical_sign_off
        or bool(getattr(item, "identity_fields", ()))
    )
    current = drafts.snapshot(item, as_loaded=True)
    clinical = _clinical_changes(model, current, draft) if signed_off else ()
    # Inside apply_transition's transaction already.
    with reversion.create_revision(atomic=False):
        try:
            live = drafts.write(model, item.pk, draft.content, live=item, current=current)
        except drafts.DraftError as error:
            raise WorkflowError(f"These changes cannot be published: {error}") from error
        # Its parts as written: the checks below read them, and the version
        # recorded names them.
        drafts.with_parts(live)
        changed = {"updated_at": timezone.now()}
        if medical_review:
            fields = _sign_off(user, live) + live.mark_reviewed(today, review_interval())
        elif clinical and getattr(item, "identity_fields", None):
            fields = _vouch(user, live) + live.mark_updated(today)
            if live.user_id != item.user_id:  # type: ignore[attr-defined]
                record_account_link(item=live, user=user, account=live.user)  # type: ignore[attr-defined]
        elif clinical and item.clinical_sign_off:
            if clinician_profile(user) is None:
                raise WorkflowError(
                    f"These changes touch clinical content ({', '.join(clinical)}): only a "
                    "clinician (an author marked as medical reviewer) can approve them."
                )
            fields = live.mark_updated(today)
        elif clinical:
            raise WorkflowError(
                f"These changes touch clinical content ({', '.join(clinical)}): approve them "
                "as a full medical review by a clinician."
            )
        else:
            fields = live.mark_updated(today)
        changed.update({name: getattr(live, name) for name in fields})
        if problems := live.publish_problems():
            raise WorkflowError(problems)
        model.objects.filter(pk=item.pk).update(**changed)
        for name, value in changed.items():
            setattr(live, name, value)
        # In this transaction: a rolled-back approval (or a schedule's dry
        # run) tells no one (members tell their followers from here).
        signals.changes_approved.send(
            sender=model, item=live, day=today, medical_review=medical_review, clinical=clinical
        )
        reversion.add_to_revision(live)
        reversion.set_user(user)
        reversion.set_comment(
            "Approved changes" + (" after a full medical review" if medical_review else "")
        )
    draft.delete()
    return live


def _clinical_changes(
    model: type[Moderated], current: drafts.Snapshot, draft: Draft
) -> tuple[str, ...]:
    """The clinical fields the draft changes against the live page (its
    snapshot `current`), as a reader names them."""
    changes = diff.compare(model, current, draft.content)
    return tuple(change.label.lower() for change in changes if change.clinical)


# Restoring and recovering versions ------------------------------------------


def _own_versions(version: Version, model: type[Moderated], object_id: Any) -> list[Version]:
    """The item's version and its parts' versions from the same revision: a
    revision may hold other items too, and they must stay as they are."""
    parts = {link.model: link for link in drafts.part_links(model).values()}
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
    for link in drafts.part_links(model).values():
        current = link.model._default_manager.filter(**{link.name: object_id})
        stale = [row.pk for row in current if (link.model, str(row.pk)) not in kept]
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
    parts) as a new version. Its state and review dates stay as they are now;
    a live item gets it as its pending draft, to be reviewed like any edit.
    """
    model = type(item)
    _check_version(version, model, item.pk)
    current = model.objects.select_for_update().get(pk=item.pk)
    if not may_edit(user, current):
        raise PermissionDenied("You may not change this item.")
    if drafts.edits_go_to_draft(current):
        with drafts.staged(current, None):
            _write_versions(_own_versions(version, model, item.pk), model, item.pk)
            content = drafts.snapshot(current)
        save_draft(item=current, content=content, user=user)
        return current
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
