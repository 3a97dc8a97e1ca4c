"""Every public page: what a visitor sees, and its query budget with 1 and
with 50 related tags, symptoms, remedies and sources."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.html import Element, parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conditions.models import Category, Urgency
from portal.models import Status
from tests import factories


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def parse(response):
    """The page as a tree of elements; tests find parts of it by their
    data-role hooks, so markup details (attribute order, whitespace, extra
    classes) do not matter."""
    assert response.status_code == 200
    return parse_html(response.content.decode())


def elements(node):
    """Every element under node, in document order."""
    for child in node.children:
        if isinstance(child, Element):
            yield child
            yield from elements(child)


def attr(element, name):
    return dict(element.attributes).get(name)


def classes(element):
    return (attr(element, "class") or "").split()


def by_role(node, role):
    return [element for element in elements(node) if attr(element, "data-role") == role]


def the(node, role):
    """The one element with data-role=role."""
    found = by_role(node, role)
    assert len(found) == 1, f"{len(found)} elements with data-role={role!r}"
    return found[0]


def section_headed(node, heading_id):
    """The section whose heading has the id heading_id."""
    for section in elements(node):
        if section.name == "section" and any(
            isinstance(child, Element) and child.name == "h2" and attr(child, "id") == heading_id
            for child in section.children
        ):
            return section
    raise AssertionError(f"no section headed #{heading_id}")


def text(node):
    """The text a visitor reads, whitespace collapsed."""
    if isinstance(node, str):
        return node
    return " ".join(" ".join(text(child) for child in node.children).split())


def links(node):
    """(href, text) of every link under node, in order; hrefs unescaped."""
    return [(attr(a, "href"), text(a)) for a in elements(node) if a.name == "a"]


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
# needs; a comment in each view's queryset says which query is which. The
# A-Z's includes one for the approved tier wording, one for the sorted names
# and one for the content version they are kept by (each read once per
# worker after a change; tests/portal/test_azindex.py counts the warm page);
# the home page's, the version, the names and whether today has a video
# (its items are kept too, the video per day); the
# remedy guide's, the groups, each group's count and each group's first few;
# search's, one per kind, the content version and the synonym list (read
# once per worker after a change; tests/portal/test_search.py counts the warm page).
PAGES = [
    pytest.param(condition_with, lambda c: c.get_absolute_url(), 12, id="condition"),
    pytest.param(remedy_with, lambda r: r.get_absolute_url(), 9, id="remedy"),
    pytest.param(article_with, lambda a: a.get_absolute_url(), 7, id="article"),
    pytest.param(author_with, lambda a: a.get_absolute_url(), 7, id="author"),
    pytest.param(condition_with, lambda c: "/conditions/", 5, id="a-z"),
    pytest.param(remedy_with, lambda r: "/remedies/", 3, id="remedy-guide"),
    pytest.param(article_with, lambda a: "/", 7, id="home"),
    pytest.param(condition_with, lambda c: "/tags/tag-0/", 4, id="tag"),
    pytest.param(condition_with, lambda c: "/search/?q=item", 5, id="search"),
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
    response = client.get(condition.get_absolute_url())
    page = parse(response)
    html = response.content.decode()
    assert "Also called: Lou Gehrig's disease, MND" in text(page)
    assert "Serious: needs a doctor&#x27;s care" in html
    assert 'href="tel:999"' in html and 'href="tel:111"' in html
    headings = [text(h2) for h2 in elements(page) if h2.name == "h2"]
    for heading in ("When to get help", "Overview", "Symptoms", "Sources"):
        assert heading in headings
    # Urgency tiers, most urgent first, each in its own style.
    tiers = [element for element in elements(page) if attr(element, "data-urgency")]
    assert [attr(tier, "data-urgency") for tier in tiers] == list(reversed(Urgency.values))
    assert all(f"advice--{attr(tier, 'data-urgency')}" in classes(tier) for tier in tiers)
    reviewer = text(the(page, "reviewer"))
    assert reviewer.startswith("Medically reviewed by")
    assert condition.medical_reviewer.name in reviewer
    assert "Last reviewed" in html and "Next review due" in html
    assert "Avoid these while this is possible" in html
    assert draft_remedy.title not in html


def call_links(node):
    return [attr(a, "href") for a in elements(node) if (attr(a, "href") or "").startswith("tel:")]


def before_the_lead(page, box):
    """Whether box comes before the page's lead paragraph."""
    order = list(elements(page))
    (lead,) = [element for element in order if "lead" in classes(element)]
    return order.index(box) < order.index(lead)


def test_a_condition_page_says_when_to_get_help_before_its_introduction(client, db):
    condition = factories.condition()
    factories.advice(condition, "doctor", "See a GP if it lasts.")
    factories.advice(condition, "emergency", "Call 999 if a leg turns cold and blue.")
    page = parse(client.get(condition.get_absolute_url()))
    box = the(page, "get-help")
    assert before_the_lead(page, box)
    # The page's own most urgent advice, and both numbers as buttons.
    assert "Call 999 if a leg turns cold and blue." in text(box)
    assert "See a GP if it lasts." not in text(box)
    assert call_links(box) == ["tel:999", "tel:111"]


