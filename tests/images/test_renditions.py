"""Renditions: crops around the focal point, a few widths, made once and
on demand, and never in a size nobody asked the site for."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PillowImage

from portal.images import renditions
from portal.images.renditions import Spec
from tests import factories


@pytest.mark.parametrize(
    ("crop", "focal", "box"),
    [
        ("original", (50, 50), (0, 0, 1600, 900)),
        ("square", (50, 50), (350, 0, 1250, 900)),
        # Towards an edge, the crop stops at it.
        ("square", (0, 50), (0, 0, 900, 900)),
        ("square", (100, 50), (700, 0, 1600, 900)),
        ("landscape", (50, 50), (200, 0, 1400, 900)),
    ],
)
def test_a_crop_keeps_the_focal_point_in_view(crop, focal, box):
    assert renditions.crop_box(1600, 900, crop, *focal) == box


def test_no_rendition_is_wider_than_the_picture():
    assert renditions.widths_for(700) == [320, 640, 700]
    assert renditions.widths_for(3000) == [320, 640, 960, 1280]


def test_renditions_have_the_crops_shape(db):
    image = factories.image(crop="square", focal_x=20)
    written = renditions.ensure(image)
    # A 900 px square: two standard widths, then its own.
    assert [name.rsplit("-", 1)[1] for name in written] == ["320.png", "640.png", "900.png"]
    with default_storage.open(written[1]) as file:
        assert PillowImage.open(io.BytesIO(file.read())).size == (640, 640)
    # Made once: a second call writes nothing.
    assert renditions.ensure(image) == []


def test_a_missing_rendition_is_made_when_first_asked_for(client, db):
    image = factories.image()
    url = dict(image.rendition_urls())[640]
    assert not default_storage.exists(url.removeprefix("/media/"))
    response = client.get(url)
    assert response.status_code == 200
    assert PillowImage.open(io.BytesIO(b"".join(response.streaming_content))).size[0] == 640


def test_a_size_the_image_does_not_have_is_not_made(client, db):
    image = factories.image()
    odd = renditions.name_for(image.file.name, Spec("original", 50, 50, 333))
    assert client.get(f"/media/{odd}").status_code == 404
    assert not default_storage.exists(odd)
