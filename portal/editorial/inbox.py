"""What waits for moderators, and what waits for an editor: new items and
changes to live pages in review, pages due for re-review, feedback, and
work sent back with a note."""

import datetime
import functools
import operator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from portal.admin.links import admin_change_url
from portal.editorial import registry
from portal.editorial.workflow import (
    REQUEST_CHANGES,
    RETURN_CHANGES,
    SUBMIT,
    SUBMIT_CHANGES,
    publish_permission,
)
from portal.models import ContentItem, Draft, Feedback, Moderated, ReviewEvent, Status

FEEDBACK_SHOWN = 50


def is_moderator(user):
    return any(user.has_perm(publish_permission(kind.model)) for kind in registry.kinds())


@dataclass(frozen=True)
class QueueEntry:
    item: Moderated
    event: ReviewEvent | None  # the latest event that put it here, if any
    # Changes to a live page (its pending draft) rather than a new item.
    changes: bool = False

    @property
    def kind(self) -> str:
        label = registry.for_model(type(self.item)).label
        return f"{label}: changes to the live page" if self.changes else label

    @property
    def admin_url(self) -> str:
        return admin_change_url(self.item)


@dataclass
class Queue:
    waiting: list = field(default_factory=list)
    due: list = field(default_factory=list)
    feedback: list = field(default_factory=list)
    sent_back: list = field(default_factory=list)
    drafts: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not (self.waiting or self.due or self.feedback or self.sent_back or self.drafts)


