"""Trust you can check: the site's own pages, the publisher, who may review
what, dates on cards and sources never newer than the review."""

import datetime
import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conditions.models import Condition
from portal.editorial import drafts, workflow
from portal.models import (
    Article,
    Author,
    ClinicalArea,
    SitePage,
    SitePageSlug,
    Source,
    Status,
)
from remedies.models import Remedy
from tests import factories
from tests.portal.test_revisions import change_form_data

SITE_PAGE_PATHS = ["/about/", "/editorial-policy/", "/contact/", "/privacy/"]


def ld_blocks(html):
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL
        )
    ]


def footer(html):
    return html[html.index('<footer class="site-footer">') :]


# --- Site pages -----------------------------------------------------------------------


@pytest.mark.parametrize("path", SITE_PAGE_PATHS)
def test_each_launch_site_page_is_live_at_its_short_address(client, launch_content, path):
    response = client.get(path)
    assert response.status_code == 200
    page = SitePage.objects.get(slug=path.strip("/"))
    html = response.content.decode()
    assert f"<h1>{page.title}</h1>" in html
    assert "Page last updated" in html
    assert "{site_name}" not in html


def test_every_footer_links_the_site_pages_and_names_the_publisher(client, launch_content):
    condition = Condition.objects.get(slug="blood-clot-in-the-leg")
    for path in ["/", condition.get_absolute_url(), "/search/?q=clot", "/no-such-page/"]:
        html = footer(client.get(path).content.decode())
        for site_path in SITE_PAGE_PATHS:
            assert f'href="{site_path}"' in html, (path, site_path)
        assert 'Published by <a href="/about/">Clear Health</a>' in html


def test_site_pages_take_only_their_own_addresses(client, db):
    factories.site_page(slug=SitePageSlug.ABOUT)
    assert client.get("/about/").status_code == 200
    assert client.get("/about-us/").status_code == 404
    assert client.get("/about/more/").status_code == 404
    assert client.get("/search/").status_code == 200


def test_a_site_page_in_draft_is_not_public_but_staff_preview_it(client, db):
    page = factories.site_page(slug=SitePageSlug.PRIVACY, status=Status.DRAFT)
    assert client.get("/privacy/").status_code == 404
    client.force_login(factories.editor())
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert page.title in response.content.decode()


def test_the_editorial_policy_lists_every_area_and_who_reviews_it(client, launch_content):
    html = client.get("/editorial-policy/").content.decode()
    section = html[html.index('data-role="who-reviews-what"') :]
    for label in ClinicalArea.labels:
        assert f"<dt>{label}</dt>" in section
    vascular = section[section.index("<dt>Vascular medicine</dt>") :]
    vascular = vascular[: vascular.index("</dd>")]
    assert "Dr Ifeoma Lindqvist" in vascular and "Dr Anwen Castellane" in vascular
    assert "Tomas Welling" not in vascular


def test_the_contact_page_gives_the_numbers_to_call(client, launch_content):
    html = client.get("/contact/").content.decode()
    help_now = html[html.index('data-role="help-now"') :]
    assert 'href="tel:999"' in help_now and 'href="tel:111"' in help_now
    assert "cannot give personal medical advice" in html


def test_a_site_page_goes_through_review_like_other_content(client, db):
    page = factories.site_page(slug=SitePageSlug.ABOUT, status=Status.DRAFT, last_updated=None)
    editor, moderator = factories.editor(), factories.moderator(clinician=False)
    workflow.apply_transition(item=page, user=editor, name="submit")
    with pytest.raises(PermissionDenied):
        workflow.apply_transition(item=page, user=editor, name="approve")
    today = datetime.date(2026, 11, 25)
    workflow.apply_transition(item=page, user=moderator, name="approve", today=today)
    page.refresh_from_db()
    # No clinician needed, and the approval dates the page.
    assert (page.status, page.last_updated) == (Status.PUBLISHED, today)


def test_editing_a_live_site_page_makes_a_draft_visitors_do_not_see(client, db):
    page = factories.site_page(slug=SitePageSlug.CONTACT, body="Write to old@example.org.")
    editor = factories.editor()
    client.force_login(editor)
    url = f"/admin/portal/sitepage/{page.pk}/change/"
    data = change_form_data(client, url)
    data["body"] = "Write to new@example.org."
    assert client.post(url, data).status_code == 302
    assert drafts.pending(page) is not None
    client.logout()
    assert "old@example.org" in client.get("/contact/").content.decode()
    workflow.apply_transition(item=page, user=editor, name="submit_changes")
    workflow.apply_transition(item=page, user=factories.moderator(), name="approve_changes")
    assert "new@example.org" in client.get("/contact/").content.decode()


# --- The publisher ----------------------------------------------------------------------


