from typing import Any, cast
from urllib.parse import urlsplit

from axes import admin as axes_admin
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.html import format_html
from taggit.models import Tag

from portal import uploads
from portal.admin.base import ContentItemAdmin, source_inline
from portal.admin.dates import drill_down
from portal.admin.links import admin_change_url_for
from portal.admin.rows import DirectActionCheckbox
from portal.admin.workflow import ConcurrentEditForm, WorkflowVersionAdmin
from portal.editorial import workflow
from portal.models import (
    Article,
    Author,
    ClinicalArea,
    FeaturedVideo,
    Feedback,
    ReviewEvent,
    SitePage,
    Source,
    staff_name,
)
from portal.search.engine import search_content
from portal.search.models import SearchSynonym
from portal.tagging import merge_tags, with_usage_counts


class AuthorForm(ConcurrentEditForm):
    # Set per request by AuthorAdmin.get_form: why the upload was cut off.
    upload_refused = ""
    # Stored as a list of keys; ticked from the fixed list of areas.
    review_areas = forms.TypedMultipleChoiceField(
        label="Qualified to review",
        choices=ClinicalArea.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=Author._meta.get_field("review_areas").help_text,
    )

    class Meta:
        model = Author
        # The admin gives the form every field of its fieldsets.
        fields = ["photo"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if self.upload_refused:
            raise forms.ValidationError(self.upload_refused)
        if isinstance(photo, UploadedFile):
            return uploads.clean_photo(photo)
        return photo


@admin.register(Author)
class AuthorAdmin(WorkflowVersionAdmin):
    form = AuthorForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # The upload handler refused the photo before the form existed; its
        # clean() says so in the field's own words.
        form.upload_refused = getattr(request, "upload_refused", "")  # type: ignore[attr-defined]
        return form

    list_display = [
        "name",
        "credentials",
        "role",
        "is_medical_reviewer",
        "reviews",
        "status",
        "user",
    ]
    list_filter = ["is_medical_reviewer", "status"]
    search_fields = ["name", "credentials", "role", "areas_of_interest"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["status", "published_at", "created_at", "updated_at", "clinician_identity"]
    autocomplete_fields = ["user"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # Linking an account makes its holder whoever this profile is: an
        # admin action, recorded in the review history.
        return fields if request.user.is_superuser else [*fields, "user"]

    def save_model(self, request, obj, form, change):
        # A live profile's edits become a draft: its link is recorded when
        # the changes are approved (portal.editorial.workflow).
        linked = "user" in form.changed_data and not self.editing_draft()
        super().save_model(request, obj, form, change)
        if linked:
            workflow.record_account_link(item=obj, user=request.user, account=obj.user)

    @admin.display(description="identity approved")
    def clinician_identity(self, obj):
        if not obj.is_medical_reviewer:
            return "Not a clinician"
        if not obj.clinician_approved_at:
            return (
                "Not yet: a superuser or another clinician approves it; until then it signs "
                "off nothing."
            )
        by = (
            staff_name(obj.clinician_approved_by) if obj.clinician_approved_by else "launch content"
        )
        return f"By {by}, {timezone.localtime(obj.clinician_approved_at):%d %B %Y}"

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "credentials",
                    "role",
                    "is_medical_reviewer",
                    "registration_number",
                    "review_areas",
                    "clinician_identity",
                ]
            },
        ),
        ("Profile", {"fields": ["bio", "photo", "areas_of_interest"]}),
        ("Account", {"fields": ["user"], "classes": ["collapse"]}),
        ("Publishing", {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]

    @admin.display(description="qualified to review")
    def reviews(self, obj):
        return ", ".join(obj.review_area_labels) or "—"


@admin.register(SitePage)
class SitePageAdmin(WorkflowVersionAdmin):
    """About, Editorial policy, Contact and Privacy: reviewed like content."""

    list_display = ["title", "slug", "status", "last_updated", "updated_at", "on_the_site"]
    list_filter = ["status"]
    search_fields = ["title", "summary", "body"]
    readonly_fields = ["status", "published_at", "last_updated", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["slug", "title", "summary", "body"]}),
        (
            "Publishing",
            {"fields": ["status", "last_updated", "published_at", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description="on the site")
    def on_the_site(self, obj):
        label = "View" if obj.is_published else "Preview"
        return format_html('<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), label)


@admin.register(Source)
class SourceAdmin(WorkflowVersionAdmin):
    list_display = ["title", "publisher", "url", "accessed_on", "status"]
    list_filter = ["status", "publisher"]
    search_fields = ["title", "publisher", "url"]
    date_hierarchy = "accessed_on"

    def get_queryset(self, request):
        return drill_down(super().get_queryset(request))


@admin.register(Article)
class ArticleAdmin(ContentItemAdmin):
    list_display = [
        *ContentItemAdmin.list_display[:2],
        "is_featured",
        *ContentItemAdmin.list_display[2:],
    ]
    list_filter = [*ContentItemAdmin.list_filter, "is_featured"]
    autocomplete_fields = [*ContentItemAdmin.autocomplete_fields, "conditions", "remedies"]
    inlines = [source_inline(Article)]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "caution"]}),
        ("Covers", {"fields": ["conditions", "remedies", "tags"]}),
        ("Video and home page", {"fields": ["featured_video_url", "is_featured"]}),
        ContentItemAdmin.people_fieldset,
        ContentItemAdmin.publishing_fieldset,
    ]


