"""Tags shared by conditions, remedies and articles.

Each content model has its own through model; one vocabulary of
`taggit.Tag` rows serves them all, so "Legs", "legs" and " legs " are one
tag and a tag page lists everything that carries it.
"""

from django.apps import apps
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from taggit.models import Tag, TaggedItemBase
from taggit.utils import _parse_tags


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
    total = Value(0, output_field=IntegerField())
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


@transaction.atomic
def merge_tags(*, tags, into):
    """Move every use of `tags` onto `into` and delete them.

    An item that already carries `into` just loses the old tag, so no item
    ends up tagged twice. Returns how many tag uses moved.
    """
    sources = [tag for tag in tags if tag.pk != into.pk]
    if not sources:
        return 0
    moved = 0
    for through in tag_through_models():
        already = through.objects.filter(tag=into).values("content_object_id")
        duplicates = through.objects.filter(tag__in=sources, content_object_id__in=already)
        duplicates.delete()
        # An item may carry several of the merged tags: keep one row per item.
        rows = through.objects.filter(tag__in=sources).order_by("content_object_id", "pk")
        seen = set()
        extra = []
        for pk, object_id in rows.values_list("pk", "content_object_id"):
            if object_id in seen:
                extra.append(pk)
            seen.add(object_id)
        through.objects.filter(pk__in=extra).delete()
        moved += through.objects.filter(tag__in=sources).update(tag=into)
    Tag.objects.filter(pk__in=[tag.pk for tag in sources]).delete()
    return moved