def test_a_page_without_data_of_its_own_carries_the_publisher(client, db, settings):
    settings.SITE_URL = "https://health.example.org"
    [organization] = ld_blocks(client.get("/").content.decode())
    assert organization["@type"] == "Organization"
    assert organization["name"] == "Clear Health"
    assert organization["url"] == "https://health.example.org/"
    assert organization["logo"]["url"] == "https://health.example.org/static/img/logo.png"
    assert organization["publishingPrinciples"].endswith("/editorial-policy/")


def test_without_site_url_the_publisher_is_at_the_requests_address(client, db, settings):
    settings.SITE_URL = ""
    [organization] = ld_blocks(client.get("/").content.decode())
    assert organization["url"] == "http://testserver/"


@pytest.mark.parametrize("kind", ["condition", "remedy", "article"])
def test_clinical_pages_name_their_publisher_and_specialty(client, db, kind):
    item = getattr(factories, kind)(clinical_area=ClinicalArea.VASCULAR)
    [data] = ld_blocks(client.get(item.get_absolute_url()).content.decode())
    assert data["@type"] == "MedicalWebPage"
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Clear Health"
    assert data["specialty"] == "https://schema.org/Cardiovascular"
    assert data["reviewedBy"]["knowsAbout"][0] == "General medicine"


def test_author_and_site_pages_name_their_publisher(client, db):
    author = factories.reviewer()
    [profile] = ld_blocks(client.get(author.get_absolute_url()).content.decode())
    assert profile["publisher"]["name"] == "Clear Health"
    factories.site_page(slug=SitePageSlug.ABOUT)
    [about] = ld_blocks(client.get("/about/").content.decode())
    assert about["@type"] == "AboutPage"
    assert about["about"] == {"@id": about["publisher"]["@id"]}


def test_the_error_page_renders_its_footer_without_a_request(db):
    from django.test import RequestFactory

    from portal.public.views import server_error

    html = server_error(RequestFactory().get("/")).content.decode()
    assert 'href="/privacy/"' in html
    assert "Published by" in html


# --- Who may review what ----------------------------------------------------------------


def in_review(kind="condition", **fields):
    item = getattr(factories, kind)(**fields)
    type(item).objects.filter(pk=item.pk).update(status=Status.IN_REVIEW, medical_reviewer=None)
    item.refresh_from_db()
    return item


def clinician(areas, **fields):
    user = factories.moderator(clinician=False)
    factories.reviewer(user=user, name=f"Dr {user.username}", review_areas=areas, **fields)
    return user


def test_a_clinician_outside_the_pages_area_cannot_sign_it_off(db):
    item = in_review(clinical_area=ClinicalArea.VASCULAR)
    physio = clinician([ClinicalArea.MUSCULOSKELETAL])
    with pytest.raises(ValidationError, match="vascular medicine") as refused:
        workflow.apply_transition(item=item, user=physio, name="approve")
    assert "muscles, bones and joints" in str(refused.value)
    item.refresh_from_db()
    assert (item.status, item.medical_reviewer) == (Status.IN_REVIEW, None)
    vascular = clinician([ClinicalArea.VASCULAR])
    workflow.apply_transition(item=item, user=vascular, name="approve")
    item.refresh_from_db()
    assert item.medical_reviewer.user == vascular


def test_a_superuser_cannot_publish_under_a_reviewer_outside_the_area(db):
    physio = factories.reviewer(review_areas=[ClinicalArea.MUSCULOSKELETAL])
    item = in_review("remedy", clinical_area=ClinicalArea.NEUROLOGY)
    Remedy.objects.filter(pk=item.pk).update(medical_reviewer=physio)
    with pytest.raises(ValidationError, match="not qualified to review neurology"):
        workflow.apply_transition(item=item, user=factories.user(superuser=True), name="approve")


def test_moving_a_live_page_to_another_area_needs_a_review_in_it(client, db):
    physio = factories.reviewer(review_areas=[ClinicalArea.MUSCULOSKELETAL])
    item = factories.article(clinical_area=ClinicalArea.MUSCULOSKELETAL, medical_reviewer=physio)
    editor = factories.editor()
    client.force_login(editor)
    url = f"/admin/portal/article/{item.pk}/change/"
    data = change_form_data(client, url)
    data["clinical_area"] = ClinicalArea.NEUROLOGY
    # An editor may move it (the reviewer is the workflow's to change)…
    assert client.post(url, data).status_code == 302
    workflow.apply_transition(item=item, user=editor, name="submit_changes")
    # …but it goes live only with a full medical review (the area is clinical)…
    with pytest.raises(ValidationError, match=r"clinical content \(clinical area\)"):
        workflow.apply_transition(item=item, user=factories.moderator(), name="approve_changes")
    # …by someone qualified in the new area.
    with pytest.raises(ValidationError, match="clinical area is neurology"):
        workflow.apply_transition(
            item=item,
            user=clinician([ClinicalArea.MUSCULOSKELETAL]),
            name="approve_changes",
            medical_review=True,
        )
    neurologist = clinician([ClinicalArea.NEUROLOGY])
    workflow.apply_transition(
        item=item, user=neurologist, name="approve_changes", medical_review=True
    )
    item.refresh_from_db()
    assert (item.clinical_area, item.medical_reviewer.user) == ("neurology", neurologist)


