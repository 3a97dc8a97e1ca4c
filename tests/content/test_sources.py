"""Each launch page cites sources about its own subject (issue 24: one
general page on muscle twitching was cited by 13 pages, the blood-clot page
among them)."""

from collections import Counter

import pytest

from portal.content.loader import read_launch_content

content = read_launch_content()
PAGES = {
    f"{kind}/{item['slug']}": item
    for kind, items in (
        ("conditions", content.conditions),
        ("remedies", content.remedies),
        ("articles", content.articles),
    )
    for item in items
}
SOURCES = {source["key"]: source for source in content.sources}
# A source cited more widely than this is standing in for pages' own.
MOST_PAGES_PER_SOURCE = 4


def test_no_source_is_cited_by_more_than_four_pages():
    cited = Counter(key for page in PAGES.values() for key in page["sources"])
    assert cited, "the launch pages cite sources"
    too_wide = {key: count for key, count in cited.items() if count > MOST_PAGES_PER_SOURCE}
    assert not too_wide


@pytest.mark.parametrize("page", PAGES)
def test_every_page_cites_sources_that_exist_once_each(page):
    keys = PAGES[page]["sources"]
    assert keys and len(keys) == len(set(keys))
    assert set(keys) <= set(SOURCES)


def test_the_blood_clot_page_cites_sources_on_clots_and_nothing_on_twitching():
    urls = [SOURCES[key]["url"] for key in PAGES["conditions/blood-clot-in-the-leg"]["sources"]]
    assert "https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/" in urls
    assert "https://www.nice.org.uk/guidance/ng158" in urls
    assert not [url for url in urls if "twitch" in url or "003296" in url]


@pytest.mark.parametrize(
    ("page", "subject"),
    [
        ("conditions/als", "motor-neurone-disease"),
        ("conditions/epilepsy", "epilepsy"),
        ("conditions/fibromyalgia", "fibromyalgia"),
        ("conditions/muscular-dystrophy", "muscular-dystrophy"),
        ("conditions/poor-circulation", "peripheral-arterial-disease"),
    ],
)
def test_a_condition_cites_the_nhs_page_on_its_own_subject(page, subject):
    urls = [SOURCES[key]["url"] for key in PAGES[page]["sources"]]
    assert f"https://www.nhs.uk/conditions/{subject}" in " ".join(urls)
