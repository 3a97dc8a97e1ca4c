"""Rules the database and the models enforce, whatever screen the data comes from."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from conditions.models import Condition, ConditionAdvice, ConditionSymptom, Urgency
from portal.models import Article, Author, Status, video_embed_url
from remedies.models import Remedy
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 15)


def _refused_by_database(create):
    """Run `create` in a savepoint and report whether the database refused it."""
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


# --- Slugs, reviewers, status --------------------------------------------------------


@pytest.mark.parametrize(
    "build",
    [factories.condition, factories.remedy, factories.article],
    ids=["condition", "remedy", "article"],
)
def test_a_second_item_with_the_same_slug_is_refused(build):
    first = build(slug="leg-cramps")
    _refused_by_database(lambda: build(slug="leg-cramps"))
    assert type(first).objects.filter(slug="leg-cramps").count() == 1


def test_a_second_author_with_the_same_slug_is_refused():
    factories.author(slug="sam-jones")
    _refused_by_database(lambda: factories.author(slug="sam-jones"))


CONTENT = [
    pytest.param(factories.condition, Condition, id="condition"),
    pytest.param(factories.remedy, Remedy, id="remedy"),
    pytest.param(factories.article, Article, id="article"),
]


@pytest.mark.parametrize(("build", "model"), CONTENT)
def test_the_author_cannot_review_their_own_item_in_the_database(build, model):
    clinician = factories.reviewer()
    _refused_by_database(lambda: build(author=clinician, medical_reviewer=clinician))
    assert not model.objects.filter(author=clinician).exists()


def test_the_author_cannot_review_their_own_item_even_by_a_bulk_update():
    item = factories.condition()
    _refused_by_database(
        lambda: Condition.objects.filter(pk=item.pk).update(medical_reviewer=item.author)
    )


def test_full_clean_names_the_reviewer_field_when_it_is_the_author():
    clinician = factories.reviewer()
    item = factories.condition(status=Status.DRAFT, author=clinician)
    item.medical_reviewer = clinician
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "medical_reviewer" in error.value.message_dict
    assert (
        "Choose a reviewer other than the author." in error.value.message_dict["medical_reviewer"]
    )


def test_full_clean_accepts_a_different_reviewer():
    item = factories.condition(status=Status.DRAFT)
    item.medical_reviewer = factories.reviewer()
    item.full_clean()  # no error


@pytest.mark.parametrize(
    "build",
    [factories.condition, factories.remedy, factories.article, factories.author],
    ids=["condition", "remedy", "article", "author"],
)
def test_an_unknown_status_is_refused_by_the_database(build):
    item = build(status=Status.DRAFT)
    _refused_by_database(lambda: type(item).objects.filter(pk=item.pk).update(status="live"))
    item.refresh_from_db()
    assert item.status == Status.DRAFT


@pytest.mark.parametrize(
    "build",
    [factories.condition, factories.remedy, factories.article, factories.author],
    ids=["condition", "remedy", "article", "author"],
)
def test_published_without_a_publication_date_is_refused(build):
    item = build(status=Status.DRAFT)
    _refused_by_database(
        lambda: (
            type(item).objects.filter(pk=item.pk).update(status=Status.PUBLISHED, published_at=None)
        )
    )
    item.refresh_from_db()
    assert not item.is_published


# --- Symptom weights and advice tiers ---------------------------------------------------


@pytest.mark.parametrize("weight", [0, 11])
def test_a_symptom_weight_outside_1_to_10_is_refused(weight):
    condition, symptom = factories.condition(), factories.symptom()
    _refused_by_database(
        lambda: ConditionSymptom.objects.create(condition=condition, symptom=symptom, weight=weight)
    )
    with pytest.raises(ValidationError) as error:
        ConditionSymptom(condition=condition, symptom=symptom, weight=weight).full_clean()
    assert "weight" in error.value.message_dict
    assert not ConditionSymptom.objects.exists()


@pytest.mark.parametrize("weight", [1, 10])
def test_the_weight_bounds_themselves_are_accepted(weight):
    condition, symptom = factories.condition(), factories.symptom()
    ConditionSymptom(condition=condition, symptom=symptom, weight=weight).full_clean()
    assert factories.link(condition, symptom, weight=weight).weight == weight


def test_a_symptom_links_to_a_condition_only_once():
    condition, symptom = factories.condition(), factories.symptom()
    factories.link(condition, symptom, weight=3)
    _refused_by_database(lambda: factories.link(condition, symptom, weight=8))
    assert list(condition.symptom_links.values_list("weight", flat=True)) == [3]


def test_a_condition_has_one_piece_of_advice_per_urgency():
    condition = factories.condition()
    factories.advice(condition, Urgency.URGENT, "Call today.")
    _refused_by_database(lambda: factories.advice(condition, Urgency.URGENT, "Call now."))
    factories.advice(condition, Urgency.EMERGENCY, "Call an ambulance.")
    assert sorted(condition.advice.values_list("urgency", flat=True)) == [
        Urgency.EMERGENCY,
        Urgency.URGENT,
    ]


def test_advice_with_an_unknown_urgency_is_refused():
    condition = factories.condition()
    _refused_by_database(
        lambda: ConditionAdvice.objects.create(condition=condition, urgency="soon", text="x")
    )


# --- Markdown rendered on save ---------------------------------------------------------


@pytest.mark.parametrize("field", ["body", "symptoms_text", "causes", "treatment", "prevention"])
def test_each_condition_section_is_rendered_to_html_on_save(field):
    item = factories.condition(**{field: "Rest **well**.\n\n<script>alert(1)</script>"})
    html = getattr(Condition.objects.get(pk=item.pk), f"{field}_html")
    assert "<strong>well</strong>" in html
    assert "<script" not in html


@pytest.mark.parametrize("field", ["body", "how_it_helps", "safety_notes"])
def test_remedy_sections_are_rendered_to_html_on_save(field):
    item = factories.remedy(**{field: "- raise the leg\n- rest"})
    html = getattr(Remedy.objects.get(pk=item.pk), f"{field}_html")
    assert html == "<ul>\n<li>raise the leg</li>\n<li>rest</li>\n</ul>"


def test_article_caution_is_rendered_to_html_on_save():
    item = factories.article(caution="See a doctor if it lasts **two weeks**.")
    assert Article.objects.get(pk=item.pk).caution_html == (
        "<p>See a doctor if it lasts <strong>two weeks</strong>.</p>"
    )


def test_author_bio_is_rendered_to_html_on_save():
    person = factories.author(bio="# About\n\nA *GP*.")
    assert Author.objects.get(pk=person.pk).bio_html == (
        '<h2 id="about">About</h2>\n<p>A <em>GP</em>.</p>'
    )


def test_editing_the_markdown_refreshes_the_html():
    item = factories.condition(treatment="Old advice.")
    item.treatment = "New advice."
    item.save()
    item.refresh_from_db()
    assert item.treatment_html == "<p>New advice.</p>"


def test_clearing_a_section_clears_its_html():
    item = factories.remedy(safety_notes="Not with a clot.")
    item.safety_notes = ""
    item.save()
    item.refresh_from_db()
    assert item.safety_notes_html == ""


# --- Querysets -------------------------------------------------------------------------


def test_published_lists_only_published_items():
    shown = factories.condition(title="Shown")
    for status in (Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED):
        factories.condition(status=status)
    assert list(Condition.objects.published()) == [shown]


@pytest.mark.parametrize(
    ("status", "next_review_due", "due"),
    [
        (Status.PUBLISHED, TODAY - datetime.timedelta(days=1), True),
        (Status.PUBLISHED, TODAY, True),
        (Status.PUBLISHED, TODAY + datetime.timedelta(days=1), False),
        (Status.PUBLISHED, None, False),
        (Status.DRAFT, TODAY - datetime.timedelta(days=1), False),
        (Status.ARCHIVED, TODAY - datetime.timedelta(days=100), False),
    ],
    ids=["yesterday", "today", "tomorrow", "no-date", "draft", "archived"],
)
def test_due_for_review(status, next_review_due, due):
    item = factories.remedy(status=status, next_review_due=next_review_due)
    assert (item in Remedy.objects.due_for_review(today=TODAY)) is due


def test_also_called_names_skips_blank_lines_and_trims():
    item = factories.condition(also_called="  deep vein thrombosis \n\nDVT\n   \n")
    assert item.also_called_names == ["deep vein thrombosis", "DVT"]


def test_also_called_names_is_empty_without_other_names():
    assert factories.condition(also_called="").also_called_names == []


# --- Video addresses -------------------------------------------------------------------

NOCOOKIE = "https://www.youtube-nocookie.com/embed/"


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", NOCOOKIE + "dQw4w9WgXcQ"),
        ("https://youtube.com/watch?v=a-b_c&t=42", NOCOOKIE + "a-b_c"),
        ("https://m.youtube.com/watch?v=abc123", NOCOOKIE + "abc123"),
        ("https://www.youtube.com/shorts/Short_1", NOCOOKIE + "Short_1"),
        ("https://www.youtube.com/embed/abc123", NOCOOKIE + "abc123"),
        ("https://youtu.be/abc123", NOCOOKIE + "abc123"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://player.vimeo.com/video/76979871/",
            "https://player.vimeo.com/video/76979871?dnt=1",
        ),
        ("https://www.youtube.com/watch", ""),
        ("https://www.youtube.com/watch?v=abc%22%3E%3Cscript%3E", ""),
        ("https://www.youtube.com/channel/UC123", ""),
        ("https://youtu.be/", ""),
        ("https://vimeo.com/about", ""),
        ("https://example.org/watch?v=abc123", ""),
        ("https://youtube.com.evil.example/watch?v=abc123", ""),
        ("https://www.dailymotion.com/video/x7", ""),
        ("", ""),
    ],
)
def test_video_embed_url(url, embed):
    assert video_embed_url(url) == embed


def test_an_article_with_a_video_from_another_host_does_not_validate():
    item = factories.article(status=Status.DRAFT)
    item.featured_video_url = "https://example.org/videos/12"
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.message_dict["featured_video_url"] == [
        "Use a YouTube or Vimeo video address."
    ]


def test_an_article_with_a_youtube_video_validates_and_embeds_without_cookies():
    item = factories.article(status=Status.DRAFT)
    item.featured_video_url = "https://youtu.be/abc123"
    item.full_clean()
    assert item.video_embed_url == NOCOOKIE + "abc123"


# --- Remedies that must not be suggested ------------------------------------------------


def test_a_remedy_unsafe_for_a_blood_clot_is_listed_on_the_condition():
    clot = factories.condition(title="Blood clot in the leg")
    cramps = factories.condition(title="Cramps")
    massage = factories.remedy(title="Massage", unsafe_for=[clot], suitable_for=[cramps])
    rest = factories.remedy(title="Rest", suitable_for=[clot, cramps])
    assert list(clot.unsafe_remedies.all()) == [massage]
    assert list(cramps.unsafe_remedies.all()) == []
    assert set(clot.remedies.all()) == {rest}
    assert rest not in clot.unsafe_remedies.all()