def _latest_events(items, action):
    """{(content type id, object id): latest event of `action`} for items."""
    if not items:
        return {}
    types = ContentType.objects.get_for_models(*{type(item) for item in items})
    keys = {(types[type(item)].pk, item.pk) for item in items}
    events = (
        ReviewEvent.objects.filter(
            action=action,
            content_type__in=[t.pk for t in types.values()],
            object_id__in={item.pk for item in items},
        )
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    # Later events overwrite earlier ones: the newest wins.
    return {
        (e.content_type_id, e.object_id): e
        for e in events
        if (e.content_type_id, e.object_id) in keys
    }


def _entries(items, action, *, changes=False):
    if not items:
        return []
    types = ContentType.objects.get_for_models(*{type(item) for item in items})
    events = _latest_events(items, action)
    return [
        QueueEntry(item, events.get((types[type(item)].pk, item.pk)), changes=changes)
        for item in items
    ]


def _items_with_drafts(**filters):
    """Live items whose pending draft matches `filters`, one query per kind."""
    wanted: dict[int, list[int]] = {}
    for content_type_id, object_id in Draft.objects.filter(**filters).values_list(
        "content_type_id", "object_id"
    ):
        wanted.setdefault(content_type_id, []).append(object_id)
    if not wanted:
        return []
    kinds: dict[type[Model], registry.ContentKind[Moderated]] = {
        kind.model: kind for kind in registry.kinds()
    }
    types = ContentType.objects.get_for_models(*kinds)
    return [
        item
        for model, content_type in types.items()
        if content_type.pk in wanted
        for item in kinds[model].model.objects.filter(
            pk__in=wanted[content_type.pk], status=Status.PUBLISHED
        )
    ]


def waiting_for_review():
    items = [i for kind in registry.kinds() for i in kind.model.objects.in_review()]
    entries = _entries(items, SUBMIT.name)
    changed = _items_with_drafts(status=Status.IN_REVIEW)
    entries += _entries(changed, SUBMIT_CHANGES.name, changes=True)
    # Oldest submission first; items with no recorded submission lead.
    return sorted(entries, key=lambda e: e.event.created_at if e.event else timezone.now())


def due_for_review(today=None):
    items = [
        i
        for kind in registry.of_type(ContentItem, registry.reviewed())
        for i in kind.model.objects.due_for_review(today)
    ]
    # Every page due for review has its date: `or` only tells the type checker.
    return [
        QueueEntry(i, None)
        for i in sorted(items, key=lambda i: i.next_review_due or datetime.date.min)
    ]


def _returned_to(user, items, *, submitted_as, returned_as, changes=False):
    returned = _entries(items, returned_as.name, changes=changes)
    submitted = _latest_events(items, submitted_as.name)
    mine = []
    for entry in returned:
        if entry.event is None:
            continue
        submit = submitted.get((entry.event.content_type_id, entry.item.pk))
        if submit and submit.actor_id == user.pk and submit.created_at <= entry.event.created_at:
            mine.append(entry)
    return mine


def sent_back_to(user):
    """Work a moderator returned with a note, that this user had submitted:
    new drafts, and changes to live pages."""
    drafts = [
        i for kind in registry.kinds() for i in kind.model.objects.filter(status=Status.DRAFT)
    ]
    mine = _returned_to(user, drafts, submitted_as=SUBMIT, returned_as=REQUEST_CHANGES)
    changed = _items_with_drafts(status=Status.DRAFT)
    mine += _returned_to(
        user, changed, submitted_as=SUBMIT_CHANGES, returned_as=RETURN_CHANGES, changes=True
    )
    return sorted(mine, key=lambda e: e.event.created_at, reverse=True)


def drafts_of(user):
    """The user's own unsubmitted changes to live pages."""
    return [
        QueueEntry(item, None, changes=True)
        for item in _items_with_drafts(status=Status.DRAFT, created_by=user)
    ]


def build(user, today=None):
    sent_back = sent_back_to(user)
    returned = {(type(e.item), e.item.pk) for e in sent_back}
    queue = Queue(
        sent_back=sent_back,
        drafts=[e for e in drafts_of(user) if (type(e.item), e.item.pk) not in returned],
    )
    if is_moderator(user):
        queue.waiting = waiting_for_review()
        queue.due = due_for_review(today)
        queue.feedback = list(Feedback.objects.new().prefetch_related("item")[:FEEDBACK_SHOWN])
    return queue


def _moderator_waiting(today=None) -> list[QuerySet[Any]]:
    """What waits for a moderator, as one queryset per kind of thing."""
    return [
        *(kind.model.objects.in_review() for kind in registry.kinds()),
        Draft.objects.filter(status=Status.IN_REVIEW),
        *(kind.model.objects.due_for_review(today) for kind in registry.reviewed()),
        Feedback.objects.new(),
    ]


def _count_together(querysets: list[QuerySet[Any]]) -> int:
    """How many rows the querysets find between them, in one query (the
    badge is drawn on every admin page: one count per kind would be twenty
    round trips)."""
    first, *rest = [queryset.order_by().values_list("pk") for queryset in querysets]
    return first.union(*rest, all=True).count() if rest else first.count()


def count_for_moderator(today=None):
    """How many things wait for a moderator: the header badge."""
    return _count_together(_moderator_waiting(today))


RETURNS = (REQUEST_CHANGES.name, RETURN_CHANGES.name)


def count_sent_back_to(user):
    """How many items wait for this person after a moderator sent them back:
    the latest event on an item they submitted is a return. Two queries,
    however much content there is."""
    return len(_sent_back_keys(user))


def _sent_back_keys(user) -> set[tuple[int, int]]:
    """(content type id, object id) of the items sent back to this person."""
    # Unordered: ordered by date, SQLite would walk every event by its date
    # index instead of finding this person's by theirs.
    mine = ReviewEvent.objects.filter(
        actor=user, action__in=[SUBMIT.name, SUBMIT_CHANGES.name]
    ).order_by()
    keys = set(mine.values_list("content_type_id", "object_id"))
    if not keys:
        return set()
    latest: dict[tuple[int, int], tuple[str, int | None]] = {}
    events = ReviewEvent.objects.filter(
        content_type_id__in={ct for ct, _ in keys}, object_id__in={pk for _, pk in keys}
    ).order_by("created_at", "pk")
    for content_type_id, object_id, action, actor_id in events.values_list(
        "content_type_id", "object_id", "action", "actor_id"
    ):
        key = (content_type_id, object_id)
        if key in keys:
            submitted_by = latest.get(key, (None, None))[1]
            if action in (SUBMIT.name, SUBMIT_CHANGES.name):
                submitted_by = actor_id
            latest[key] = (action, submitted_by)
    return {key for key, (action, by) in latest.items() if action in RETURNS and by == user.pk}


def count_for(user, today=None):
    """How many things wait for this person: the header badge. Their work
    sent back and their unsubmitted changes; for moderators, the queue too.
    Two or three queries, however much content there is."""
    sent_back = _sent_back_keys(user)
    # Changes sent back are their author's draft again: counted once, as
    # the queue lists them once (under "sent back").
    own = Draft.objects.filter(status=Status.DRAFT, created_by=user).exclude(
        functools.reduce(
            operator.or_,
            (Q(content_type_id=ct, object_id=pk) for ct, pk in sent_back),
            Q(pk__in=[]),
        )
    )
    waiting = _moderator_waiting(today) if is_moderator(user) else []
    return len(sent_back) + _count_together([own, *waiting])
