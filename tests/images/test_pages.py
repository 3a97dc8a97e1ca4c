"""Illustrated pages: the launch diagrams on a page of each kind, the cost
of figures in queries, and how the files are served."""

import pytest
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext

from portal.images.models import Image
from tests import factories

LAUNCH_PAGES = [
    ("/remedies/stretching-and-gentle-exercise/", ["calf-stretch", "hamstring-stretch"]),
    ("/conditions/blood-clot-in-the-leg/", ["clot-signs"]),
    ("/articles/muscle-twitches-in-the-legs/", ["clot-signs"]),
]


def figures_on(response):
    assert response.status_code == 200
    html = response.content.decode()
    return [part.split("</figure>")[0] for part in html.split('<figure class="figure">')[1:]]


@pytest.mark.parametrize(("url", "slugs"), LAUNCH_PAGES)
def test_a_page_of_each_kind_shows_its_launch_diagrams_with_alt_text(
    client, launch_content, url, slugs
):
    shown = figures_on(client.get(url))
    assert len(shown) == len(slugs)
    for figure, slug in zip(shown, slugs, strict=True):
        image = Image.objects.get(slug=slug)
        assert image.file.name.endswith(".svg") and image.licence == "CC BY 4.0"
        img = parse_html(figure)
        assert f'src="/media/{image.file.name}"' in figure
        assert len(image.alt) > 40 and image.alt.replace('"', "&quot;") in figure
        assert 'loading="lazy"' in figure and 'width="640"' in figure
        assert "Licence: CC BY 4.0" in str(img)


def test_the_launch_diagrams_are_served_as_images_that_can_run_nothing(client, launch_content):
    image = Image.objects.get(slug="calf-stretch")
    response = client.get(f"/media/{image.file.name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"<script" not in b"".join(response.streaming_content)


def test_the_pages_policy_lets_its_own_images_load(client, launch_content):
    response = client.get(LAUNCH_PAGES[0][0])
    policy = response["Content-Security-Policy"]
    assert "img-src 'self'" in policy


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_figures_cost_one_query_however_many_a_page_holds(client, db):
    one = factories.remedy(body=f"[figure: {factories.image().slug}]")
    many = factories.remedy(
        body="\n\n".join(f"[figure: {factories.image().slug}]" for _ in range(3)),
        how_it_helps=f"[figure: {factories.image().slug}]",
    )
    without = factories.remedy()
    plain, _ = queries_for(client, without.get_absolute_url())
    with_one, _ = queries_for(client, one.get_absolute_url())
    with_four, response = queries_for(client, many.get_absolute_url())
    assert response.content.decode().count("<figure") == 4
    # The images of every field in one query; a page without figures pays none.
    assert with_one == with_four == plain + 1
    assert with_four <= 10
