"""The launch content and the demo accounts: complete, and safe to load again."""

import datetime
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.test import Client
from taggit.models import Tag

from conditions.models import Condition, ConditionAdvice
from portal.content.loader import load_launch_content, read_launch_content
from portal.demo.accounts import ensure_demo_accounts
from portal.editorial.roles import EDITORS, MODERATORS
from portal.models import Article
from portal.tagging import normalise_tag
from remedies.models import Remedy

pytestmark = pytest.mark.django_db

content = read_launch_content()

PROJECT_APPS = {"portal", "conditions", "remedies", "taggit"}
DEMO_LOGINS = {
    "editor": "editor-demo",
    "moderator": "moderator-demo",
    "neurologist": "neurologist-demo",
    "admin": "admin-demo",
}


def _project_models():
    """Every model of the project, including the tag and relation tables."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in PROJECT_APPS
    ]


def _snapshot():
    """Row counts of every project model, and every row as stored."""
    counts = {model._meta.label: model.objects.count() for model in _project_models()}
    rows = {
        model._meta.label: {row["pk"]: row for row in model.objects.values("pk", *_columns(model))}
        for model in _project_models()
    }
    return counts, rows


def _columns(model):
    return [field.attname for field in model._meta.concrete_fields]


# --- What the launch content holds ---------------------------------------------------------


def test_conditions_are_published_reviewed_by_someone_else_and_cited(launch_content):
    conditions = list(Condition.objects.select_related("author", "medical_reviewer"))
    assert len(conditions) == len(content.conditions) == 11
    for condition in conditions:
        assert condition.is_published, condition
        assert condition.published_at is not None, condition
        assert condition.medical_reviewer is not None, condition
        assert condition.medical_reviewer != condition.author, condition
        assert condition.medical_reviewer.is_medical_reviewer, condition
        assert condition.last_reviewed is not None, condition
        assert condition.next_review_due is not None, condition
        assert condition.next_review_due > condition.last_reviewed, condition
        assert condition.sources.count() >= 1, condition
        assert condition.advice.exists(), condition
        assert condition.symptom_links.exists(), condition
        assert condition.body_html.startswith("<p>"), condition


def test_no_launch_content_is_due_for_review_today(launch_content):
    assert not Condition.objects.due_for_review().exists()
    assert not Remedy.objects.due_for_review().exists()
    assert not Article.objects.due_for_review().exists()


def test_remedies_are_published_reviewed_and_cited(launch_content):
    remedies = list(Remedy.objects.all())
    assert len(remedies) == len(content.remedies) == 5
    for remedy in remedies:
        assert remedy.is_published, remedy
        assert remedy.medical_reviewer_id not in (None, remedy.author_id), remedy
        assert remedy.last_reviewed is not None, remedy
        assert remedy.sources.count() >= 1, remedy
        assert remedy.steps.exists(), remedy


def test_the_launch_article_covers_every_condition(launch_content):
    article = Article.objects.get(slug="muscle-twitches-in-the-legs")
    assert article.is_published
    assert article.medical_reviewer_id not in (None, article.author_id)
    assert set(article.conditions.all()) == set(Condition.objects.all())
    assert article.remedies.count() == len(content.remedies)
    assert article.sources.exists()
    assert article.caution_html


def test_remedies_that_could_harm_a_clot_are_marked_unsafe_for_it(launch_content):
    clot = Condition.objects.get(slug="blood-clot-in-the-leg")
    unsafe = set(clot.unsafe_remedies.values_list("slug", flat=True))
    assert "massage" in unsafe
    assert unsafe == {
        item["slug"] for item in content.remedies if "blood-clot-in-the-leg" in item["unsafe_for"]
    }
    assert not unsafe & set(clot.remedies.values_list("slug", flat=True))


def test_launch_tags_are_already_in_normal_form(launch_content):
    names = list(Tag.objects.values_list("name", flat=True))
    assert names
    assert all(name == normalise_tag(name) for name in names), names


# --- Loading again ------------------------------------------------------------------------


def test_loading_twice_creates_nothing_and_changes_no_row(launch_content):
    before_counts, before_rows = _snapshot()
    assert before_counts["conditions.Condition"] == 11
    assert load_launch_content() == {}
    after_counts, after_rows = _snapshot()
    assert after_counts == before_counts
    assert after_rows == before_rows


def test_the_first_load_reports_what_it_created(db):
    created = load_launch_content()
    assert created["conditions"] == 11
    assert created["remedies"] == len(content.remedies)
    assert created["articles"] == 1


def test_an_editors_change_survives_a_second_load(launch_content):
    clot = Condition.objects.get(slug="blood-clot-in-the-leg")
    clot.title = "Blood clot (DVT)"
    clot.summary = "Edited by the editor."
    clot.next_review_due = datetime.date(2031, 1, 1)
    clot.save()
    clot.tags.set(["edited"])
    clot.sources.clear()
    ConditionAdvice.objects.filter(condition=clot, urgency="doctor").delete()
    Remedy.objects.filter(slug="massage").update(summary="Edited remedy.")

    load_launch_content()

    clot.refresh_from_db()
    assert clot.title == "Blood clot (DVT)"
    assert clot.summary == "Edited by the editor."
    assert clot.next_review_due == datetime.date(2031, 1, 1)
    assert list(clot.tags.names()) == ["edited"]
    assert not clot.sources.exists()
    assert not clot.advice.filter(urgency="doctor").exists()
    assert Remedy.objects.get(slug="massage").summary == "Edited remedy."


def test_a_deleted_item_comes_back_on_the_next_load(launch_content):
    Remedy.objects.filter(slug="massage").delete()
    assert load_launch_content() == {"remedies": 1}
    massage = Remedy.objects.get(slug="massage")
    assert massage.steps.exists()
    assert massage.unsafe_for.filter(slug="blood-clot-in-the-leg").exists()


# --- Groups, permissions and demo accounts --------------------------------------------------


def test_migrations_create_the_groups_but_no_user(db):
    assert set(Group.objects.values_list("name", flat=True)) == {EDITORS, MODERATORS}
    assert not get_user_model().objects.exists()


def _codenames(group_name):
    return set(Permission.objects.filter(group__name=group_name).values_list("codename", flat=True))


def test_editors_write_but_cannot_publish_or_delete_content(db):
    editors = _codenames(EDITORS)
    assert {"add_condition", "change_condition", "view_condition", "change_remedy"} <= editors
    assert not {code for code in editors if code.startswith("publish_")}
    assert not {"delete_condition", "delete_remedy", "delete_article", "delete_tag"} & editors
    # Removing a row from an inline needs delete on the inline's model.
    assert {"delete_conditionsymptom", "delete_conditionadvice", "delete_remedystep"} <= editors


def test_moderators_may_publish_and_delete(db):
    moderators = _codenames(MODERATORS)
    assert {
        "publish_condition",
        "publish_remedy",
        "publish_article",
        "publish_author",
        "delete_condition",
        "delete_tag",
    } <= moderators
    assert _codenames(EDITORS) < moderators


def test_load_demo_twice_leaves_exactly_the_demo_users_who_can_log_in(db):
    first, second = io.StringIO(), io.StringIO()
    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)
    assert "11 conditions" in first.getvalue()
    assert second.getvalue().startswith("Launch content already loaded; nothing to add.")
    ready = "Demo accounts ready: editor, moderator, neurologist, admin, member."
    assert ready in second.getvalue()
    users = {
        user.username: (
            user.is_staff,
            user.is_superuser,
            sorted(user.groups.values_list("name", flat=True)),
        )
        for user in get_user_model().objects.all()
    }
    assert users == {
        "editor": (True, False, [EDITORS]),
        "moderator": (True, False, [MODERATORS]),
        "neurologist": (True, False, [MODERATORS]),
        "admin": (True, True, []),
        # A visitor's account, for the public site (tests/members/test_demo.py).
        "member": (False, False, []),
    }
    for username, password in DEMO_LOGINS.items():
        assert Client().login(username=username, password=password), username


@pytest.fixture
def demo_accounts(db):
    """The accounts part of load_demo, run twice (the content is tested above)."""
    ensure_demo_accounts()
    return {user.username: user for user in ensure_demo_accounts()}


@pytest.mark.parametrize(("username", "password"), DEMO_LOGINS.items())
def test_the_demo_passwords_log_in_to_the_admin(demo_accounts, username, password):
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}
    )
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_password_does_not_log_in(demo_accounts):
    assert not Client().login(username="editor", password="moderator-demo")


@pytest.mark.parametrize(
    ("username", "may_publish", "may_delete"),
    [
        ("editor", False, False),
        ("moderator", True, True),
        ("neurologist", True, True),
        ("admin", True, True),
    ],
)
def test_demo_users_have_their_roles_permissions(demo_accounts, username, may_publish, may_delete):
    user = get_user_model().objects.get(username=username)
    for model in ("conditions.condition", "remedies.remedy", "portal.article"):
        app_label, name = model.split(".")
        assert user.has_perm(f"{app_label}.change_{name}")
        assert user.has_perm(f"{app_label}.publish_{name}") is may_publish
        assert user.has_perm(f"{app_label}.delete_{name}") is may_delete
    assert user.has_perm("portal.publish_author") is may_publish


def test_an_existing_accounts_password_is_never_reset(demo_accounts):
    editor = demo_accounts["editor"]
    editor.set_password("chosen-by-a-real-person")
    editor.save()
    call_command("create_demo_accounts", stdout=io.StringIO())
    assert not Client().login(username="editor", password="editor-demo")
    assert Client().login(username="editor", password="chosen-by-a-real-person")


def test_loading_the_launch_content_creates_no_account(db):
    call_command("load_content", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("command", ["load_demo", "create_demo_accounts"])
def test_production_refuses_demo_accounts_with_a_clear_message(db, settings, command):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="createsuperuser"):
        call_command(command, stdout=io.StringIO())
    assert not get_user_model().objects.exists()


def test_each_launch_item_has_a_revision_of_its_own(launch_content):
    from reversion.models import Version

    from conditions.models import Condition

    for condition in Condition.objects.all():
        revision = Version.objects.get_for_object(condition).get().revision
        others = revision.version_set.exclude(object_id=str(condition.pk))
        # Only its own advice and symptom links come along, no other condition.
        assert not others.filter(content_type__model="condition").exists()


@pytest.mark.django_db(transaction=True)
def test_the_sessions_copy_of_the_launch_content_follows_content_types_made_anew(launch_rows):
    """A transactional test's flush makes the content types anew, with new
    ids: the `launch_content` fixture's copy must point to those."""
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType
    from reversion.models import Version

    from tests.launch_rows import copy_in

    ContentType.objects.all().delete()
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
    assert not set(launch_rows.content_types) & set(
        ContentType.objects.values_list("pk", flat=True)
    )
    copy_in(launch_rows)
    assert load_launch_content() == {}
    for condition in Condition.objects.all():
        assert Version.objects.get_for_object(condition).count() == 1
