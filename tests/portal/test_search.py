"""Search: synonyms found, best matches first, bad queries handled."""

import pytest

from portal.models import Status
from portal.search import search_content
from tests import factories


@pytest.fixture
def content(db):
    return {
        "als": factories.condition(
            title="Amyotrophic lateral sclerosis",
            also_called="Lou Gehrig's disease\nMotor neurone disease",
            summary="A rare disease of the motor nerves.",
            body="Weakness spreads over months.",
        ),
        "cramp": factories.condition(
            title="Muscle cramp",
            summary="A sudden tight muscle.",
            body="Cramps often follow exercise.",
        ),
        "stretch": factories.remedy(
            title="Stretching",
            summary="Gentle stretches ease a cramp.",
            body="Hold each stretch.",
        ),
        "draft": factories.article(
            title="Cramp draft", summary="Not yet out.", status=Status.DRAFT
        ),
    }


def titles(results):
    return [result.item.title for result in results]


def test_lou_gehrig_finds_als(content):
    assert titles(search_content("Lou Gehrig"))[0] == "Amyotrophic lateral sclerosis"


def test_title_hits_rank_above_summary_and_body_hits(content):
    found = titles(search_content("cramp"))
    assert found[0] == "Muscle cramp"
    assert "Stretching" in found
    assert "Cramp draft" not in found


def test_results_say_what_kind_of_page_they_are(content):
    kinds = {r.item.title: r.kind for r in search_content("cramp")}
    assert kinds == {"Muscle cramp": "Condition", "Stretching": "Remedy"}


def test_search_page_shows_results(client, content):
    html = client.get("/search/?q=Lou+Gehrig").content.decode()
    assert "Amyotrophic lateral sclerosis" in html
    assert "1 result for" in html


@pytest.mark.parametrize("query", ["", "   ", "%20%09"])
def test_an_empty_search_gets_a_helpful_page(client, content, query):
    response = client.get(f"/search/?q={query}")
    assert response.status_code == 200
    assert "Type a word or two above" in response.content.decode()


def test_an_over_long_search_gets_a_clear_400(client, content):
    response = client.get("/search/", {"q": "twitch " * 100})
    assert response.status_code == 400
    assert "That search is too long" in response.content.decode()


@pytest.mark.parametrize("query", ["%", "_", "'; DROP TABLE", "<script>", "ü ß 漢字", "a" * 200])
def test_odd_searches_never_error(client, content, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>")[1]


def test_nothing_found_points_somewhere_useful(client, content):
    html = client.get("/search/?q=xylophone").content.decode()
    assert "Nothing matched" in html
    assert 'href="/conditions/"' in html
