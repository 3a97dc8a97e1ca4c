"""How a long page reads: urgent advice near the top, one h1 and h2
sections with an "On this page" list, and nothing said twice."""

from django.test.html import parse_html

from tests import factories
from tests.portal.test_public_pages import attr, by_role, elements, text

ARTICLE_BODY = """A twitch is usually harmless.

### What is a twitch?

A small contraction.

#### In the calf

Often after exercise.

### Common causes

Caffeine, tiredness.

### Serious causes

Rarely, a nerve disease.

### Home remedies

Rest and stretching.
"""


def headings(html):
    return [(element.name, text(element)) for element in elements(parse_html(html))
            if element.name in ("h1", "h2", "h3", "h4")]  # fmt: skip


def test_an_article_has_one_h1_then_h2_sections_without_skipped_levels(client, db):
    article = factories.article(title="Leg twitches", body=ARTICLE_BODY, caution="See a GP.")
    html = client.get(article.get_absolute_url()).content.decode()
    found = headings(html)
    assert [name for name, _ in found].count("h1") == 1
    body_levels = {title: name for name, title in found}
    assert body_levels["What is a twitch?"] == "h2"
    assert body_levels["In the calf"] == "h3"
    assert body_levels["Common causes"] == "h2"


def test_an_articles_caution_comes_right_after_its_introduction(client, db):
    article = factories.article(body=ARTICLE_BODY, caution="Get help at once if a leg is hot.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("A twitch is usually harmless") < html.index('data-role="caution"')
    assert html.index('data-role="caution"') < html.index("What is a twitch?</h2>")


def test_a_long_page_lists_its_sections_and_each_link_finds_its_heading(client, db):
    article = factories.article(body=ARTICLE_BODY, caution="See a GP.")
    page = parse_html(client.get(article.get_absolute_url()).content.decode())
    (contents,) = by_role(page, "on-this-page")
    links = [attr(a, "href") for a in elements(contents) if a.name == "a"]
    assert links == [
        "#caution-heading",
        "#what-is-a-twitch",
        "#common-causes",
        "#serious-causes",
        "#home-remedies",
    ]
    ids = {attr(element, "id") for element in elements(page)}
    assert {link[1:] for link in links} <= ids


def test_a_short_page_has_no_contents_list(client, db):
    article = factories.article(body="Just a paragraph.\n\n## One\n\nText.")
    page = parse_html(client.get(article.get_absolute_url()).content.decode())
    assert not by_role(page, "on-this-page")


def test_a_condition_page_lists_its_sections_with_urgent_advice_first(client, db):
    condition = factories.condition(body="About it.", causes="Why.", treatment="What helps.")
    factories.advice(condition, "urgent", "Call if it spreads.")
    page = parse_html(client.get(condition.get_absolute_url()).content.decode())
    (contents,) = by_role(page, "on-this-page")
    titles = [text(li) for li in elements(contents) if li.name == "li"]
    assert titles == ["How urgently to get help", "Overview", "Symptoms", "Causes", "Treatment"]


def test_a_condition_page_has_one_symptom_list(client, db):
    condition = factories.condition(symptoms_text="- Twitching\n- Cramps")
    for name in ("Twitching", "Cramps"):
        factories.link(condition, factories.symptom(name=name))
    html = client.get(condition.get_absolute_url()).content.decode()
    page = parse_html(html)
    lists = [
        element for element in elements(page) if element.name == "ul" and "Cramps" in text(element)
    ]
    assert len(lists) == 1
    # The page links into the checker, and ticks nothing there for the visitor.
    (check,) = by_role(page, "check-these")
    link = attr(next(a for a in elements(check) if a.name == "a"), "href")
    assert link.startswith("/symptom-checker/") and "s=" not in link


def test_without_written_symptoms_the_checkers_symptoms_are_the_list(client, db):
    condition = factories.condition(symptoms_text="")
    factories.link(condition, factories.symptom(name="Cramps"))
    page = parse_html(client.get(condition.get_absolute_url()).content.decode())
    (listed,) = by_role(page, "symptoms")
    assert text(listed) == "Cramps"


def test_other_names_leave_out_the_title_and_its_abbreviation(db):
    condition = factories.condition(
        title="Amyotrophic lateral sclerosis (ALS)",
        also_called="ALS\nLou Gehrig's disease\namyotrophic lateral sclerosis\nMND",
    )
    assert condition.other_names == ["Lou Gehrig's disease", "MND"]


def test_also_called_is_not_shown_when_it_only_repeats_the_title(client, db):
    condition = factories.condition(title="Deep vein thrombosis (DVT)", also_called="DVT")
    assert "Also called" not in client.get(condition.get_absolute_url()).content.decode()


def test_pages_about_food_or_weight_offer_the_calorie_planner(client, db):
    about_food = factories.article(tags=["nutrition"])
    about_sleep = factories.article(tags=["sleep"])
    offered = parse_html(client.get(about_food.get_absolute_url()).content.decode())
    (panel,) = by_role(offered, "planner-cta")
    assert "/calorie-planner/" in [attr(a, "href") for a in elements(panel) if a.name == "a"]
    plain = parse_html(client.get(about_sleep.get_absolute_url()).content.decode())
    assert not by_role(plain, "planner-cta")


def test_a_long_site_page_lists_its_sections(client, db):
    from django.utils import timezone

    from portal.models import SitePage, Status

    body = "\n\n".join(f"## Part {n}\n\nText." for n in range(1, 5))
    SitePage.objects.create(
        slug="privacy", title="Privacy", summary="What we keep.", body=body,
        status=Status.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip
    page = parse_html(client.get("/privacy/").content.decode())
    (contents,) = by_role(page, "on-this-page")
    assert [attr(a, "href") for a in elements(contents) if a.name == "a"] == [
        "#part-1", "#part-2", "#part-3", "#part-4",
    ]  # fmt: skip
