"""Search in everyday words: 40 queries visitors type, each with the page it
must find first, over the launch content and its reviewed synonym list
(`portal/content/launch/search_synonyms.toml`). Runs on SQLite (FTS5) and,
in CI's second pass, on PostgreSQL (stored vector, websearch_to_tsquery)."""

import pytest
from django.db import transaction

from portal.search.engine import search_content

ALS = "Amyotrophic lateral sclerosis (ALS)"
ARTICLE = "Muscle twitches in the legs: common causes, warning signs and home remedies"
CLOT = "Blood clot in the leg"
VITAMINS = "Low vitamins or minerals"
STRETCHING = "Stretching and gentle exercise"
CAFFEINE = "Caffeine and muscle twitching"
PLANNER = "Calorie planner"
CHECKER = "Symptom checker"

EVERYDAY_QUERIES = [
    # Lay terms
    ("cramp at night", STRETCHING),
    ("tingling", VITAMINS),
    ("pins and needles", VITAMINS),
    ("restless legs", ARTICLE),
    ("legs jumping at night", ARTICLE),
    ("too much coffee", CAFFEINE),
    ("energy drinks", CAFFEINE),
    ("swollen calf", CLOT),
    ("blood clot", CLOT),
    ("sore muscles", "Muscle overexertion"),
    ("hangover", "Alcohol and muscle twitching"),
    ("smoking", "Nicotine and muscle twitching"),
    ("vaping", "Nicotine and muscle twitching"),
    ("seizures", "Epilepsy"),
    ("fits", "Epilepsy"),
    ("pain when walking", "Poor circulation in the legs"),
    ("ice pack", "Hot or cold compress"),
    ("feet up", "Raise your legs"),
    ("b12", VITAMINS),
    ("Lou Gehrig", ALS),
    # Medical words
    ("fasciculations", ARTICLE),
    ("paraesthesia", VITAMINS),
    ("deep vein thrombosis", CLOT),
    ("claudication", "Poor circulation in the legs"),
    # Misspellings
    ("cramp at nite", STRETCHING),
    ("twiches", ARTICLE),
    ("fibromialgia", "Fibromyalgia"),
    ("muscular distrophy", "Muscular dystrophy"),
    ("motor neuron disease", ALS),
    ("excercise", STRETCHING),
    # Abbreviations
    ("DVT", CLOT),
    ("MND", ALS),
    ("ALS", ALS),
    ("PAD", "Poor circulation in the legs"),
    ("fibro", "Fibromyalgia"),
    # The tools
    ("calorie", PLANNER),
    ("kcal", PLANNER),
    ("symptom checker", CHECKER),
    ("how urgent", CHECKER),
    ("should I see a doctor", CHECKER),
]


@pytest.fixture(scope="module")
def launch_site(launch_rows, django_db_setup, django_db_blocker):
    """The launch content copied in once for the module, rolled back after."""
    from tests.launch_rows import copy_in

    with django_db_blocker.unblock(), transaction.atomic():
        copy_in(launch_rows)
        yield
        transaction.set_rollback(True)


def test_the_table_has_forty_different_queries():
    queries = [query.lower() for query, _ in EVERYDAY_QUERIES]
    assert len(queries) == 40 == len(set(queries))


@pytest.mark.parametrize(("query", "first"), EVERYDAY_QUERIES)
def test_an_everyday_query_finds_its_page_first(launch_site, db, query, first):
    results = search_content(query)
    assert results, f"{query!r} found nothing"
    assert results[0].item.title == first, [r.item.title for r in results[:3]]


def test_fasciculations_finds_the_twitching_guide_and_suggests_nothing(launch_site, client):
    html = client.get("/search/?q=fasciculations").content.decode()
    first = html.split('data-role="search-results"')[1].split("</li>")[0]
    assert 'href="/articles/muscle-twitches-in-the-legs/"' in first
    assert "Did you mean" not in html and "circulation" not in first


@pytest.mark.parametrize(
    ("query", "url"), [("calories", "/calorie-planner/"), ("how urgent", "/symptom-checker/")]
)
def test_the_tools_are_the_first_link_on_the_results_page(launch_site, client, query, url):
    html = client.get("/search/", {"q": query}).content.decode()
    first = html.split('data-role="search-results"')[1].split("</li>")[0]
    assert f'href="{url}"' in first
