"""The editors' admin: every screen opens, lists narrow, forms save, roles hold."""

import datetime
import json
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from conditions.models import Condition, Urgency
from portal.models import Article, Status
from remedies.models import Remedy
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = {
    "editor": factories.editor,
    "moderator": factories.moderator,
    "superuser": lambda: factories.user(superuser=True),
}


@pytest.fixture(params=ROLES)
def staff_client(request, client):
    """A client logged in as each demo role in turn."""
    client.force_login(ROLES[request.param]())
    return client


@pytest.fixture
def editor_client(client):
    client.force_login(factories.editor())
    return client


@pytest.fixture
def moderator_client(client):
    client.force_login(factories.moderator())
    return client


def _admin_url(model_key, view, *args):
    return reverse(f"admin:{model_key}_{view}", args=args)


def _shown(response):
    """The rows a changelist shows."""
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


# --- Every content admin opens ----------------------------------------------------------
# key: (admin url name, builder of (wanted, other), search term that finds only wanted)


def _tag_pair():
    return Tag.objects.create(name="circulation"), Tag.objects.create(name="sleep")


def _combination_pair():
    swelling = factories.symptom(name="Leg swelling")
    weakness = factories.symptom(name="Muscle weakness")
    return (
        factories.combination([swelling], Urgency.URGENT, name="Swollen leg with tender calf"),
        factories.combination([weakness], Urgency.DOCTOR, name="Weakness getting worse"),
    )


ADMINS = {
    "condition": (
        "conditions_condition",
        lambda: (
            factories.condition(title="Blood clot in the leg", also_called="DVT"),
            factories.condition(title="Fibromyalgia"),
        ),
        "clot",
    ),
    "remedy": (
        "remedies_remedy",
        lambda: (factories.remedy(title="Elevate your legs"), factories.remedy(title="Massage")),
        "elevate",
    ),
    "article": (
        "portal_article",
        lambda: (
            factories.article(title="Muscle twitches in the legs"),
            factories.article(title="Sleeping well"),
        ),
        "twitches",
    ),
    "author": (
        "portal_author",
        lambda: (factories.author(name="Isla Brennagh"), factories.author(name="Tomas Welling")),
        "brennagh",
    ),
    "source": (
        "portal_source",
        lambda: (
            factories.source(title="Deep vein thrombosis", publisher="NHS"),
            factories.source(title="Muscle twitching", publisher="MedlinePlus"),
        ),
        "thrombosis",
    ),
    "symptom": (
        "conditions_symptom",
        lambda: (factories.symptom(name="Leg swelling"), factories.symptom(name="Drooling")),
        "swelling",
    ),
    "urgent combination": ("conditions_urgentcombination", _combination_pair, "tender"),
    "tag": ("taggit_tag", _tag_pair, "circ"),
}


@pytest.mark.parametrize("key", ADMINS)
def test_add_page_opens_for_every_role(staff_client, key):
    url_name, _, _ = ADMINS[key]
    response = staff_client.get(_admin_url(url_name, "add"))
    assert response.status_code == 200
    assert response.context["add"] is True


@pytest.mark.parametrize("key", ADMINS)
def test_changelist_and_change_page_open_for_every_role(staff_client, key):
    url_name, build, _ = ADMINS[key]
    wanted, other = build()
    changelist = staff_client.get(_admin_url(url_name, "changelist"))
    # A moderator's own clinician profile is listed among the authors too.
    assert _shown(changelist) >= {wanted, other}
    assert _admin_url(url_name, "change", wanted.pk) in changelist.content.decode()
    change = staff_client.get(_admin_url(url_name, "change", wanted.pk))
    assert change.status_code == 200
    assert change.context["original"] == wanted