class FeaturedVideoForm(ConcurrentEditForm):
    """A video of the day. Its page is chosen by its address on the site,
    which editors can copy from the browser, rather than by a type and a
    number."""

    # Set per request by FeaturedVideoAdmin.get_form: why the upload was cut off.
    upload_refused = ""

    page_address = forms.CharField(
        label="Page it belongs to",
        max_length=500,
        help_text="The address of the condition, remedy or article the video illustrates, "
        "as on the site: e.g. /remedies/massage/.",
    )

    class Meta:
        model = FeaturedVideo
        # The admin gives the form every field of its fieldsets.
        fields = ["thumbnail"]
        error_messages = {
            "transcript_url": {
                "required": "Add the address of a transcript: visitors who cannot hear the "
                "video read it there."
            },
            "thumbnail": {"required": "Upload a still from the video to show before it plays."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance.page if self.instance.content_type_id else None
        if page is not None:
            self.fields["page_address"].initial = page.get_absolute_url()

    def clean_thumbnail(self):
        thumbnail = self.cleaned_data.get("thumbnail")
        if self.upload_refused:
            raise forms.ValidationError(self.upload_refused)
        if isinstance(thumbnail, UploadedFile):
            return uploads.clean_photo(thumbnail)
        return thumbnail

    def clean_page_address(self):
        # A full address copied from the browser works as well as a path.
        path = "/" + urlsplit(self.cleaned_data["page_address"].strip()).path.lstrip("/")
        kinds = FeaturedVideo.page_kinds()
        try:
            slug = resolve(path).kwargs.get("slug")
        except Resolver404:
            slug = None
        for kind in kinds if slug else ():
            page = kind.model.objects.filter(slug=slug).first()
            if page is not None and page.get_absolute_url() == path:
                return page
        names = ", ".join(kind.label.lower() for kind in kinds)
        raise forms.ValidationError(
            f"No page on this site has that address. Copy the address of a {names} "
            "from the site, e.g. /remedies/massage/."
        )

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        page = cleaned.get("page_address")
        if page is not None:
            # Not fields of the form: the instance takes them before it is validated.
            self.instance.page = page
        return cleaned


@admin.register(FeaturedVideo)
class FeaturedVideoAdmin(WorkflowVersionAdmin):
    form = FeaturedVideoForm
    list_display = ["date", "title", "page_title", "status", "published"]
    list_display_links = ["date", "title"]
    list_filter = ["status"]
    search_fields = ["title", "caption"]
    date_hierarchy = "date"
    readonly_fields = ["thumbnail_preview", "status", "published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["date", "title", "caption", "page_address"]}),
        ("Video", {"fields": ["video_url", "thumbnail", "thumbnail_preview", "transcript_url"]}),
        ("Publishing", {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # The upload handler refused the photo before the form existed; its
        # clean() says so in the field's own words.
        form.upload_refused = getattr(request, "upload_refused", "")  # type: ignore[attr-defined]
        return form

    def get_queryset(self, request):
        # One query per kind of page for the whole list, not one per row.
        return drill_down(super().get_queryset(request).prefetch_related("page"))

    @admin.display(boolean=True, ordering="status")
    def published(self, obj):
        return obj.is_published

    @admin.display(description="page")
    def page_title(self, obj):
        return obj.page or "(deleted page)"

    @admin.display(description="current thumbnail")
    def thumbnail_preview(self, obj):
        if not obj.thumbnail:
            return "—"
        return format_html('<img src="{}" alt="" width="240">', obj.thumbnail.url)


class MergeTagsForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        label="Keep this tag",
        help_text="The other selected tags are merged into it and deleted.",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, tags: QuerySet[Tag], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        into = cast("forms.ModelChoiceField[Tag]", self.fields["into"])  # declared above
        into.queryset = tags


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """The reviewed synonym list: what visitors type and the words our pages
    use. A change reaches search at once (it moves the content version)."""

    list_display = ["phrase", "means", "kind", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["phrase", "means", "note"]
    ordering = ["phrase"]
    fields = ["phrase", "means", "kind", "note", "finds_first"]
    readonly_fields = ["finds_first"]

    @admin.display(description="a search for the phrase finds first")
    def finds_first(self, obj: SearchSynonym) -> str:
        # What a visitor sees now, so the reviewer can check the mapping.
        if not obj.pk:
            return "(save to see)"
        results = search_content(obj.phrase, limit=3)
        return ", ".join(f"{r.item.title} ({r.kind})" for r in results) or "nothing"


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "usage"]
    search_fields = ["name"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return with_usage_counts(super().get_queryset(request))

    @admin.display(description="used by", ordering="usage")
    def usage(self, obj):
        return obj.usage

    @admin.action(description="Merge selected tags…", permissions=["delete"])
    def merge_selected(self, request, queryset):
        tags = queryset.order_by("-usage", "name")
        if tags.count() < 2:
            self.message_user(request, "Select at least two tags to merge.", messages.WARNING)
            return None
        form = MergeTagsForm(request.POST if "apply" in request.POST else None, tags=tags)
        if form.is_valid():
            into = form.cleaned_data["into"]
            others = [tag for tag in tags if tag.pk != into.pk]
            merge = merge_tags(tags=others, into=into, user=request.user)
            names = ", ".join(f"“{tag.name}”" for tag in others)
            live = (
                f" {len(merge.drafted)} live page(s) got a pending draft with the new tag, "
                "to be reviewed before visitors see it."
                if merge.drafted
                else ""
            )
            waiting = (
                f" {len(merge.waiting)} live page(s) have approved changes waiting for their "
                "time and keep the old tag for now: merge again after they go live."
                if merge.waiting
                else ""
            )
            self.message_user(
                request,
                f"Merged {names} into “{into.name}” ({merge.moved} uses moved).{live}{waiting}",
                messages.WARNING if merge.waiting else messages.SUCCESS,
            )
            return None
        if "apply" not in request.POST:
            form.initial["into"] = tags[0].pk
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge tags",
            "form": form,
            "tags": tags,
            "opts": self.model._meta,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/taggit/tag/merge_tags.html", context)


@admin.register(ReviewEvent)
class ReviewEventAdmin(DirectActionCheckbox, admin.ModelAdmin):
    """The site-wide history of review decisions. Read-only: it is a record."""

    list_display = ["created_at", "item_link", "content_type", "action", "from_to", "actor", "note"]
    list_filter = [
        "action",
        "to_status",
        "content_type",
        ("actor", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["item_title", "note", "actor__username"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "content_type"]

    def get_queryset(self, request):
        # Tens of thousands of events: the drill-down's years by range.
        return drill_down(super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="item")
    def item_link(self, obj):
        url = admin_change_url_for(obj.content_type, obj.object_id)
        return format_html('<a href="{}">{}</a>', url, obj.item_title)

    @admin.display(description="from → to")
    def from_to(self, obj):
        return f"{obj.get_from_status_display()} → {obj.get_to_status_display()}"


@admin.register(Feedback)
class FeedbackAdmin(DirectActionCheckbox, admin.ModelAdmin):
    list_display = ["created_at", "page", "helpful", "short_comment", "status", "handled_by"]
    list_filter = ["status", "helpful", "content_type"]
    search_fields = ["comment"]
    readonly_fields = [
        "content_type",
        "object_id",
        "helpful",
        "comment",
        "created_at",
        "handled_by",
    ]
    fields = [*readonly_fields, "status"]
    actions = ["mark_actioned", "mark_spam"]
    list_select_related = ["handled_by", "content_type"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("item")

    @admin.display(description="page")
    def page(self, obj):
        return obj.item or "(deleted page)"

    @admin.display(description="comment")
    def short_comment(self, obj):
        return obj.comment[:120]

    def save_model(self, request, obj, form, change):
        obj.handled_by = request.user
        super().save_model(request, obj, form, change)

    def _mark(self, request, queryset, state):
        updated = queryset.update(status=state, handled_by=request.user)
        self.message_user(request, f"{updated} feedback item(s) marked {state.label.lower()}.")

    @admin.action(description="Mark as actioned", permissions=["change"])
    def mark_actioned(self, request, queryset):
        self._mark(request, queryset, Feedback.State.ACTIONED)

    @admin.action(description="Mark as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._mark(request, queryset, Feedback.State.SPAM)


# django-axes's "clean up expired attempts" reads a time its login handler
# stamps on the request, which an admin request never has: stamp it here.
admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    @admin.action(description="Clean up expired attempts")
    def cleanup_expired_attempts(self, request, queryset):
        request.axes_attempt_time = timezone.now()
        return super().cleanup_expired_attempts(request, queryset)
