"""Author photos, video thumbnails and library images, the only files
staff upload: checked, cleaned and private until published.

- Only JPEG, PNG and WebP, judged by what the bytes are, not by the name.
- At most PHOTO_MAX_BYTES, refused while the body is being read (a request
  that announces more is refused before a byte is read, see
  `RequestSizeLimitMiddleware`), and at most PHOTO_MAX_PIXELS.
- Re-encoded from the decoded pixels: anything appended to the file, and
  all metadata (EXIF with its GPS position, comments, colour profiles), is
  left behind.
- Stored under a random name; served only once the bio is published, the
  video approved and its day come, or the image approved
  (`portal.public.views.media_file`).
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from PIL import Image, UnidentifiedImageError

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 25_000_000
# Pillow's format name -> the extension we store it under.
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
REFUSED = "The photo is larger than 5 MB. Choose a smaller JPEG, PNG or WebP image."


def _random_name(folder: str, filename: str) -> str:
    # The editor's file name says nothing to visitors (it may be a person's).
    extension = PurePosixPath(filename).suffix.lower().lstrip(".")
    if extension not in PHOTO_FORMATS.values():
        extension = "jpg"
    return f"{folder}/{uuid.uuid4().hex}.{extension}"


def photo_path(instance: Any, filename: str) -> str:
    """A random name under authors/, keeping only a known extension."""
    return _random_name("authors", filename)


def thumbnail_path(instance: Any, filename: str) -> str:
    """A random name under videos/, keeping only a known extension."""
    return _random_name("videos", filename)


def image_path(instance: Any, filename: str) -> str:
    """A random name under images/, keeping only a known extension."""
    return _random_name("images", filename)


def clean_photo(upload: Any) -> ContentFile[bytes]:
    """The upload re-encoded from its pixels, or ValidationError saying why not."""
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(REFUSED)
    try:
        with Image.open(upload) as probe:
            kind = probe.format
            width, height = probe.size
            probe.verify()
        if kind not in PHOTO_FORMATS:
            raise ValidationError("Choose a JPEG, PNG or WebP image.")
        if width * height > PHOTO_MAX_PIXELS:
            raise ValidationError(
                f"The photo is {width} × {height} pixels; choose one under 25 megapixels."
            )
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            pixels = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError("That file is not an image we can read.") from error
    if kind == "JPEG" and pixels.mode == "RGBA":
        pixels = pixels.convert("RGB")
    # A fresh image carries nothing but pixels: no EXIF, no comments, no
    # profile, and nothing that followed the image data in the upload.
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    out = io.BytesIO()
    clean.save(out, format=kind, **({"quality": 88} if kind in ("JPEG", "WEBP") else {}))
    return ContentFile(out.getvalue(), name=f"photo.{PHOTO_FORMATS[kind]}")


class PhotoSizeLimitHandler(FileUploadHandler):
    """Stops reading an uploaded file once it passes PHOTO_MAX_BYTES (for a
    body sent without a length), and tells the form why."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > PHOTO_MAX_BYTES:
            self.request.upload_refused = REFUSED  # type: ignore[union-attr]
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


class RequestSizeLimitMiddleware:
    """Refuses, with 413 and before reading it, a body that says it is
    larger than MAX_REQUEST_BYTES: no slow or huge upload ties up a worker."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            body = render_to_string(
                "413.html", {"limit_mb": settings.MAX_REQUEST_BYTES >> 20}, request=request
            )
            response = HttpResponse(body, status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)
