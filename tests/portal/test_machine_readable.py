"""What search engines and feed readers read: JSON-LD, Open Graph, canonical
links, the sitemap, feeds and robots.txt."""

import json
import re
from xml.etree import ElementTree

import pytest

from conditions.models import Urgency
from portal.models import Status
from tests import factories


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def condition(db):
    condition = factories.condition(title="Blood clot in the leg", also_called="DVT")
    factories.link(condition, factories.symptom(name="Leg swelling"), 8)
    factories.remedy(title="Keep moving", suitable_for=[condition])
    factories.advice(condition, Urgency.EMERGENCY)
    return condition


def test_condition_page_describes_a_medical_condition(client, condition):
    html = client.get(condition.get_absolute_url()).content.decode()
    data = json_ld(html)
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == condition.last_reviewed.isoformat()
    assert data["reviewedBy"]["name"] == condition.medical_reviewer.name
    assert data["reviewedBy"]["honorificSuffix"] == "MBBS"
    about = data["about"]
    assert about["@type"] == "MedicalCondition"
    assert about["alternateName"] == ["DVT"]
    assert [s["name"] for s in about["signOrSymptom"]] == ["Leg swelling"]
    assert [t["name"] for t in about["possibleTreatment"]] == ["Keep moving"]
    # What the data says is what the page shows.
    for name in ("Leg swelling", "Keep moving", condition.medical_reviewer.name):
        assert name in html


def test_pages_carry_canonical_and_open_graph_tags(client, condition):
    html = client.get(condition.get_absolute_url()).content.decode()
    url = f"http://testserver{condition.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<meta property="og:title" content="{condition.title}">' in html


def test_json_ld_cannot_be_broken_out_of(client, db):
    condition = factories.condition(summary="</script><script>alert(1)</script>")
    html = client.get(condition.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["description"] == "</script><script>alert(1)</script>"


def test_author_page_describes_a_person(client, db):
    person = factories.reviewer(name="Dr Ada Example", areas_of_interest="sleep, cramps")
    data = json_ld(client.get(person.get_absolute_url()).content.decode())
    assert data["@type"] == "ProfilePage"
    assert data["mainEntity"]["@type"] == "Person"
    assert data["mainEntity"]["honorificSuffix"] == "MBBS"
    # What they write about, then the areas they may review.
    assert data["mainEntity"]["knowsAbout"][:3] == ["sleep", "cramps", "General medicine"]


SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(response):
    assert response.status_code == 200
    return [
        element.text
        for element in ElementTree.fromstring(response.content).iter(f"{SITEMAP_NS}loc")
    ]


def test_sitemap_lists_every_published_page(client, condition):
    remedy = factories.remedy()
    article = factories.article()
    draft = factories.condition(status=Status.DRAFT)
    # /sitemap.xml is an index of sections; the pages are in the sections.
    index = client.get("/sitemap.xml")
    assert ElementTree.fromstring(index.content).tag == f"{SITEMAP_NS}sitemapindex"
    pages = {
        location
        for section in locations(index)
        for location in locations(client.get(section.removeprefix("http://testserver")))
    }
    for item in (condition, remedy, article, condition.author):
        assert f"http://testserver{item.get_absolute_url()}" in pages
    assert "http://testserver/symptom-checker/" in pages
    assert f"http://testserver{draft.get_absolute_url()}" not in pages


@pytest.mark.parametrize("url", ["/feeds/latest/", "/feeds/latest/atom/"])
def test_feeds_list_new_and_updated_content_newest_first(client, db, url):
    older = factories.condition(title="Older page")
    newer = factories.article(title="Newer page")
    older.save()  # updated after the article: now the newest change
    xml = client.get(url).content.decode()
    ElementTree.fromstring(xml)
    assert xml.index("Older page") < xml.index("Newer page")
    assert newer.get_absolute_url() in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_private_pages(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /symptom-checker/results/" in text
