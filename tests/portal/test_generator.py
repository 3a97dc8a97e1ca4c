"""`manage.py generate_content`: a large made-up body of content on top of
the launch content, the same for the same seed, never in production."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from reversion.models import Version

from conditions.models import Condition, ConditionSymptom, Symptom
from portal.content.loader import read_launch_content
from portal.markdown import render_markdown
from portal.models import Article, ReviewEvent, Status
from remedies.models import Remedy

LAUNCH_AUTHORS = [
    "isla-brennagh",
    "tomas-welling",
    "anwen-castellane",
    "ifeoma-lindqvist",
    "kwame-ashdown",
]


class RolledBack(Exception):
    pass


def generate(seed=7):
    call_command("generate_content", conditions=30, symptoms=20, seed=seed, stdout=None)


def snapshot():
    return {
        "conditions": list(Condition.objects.order_by("slug").values_list("slug", "category")),
        "links": sorted(
            ConditionSymptom.objects.values_list("condition__slug", "symptom__slug", "weight")
        ),
        "remedies": list(Remedy.objects.order_by("slug").values_list("slug", flat=True)),
    }


@pytest.fixture
def generated(db):
    generate()


def test_it_creates_what_it_says_on_top_of_the_launch_content(generated):
    assert Condition.objects.filter(slug="als").exists()
    assert Condition.objects.count() == 30 + 11
    assert Symptom.objects.count() == 20 + len(read_launch_content().symptoms)
    # A few are not live, one for each rule of published().
    hidden = Condition.objects.exclude(pk__in=Condition.objects.published())
    assert hidden.filter(status=Status.DRAFT).exists()
    assert hidden.filter(status=Status.IN_REVIEW).exists()
    assert hidden.filter(go_live_at__isnull=False).exists()
    assert hidden.filter(expires_at__isnull=False).exists()
    assert Condition.objects.published().count() == 30 + 11 - 4
    # Every generated condition has a handful of symptoms, and its Markdown
    # is rendered as a save would have.
    for condition in Condition.objects.published().exclude(author__slug__in=LAUNCH_AUTHORS):
        assert 3 <= condition.symptom_links.count() <= 8
        assert condition.body_html == render_markdown(condition.body)
        assert condition.causes_html == render_markdown(condition.causes)
        assert condition.sources.exists()
        assert condition.medical_reviewer_id not in (None, condition.author_id)
    assert Remedy.objects.count() == 5 + 5 and Article.objects.count() == 1 + 3
    assert ReviewEvent.objects.filter(action="approve").count() >= 30
    assert Version.objects.get_for_model(Condition).count() >= 30


def test_published_pages_answer_and_others_do_not(client, generated):
    for model in (Condition, Remedy, Article):
        item = model.objects.published().exclude(slug__in=["als", "massage"]).last()
        assert client.get(item.get_absolute_url()).status_code == 200
    author = Condition.objects.published().last().author
    assert client.get(author.get_absolute_url()).status_code == 200
    hidden = Condition.objects.exclude(pk__in=Condition.objects.published())
    for condition in hidden[:3]:
        assert client.get(condition.get_absolute_url()).status_code == 404
    for url in ("/", "/conditions/", "/remedies/", "/sitemap.xml", "/symptom-checker/all/"):
        assert client.get(url).status_code == 200


def test_the_same_seed_makes_the_same_content(db):
    runs = []

    def generate_and_roll_back():
        with transaction.atomic():
            generate(seed=3)
            runs.append(snapshot())
            raise RolledBack

    for _ in range(2):
        with pytest.raises(RolledBack):
            generate_and_roll_back()
    assert runs[0] == runs[1]


def test_it_refuses_to_run_twice_or_in_production(db, settings):
    generate()
    with pytest.raises(CommandError, match="already holds generated content"):
        generate()
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="development"):
        generate()
