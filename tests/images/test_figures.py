"""Figures in page bodies: the "[figure: name]" line, what it becomes on a
page, and what happens when the image is unknown or not yet approved."""

import pytest
from django.core.exceptions import ValidationError
from django.test.html import parse_html

from portal.images.figures import figure_html, images_named, with_figures
from portal.markdown import readable_text, render_markdown
from portal.models import Status
from tests import factories


def figure_of(image):
    html = with_figures(render_markdown(f"Text.\n\n[figure: {image.slug}]\n"), {image.slug: image})
    return parse_html(html)


def test_a_figure_line_becomes_a_marker_and_nothing_else():
    html = render_markdown("Before.\n\n[figure: calf-stretch]\n\nAfter.")
    assert html == "<p>Before.</p>\n<!--figure:calf-stretch-->\n<p>After.</p>"


def test_a_figure_has_alt_size_lazy_loading_srcset_and_a_caption_with_credit(db):
    image = factories.image(size=(1600, 900), caption="Lean into the wall.")
    html = str(figure_html(image))
    for expected in (
        f'alt="{image.alt}"',
        'width="1600"',
        'height="900"',
        'loading="lazy"',
        'decoding="async"',
        'sizes="',
        " 320w, ",
        " 1280w",
        "<figcaption>",
        "Lean into the wall.",
        "Image: Drawn by Clear Health. Licence: CC BY 4.0.",
    ):
        assert expected in html, expected


def test_a_crop_sets_the_size_the_page_reserves(db):
    image = factories.image(size=(1600, 900), crop="square")
    html = str(figure_html(image))
    assert 'width="900" height="900"' in html


def test_what_an_editor_writes_in_an_image_is_escaped(db):
    image = factories.image(
        alt='Calf" onerror="alert(1)', caption="<script>alert(2)</script>", credit="<b>Me</b>"
    )
    html = str(figure_html(image))
    assert "onerror=" not in html.replace("onerror=&quot;", "")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "markdown",
    [
        "<!--figure:calf-stretch-->",
        "`[figure: calf-stretch]`",
        "    [figure: calf-stretch]",
        "Text [figure: calf-stretch] inside a sentence.",
        "[figure: Calf Stretch]",
    ],
)
def test_only_a_figure_line_of_its_own_places_an_image(markdown):
    assert "<!--figure:" not in render_markdown(markdown)


def test_a_reviewer_reads_where_a_figure_goes():
    assert readable_text("Intro.\n\n[figure: calf-stretch]") == "Intro.\n[Figure: calf-stretch]"


def test_an_unknown_image_is_refused_when_the_page_is_saved(db):
    remedy = factories.remedy(body="Intro.\n\n[figure: no-such-image]\n")
    with pytest.raises(ValidationError) as refused:
        remedy.full_clean()
    assert "No image in the library is named “no-such-image”" in str(
        refused.value.message_dict["body"]
    )


def test_a_badly_written_name_is_refused_with_an_example(db):
    remedy = factories.remedy(how_it_helps="[figure: Calf Stretch]")
    with pytest.raises(ValidationError) as refused:
        remedy.full_clean()
    assert "e.g. [figure: calf-stretch]" in str(refused.value.message_dict["how_it_helps"])


def test_the_admin_says_which_image_is_unknown(client, db):
    remedy = factories.remedy(status=Status.DRAFT)
    client.force_login(factories.user(superuser=True))
    url = f"/admin/remedies/remedy/{remedy.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    token = page.context["adminform"].form["edit_token"].value()
    data = {
        "title": remedy.title,
        "slug": remedy.slug,
        "summary": remedy.summary,
        "body": "[figure: no-such-image]",
        "how_it_helps": "",
        "safety_notes": "",
        "group": remedy.group_id,
        "author": remedy.author_id,
        "clinical_area": remedy.clinical_area,
        "edit_token": token,
        "steps-TOTAL_FORMS": "0",
        "steps-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "No image in the library is named" in response.content.decode()


def test_a_page_whose_image_is_unknown_or_unapproved_shows_without_it(client, db):
    draft = factories.image(status=Status.IN_REVIEW)
    remedy = factories.remedy(body=f"Intro.\n\n[figure: {draft.slug}]\n\n[figure: gone]\n")
    response = client.get(remedy.get_absolute_url())
    assert response.status_code == 200
    assert "<figure" not in response.content.decode()


def test_a_page_cannot_be_approved_before_its_images(db):
    draft = factories.image(status=Status.IN_REVIEW)
    remedy = factories.remedy(status=Status.IN_REVIEW, body=f"[figure: {draft.slug}]")
    assert f"Approve the images this page shows first: {draft.slug}." in remedy.publish_problems()


def test_staff_previewing_a_page_see_its_images_in_review(db):
    draft = factories.image(status=Status.IN_REVIEW)
    assert images_named([draft.slug]) == {}
    assert images_named([draft.slug], unapproved_too=True) == {draft.slug: draft}