def test_a_condition_with_no_urgent_advice_still_offers_both_numbers_first(client, db):
    condition = factories.condition()
    factories.advice(condition, "self-care", "Rest and drink water.")
    page = parse(client.get(condition.get_absolute_url()))
    box = the(page, "get-help")
    assert before_the_lead(page, box)
    assert "Rest and drink water." in text(box)
    assert call_links(box) == ["tel:999", "tel:111"]


def test_an_article_says_when_to_get_help_before_its_standfirst(client, db, settings):
    settings.EMERGENCY_NUMBER, settings.URGENT_NUMBER = "112", "116117"
    article = factories.article(caution="See a doctor if a muscle gets weaker.")
    page = parse(client.get(article.get_absolute_url()))
    box = the(page, "get-help")
    assert before_the_lead(page, box)
    assert call_links(box) == ["tel:112", "tel:116117"]
    more = [a for a in elements(box) if a.name == "a" and attr(a, "href") == "#caution-heading"]
    assert more, "the box links to the article's own caution"


def test_a_z_lists_synonyms_under_their_own_letter(client, db):
    als = factories.condition(
        title="Amyotrophic lateral sclerosis", also_called="Lou Gehrig's disease"
    )
    factories.condition(title="Muscle cramp")
    page = parse(client.get("/conditions/"))
    letters = [attr(h2, "id") for h2 in elements(page) if h2.name == "h2"]
    assert "letter-L" in letters
    assert letters.index("letter-A") < letters.index("letter-L") < letters.index("letter-M")
    l_group = section_headed(page, "letter-L")
    under_l = [(text(li), links(li)) for li in elements(l_group) if li.name == "li"]
    assert under_l == [
        (f"Lou Gehrig's disease: see {als.title}", [(als.get_absolute_url(), als.title)])
    ]


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
    page = parse(client.get("/conditions/?category=common"))
    queries = [parse_qs(urlsplit(href).query) for href, _ in links(page) if href]
    assert {"category": ["common"], "page": ["2"]} in queries


def test_remedy_page_numbers_steps_and_warns(client, db):
    clot = factories.condition(title="Blood clot in the leg", category=Category.SERIOUS)
    remedy = factories.remedy(
        title="Massage",
        steps=["Knead gently", "Stop if it hurts"],
        unsafe_for=[clot],
        safety_notes="- Stop if it hurts.",
    )
    response = client.get(remedy.get_absolute_url())
    page = parse(response)
    html = response.content.decode()
    steps = the(page, "steps")
    assert steps.name == "ol"
    assert [text(li) for li in elements(steps) if li.name == "li"] == [
        "Knead gently",
        "Stop if it hurts",
    ]
    assert "Do not use this if you have, or might have:" in html
    unsafe_for = the(page, "unsafe-for")
    assert links(unsafe_for) == [(clot.get_absolute_url(), clot.title)]
    assert "warning" in classes(unsafe_for)
    safety = the(page, "safety")
    assert "warning" in classes(safety)
    assert "Stop if it hurts." in text(safety)


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
    page = parse(client.get(article.get_absolute_url()))
    panels = [attr(element, "data-role") for element in elements(page)]
    assert panels.index("common-causes") < panels.index("serious-causes")
    common_panel = the(page, "common-causes")
    assert text(common_panel).startswith("Common causes")
    assert links(common_panel) == [(common.get_absolute_url(), "Overexertion")]
    serious_panel = the(page, "serious-causes")
    assert text(serious_panel).startswith("More serious causes")
    assert links(serious_panel) == [(serious.get_absolute_url(), "ALS")]
    remedies = the(page, "remedies")
    lists = [element.name for element in elements(remedies) if element.name in ("ol", "ul")]
    assert lists == ["ol"], "home remedies are numbered"
    assert links(remedies) == [(remedy.get_absolute_url(), "Raise your legs")]
    assert "Only a doctor can tell the cause." in text(the(page, "caution"))
    video = the(page, "video")
    assert [e for e in elements(video) if e.name == "iframe"] == []  # nothing loads before play
    assert attr(the(video, "video-play"), "href") == (
        "https://www.youtube-nocookie.com/embed/abc123XYZ_-"
    )
    author_box = the(page, "author-box")
    assert attr(author_box, "aria-label") == "About the author"
    assert (article.author.get_absolute_url(), article.author.name) in links(author_box)


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
    response = client.get("/")
    page = parse(response)
    assert "Leg twitches explained" in response.content.decode()
    assert links(the(page, "checker-cta")) == [(reverse("checker:start"), "Check your symptoms")]
    assert (reverse("conditions:list") + "#letter-Z", "Z") in links(the(page, "a-z"))
    assert (article.get_absolute_url(), article.title) in links(the(page, "featured"))