def test_the_admin_reports_a_refused_sign_off_as_a_message(client, db):
    item = in_review(clinical_area=ClinicalArea.VASCULAR)
    client.force_login(clinician([ClinicalArea.NUTRITION]))
    url = f"/admin/conditions/condition/{item.pk}/transition/"
    response = client.post(url, {"transition": "approve"}, follow=True)
    assert response.status_code == 200
    assert "vascular medicine" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_a_reviewer_set_directly_is_checked_by_model_validation(db):
    item = factories.condition(clinical_area=ClinicalArea.NEUROLOGY)
    item.medical_reviewer = factories.reviewer(review_areas=[ClinicalArea.NUTRITION])
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "medical_reviewer" in refused.value.message_dict
    # A form leaves the workflow's field out, so the area can still change.
    item.full_clean(exclude=["medical_reviewer"])


def test_an_authors_review_areas_are_validated(db):
    person = factories.author(is_medical_reviewer=True, credentials="MBBS")
    with pytest.raises(ValidationError, match="at least one area"):
        person.full_clean()
    person.review_areas = ["astrology"]
    with pytest.raises(ValidationError, match="from the list"):
        person.full_clean()
    writer = factories.author(review_areas=[ClinicalArea.GENERAL])
    with pytest.raises(ValidationError, match="Only a medical reviewer"):
        writer.full_clean()


def test_an_editor_ticks_a_reviewers_areas_in_the_admin(client, db):
    person = factories.author(
        is_medical_reviewer=True, registration_number="GMC 1234567", status=Status.DRAFT
    )
    client.force_login(factories.editor())
    url = f"/admin/portal/author/{person.pk}/change/"
    data = change_form_data(client, url)
    data["review_areas"] = [ClinicalArea.NEUROLOGY, ClinicalArea.GENERAL]
    data.pop("photo", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert sorted(person.review_areas) == ["general", "neurology"]


def test_the_byline_and_author_page_show_credentials_and_areas(client, db):
    reviewer = factories.reviewer(
        name="Dr Vera Example",
        credentials="MBBS, MRCP",
        role="Consultant neurologist",
        review_areas=[ClinicalArea.NEUROLOGY],
    )
    item = factories.condition(clinical_area=ClinicalArea.NEUROLOGY, medical_reviewer=reviewer)
    html = client.get(item.get_absolute_url()).content.decode()
    line = html[html.index('data-role="reviewer"') :]
    line = re.sub(r"<[^>]+>", "", line[: line.index("</p>")])
    assert "Dr Vera Example, MBBS, MRCP (Consultant neurologist)" in line
    assert "qualified to review neurology" in line
    profile = client.get(reviewer.get_absolute_url()).content.decode()
    assert "Qualified to review" in profile and "<li>Neurology</li>" in profile


def test_a_page_stops_claiming_a_qualification_its_reviewer_no_longer_has(client, db):
    reviewer = factories.reviewer(review_areas=[ClinicalArea.NEUROLOGY])
    item = factories.condition(clinical_area=ClinicalArea.NEUROLOGY, medical_reviewer=reviewer)
    type(reviewer).objects.filter(pk=reviewer.pk).update(review_areas=[ClinicalArea.VASCULAR])
    html = client.get(item.get_absolute_url()).content.decode()
    assert 'data-role="reviewer"' in html
    assert "qualified to review" not in html


# --- The launch content -----------------------------------------------------------------


def clinical_pages():
    return [
        *Condition.objects.select_related("medical_reviewer").prefetch_related("sources"),
        *Remedy.objects.select_related("medical_reviewer").prefetch_related("sources"),
        *Article.objects.select_related("medical_reviewer").prefetch_related("sources"),
    ]


def test_every_launch_page_is_reviewed_by_a_clinician_qualified_in_its_area(launch_content):
    for page in clinical_pages():
        assert page.medical_reviewer.may_review(page.clinical_area), page
        assert page.reviewer_problem() == "", page
        page.full_clean()


def test_the_blood_clot_page_is_reviewed_by_a_vascular_clinician(launch_content):
    clot = Condition.objects.get(slug="blood-clot-in-the-leg")
    assert clot.clinical_area == ClinicalArea.VASCULAR
    assert clot.medical_reviewer.slug != "tomas-welling"
    assert ClinicalArea.VASCULAR in clot.medical_reviewer.review_areas


def test_no_launch_source_was_read_after_the_review_of_a_page_citing_it(launch_content):
    for page in clinical_pages():
        for source in page.sources.all():
            assert source.accessed_on <= page.last_reviewed, (page, source)
        assert page.late_sources() == []
        assert page.publish_problems() == []


def test_every_launch_reviewer_shows_credentials_and_areas(launch_content):
    for person in Author.objects.filter(is_medical_reviewer=True):
        person.full_clean()
        assert person.credentials and person.review_area_labels, person


def test_the_demo_moderator_can_sign_off_a_new_general_article(launch_content):
    from portal.demo.accounts import ensure_demo_accounts

    ensure_demo_accounts()
    moderator = Author.objects.get(slug="ifeoma-lindqvist").user
    item = factories.article(
        status=Status.IN_REVIEW, author=Author.objects.get(slug="isla-brennagh")
    )
    workflow.apply_transition(item=item, user=moderator, name="approve")
    item.refresh_from_db()
    assert item.medical_reviewer.slug == "ifeoma-lindqvist"


# --- Sources are never newer than the review ---------------------------------------------


def test_a_source_read_after_the_approval_date_is_refused(db):
    late = factories.source(accessed_on=timezone.localdate())
    item = in_review(sources=[late])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="accessed after the last medical review"):
        workflow.apply_transition(
            item=item, user=factories.moderator(), name="approve", today=yesterday
        )
    workflow.apply_transition(item=item, user=factories.moderator(), name="approve")


