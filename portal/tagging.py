"""Tags shared by conditions, remedies and articles.

Each content model has its own through model; one vocabulary of
`taggit.Tag` rows serves them all, so "Legs", "legs" and " legs " are one
tag and a tag page lists everything that carries it.
"""

import copy
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Expression, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from taggit.models import Tag, TaggedItemBase
from taggit.utils import _parse_tags

from portal.editorial import drafts, workflow
from portal.models import Status


def normalise_tag(name):
    return " ".join(name.split()).lower()


def parse_tags(tag_string):
    """Taggit's parser, then lowercase and single spaces, without repeats."""
    return sorted({normalise_tag(name) for name in _parse_tags(tag_string) if name.strip()})


def tag_through_models():
    """The per-app through models (ConditionTag, RemedyTag, ArticleTag)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, TaggedItemBase) and model._meta.app_label != "taggit"
    ]


def with_usage_counts(queryset):
    """Annotate tags with `usage`: how many content items carry each."""
    total: Expression = Value(0, output_field=IntegerField())
    for through in tag_through_models():
        count = (
            through.objects.filter(tag=OuterRef("pk"))
            .order_by()
            .values("tag")
            .annotate(n=Count("pk"))
            .values("n")
        )
        total = total + Coalesce(Subquery(count, output_field=IntegerField()), 0)
    return queryset.annotate(usage=total)


@dataclass(frozen=True)
class TagMerge:
    moved: int  # tag uses moved on items that are not live
    drafted: list[Any]  # live items that got a pending draft with the new tags
    # Live items whose changes are approved and waiting for their time: they
    # keep the old tag (and it stays) until they have gone live.
    waiting: list[Any] = field(default_factory=list)


@transaction.atomic
def merge_tags(*, tags, into, user) -> TagMerge:
    """Move every use of `tags` onto `into` and delete them.

    An item that already carries `into` just loses the old tag, so no item
    ends up tagged twice. A live item is not changed: it gets (or its
    pending draft gets) the new tags, to be reviewed like any edit, and an
    old tag stays until no item carries it.
    """
    sources = [tag for tag in tags if tag.pk != into.pk]
    if not sources:
        return TagMerge(moved=0, drafted=[])
    old_names = {tag.name for tag in sources}
    moved, drafted, waiting = 0, [], []
    for through in tag_through_models():
        model = through._meta.get_field("content_object").related_model
        live = set(
            through.objects.filter(tag__in=sources, content_object__status=Status.PUBLISHED)
            .values_list("content_object_id", flat=True)
            .distinct()
        )
        for item in model.objects.filter(pk__in=live):
            draft = drafts.pending(item)
            content = copy.deepcopy(draft.content) if draft else drafts.snapshot(item)
            content["tags"] = sorted((set(content.get("tags", [])) - old_names) | {into.name})
            try:
                workflow.save_draft(item=item, content=content, user=user)
            except PermissionDenied:
                waiting.append(item)  # scheduled changes: nobody may change them
                continue
            drafted.append(item)
        rows = through.objects.exclude(content_object_id__in=live)
        already = rows.filter(tag=into).values("content_object_id")
        rows.filter(tag__in=sources, content_object_id__in=already).delete()
        # An item may carry several of the merged tags: keep one row per item.
        seen, extra = set(), []
        old_rows = rows.filter(tag__in=sources).order_by("content_object_id", "pk")
        for pk, object_id in old_rows.values_list("pk", "content_object_id"):
            if object_id in seen:
                extra.append(pk)
            seen.add(object_id)
        through.objects.filter(pk__in=extra).delete()
        moved += rows.filter(tag__in=sources).update(tag=into)
    still_used = {
        tag_id
        for through in tag_through_models()
        for tag_id in through.objects.filter(tag__in=sources).values_list("tag_id", flat=True)
    }
    Tag.objects.filter(pk__in=[t.pk for t in sources if t.pk not in still_used]).delete()
    return TagMerge(moved=moved, drafted=drafted, waiting=waiting)
