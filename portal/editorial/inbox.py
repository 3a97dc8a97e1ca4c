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


# What a moderator's return answers: a new item's submission, or changes'.
RETURN_OF = {SUBMIT.name: REQUEST_CHANGES.name, SUBMIT_CHANGES.name: RETURN_CHANGES.name}


@dataclass(frozen=True)
class Returned:
    """Items whose latest submission (of a new item, or of changes to a live
    page) was this person's, and a moderator's return came after it:
    {content type id: object ids}. Whether each is still back with them
    (a draft, or a live page with its changes in draft) is for the database."""

    new: dict[int, set[int]]
    changes: dict[int, set[int]]

    def __bool__(self) -> bool:
        return bool(self.new or self.changes)


def returned_to(user) -> Returned:
    """What moderators returned to this person, from the review history:
    one query, and one more once they have submitted anything."""
    new: dict[int, set[int]] = {}
    changes: dict[int, set[int]] = {}
    # Unordered: ordered by date, SQLite would walk every event by its date
    # index instead of finding this person's by theirs.
    mine = ReviewEvent.objects.filter(actor=user, action__in=list(RETURN_OF)).order_by()
    keys = set(mine.values_list("content_type_id", "object_id"))
    if not keys:
        return Returned(new, changes)
    # The latest (moment, actor) of each submission and return, per item.
    latest: dict[tuple[int, int, str], tuple[datetime.datetime, int | None]] = {}
    events = ReviewEvent.objects.filter(
        content_type_id__in={ct for ct, _ in keys},
        object_id__in={pk for _, pk in keys},
        action__in=[*RETURN_OF, *RETURN_OF.values()],
    ).order_by("created_at", "pk")
    for content_type_id, object_id, action, actor_id, created_at in events.values_list(
        "content_type_id", "object_id", "action", "actor_id", "created_at"
    ):
        if (content_type_id, object_id) in keys:
            latest[content_type_id, object_id, action] = (created_at, actor_id)
    for content_type_id, object_id in keys:
        for submit, answer, found in (
            (SUBMIT.name, REQUEST_CHANGES.name, new),
            (SUBMIT_CHANGES.name, RETURN_CHANGES.name, changes),
        ):
            submitted = latest.get((content_type_id, object_id, submit))
            returned = latest.get((content_type_id, object_id, answer))
            if submitted and returned and submitted[1] == user.pk and submitted[0] <= returned[0]:
                found.setdefault(content_type_id, set()).add(object_id)
    return Returned(new, changes)


def _models_by_content_type() -> dict[int, type[Model]]:
    kinds = [kind.model for kind in registry.kinds()]
    return {ct.pk: model for model, ct in ContentType.objects.get_for_models(*kinds).items()}


def _still_returned(returned: Returned) -> tuple[list[QuerySet[Any]], list[QuerySet[Any]]]:
    """The returned items still back with their editor, as querysets: new
    items still drafts; live pages whose changes are a draft again."""
    models = _models_by_content_type()
    new = [
        models[ct]._default_manager.filter(pk__in=ids, status=Status.DRAFT)
        for ct, ids in returned.new.items()
        if ct in models
    ]
    changed = [
        models[ct]._default_manager.filter(
            pk__in=Draft.objects.filter(
                status=Status.DRAFT, content_type_id=ct, object_id__in=ids
            ).values("object_id"),
            status=Status.PUBLISHED,
        )
        for ct, ids in returned.changes.items()
        if ct in models
    ]
    return new, changed


def sent_back_to(user):
    """Work a moderator returned with a note, that this user had submitted:
    new drafts, and changes to live pages."""
    new, changed = _still_returned(returned_to(user))
    mine = _entries([i for items in new for i in items], REQUEST_CHANGES.name)
    mine += _entries([i for items in changed for i in items], RETURN_CHANGES.name, changes=True)
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


def count_sent_back_to(user):
    """How many items wait for this person after a moderator sent them back
    (as sent_back_to lists them). Three queries at most, however much
    content there is."""
    returned = returned_to(user)
    if not returned:
        return 0
    new, changed = _still_returned(returned)
    return _count_together([*new, *changed])


def count_for(user, today=None):
    """How many things wait for this person: the header badge. Their work
    sent back and their unsubmitted changes; for moderators, the queue too.
    Two or three queries, however much content there is."""
    returned = returned_to(user)
    new, changed = _still_returned(returned)
    # Changes sent back are their author's draft again: counted once, as
    # the queue lists them once (under "sent back").
    own = Draft.objects.filter(status=Status.DRAFT, created_by=user).exclude(
        functools.reduce(
            operator.or_,
            (Q(content_type_id=ct, object_id__in=ids) for ct, ids in returned.changes.items()),
            Q(pk__in=[]),
        )
    )
    waiting = _moderator_waiting(today) if is_moderator(user) else []
    return _count_together([own, *new, *changed, *waiting])