@pytest.mark.parametrize("key", ADMINS)
def test_search_finds_the_right_row(editor_client, key):
    url_name, build, term = ADMINS[key]
    wanted, other = build()
    response = editor_client.get(_admin_url(url_name, "changelist"), {"q": term})
    assert _shown(response) == {wanted}
    html = response.content.decode()
    assert _admin_url(url_name, "change", wanted.pk) in html
    assert _admin_url(url_name, "change", other.pk) not in html


def test_condition_search_also_looks_at_other_names(editor_client):
    clot = factories.condition(title="Blood clot in the leg", also_called="deep vein thrombosis")
    factories.condition(title="Cramps")
    response = editor_client.get(_admin_url("conditions_condition", "changelist"), {"q": "vein"})
    assert _shown(response) == {clot}


# --- Filters ------------------------------------------------------------------------------

CONTENT = {
    "condition": ("conditions_condition", factories.condition),
    "remedy": ("remedies_remedy", factories.remedy),
    "article": ("portal_article", factories.article),
}


@pytest.fixture
def filter_rows():
    """Four items of each kind; see the expectations in the filter table."""
    today = timezone.localdate()
    writers = {name: factories.author(name=name) for name in ("Xena", "Yusuf", "Zara")}

    def build(builder):
        return {
            "a": builder(
                title="A", tags=["legs"], author=writers["Xena"],
                next_review_due=today - datetime.timedelta(days=5),
            ),
            "b": builder(
                title="B", status=Status.DRAFT, tags=["sleep"], author=writers["Yusuf"],
                next_review_due=today + datetime.timedelta(days=10),
            ),
            "c": builder(
                title="C", status=Status.IN_REVIEW, author=writers["Yusuf"], next_review_due=None,
            ),
            "d": builder(
                title="D", tags=["legs", "sleep"], author=writers["Zara"],
                next_review_due=today + datetime.timedelta(days=100),
            ),
        }  # fmt: skip

    return build, writers


FILTERS = [
    ({"status__exact": "published"}, {"a", "d"}),
    ({"status": "published"}, {"a", "d"}),
    ({"status__exact": "draft"}, {"b"}),
    ({"tag": "legs"}, {"a", "d"}),
    ({"tag": "sleep"}, {"b", "d"}),
    ({"review_due": "overdue"}, {"a"}),
    ({"review_due": "30days"}, {"b"}),
    ({"review_due": "none"}, {"c"}),
    ({"author": "Yusuf"}, {"b", "c"}),
    ({"tag": "legs", "status__exact": "published", "author": "Zara"}, {"d"}),
]


@pytest.mark.parametrize("kind", CONTENT)
@pytest.mark.parametrize(
    ("params", "expected"),
    FILTERS,
    ids=["-".join(f"{k}={v}" for k, v in params.items()) for params, _ in FILTERS],
)
def test_filters_narrow_the_rows(editor_client, filter_rows, kind, params, expected):
    url_name, builder = CONTENT[kind]
    build, writers = filter_rows
    rows = build(builder)
    query = dict(params)
    if "author" in query:
        query["author__id__exact"] = writers[query.pop("author")].pk
    response = editor_client.get(_admin_url(url_name, "changelist"), query)
    assert _shown(response) == {rows[name] for name in expected}


@pytest.mark.parametrize("kind", CONTENT)
def test_the_tag_filter_offers_only_tags_in_use_on_that_kind(editor_client, kind):
    url_name, builder = CONTENT[kind]
    builder(tags=["legs"])
    Tag.objects.create(name="unused")
    response = editor_client.get(_admin_url(url_name, "changelist"))
    html = response.content.decode()
    assert "?tag=legs" in html
    assert "?tag=unused" not in html


def test_the_author_filter_offers_only_people_who_wrote_something(editor_client):
    writer = factories.author(name="Busy Writer")
    idle = factories.author(name="Idle Writer")
    factories.condition(author=writer)
    # A filter with a single choice is hidden, so give it a second writer.
    factories.condition(author=factories.author(name="Second Writer"))
    response = editor_client.get(_admin_url("conditions_condition", "changelist"))
    html = response.content.decode()
    assert f"?author__id__exact={writer.pk}" in html
    assert f"?author__id__exact={idle.pk}" not in html


