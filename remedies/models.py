"""Home remedies: what they help, how to do them, and when not to."""

from typing import ClassVar

import reversion
from django.db import models
from django.urls import reverse
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from portal.editorial import registry
from portal.models import (
    TAG_ORDER,
    ContentItem,
    PublishableQuerySet,
    published_prefetch,
    published_sources,
)


class RemedyGroup(models.Model):
    """What a set of remedies helps with; the remedy guide's sections."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # Set for the remedies guide (remedies.views): the group's first remedies
    # and how many it has.
    preview: "list[Remedy]"
    remedy_count: int

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class RemedyQuerySet(PublishableQuerySet["Remedy"]):
    def with_page_relations(self):
        """Everything a remedy page shows, in a fixed number of queries."""
        # django-stubs sees no relation in taggit's TaggableManager; `tags`
        # prefetches at runtime (the page tests count the queries).
        return self.select_related("author", "medical_reviewer", "group").prefetch_related(  # type: ignore[misc]
            "tags",
            published_sources(self.model),
            "steps",
            *(published_prefetch(self.model, name) for name in ("suitable_for", "unsafe_for")),
        )


class RemedyTag(TaggedItemBase):
    content_object = models.ForeignKey("Remedy", on_delete=models.CASCADE)


# A named manager class, so `objects` can be declared a ClassVar as
# django-stubs wants of a manager overriding an inherited one.
RemedyManager = models.Manager.from_queryset(RemedyQuerySet)


@registry.register(search_fields={"title": "A", "summary": "B", "body": "C"})
class Remedy(ContentItem):
    group = models.ForeignKey(
        RemedyGroup, on_delete=models.PROTECT, related_name="remedies", verbose_name="helps with"
    )
    how_it_helps = models.TextField(blank=True, help_text="Markdown.")
    how_it_helps_html = models.TextField(blank=True, editable=False)
    safety_notes = models.TextField(blank=True, help_text="Markdown, shown in a warning box.")
    safety_notes_html = models.TextField(blank=True, editable=False)
    suitable_for = models.ManyToManyField(
        "conditions.Condition", blank=True, related_name="remedies"
    )
    suits_symptoms = models.ManyToManyField(
        "conditions.Symptom", blank=True, related_name="remedies"
    )
    unsafe_for = models.ManyToManyField(
        "conditions.Condition",
        blank=True,
        related_name="unsafe_remedies",
        help_text="Never suggest this remedy while any of these conditions is possible.",
    )
    unsafe_with_symptoms = models.ManyToManyField(
        "conditions.Symptom",
        blank=True,
        related_name="unsafe_remedies",
        verbose_name="not with these answers",
        help_text="Never suggest this remedy to someone who ticked any of these (no compress on "
        "numb skin): the safety notes' warnings, as the checker reads them.",
    )
    tags = TaggableManager(through=RemedyTag, blank=True, ordering=TAG_ORDER)

    objects: ClassVar["RemedyManager[Remedy]"] = RemedyManager()

    markdown_fields = ("body", "how_it_helps", "safety_notes")
    sectioned_fields = ("how_it_helps", "safety_notes")
    parts = ("steps",)
    clinical_fields = (
        "clinical_area", "safety_notes", "unsafe_for", "suitable_for", "suits_symptoms",
        "unsafe_with_symptoms",
    )  # fmt: skip

    class Meta(ContentItem.Meta):
        verbose_name_plural = "remedies"
        permissions = [("publish_remedy", "Can approve and publish remedies")]

    def get_absolute_url(self) -> str:
        return reverse("remedies:detail", kwargs={"slug": self.slug})


@reversion.register()
class RemedyStep(models.Model):
    remedy = models.ForeignKey(Remedy, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=500)

    class Meta:
        verbose_name = "step"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text
