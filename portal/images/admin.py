"""The image library in the admin: editors upload and describe images,
moderators approve them like any other reviewed content."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html, format_html_join
from PIL import Image as PillowImage

from portal import uploads
from portal.admin.links import admin_change_url
from portal.admin.workflow import ConcurrentEditForm, WorkflowVersionAdmin
from portal.images import renditions, usage
from portal.images.models import Image


class ImageForm(ConcurrentEditForm):
    # Set per request by ImageAdmin.get_form: why the upload was cut off.
    upload_refused = ""

    class Meta:
        model = Image
        # The admin gives the form every field of its fieldsets.
        fields = ["file"]
        error_messages = {
            "alt": {
                "required": "Give the alt text: say what the image shows for someone who "
                "cannot see it."
            },
            "file": {"required": "Choose a JPEG, PNG or WebP image to upload."},
        }

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if self.upload_refused:
            raise forms.ValidationError(self.upload_refused)
        if not isinstance(upload, UploadedFile):
            return upload
        # The photo hygiene: the type judged by the bytes (so no SVG), the
        # size, the pixels re-encoded without metadata, a random name.
        clean = uploads.clean_photo(upload)
        with PillowImage.open(clean) as picture:
            self.instance.width, self.instance.height = picture.size
        clean.seek(0)
        return clean


@admin.register(Image)
class ImageAdmin(WorkflowVersionAdmin):
    form = ImageForm
    list_display = ["title", "slug", "thumbnail", "alt", "credit", "licence", "status"]
    list_filter = ["status", "licence"]
    search_fields = ["title", "slug", "alt", "caption", "credit"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "preview", "size", "placed_on", "status", "published_at", "created_at", "updated_at",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["title", "slug", "file", "preview", "size", "placed_on"]}),
        ("What visitors read", {"fields": ["alt", "caption", "credit", "licence"]}),
        ("Crop", {"fields": ["crop", "focal_x", "focal_y"]}),
        ("Publishing", {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        # The upload handler refused the file before the form existed; its
        # clean() says so in the field's own words.
        form.upload_refused = getattr(request, "upload_refused", "")  # type: ignore[attr-defined]
        return form

    def save_model(self, request: Any, obj: Image, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Made now so the first visitor does not wait for them; any that are
        # missing later are made when first asked for.
        renditions.ensure(obj)

    @admin.display(description="image")
    def thumbnail(self, obj: Image) -> str:
        if not obj.file:
            return "—"
        return format_html('<img src="{}" alt="" width="80">', obj.file.url)

    @admin.display(description="as pages show it")
    def preview(self, obj: Image) -> str:
        if not obj.file:
            return "—"
        urls = obj.rendition_urls()
        src = urls[0][1] if urls else obj.file.url
        return format_html('<img src="{}" alt="{}" width="320">', src, obj.alt)

    @admin.display(description="placed on")
    def placed_on(self, obj: Image) -> str:
        pages = usage.pages_placing(obj.slug) if obj.pk else []
        if not pages:
            return "No page yet. Place it with a line “[figure: name]” in a page's text."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                ((admin_change_url(page), page.title, page.get_status_display()) for page in pages),
            ),
        )

    @admin.display(description="size")
    def size(self, obj: Image) -> str:
        if not obj.width:
            return "—"
        shown = obj.shown_size
        return f"{obj.width} × {obj.height} pixels; pages show {shown[0]} × {shown[1]}"
