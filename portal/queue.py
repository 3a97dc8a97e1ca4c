"""What waits for moderators (and what came back to an editor)."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from portal import registry
from portal.models import Feedback, ReviewEvent, Status
from portal.workflow import REQUEST_CHANGES, SUBMIT, publish_permission

FEEDBACK_SHOWN = 50


def is_moderator(user):
    return any(user.has_perm(publish_permission(kind.model)) for kind in registry.kinds())


@dataclass(frozen=True)
class QueueEntry:
    item: object
    event: ReviewEvent | None  # the latest event that put it here, if any

    @property
    def kind(self):
        return registry.for_model(type(self.item)).label

    @property
    def admin_url(self):
        opts = self.item._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.item.pk])


@dataclass
class Queue:
    waiting: list = field(default_factory=list)
    due: list = field(default_factory=list)
    feedback: list = field(default_factory=list)
    sent_back: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not (self.waiting or self.due or self.feedback or self.sent_back)


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


def _entries(items, action):
    if not items:
        return []
    types = ContentType.objects.get_for_models(*{type(item) for item in items})
    events = _latest_events(items, action)
    return [QueueEntry(item, events.get((types[type(item)].pk, item.pk))) for item in items]


def waiting_for_review():
    items = [i for kind in registry.kinds() for i in kind.model.objects.in_review()]
    entries = _entries(items, SUBMIT.name)
    # Oldest submission first; items with no recorded submission lead.
    return sorted(entries, key=lambda e: e.event.created_at if e.event else timezone.now())


def due_for_review(today=None):
    items = [i for kind in registry.reviewed() for i in kind.model.objects.due_for_review(today)]
    return [QueueEntry(i, None) for i in sorted(items, key=lambda i: i.next_review_due)]


def sent_back_to(user):
    """Drafts a moderator returned with a note, that this user had submitted."""
    drafts = [
        i for kind in registry.kinds() for i in kind.model.objects.filter(status=Status.DRAFT)
    ]
    returned = _entries(drafts, REQUEST_CHANGES.name)
    submitted = _latest_events(drafts, SUBMIT.name)
    mine = []
    for entry in returned:
        if entry.event is None:
            continue
        key = (entry.event.content_type_id, entry.item.pk)
        submit = submitted.get(key)
        if submit and submit.actor_id == user.pk and submit.created_at <= entry.event.created_at:
            mine.append(entry)
    return sorted(mine, key=lambda e: e.event.created_at, reverse=True)


def build(user, today=None):
    queue = Queue(sent_back=sent_back_to(user))
    if is_moderator(user):
        queue.waiting = waiting_for_review()
        queue.due = due_for_review(today)
        queue.feedback = list(Feedback.objects.new().prefetch_related("item")[:FEEDBACK_SHOWN])
    return queue


def count_for_moderator(today=None):
    """How many things wait for a moderator: the header badge."""
    return (
        sum(kind.model.objects.in_review().count() for kind in registry.kinds())
        + sum(kind.model.objects.due_for_review(today).count() for kind in registry.reviewed())
        + Feedback.objects.new().count()
    )