def test_an_unapproved_author_bio_is_not_shown(client, db):
    draft_author = factories.author(name="New Writer", status=Status.DRAFT, published_at=None)
    article = factories.article(author=draft_author)
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "New Writer" in html
    assert draft_author.get_absolute_url() not in html
    assert by_role(parse(response), "author-box") == []
    assert "About the author" not in html


def test_a_z_letters_link_to_the_page_that_holds_them(client, db, monkeypatch):
    monkeypatch.setattr("conditions.views.AZ_PAGE_SIZE", 2)
    for title in ("Alpha", "Beta", "Gamma"):
        factories.condition(title=title)
    letters = {
        letter: href for href, letter in links(the(parse(client.get("/conditions/")), "letters"))
    }
    assert letters["A"] == "#letter-A"
    assert letters["G"] == "?page=2#letter-G"


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


def test_a_big_remedy_group_shows_its_first_remedies_and_links_to_the_rest(client, db):
    group = factories.remedy_group(name="Cramps")
    small = factories.remedy_group(name="Sleep")
    for n in range(9):
        factories.remedy(title=f"Remedy {n}", group=group)
    factories.remedy(title="Sleep remedy", group=small)
    page = parse(client.get("/remedies/"))
    html = text(page)
    assert "Remedy 5" in html and "Remedy 6" not in html
    (whole,) = by_role(page, "whole-group")
    assert text(whole) == "All 9 remedies for cramps"
    assert "Sleep remedy" in html  # a small group is shown whole, with no link
    listing = client.get(f"/remedies/{attr(whole, 'href')}")
    assert "Remedy 8" in listing.content.decode()
    assert client.get("/remedies/?group=no-such-group").status_code == 404
    assert client.get(f"/remedies/{attr(whole, 'href')}&page=9").status_code == 200


def test_the_remedy_guide_costs_the_same_with_many_remedies(client, db):
    group = factories.remedy_group()
    factories.remedy(group=group)
    few = count_queries(client, "/remedies/")
    for _ in range(20):
        factories.remedy(group=group)
    factories.remedy(group=factories.remedy_group())
    assert count_queries(client, "/remedies/") == few


def test_a_prolific_authors_page_shows_the_newest_and_links_to_every_page(client, db):
    author = factories.author()
    for n in range(14):
        factories.condition(author=author, title=f"Condition {n:02}")
    factories.article(author=author, title="Newest article")
    page = parse(client.get(author.get_absolute_url()))
    assert len(by_role(page, "card")) == 12
    (every,) = by_role(page, "all-written")
    assert not by_role(page, "all-reviewed")
    first = client.get(author.get_absolute_url() + attr(every, "href"))
    titles = [text(card) for card in by_role(parse(first), "card")]
    assert len(titles) == 15
    assert titles[0].startswith("Newest article")
    assert client.get(author.get_absolute_url() + "?list=written&page=99").status_code == 200


def test_every_page_list_loads_only_its_page(client, db):
    author = factories.author()
    for _ in range(3):
        factories.condition(author=author)
    few = count_queries(client, author.get_absolute_url() + "?list=written")
    for _ in range(30):
        factories.condition(author=author)
    assert count_queries(client, author.get_absolute_url() + "?list=written&page=2") == few


def test_a_busy_tag_shows_each_kinds_first_pages_and_links_to_the_rest(client, db):
    for n in range(14):
        factories.condition(title=f"Condition {n:02}", tags=["legs"])
    factories.remedy(title="Only remedy", tags=["legs"])
    page = parse(client.get("/tags/legs/"))
    assert len(by_role(page, "card")) == 13  # twelve conditions and the remedy
    (more,) = by_role(page, "all-of-kind")
    listing = parse(client.get("/tags/legs/" + attr(more, "href")))
    assert [text(card) for card in by_role(listing, "card")][-1].startswith("Condition 13")
    assert len(by_role(listing, "card")) == 14
    assert client.get("/tags/legs/?kind=no-such-kind").status_code == 200
    assert client.get("/tags/legs/?kind=articles").status_code == 404


def test_a_guide_of_many_groups_is_read_a_page_at_a_time(client, db):
    for n in range(12):
        factories.remedy(group=factories.remedy_group(name=f"Group {n:02}", order=n))
    first = text(parse(client.get("/remedies/")))
    assert "Group 09" in first and "Group 10" not in first
    second = text(parse(client.get("/remedies/?page=2")))
    assert "Group 10" in second and "Group 11" in second and "Group 00" not in second


@pytest.mark.parametrize("make", [factories.condition, factories.remedy, factories.article])
def test_every_content_page_offers_print_and_share_with_only_its_own_script(client, db, make):
    item = make()
    page = parse(client.get(item.get_absolute_url()))
    box = the(page, "print-share")
    (field,) = [element for element in elements(box) if element.name == "input"]
    assert attr(field, "value") == f"http://testserver{item.get_absolute_url()}"
    scripts = [attr(element, "src") for element in elements(page) if element.name == "script"]
    assert "/static/js/share.js" in scripts
    # Only this site's own scripts: no share widget from anyone else.
    assert all(src is None or src.startswith("/static/") for src in scripts), scripts
