"""What every content item's admin shares: columns, filters, sources, tags."""

import datetime
from typing import Any

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from taggit.models import Tag

from portal.admin.workflow import WorkflowVersionAdmin
from portal.models import Author


class NamedRowForm(forms.ModelForm):
    """A row of a changelist's editable column: each box is named for its
    row ("Order of Cramp"), as the column heading names it only to the eye."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", f"{field.label} of {self.instance}")


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review due"
    parameter_name = "review_due"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Due now or overdue"),
            ("30days", "Within 30 days"),
            ("none", "No date set"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        match self.value():
            case "overdue":
                # The same rule as the moderators' queue (due_for_review).
                return queryset.filter(next_review_due__lte=today)
            case "30days":
                return queryset.filter(
                    next_review_due__gt=today,
                    next_review_due__lte=today + datetime.timedelta(days=30),
                )
            case "none":
                return queryset.filter(next_review_due__isnull=True)
        return queryset


class TagFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        through = model_admin.model.tags.through
        # Pairs, not Tag objects: every tag in use is listed on every page
        # of the list (hundreds at 10,000 conditions).
        tags = Tag.objects.filter(pk__in=through.objects.values("tag")).order_by("name")
        return list(tags.values_list("slug", "name"))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


def source_inline(model):
    """An inline for a content model's sources, with source autocomplete."""
    through = model.sources.through
    return type(
        f"{model.__name__}SourceInline",
        (admin.TabularInline,),
        {
            "model": through,
            "extra": 0,
            "autocomplete_fields": ["source"],
            "verbose_name": "source",
            "verbose_name_plural": "sources cited",
        },
    )


class ContentItemAdmin(WorkflowVersionAdmin):
    """Shared by the condition, remedy and article admins."""

    list_display = [
        "title",
        "status",
        "published",
        "author_name",
        "reviewer_name",
        "tag_list",
        "next_review_due",
        "updated_at",
        "preview",
    ]
    list_display_links = ["title"]
    list_filter = [
        "status",
        "clinical_area",
        TagFilter,
        ("author", admin.RelatedOnlyFieldListFilter),
        ("medical_reviewer", admin.RelatedOnlyFieldListFilter),
        ReviewDueFilter,
    ]
    list_select_related = ["author", "medical_reviewer"]
    list_per_page = 50
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "medical_reviewer"]
    readonly_fields = ["status", "published_at", "last_updated", "created_at", "updated_at"]
    date_hierarchy = None
    exclude = ["sources"]
    # The workflow's actions sit at the top instead (admin/workflow/actions.html),
    # with Delete kept apart at the foot.
    save_on_top = False
    # Shared by the subclasses' fieldsets. (Any: django-stubs types a
    # fieldset's options as a private TypedDict a plain dict literal is not.)
    people_fieldset: Any = ("People", {"fields": ["author", "medical_reviewer"]})
    publishing_fieldset: Any = (
        "Review and publishing",
        {
            "fields": [
                "status",
                "last_reviewed",
                "next_review_due",
                "last_updated",
                "published_at",
                "created_at",
                "updated_at",
            ]
        },
    )

    def get_fieldsets(self, request, obj=None):
        # Every clinical kind's form asks for the page's area, next to its
        # reviewer, whether or not its admin's fieldsets name it.
        fieldsets = super().get_fieldsets(request, obj)
        if any("clinical_area" in options["fields"] for _, options in fieldsets):
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        *(["clinical_area"] if "medical_reviewer" in options["fields"] else []),
                        *options["fields"],
                    ],
                },
            )
            for name, options in fieldsets
        ]

    def get_queryset(self, request):
        # One query for all rows' tags, not one per row (taggit's names()
        # would query again for every row); listed by name (TAG_ORDER).
        return super().get_queryset(request).prefetch_related("tags")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "medical_reviewer":
            kwargs["queryset"] = Author.objects.filter(is_medical_reviewer=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(boolean=True, ordering="status")
    def published(self, obj):
        return obj.is_published

    @admin.display(description="author", ordering="author__name")
    def author_name(self, obj):
        return obj.author.name

    @admin.display(description="medical reviewer", ordering="medical_reviewer__name")
    def reviewer_name(self, obj):
        return obj.medical_reviewer.name if obj.medical_reviewer else "—"

    @admin.display(description="tags")
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    @admin.display(description="on the site")
    def preview(self, obj):
        label = "View" if obj.is_published else "Preview"
        return format_html('<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), label)
