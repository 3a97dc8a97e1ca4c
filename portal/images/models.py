"""The image library: pictures and diagrams that pages place in their bodies.

An image is reviewed content, like a source: it reaches a public page only
once a moderator has approved it (and its alt text, credit and licence),
and a change to a live image waits in a draft for approval like any other.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from portal.editorial import registry
from portal.images import renditions
from portal.images.renditions import Crop
from portal.models import Moderated
from portal.uploads import image_path

FIGURE_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@registry.register(fed=False, mapped=False, followed=False, asks_feedback=False)
class Image(Moderated):
    """A picture or diagram with what a visitor who cannot see it needs
    (alt text) and what its use depends on (credit and licence)."""

    title = models.CharField(max_length=200, help_text="For editors: what the image shows.")
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The name pages use to place it: a line “[figure: this-name]” in a body.",
    )
    file = models.FileField(
        upload_to=image_path,
        max_length=200,
        help_text="JPEG, PNG or WebP, up to 5 MB. (SVG diagrams come only from the launch "
        "content files, which are reviewed in the repository: an uploaded SVG could carry script.)",
    )
    alt = models.CharField(
        "alt text",
        max_length=300,
        help_text="What the image shows, for someone who cannot see it: read aloud by screen "
        "readers and shown when the image does not load. Say what matters for the page.",
    )
    caption = models.CharField(
        max_length=300, blank=True, help_text="Shown under the image (optional)."
    )
    credit = models.CharField(
        max_length=200, help_text="Who made it, e.g. “Drawn by Clear Health”."
    )
    licence = models.CharField(
        max_length=100, help_text="e.g. “CC BY 4.0” or “All rights reserved”."
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    crop = models.CharField(
        max_length=10,
        choices=Crop.choices,
        default=Crop.ORIGINAL,
        help_text="The shape pages show it in, cut around the focal point.",
    )
    focal_x = models.PositiveSmallIntegerField(
        "focal point across (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="0 is the left edge, 100 the right: what a crop keeps in view.",
    )
    focal_y = models.PositiveSmallIntegerField(
        "focal point down (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="0 is the top, 100 the bottom.",
    )

    # What a clinician reads when approving a change: a diagram and its
    # words are part of the advice.
    clinical_fields: ClassVar[tuple[str, ...]] = ("file", "alt", "caption")

    class Meta(Moderated.Meta):
        ordering = ["title"]
        permissions = [("publish_image", "Can approve images")]
        constraints = [
            *Moderated.Meta.constraints,
            models.CheckConstraint(condition=~Q(alt=""), name="image_alt_required"),
            models.CheckConstraint(
                condition=Q(focal_x__lte=100, focal_y__lte=100), name="image_focal_point_valid"
            ),
            models.CheckConstraint(condition=Q(crop__in=Crop.values), name="image_crop_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        # Spaces are not a description: the database refuses only "".
        errors = {
            name: f"Give the {label}: {why}"
            for name, label, why in (
                ("alt", "alt text", "say what the image shows for someone who cannot see it."),
                ("credit", "credit", "say who made the image."),
                ("licence", "licence", "say under which terms the site may use it."),
            )
            if not getattr(self, name).strip()
        }
        if errors:
            raise ValidationError(errors)

    def publish_problems(self) -> list[str]:
        problems = [
            f"Give the {label} before approving."
            for name, label in (("alt", "alt text"), ("credit", "credit"), ("licence", "licence"))
            if not getattr(self, name).strip()
        ]
        if not self.width or not self.height:
            problems.append("The image's size is unknown: upload the file again.")
        return problems

    @property
    def file_name(self) -> str:
        """The stored file's name ("" before one is chosen)."""
        return self.file.name or ""

    @property
    def is_vector(self) -> bool:
        return self.file_name.endswith(".svg")

    @property
    def crop_box(self) -> tuple[int, int, int, int]:
        """The part of the image pages show (all of it for a vector image)."""
        if self.is_vector:
            return (0, 0, self.width, self.height)
        return renditions.crop_box(self.width, self.height, self.crop, self.focal_x, self.focal_y)

    @property
    def shown_size(self) -> tuple[int, int]:
        """(width, height) of what pages show: the crop at its full size."""
        left, top, right, bottom = self.crop_box
        return right - left, bottom - top

    def rendition_urls(self) -> list[tuple[int, str]]:
        """(width, address) of each rendition, narrowest first."""
        return [
            (spec.width, default_storage.url(renditions.name_for(self.file_name, spec)))
            for spec in renditions.specs(self)
        ]
