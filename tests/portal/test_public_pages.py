"""Every public page: what a visitor sees, and its query budget with 1 and
with 50 related tags, symptoms, remedies and sources."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.models import Category, Urgency
from portal.models import Status
from tests import factories


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def condition_with(n):
    """A published condition with n of every related thing."""
    reviewer = factories.reviewer()
    condition = factories.condition(
        tags=[f"tag {i}" for i in range(n)],
        sources=[factories.source() for _ in range(n)],
        medical_reviewer=reviewer,
    )
    area = factories.body_area()
    for i in range(n):
        factories.link(condition, factories.symptom(body_area=area), weight=1 + i % 10)
        factories.remedy(suitable_for=[condition], medical_reviewer=reviewer)
        condition.related_conditions.add(factories.condition(medical_reviewer=reviewer))
    factories.remedy(unsafe_for=[condition], medical_reviewer=reviewer)
    for urgency in Urgency.values:
        factories.advice(condition, urgency)
    return condition


def remedy_with(n):
    reviewer = factories.reviewer()
    return factories.remedy(
        tags=[f"tag {i}" for i in range(n)],
        sources=[factories.source() for _ in range(n)],
        suitable_for=[factories.condition(medical_reviewer=reviewer) for _ in range(n)],
        unsafe_for=[factories.condition(medical_reviewer=reviewer) for _ in range(n)],
        steps=[f"Step {i}" for i in range(n)],
        medical_reviewer=reviewer,
    )


def article_with(n):
    reviewer = factories.reviewer()
    return factories.article(
        tags=[f"tag {i}" for i in range(n)],
        sources=[factories.source() for _ in range(n)],
        conditions=[factories.condition(medical_reviewer=reviewer) for _ in range(n)],
        remedies=[factories.remedy(medical_reviewer=reviewer) for _ in range(n)],
        medical_reviewer=reviewer,
        is_featured=True,
    )


def author_with(n):
    author = factories.author()
    for _ in range(n):
        factories.condition(author=author)
        factories.article(author=author)
    return author


# (builder, url of what it built, budget). The budgets are what each page
# needs; a comment in each view's queryset says which query is which.
PAGES = [
    pytest.param(condition_with, lambda c: c.get_absolute_url(), 12, id="condition"),
    pytest.param(remedy_with, lambda r: r.get_absolute_url(), 9, id="remedy"),
    pytest.param(article_with, lambda a: a.get_absolute_url(), 7, id="article"),
    pytest.param(author_with, lambda a: a.get_absolute_url(), 7, id="author"),
    pytest.param(condition_with, lambda c: "/conditions/", 3, id="a-z"),
    pytest.param(remedy_with, lambda r: "/remedies/", 2, id="remedy-guide"),
    pytest.param(article_with, lambda a: "/", 5, id="home"),
    pytest.param(condition_with, lambda c: "/tags/tag-0/", 4, id="tag"),
    pytest.param(condition_with, lambda c: "/search/?q=item", 3, id="search"),
    pytest.param(condition_with, lambda c: "/sitemap.xml", 7, id="sitemap"),
    pytest.param(article_with, lambda a: "/feeds/latest/", 3, id="feed"),
]


@pytest.mark.parametrize(("build", "url_of", "budget"), PAGES)
def test_page_queries_do_not_grow_with_related_items(client, db, build, url_of, budget):
    small = count_queries(client, url_of(build(1)))
    big_item = build(50)
    big = count_queries(client, url_of(big_item))
    assert big == small, f"{big} queries with 50 related items, {small} with 1"
    assert big <= budget


def test_condition_page_shows_what_a_visitor_needs(client, db):
    condition = condition_with(2)
    condition.also_called = "Lou Gehrig's disease\nMND"
    condition.category = Category.SERIOUS
    condition.prevalence = "About 2 in 100,000"
    condition.save()
    draft_remedy = factories.remedy(
        suitable_for=[condition], status=Status.DRAFT, title="Secret draft"
    )
    html = client.get(condition.get_absolute_url()).content.decode()
    assert "Also called: Lou Gehrig&#x27;s disease, MND" in html
    assert "Less common, can be serious" in html
    for heading in ("When to get help", "Overview", "Symptoms", "Sources"):
        assert f">{heading}</h2>" in html
    # Urgency tiers, most urgent first, each in its own style.
    positions = [html.index(f'data-urgency="{u}"') for u in reversed(Urgency.values)]
    assert positions == sorted(positions)
    assert "Medically reviewed by" in html
    assert condition.medical_reviewer.name in html
    assert "Last reviewed" in html and "Next review due" in html
    assert "Avoid these while this is possible" in html
    assert draft_remedy.title not in html


def test_a_z_lists_synonyms_under_their_own_letter(client, db):
    als = factories.condition(
        title="Amyotrophic lateral sclerosis", also_called="Lou Gehrig's disease"
    )
    factories.condition(title="Muscle cramp")
    html = client.get("/conditions/").content.decode()
    assert 'id="letter-L"' in html
    assert f'Lou Gehrig&#x27;s disease: see <a href="{als.get_absolute_url()}">' in html
    assert html.index('id="letter-A"') < html.index('id="letter-L"') < html.index('id="letter-M"')


def test_a_z_filters_by_category_and_tag(client, db):
    factories.condition(title="Benign thing", category=Category.COMMON, tags=["legs"])
    factories.condition(title="Serious thing", category=Category.SERIOUS, tags=["nerves"])
    common = client.get("/conditions/?category=common").content.decode()
    assert "Benign thing" in common and "Serious thing" not in common
    tagged = client.get("/conditions/?tag=nerves").content.decode()
    assert "Serious thing" in tagged and "Benign thing" not in tagged
    junk = client.get("/conditions/?category=<script>&page=abc")
    assert junk.status_code == 200
    assert "Benign thing" in junk.content.decode()


def test_a_z_pagination_keeps_the_filters(client, db, monkeypatch):
    monkeypatch.setattr("conditions.views.AZ_PAGE_SIZE", 2)
    for i in range(5):
        factories.condition(title=f"Cond {i}", category=Category.COMMON)
    html = client.get("/conditions/?category=common").content.decode()
    assert 'href="?category=common&amp;page=2"' in html


def test_remedy_page_numbers_steps_and_warns(client, db):
    clot = factories.condition(title="Blood clot in the leg", category=Category.SERIOUS)
    remedy = factories.remedy(
        title="Massage",
        steps=["Knead gently", "Stop if it hurts"],
        unsafe_for=[clot],
        safety_notes="- Stop if it hurts.",
    )
    html = client.get(remedy.get_absolute_url()).content.decode()
    assert '<ol class="steps"><li>Knead gently</li><li>Stop if it hurts</li></ol>' in html
    assert "Do not use this if you have, or might have:" in html
    assert clot.title in html
    assert 'class="warning"' in html


def test_remedy_guide_groups_remedies_by_what_they_help(client, db):
    group = factories.remedy_group(name="Tired or overworked muscles")
    factories.remedy(title="Rest", group=group)
    factories.remedy(title="Hidden draft", group=group, status=Status.DRAFT)
    html = client.get("/remedies/").content.decode()
    assert "Tired or overworked muscles" in html and "Rest" in html
    assert "Hidden draft" not in html


def test_article_splits_causes_and_numbers_remedies(client, db):
    common = factories.condition(title="Overexertion", category=Category.COMMON)
    serious = factories.condition(title="ALS", category=Category.SERIOUS)
    remedy = factories.remedy(title="Raise your legs")
    article = factories.article(
        conditions=[common, serious],
        remedies=[remedy],
        caution="Only a doctor can tell the cause.",
        featured_video_url="https://www.youtube.com/watch?v=abc123XYZ_-",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    common_at = html.index("Common causes")
    serious_at = html.index("More serious causes")
    assert (
        common_at
        < html.index("Overexertion", common_at)
        < serious_at
        < html.index("ALS", serious_at)
    )
    assert f'<ol><li><a href="{remedy.get_absolute_url()}">Raise your legs</a></li></ol>' in html
    assert 'class="caution"' in html
    assert 'src="https://www.youtube-nocookie.com/embed/abc123XYZ_-"' in html
    assert 'aria-label="About the author"' in html


def test_author_page_lists_what_they_wrote_and_reviewed(client, db):
    person = factories.reviewer(name="Dr Ada Example")
    written = factories.condition(author=person, title="Written one")
    reviewed = factories.remedy(medical_reviewer=person, title="Reviewed one")
    factories.condition(author=person, title="Draft one", status=Status.DRAFT)
    html = client.get(person.get_absolute_url()).content.decode()
    assert "Dr Ada Example" in html and "MBBS" in html
    assert written.title in html and reviewed.title in html
    assert "Draft one" not in html


def test_tag_page_lists_everything_with_the_tag(client, db):
    factories.condition(title="Tagged condition", tags=["legs"])
    factories.remedy(title="Tagged remedy", tags=["Legs"])
    factories.article(title="Untagged article")
    html = client.get("/tags/legs/").content.decode()
    assert "Tagged condition" in html and "Tagged remedy" in html
    assert "Untagged article" not in html
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_home_shows_featured_article_checker_and_a_z(client, db):
    article = factories.article(title="Leg twitches explained", is_featured=True)
    factories.condition(title="Zinc deficiency")
    html = client.get("/").content.decode()
    assert "Leg twitches explained" in html
    assert 'href="/symptom-checker/"' in html
    assert 'href="/conditions/#letter-Z"' in html
    assert html.count(article.get_absolute_url()) >= 1


def test_an_unapproved_author_bio_is_not_shown(client, db):
    draft_author = factories.author(name="New Writer", status=Status.DRAFT, published_at=None)
    article = factories.article(author=draft_author)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "New Writer" in html
    assert draft_author.get_absolute_url() not in html
    assert 'aria-label="About the author"' not in html


def test_a_z_letters_link_to_the_page_that_holds_them(client, db, monkeypatch):
    monkeypatch.setattr("conditions.views.AZ_PAGE_SIZE", 2)
    for title in ("Alpha", "Beta", "Gamma"):
        factories.condition(title=title)
    html = client.get("/conditions/").content.decode()
    assert 'href="#letter-A"' in html
    assert 'href="?page=2#letter-G"' in html


@pytest.mark.parametrize("url", ["/search/?q=%00", "/conditions/?tag=%00", "/search/?q=a%00b"])
def test_nul_characters_never_cause_an_error(client, db, url):
    factories.condition()
    assert client.get(url).status_code == 200


def test_linking_related_conditions_changes_both_edit_tokens(db):
    alpha, beta = factories.condition(), factories.condition()
    before = beta.updated_at
    alpha.related_conditions.add(beta)
    beta.refresh_from_db()
    assert beta.updated_at > before
