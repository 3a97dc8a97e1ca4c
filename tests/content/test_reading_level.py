"""Launch pages are written in plain English: each condition page's main text,
as a visitor reads it on the page, is at Flesch–Kincaid grade 7 or below
(issue 24); remedies and the article at grade 8 or below."""

import re

import pytest

from portal.content.loader import read_launch_content
from portal.editorial.reading_level import reading_grade, visible_text

content = read_launch_content()
CONDITION_GRADE = 7.0
OTHER_PAGE_GRADE = 8.0
MAIN = re.compile(r"<main\b.*?</main>", re.DOTALL)
# Around the writing on a content page: navigation, forms, the sidebar (but
# not an article's caution box), the list of sources (titles of guidelines),
# the byline and the tags.
AROUND_THE_TEXT = {"nav", "form", "aside"}
AROUND_THE_TEXT_CLASSES = {"sources", "byline", "tags"}
PART_OF_THE_TEXT_ROLES = {"caution"}


def around_the_text(tag, attrs):
    if attrs.get("data-role") in PART_OF_THE_TEXT_ROLES:
        return False
    return tag in AROUND_THE_TEXT or bool(
        AROUND_THE_TEXT_CLASSES & set(attrs.get("class", "").split())
    )


def main_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    (main,) = MAIN.findall(response.content.decode())
    return visible_text(main, leave_out=around_the_text)


def test_the_grade_counts_headings_and_list_items_as_sentences_of_their_own():
    list_html = "<h2>Symptoms</h2><ul><li>a sore calf</li><li>a warm, red leg</li></ul>"
    assert visible_text(list_html) == "Symptoms. a sore calf. a warm, red leg."
    hard = (
        "Anticoagulation is ordinarily commenced expeditiously following "
        "ultrasonographic confirmation of proximal venous thrombosis."
    )
    assert reading_grade("Call 999 now. Your leg is cold and pale.") < CONDITION_GRADE
    assert reading_grade(hard) > CONDITION_GRADE


def test_what_surrounds_the_writing_is_left_out():
    html = '<p>Rest.</p><section class="sources"><p>Venous thromboembolic diseases</p></section>'
    assert visible_text(html, leave_out=around_the_text) == "Rest."
    nested = '<div class="byline"><div>Written by</div> a writer</div><p>Drink water</p>'
    assert visible_text(nested, leave_out=around_the_text) == "Drink water."
    caution = '<aside data-role="caution"><p>Call 999</p></aside><aside><p>Related</p></aside>'
    assert visible_text(caution, leave_out=around_the_text) == "Call 999."


@pytest.mark.parametrize("slug", [item["slug"] for item in content.conditions])
def test_a_condition_page_reads_at_grade_7_or_below(launch_content, client, slug):
    text = main_text(client, f"/conditions/{slug}/")
    # The whole page is measured: its advice, overview and every section.
    assert "When to get help" in text and "Causes" in text
    grade = reading_grade(text)
    assert grade <= CONDITION_GRADE, f"{slug}: grade {grade:.1f}"


@pytest.mark.parametrize(
    "url",
    [f"/remedies/{item['slug']}/" for item in content.remedies]
    + [f"/articles/{item['slug']}/" for item in content.articles],
)
def test_remedies_and_the_article_read_at_grade_8_or_below(launch_content, client, url):
    grade = reading_grade(main_text(client, url))
    assert grade <= OTHER_PAGE_GRADE, f"{url}: grade {grade:.1f}"