def test_citing_a_newer_source_on_a_live_page_needs_a_medical_review(db):
    item = factories.remedy()
    reviewed = item.last_reviewed
    newer = factories.source(accessed_on=reviewed + datetime.timedelta(days=1))
    editor = factories.editor()
    with drafts.staged(item, None):
        item.sources.add(newer)
        content = drafts.snapshot(item)
    workflow.save_draft(item=item, content=content, user=editor)
    workflow.apply_transition(item=item, user=editor, name="submit_changes")
    with pytest.raises(ValidationError, match="accessed after the last medical review"):
        workflow.apply_transition(item=item, user=factories.moderator(), name="approve_changes")
    workflow.apply_transition(
        item=item,
        user=factories.moderator(),
        name="approve_changes",
        medical_review=True,
        today=reviewed + datetime.timedelta(days=2),
    )
    item.refresh_from_db()
    assert newer in item.sources.all()


def test_a_source_cannot_move_past_the_review_of_pages_citing_it(db):
    cited = factories.source(accessed_on=datetime.date(2026, 10, 1))
    page = factories.condition(sources=[cited], title="Cramp")
    Source.objects.filter(pk=cited.pk).update(status=Status.IN_REVIEW)
    cited.refresh_from_db()
    cited.accessed_on = page.last_reviewed + datetime.timedelta(days=1)
    cited.save()
    with pytest.raises(ValidationError, match="last reviewed before"):
        workflow.apply_transition(item=cited, user=factories.moderator(), name="approve")


def test_a_source_is_never_accessed_in_the_future(db):
    source = factories.source(accessed_on=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="future"):
        source.full_clean()


# --- Dates on cards ---------------------------------------------------------------------


def card_dates(html):
    return re.findall(r'data-role="card-date">(\w+) <time datetime="([\d-]+)">', html)


def test_cards_show_when_each_page_was_reviewed(client, db):
    reviewed = datetime.date(2026, 10, 23)
    author = factories.author()
    item = factories.condition(last_reviewed=reviewed, tags=["legs"], author=author)
    expected = ("Reviewed", "2026-10-23")
    assert expected in card_dates(client.get("/").content.decode())
    assert expected in card_dates(client.get("/tags/legs/").content.decode())
    assert expected in card_dates(client.get(author.get_absolute_url()).content.decode())
    found = client.get("/search/", {"q": item.title}).content.decode()
    assert expected in card_dates(found)
    html = client.get("/").content.decode()
    assert "Reviewed <time" in html and "23 October 2026" in html
    assert item.card_date.label == "Reviewed"


def test_a_card_reads_only_the_dates_its_list_loaded(db):
    item = factories.condition(last_reviewed=None, last_updated=datetime.date(2026, 9, 1))
    assert tuple(item.card_date) == ("Updated", datetime.date(2026, 9, 1))
    partial = Condition.objects.only("title", "slug", "summary").get(pk=item.pk)
    with CaptureQueriesContext(connection) as queries:
        assert partial.card_date is None
    assert len(queries) == 0
