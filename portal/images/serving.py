"""Which files under images/ may be served, and renditions made on demand.

An original or a rendition is served to visitors only while its image is
approved, and a rendition only in a size and crop the image now has: no
one can make the site resize a picture to sizes of their choosing. A
rendition that is missing (a new crop, a restored database) is made the
first time it is asked for.
"""

from __future__ import annotations

from django.core.files.storage import default_storage

from portal.images import renditions
from portal.images.models import Image


def _owner(path: str, unapproved_too: bool) -> tuple[Image | None, renditions.Spec | None]:
    parsed = renditions.parse_name(path)
    original, spec = parsed or (path, None)
    images = Image.objects.all() if unapproved_too else Image.objects.published()
    image = images.filter(file=original).first()
    if image is None or (spec is not None and spec not in renditions.specs(image)):
        return None, None
    return image, spec


def may_serve(path: str, *, unapproved_too: bool = False) -> bool:
    """Is `path` an approved image's file or one of its current renditions
    (or any image's, for staff: `unapproved_too`)? Makes the rendition if it
    is missing."""
    image, spec = _owner(path, unapproved_too)
    if image is None:
        return False
    if spec is not None and not default_storage.exists(path):
        renditions.ensure(image, only=spec)
    return True


# A diagram opened on its own is a document: it may run nothing and load
# nothing, whatever it holds (it passed portal.images.svg's check anyway).
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