def test_an_urgent_combination_is_found_once_by_any_of_its_symptoms(editor_client):
    both = factories.combination(
        [factories.symptom(name="Leg swelling"), factories.symptom(name="Leg pain")],
        Urgency.URGENT,
        name="Swollen painful leg",
    )
    factories.combination([factories.symptom(name="Drooling")], Urgency.DOCTOR)
    response = editor_client.get(
        _admin_url("conditions_urgentcombination", "changelist"), {"q": "leg"}
    )
    assert list(response.context["cl"].result_list) == [both]


# --- Query budget -------------------------------------------------------------------------

# Measured: session, user, permissions, filter choices, counts, the rows and one tag
# prefetch, whatever the number of rows and tags. The remedy list has one more
# for its "helps with" filter.
# Each includes three for the header's inbox count (work sent back to the
# editor, and their unsubmitted changes to live pages), and one for whether
# the person must give a two-factor code.
CHANGELIST_QUERY_BUDGET = {"condition": 15, "remedy": 16, "article": 15}
SAVEPOINT_SQL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def _changelist_queries(client, url):
    """SQL queries a changelist runs, leaving out savepoints (transaction control
    that only exists because each test runs inside a transaction)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    queries = [q["sql"] for q in captured if not q["sql"].startswith(SAVEPOINT_SQL)]
    return len(queries), len(response.context["cl"].result_list)


@pytest.mark.parametrize("kind", CONTENT)
def test_changelist_queries_do_not_grow_with_rows_or_tags(editor_client, kind):
    url_name, builder = CONTENT[kind]
    url = _admin_url(url_name, "changelist")
    small_rows = [builder(title=f"Small {n}", tags=[f"small-{n}"]) for n in range(3)]
    small, shown = _changelist_queries(editor_client, url)
    assert shown == 3
    for item in small_rows:
        item.tags.add(*[f"small-{item.pk}-{t}" for t in range(4)])
    for n in range(27):
        builder(title=f"Large {n}", tags=[f"large-{n}-{t}" for t in range(5)])
    large, shown = _changelist_queries(editor_client, url)
    assert shown == 30
    assert large == small
    assert large <= CHANGELIST_QUERY_BUDGET[kind]


# --- Adding a condition through the admin -----------------------------------------------


def _form_data(client, url):
    """Empty management forms for every inline on the add page."""
    html = client.get(url).content.decode()
    prefixes = re.findall(r'name="([\w-]+)-TOTAL_FORMS"', html)
    data = {}
    for prefix in prefixes:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data, prefixes


def _add_rows(data, prefix, rows):
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{field}": value for field, value in row.items()})


@pytest.fixture
def condition_form(editor_client):
    """A complete add-condition form with one row in each inline."""
    url = _admin_url("conditions_condition", "add")
    data, prefixes = _form_data(editor_client, url)
    assert sorted(prefixes) == ["Condition_sources", "advice", "symptom_links"]
    writer, clinician = factories.author(name="Writer"), factories.reviewer(name="Dr Reviewer")
    related = factories.condition(title="Poor circulation")
    swelling, citation = factories.symptom(name="Leg swelling"), factories.source()
    data.update(
        {
            "title": "Blood clot in the leg",
            "slug": "blood-clot-in-the-leg",
            "also_called": "DVT",
            "category": "serious",
            "prevalence": "Uncommon",
            "clinical_area": "vascular",
            "summary": "A clot in a leg vein.",
            "body": "# What it is\n\nA clot.",
            "symptoms_text": "- swelling",
            "causes": "",
            "treatment": "",
            "prevention": "",
            "related_conditions": [related.pk],
            "tags": "Legs, LEGS,  legs ",
            "author": writer.pk,
            "medical_reviewer": clinician.pk,
            "last_reviewed": "",
            "next_review_due": "",
            "_save": "Save",
        }
    )
    _add_rows(data, "advice", [{"urgency": Urgency.URGENT, "text": "Call your doctor today."}])
    _add_rows(data, "symptom_links", [{"symptom": swelling.pk, "weight": "9"}])
    _add_rows(data, "Condition_sources", [{"source": citation.pk}])
    return url, data, {"related": related, "swelling": swelling, "source": citation}


def test_adding_a_condition_saves_it_with_its_inlines(editor_client, condition_form):
    url, data, parts = condition_form
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response.url == _admin_url("conditions_condition", "changelist")
    clot = Condition.objects.get(slug="blood-clot-in-the-leg")
    assert clot.status == Status.DRAFT
    # Under the page's own "Overview" heading, the body's start at h3.
    assert clot.body_html == '<h3 id="body-what-it-is">What it is</h3>\n<p>A clot.</p>'
    assert [(a.urgency, a.text) for a in clot.advice.all()] == [
        (Urgency.URGENT, "Call your doctor today.")
    ]
    assert [(link.symptom, link.weight) for link in clot.symptom_links.all()] == [
        (parts["swelling"], 9)
    ]
    assert list(clot.sources.all()) == [parts["source"]]
    # Related conditions go both ways.
    assert list(parts["related"].related_conditions.all()) == [clot]


def test_tags_typed_in_any_case_and_spacing_become_one_lowercase_tag(editor_client, condition_form):
    url, data, _ = condition_form
    assert editor_client.post(url, data).status_code == 302
    clot = Condition.objects.get(slug="blood-clot-in-the-leg")
    assert list(clot.tags.names()) == ["legs"]
    assert list(Tag.objects.values_list("name", "slug")) == [("legs", "legs")]


def test_tags_reuse_an_existing_tag_whatever_its_case(editor_client, condition_form):
    factories.remedy(tags=["legs"])
    url, data, _ = condition_form
    data["tags"] = "LEGS, Sleep"
    assert editor_client.post(url, data).status_code == 302
    clot = Condition.objects.get(slug="blood-clot-in-the-leg")
    assert sorted(clot.tags.names()) == ["legs", "sleep"]
    assert Tag.objects.count() == 2


def test_an_editor_cannot_name_the_medical_reviewer(editor_client, condition_form):
    """The approving clinician is the reviewer; a crafted field is ignored."""
    url, data, _ = condition_form
    data["medical_reviewer"] = factories.reviewer(name="Dr Chosen").pk
    assert editor_client.post(url, data).status_code == 302
    created = Condition.objects.get(slug="blood-clot-in-the-leg")
    assert created.medical_reviewer is None


def test_a_symptom_weight_out_of_range_is_refused_in_the_inline(editor_client, condition_form):
    url, data, _ = condition_form
    data["symptom_links-0-weight"] = "11"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 10." in response.content.decode()
    assert not Condition.objects.filter(slug="blood-clot-in-the-leg").exists()


def test_two_advice_rows_for_one_urgency_are_refused(editor_client, condition_form):
    url, data, _ = condition_form
    _add_rows(
        data,
        "advice",
        [
            {"urgency": Urgency.URGENT, "text": "Today."},
            {"urgency": Urgency.URGENT, "text": "Now."},
        ],
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Please correct the duplicate data for urgency." in response.content.decode()
    assert not Condition.objects.filter(slug="blood-clot-in-the-leg").exists()


def test_the_add_page_fills_the_slug_from_the_title(editor_client, condition_form):
    url, _, _ = condition_form
    html = editor_client.get(url).content.decode()
    match = re.search(r'data-prepopulated-fields="([^"]*)"', html)
    assert match
    config = json.loads(unescape(match[1]))
    assert [(row["id"], row["dependency_ids"]) for row in config] == [("#id_slug", ["#id_title"])]


def test_a_condition_without_a_slug_is_not_saved(editor_client, condition_form):
    url, data, _ = condition_form
    data["slug"] = ""
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert not Condition.objects.filter(title="Blood clot in the leg").exists()


# --- Permissions --------------------------------------------------------------------------


def test_editors_cannot_delete_conditions(editor_client):
    item = factories.condition()
    url = _admin_url("conditions_condition", "delete", item.pk)
    assert editor_client.get(url).status_code == 403
    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    assert Condition.objects.filter(pk=item.pk).exists()


def test_editors_are_not_offered_bulk_delete(editor_client):
    factories.condition()
    response = editor_client.get(_admin_url("conditions_condition", "changelist"))
    assert response.status_code == 200
    assert "delete_selected" not in response.content.decode()


def test_moderators_can_delete_conditions(moderator_client):
    item = factories.condition()
    url = _admin_url("conditions_condition", "delete", item.pk)
    assert moderator_client.get(url).status_code == 200
    response = moderator_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Condition.objects.filter(pk=item.pk).exists()


# --- Links to the public site --------------------------------------------------------------


@pytest.mark.parametrize("kind", CONTENT)
def test_the_changelist_links_each_row_to_its_public_page(editor_client, kind):
    url_name, builder = CONTENT[kind]
    live = builder(title="Live one")
    draft = builder(title="Draft one", status=Status.DRAFT)
    html = editor_client.get(_admin_url(url_name, "changelist")).content.decode()
    assert f'<a href="{live.get_absolute_url()}" target="_blank">View</a>' in html
    assert f'<a href="{draft.get_absolute_url()}" target="_blank">Preview</a>' in html


@pytest.mark.parametrize("kind", CONTENT)
def test_the_preview_address_shows_a_draft_to_an_editor_only(client, kind):
    _, builder = CONTENT[kind]
    draft = builder(title="Draft one", status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(factories.editor())
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "Draft one" in preview.content.decode()


# --- Autocomplete ---------------------------------------------------------------------------


def test_related_condition_autocomplete_answers_an_editor(editor_client):
    clot = factories.condition(title="Blood clot in the leg", also_called="DVT")
    factories.condition(title="Fibromyalgia")
    response = editor_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "conditions",
            "model_name": "condition",
            "field_name": "related_conditions",
            "term": "dvt",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(clot.pk), "text": "Blood clot in the leg"}]


def test_reviewer_autocomplete_offers_only_medical_reviewers(editor_client):
    clinician = factories.reviewer(name="Dr Anwen")
    factories.author(name="Anwen Writer")
    response = editor_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "conditions",
            "model_name": "condition",
            "field_name": "medical_reviewer",
            "term": "anwen",
        },
    )
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(clinician.pk)]


def test_autocomplete_is_closed_to_visitors(client):
    factories.condition(title="Blood clot in the leg")
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "conditions",
            "model_name": "condition",
            "field_name": "related_conditions",
            "term": "clot",
        },
    )
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_remedy_and_article_models_are_listed_on_the_admin_index(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    for model in (Condition, Remedy, Article):
        assert _admin_url(f"{model._meta.app_label}_{model._meta.model_name}", "changelist") in html


def test_each_row_of_a_long_list_is_selected_by_the_same_checkbox_django_draws(editor_client):
    """The changelist writes its selection checkboxes directly (a template
    per row was a quarter of the list's time); they must stay exactly what
    Django's own widget draws, which the actions and their script read."""
    from django.contrib import admin as django_admin

    item = factories.condition(title="Cramp <at> night")
    html = editor_client.get(reverse("admin:conditions_condition_changelist")).content.decode()
    row = rf'<input type="checkbox" name="_selected_action" value="{item.pk}"[^>]*>'
    ours = re.search(row, html)
    djangos = django_admin.ModelAdmin.action_checkbox(None, item)
    assert ours is not None and ours.group(0) == djangos
    assert "Cramp &lt;at&gt; night" in ours.group(0)
