"""The image library: what an image must say about itself, what an upload
must be, and that nothing reaches visitors before it is approved."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage

from portal.caching.content_version import content_version
from portal.editorial import drafts, workflow
from portal.images import renditions
from portal.images.models import Image
from portal.models import Status
from tests import factories
from tests.portal.test_revisions import change_form_data

ADD = "/admin/images/image/add/"


def form(**overrides):
    data = {
        "title": "Calf stretch photo",
        "slug": "calf-stretch-photo",
        "alt": "A person leaning into a wall to stretch the calf.",
        "caption": "",
        "credit": "Photo by the project",
        "licence": "CC BY 4.0",
        "crop": "original",
        "focal_x": "50",
        "focal_y": "50",
    }
    return {**data, **overrides}


@pytest.fixture
def editor_client(client, db):
    client.force_login(factories.editor())
    return client


def test_blank_alt_text_is_refused_with_a_reason(db):
    image = factories.image()
    image.alt = "   "
    with pytest.raises(ValidationError) as refused:
        image.full_clean()
    assert "say what the image shows" in str(refused.value.message_dict["alt"])


def test_the_admin_refuses_an_image_without_alt_text(editor_client):
    upload = SimpleUploadedFile("calf.png", factories.png((800, 600)), "image/png")
    response = editor_client.post(ADD, form(alt="", file=upload))
    assert response.status_code == 200
    assert "Give the alt text" in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        (
            "diagram.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "That file is not an image we can read.",
        ),
        ("photo.png", b"GIF89a" + b"\x00" * 40, "That file is not an image we can read."),
        ("anim.gif", None, "Choose a JPEG, PNG or WebP image."),
    ],
)
def test_an_svg_or_other_file_is_refused_with_a_clear_message(
    editor_client, filename, content, message
):
    if content is None:
        out = io.BytesIO()
        PillowImage.new("RGB", (20, 20)).save(out, format="GIF")
        content = out.getvalue()
    upload = SimpleUploadedFile(filename, content, "image/svg+xml")
    response = editor_client.post(ADD, form(file=upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()


def test_an_upload_is_stored_under_a_random_name_with_its_size_and_renditions(editor_client):
    upload = SimpleUploadedFile("my leg.png", factories.png((1600, 900)), "image/png")
    response = editor_client.post(ADD, form(file=upload))
    assert response.status_code == 302, response.content.decode()[:3000]
    image = Image.objects.get()
    assert image.file.name.startswith("images/") and "my leg" not in image.file.name
    assert (image.width, image.height) == (1600, 900)
    # An editor's image waits for a moderator.
    assert image.status == Status.DRAFT
    for spec in renditions.specs(image):
        with default_storage.open(renditions.name_for(image.file.name, spec)) as file:
            assert PillowImage.open(file).size[0] == spec.width
    assert [spec.width for spec in renditions.specs(image)] == [320, 640, 960, 1280]


def test_an_image_is_served_to_visitors_only_once_approved(client, db):
    image = factories.image(status=Status.IN_REVIEW)
    url = f"/media/{image.file.name}"
    assert client.get(url).status_code == 404
    Image.objects.filter(pk=image.pk).update(status=Status.PUBLISHED, published_at=image.created_at)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_approving_needs_alt_text_credit_and_a_known_size(db):
    image = factories.image(status=Status.IN_REVIEW, width=0, credit=" ")
    problems = image.publish_problems()
    assert "Give the credit before approving." in problems
    assert "The image's size is unknown: upload the file again." in problems


def test_an_editors_image_reaches_a_page_through_a_moderators_approval(client, db):
    image = factories.image(status=Status.DRAFT)
    remedy = factories.remedy(body=f"[figure: {image.slug}]")
    workflow.apply_transition(item=image, user=factories.editor(), name="submit")
    assert "<figure" not in client.get(remedy.get_absolute_url()).content.decode()
    workflow.apply_transition(item=image, user=factories.moderator(), name="approve")
    image.refresh_from_db()
    assert image.status == Status.PUBLISHED
    assert f'alt="{image.alt}"' in client.get(remedy.get_absolute_url()).content.decode()


def test_a_change_to_an_image_moves_the_content_version(db, django_capture_on_commit_callbacks):
    # Cached pages are kept per content version: an image's new alt text
    # must not wait behind a cached copy of the pages showing it.
    image = factories.image()
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        image.alt = "A clearer description."
        image.save(update_fields=["alt"])
    assert content_version() != before


def test_the_admin_lists_the_pages_that_place_an_image(client, db):
    image = factories.image()
    remedy = factories.remedy(how_it_helps=f"Steps.\n\n[figure:  {image.slug} ]")
    factories.remedy(body="[figure: another-image]")
    client.force_login(factories.editor())
    response = client.get(f"/admin/images/image/{image.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/admin/remedies/remedy/{remedy.pk}/change/" in html
    assert len(re.findall(r"/admin/remedies/remedy/\d+/change/", html)) == 1


def test_new_alt_text_for_a_live_image_waits_in_a_draft_for_approval(client, db):
    image = factories.image(alt="Old words.")
    remedy = factories.remedy(body=f"[figure: {image.slug}]")
    client.force_login(factories.editor())
    url = f"/admin/images/image/{image.pk}/change/"
    data = change_form_data(client, url)
    data["alt"] = "New words."
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    image.refresh_from_db()
    assert image.alt == "Old words."
    assert drafts.pending(image) is not None
    client.logout()
    page = client.get(remedy.get_absolute_url()).content.decode()
    assert 'alt="Old words."' in page and "New words." not in page
