"""Author photos: only real JPEG, PNG or WebP images, re-encoded without
metadata or anything appended, capped in bytes and pixels, stored under
random names, and private until the bio is published."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal import uploads
from portal.models import Author, Status
from tests import factories

ADD = "/admin/portal/author/add/"


def jpeg_with_secrets():
    """A JPEG carrying a GPS position in its EXIF and HTML after its end."""
    image = Image.new("RGB", (40, 30), "teal")
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue() + b"<script>alert(1)</script>"


def form(name="Dr Photo Test", photo=None):
    data = {"name": name, "slug": name.lower().replace(" ", "-"), "bio": "Writes."}
    if photo is not None:
        data["photo"] = photo
    return data


@pytest.fixture
def editor_client(client, db):
    client.force_login(factories.editor())
    return client


def test_a_photo_is_re_encoded_without_metadata_or_appended_bytes(editor_client):
    upload = SimpleUploadedFile("me at home.jpg", jpeg_with_secrets(), "image/jpeg")
    response = editor_client.post(ADD, form(photo=upload))
    assert response.status_code == 302, response.content.decode()[:2000]
    author = Author.objects.get(slug="dr-photo-test")
    name = author.photo.name
    assert name.startswith("authors/") and "me at home" not in name and name.endswith(".jpg")
    stored = default_storage.open(name).read()
    assert b"<script>" not in stored and b"secret description" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (40, 30)
        assert not image.getexif()


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("photo.jpg", b"GIF89a" + b"\x00" * 40),
        ("photo.png", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
        ("photo.jpg", b"not an image at all"),
    ],
    ids=["gif-named-jpg", "svg", "text"],
)
def test_anything_but_jpeg_png_or_webp_is_refused_and_the_form_kept(
    editor_client, filename, content
):
    if content.startswith(b"GIF"):
        buffer = io.BytesIO()
        Image.new("RGB", (4, 4)).save(buffer, format="GIF")
        content = buffer.getvalue()
    upload = SimpleUploadedFile(filename, content)
    response = editor_client.post(ADD, form(name="Dr Kept Name", photo=upload))
    assert response.status_code == 200
    page = response.content.decode()
    assert "image" in response.context["adminform"].form.errors["photo"][0].lower()
    assert 'value="Dr Kept Name"' in page  # nobody's work is lost
    assert not Author.objects.filter(slug="dr-kept-name").exists()


def test_a_photo_over_the_pixel_cap_is_refused(editor_client, monkeypatch):
    monkeypatch.setattr(uploads, "PHOTO_MAX_PIXELS", 100)
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="PNG")
    upload = SimpleUploadedFile("big.png", buffer.getvalue())
    response = editor_client.post(ADD, form(photo=upload))
    assert "megapixels" in response.context["adminform"].form.errors["photo"][0]


def test_a_file_over_the_byte_cap_is_cut_off_while_it_is_read(editor_client, monkeypatch):
    monkeypatch.setattr(uploads, "PHOTO_MAX_BYTES", 1000)
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 50).convert("RGB").save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 1000
    upload = SimpleUploadedFile("noise.png", buffer.getvalue())
    response = editor_client.post(ADD, form(photo=upload))
    assert response.status_code == 200
    assert "larger than 5 MB" in response.context["adminform"].form.errors["photo"][0]
    assert not Author.objects.filter(slug="dr-photo-test").exists()


def test_a_body_announced_too_large_is_refused_before_it_is_read(editor_client, settings):
    settings.MAX_REQUEST_BYTES = 2000
    upload = SimpleUploadedFile("large.jpg", b"x" * 5000)
    response = editor_client.post(ADD, form(photo=upload))
    assert response.status_code == 413
    assert "too large" in response.content.decode()


def test_a_draft_authors_photo_is_private_until_the_bio_is_published(client, db):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, format="PNG")
    author = factories.author(status=Status.DRAFT, published_at=None)
    author.photo.save("face.png", SimpleUploadedFile("face.png", buffer.getvalue()))
    url = author.photo.url
    assert "face" not in url
    assert client.get(url).status_code == 404
    client.force_login(factories.editor())
    assert client.get(url).status_code == 200  # staff review it
    client.logout()
    Author.objects.filter(pk=author.pk).update(
        status=Status.PUBLISHED, published_at=factories.timezone.now()
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["../settings.py", "authors/../../manage.py", "other/x.png"])
def test_nothing_else_under_media_is_served(client, db, path):
    assert client.get(f"/media/{path}").status_code in (400, 404)
