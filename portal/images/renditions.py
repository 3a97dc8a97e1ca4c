"""Renditions: an image cropped (around its focal point) and resized to a
few widths, so a phone downloads a picture the size of its screen.

Pure arithmetic for the crop and the names; `make` and `ensure` write the
files through Django's storage. A rendition's name holds everything it is
made from, so a new crop or focal point gives new names (nothing stale is
served from a cache) and the same request always gives the same file.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from PIL import Image as PillowImage

if TYPE_CHECKING:
    from portal.images.models import Image

# The widths a page may ask for; none larger than the original is made.
WIDTHS: tuple[int, ...] = (320, 640, 960, 1280)
RENDITIONS_FOLDER = "images/renditions"
# images/renditions/<original's stem>/<crop>-<focal x>-<focal y>-<width>.<extension>
RENDITION_NAME = re.compile(
    r"^images/renditions/(?P<stem>[0-9a-f]{32})/"
    r"(?P<crop>[a-z]+)-(?P<x>\d{1,3})-(?P<y>\d{1,3})-(?P<width>\d{2,4})\.(?P<ext>jpg|png|webp)$"
)
PILLOW_FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}


class Crop(models.TextChoices):
    ORIGINAL = "original", "As uploaded"
    WIDE = "wide", "Wide (16:9)"
    LANDSCAPE = "landscape", "Landscape (4:3)"
    SQUARE = "square", "Square (1:1)"


RATIOS: dict[str, tuple[int, int]] = {"wide": (16, 9), "landscape": (4, 3), "square": (1, 1)}


@dataclass(frozen=True)
class Spec:
    """What one rendition is made from."""

    crop: str
    focal_x: int
    focal_y: int
    width: int


def crop_box(
    width: int, height: int, crop: str, focal_x: int, focal_y: int
) -> tuple[int, int, int, int]:
    """The (left, top, right, bottom) of the largest area of the crop's
    shape, centred on the focal point (percent across and down) as nearly as
    the edges allow."""
    if crop not in RATIOS or width <= 0 or height <= 0:
        return (0, 0, width, height)
    across, down = RATIOS[crop]
    box_width, box_height = width, width * down // across
    if box_height > height:
        box_width, box_height = height * across // down, height
    centre_x, centre_y = width * focal_x // 100, height * focal_y // 100
    left = min(max(centre_x - box_width // 2, 0), width - box_width)
    top = min(max(centre_y - box_height // 2, 0), height - box_height)
    return (left, top, left + box_width, top + box_height)


def widths_for(box_width: int) -> list[int]:
    """The rendition widths for a crop this wide: each standard width below
    it, and the crop's own width when that is smaller than the largest."""
    below = [width for width in WIDTHS if width < box_width]
    if box_width <= WIDTHS[-1]:
        return [*below, box_width]
    return below


def scaled_height(box: tuple[int, int, int, int], width: int) -> int:
    left, top, right, bottom = box
    return max(1, round((bottom - top) * width / (right - left)))


def name_for(original: str, spec: Spec) -> str:
    path = PurePosixPath(original)
    return (
        f"{RENDITIONS_FOLDER}/{path.stem}/"
        f"{spec.crop}-{spec.focal_x}-{spec.focal_y}-{spec.width}{path.suffix}"
    )


def parse_name(name: str) -> tuple[str, Spec] | None:
    """(the original's file name, the spec) a rendition's name stands for."""
    match = RENDITION_NAME.match(name)
    if match is None:
        return None
    spec = Spec(match["crop"], int(match["x"]), int(match["y"]), int(match["width"]))
    return f"images/{match['stem']}.{match['ext']}", spec


def make(source: bytes, extension: str, box: tuple[int, int, int, int], width: int) -> bytes:
    """The pixels in `box`, resized to `width`, encoded as the original was."""
    with PillowImage.open(io.BytesIO(source)) as picture:
        picture.load()
        cropped = picture.crop(box)
    resized = cropped.resize((width, scaled_height(box, width)), PillowImage.Resampling.LANCZOS)
    out = io.BytesIO()
    kind = PILLOW_FORMATS[extension]
    resized.save(out, format=kind, **({"quality": 82} if kind in ("JPEG", "WEBP") else {}))
    return out.getvalue()


def specs(image: Image) -> list[Spec]:
    """The renditions of `image` as it is now (none for a vector image)."""
    if image.is_vector or not image.width:
        return []
    box = image.crop_box
    return [
        Spec(image.crop, image.focal_x, image.focal_y, width)
        for width in widths_for(box[2] - box[0])
    ]


def ensure(image: Image, only: Spec | None = None) -> list[str]:
    """Write the renditions of `image` that are missing (or only `only`);
    returns the names written. Safe to run again: existing files are kept."""
    wanted = [only] if only else specs(image)
    missing = [
        spec for spec in wanted if not default_storage.exists(name_for(image.file_name, spec))
    ]
    if not missing:
        return []
    with default_storage.open(image.file_name, "rb") as original:
        source = original.read()
    extension = PurePosixPath(image.file_name).suffix.lstrip(".")
    written = []
    for spec in missing:
        name = name_for(image.file_name, spec)
        data = make(source, extension, image.crop_box, spec.width)
        # Two workers making the same rendition at once write the same bytes.
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(data))
        written.append(name)
    return written
