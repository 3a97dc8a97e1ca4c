"""The video of the day: scheduled per date, approved like content, shown on
the home page behind a click-to-load facade that asks nothing of the video
host until the visitor presses play."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.demo.video import DEMO_VIDEO, load_demo_video
from portal.editorial import registry, workflow
from portal.models import Draft, FeaturedVideo, Status
from portal.public import views
from tests import factories
from tests.portal.test_public_pages import attr, by_role, elements, parse, text, the

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
ADD = "/admin/portal/featuredvideo/add/"
NOCOOKIE = "https://www.youtube-nocookie.com/embed/"
# Any address of another host in a src attribute would be fetched on load.
SRC = re.compile(r"""\bsrc(?:set)?\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def travel_to(monkeypatch, day):
    """Make `day` the site's today (what the home page and media files read)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


# --- What the home page shows ------------------------------------------------------------


def test_todays_video_shows_its_title_caption_thumbnail_transcript_and_page(client):
    page = factories.remedy(title="Raise your legs")
    video = factories.featured_video(
        page=page,
        title="Legs up for two minutes",
        caption="Rest with your legs above your heart.",
        transcript_url="https://example.org/transcripts/legs-up",
    )
    home = parse(client.get("/"))
    section = the(home, "video-of-the-day")
    assert "Video of the day" in text(section)
    assert "Legs up for two minutes" in text(section)
    assert "Rest with your legs above your heart." in text(section)
    transcript = the(section, "video-transcript")
    assert attr(transcript, "href") == "https://example.org/transcripts/legs-up"
    assert text(transcript).startswith("Read the transcript")
    assert attr(the(section, "video-page"), "href") == page.get_absolute_url()
    [still] = [e for e in elements(section) if e.name == "img"]
    assert attr(still, "src") == video.thumbnail.url
    assert video.thumbnail.url.startswith("/media/videos/")


def test_the_home_page_fetches_nothing_from_the_video_host(client):
    factories.featured_video(video_url="https://youtu.be/abc123XYZ_-")
    html = client.get("/").content.decode()
    assert "<iframe" not in html
    foreign = [src for src in SRC.findall(html) if src.startswith(("http:", "https:", "//"))]
    assert foreign == []
    # The player's address is only a link the visitor may follow.
    play = the(parse(client.get("/")), "video-play")
    assert play.name == "a"
    assert attr(play, "href") == NOCOOKIE + "abc123XYZ_-"
    assert "Play video" in text(play)


def test_tomorrows_video_waits_for_tomorrow_even_when_nothing_changes(client, monkeypatch):
    tomorrow = TODAY() + datetime.timedelta(days=1)
    factories.featured_video(date=tomorrow, title="Tomorrow's video")
    html = client.get("/").content.decode()
    assert "Tomorrow&#x27;s video" not in html
    assert by_role(parse(client.get("/")), "video-of-the-day") == []
    # No save since: the page's data is kept per content version, and the
    # day must still move it on.
    travel_to(monkeypatch, tomorrow)
    assert "Tomorrow&#x27;s video" in client.get("/").content.decode()


def test_no_video_today_leaves_the_section_out(client):
    factories.featured_video(date=TODAY() - datetime.timedelta(days=1), title="Yesterday's")
    response = client.get("/")
    assert by_role(parse(response), "video-of-the-day") == []
    assert "Video of the day" not in response.content.decode()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED])
def test_a_video_not_approved_is_not_shown(client, status):
    factories.featured_video(title="Unapproved video", status=status)
    assert "Unapproved video" not in client.get("/").content.decode()


def test_a_video_whose_page_is_not_published_shows_without_the_link(client):
    page = factories.article(title="Hidden draft page", status=Status.DRAFT)
    factories.featured_video(page=page, title="Shown anyway")
    response = client.get("/")
    assert "Shown anyway" in response.content.decode()
    assert "Hidden draft page" not in response.content.decode()
    assert by_role(parse(response), "video-page") == []


def test_an_articles_own_video_is_a_facade_too(client):
    article = factories.article(featured_video_url="https://vimeo.com/76979871")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<iframe" not in html
    play = the(parse(client.get(article.get_absolute_url())), "video-play")
    assert attr(play, "href") == "https://player.vimeo.com/video/76979871?dnt=1"
    assert "Nothing is loaded from Vimeo until you press play." in html


def test_the_script_is_a_deferred_file_of_this_site(client):
    factories.featured_video()
    html = client.get("/").content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert any('src="/static/js/video.js"' in tag and "defer" in tag for tag in scripts)
    # The CSP allows no inline script.
    assert all("src=" in tag or "application/ld+json" in tag for tag in scripts)


# --- Caching: yesterday's video is never served -------------------------------------------


def test_each_process_asks_once_a_day_and_again_after_a_change(monkeypatch):
    video = factories.featured_video()
    views.video_of_the_day()
    with CaptureQueriesContext(connection) as queries:
        assert views.video_of_the_day() == video
    assert len(queries) <= 1  # the content version, when the cache's copy has lapsed
    travel_to(monkeypatch, TODAY() + datetime.timedelta(days=1))
    assert views.video_of_the_day() is None


def test_home_page_queries_stay_within_budget_and_none_when_warm(client, settings):
    factories.featured_video(page=factories.remedy())
    with CaptureQueriesContext(connection) as cold:
        client.get("/")
    # The home page's six (tests/portal/test_public_pages.py), today's
    # video and the page it belongs to.
    assert len(cold) <= 8, [q["sql"][:80] for q in cold]
    with CaptureQueriesContext(connection) as warm:
        client.get("/")
    assert len(warm) <= 1  # at most the content version's copy


def test_near_midnight_the_page_cache_keeps_no_home_page(client, settings, monkeypatch):
    settings.PAGE_CACHE_ENABLED = True
    factories.featured_video()
    monkeypatch.setattr(views, "_seconds_to_midnight", lambda: 3600.0)
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    # Closer to midnight than a cached page lives: served fresh, not kept
    # (the copy made above is dropped first: it would have expired by then).
    monkeypatch.setattr(views, "_seconds_to_midnight", lambda: 120.0)
    cache.clear()
    response = client.get("/")
    assert "no-cache" in response["Cache-Control"]
    assert not response.has_header("X-Page-Cache")
    assert not client.get("/").has_header("X-Page-Cache")


def test_seconds_to_midnight_in_the_sites_time_zone(monkeypatch):
    # 23:50 in London on a summer evening (BST, UTC+1).
    evening = datetime.datetime(2026, 7, 1, 22, 50, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: evening)
    assert views._seconds_to_midnight() == 600


# --- Thumbnails -------------------------------------------------------------------------------


def test_a_shown_videos_thumbnail_is_served_to_everyone(client):
    video = factories.featured_video()
    response = client.get(video.thumbnail.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=86400"


def test_a_thumbnail_is_private_before_its_day_or_approval(client):
    tomorrow = factories.featured_video(date=TODAY() + datetime.timedelta(days=1))
    draft = factories.featured_video(status=Status.DRAFT)
    for video in (tomorrow, draft):
        assert client.get(video.thumbnail.url).status_code == 404
    client.force_login(factories.editor())
    response = client.get(tomorrow.thumbnail.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_no_other_file_in_media_is_served(client):
    default_storage.save("videos/stray.png", SimpleUploadedFile("s.png", factories.png()))
    assert client.get("/media/videos/stray.png").status_code == 404


# --- Rules and review ----------------------------------------------------------------------


def test_only_youtube_or_vimeo_addresses_validate():
    video = factories.featured_video()
    video.video_url = "https://example.org/videos/12"
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert "Use a YouTube or Vimeo video address" in error.value.message_dict["video_url"][0]


def test_one_video_per_day():
    video = factories.featured_video()
    other = factories.featured_video(date=TODAY() + datetime.timedelta(days=3))
    other.date = video.date
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert error.value.message_dict["date"] == [
        "Another video is already scheduled for this date. "
        "Choose another day, or edit that video instead."
    ]


def test_a_transcript_is_required():
    video = factories.featured_video()
    video.transcript_url = ""
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert "transcript" in error.value.message_dict["transcript_url"][0]


def test_a_video_is_reviewed_content_of_its_own():
    kind = registry.for_model(FeaturedVideo)
    assert not (kind.fed or kind.mapped or kind.followed or kind.asks_feedback)
    assert not kind.searchable and not kind.reviewed


def publisher():
    """A moderator who may approve videos (whatever portal.editorial.roles gives the group)."""
    user = factories.moderator()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_featuredvideo", "publish_featuredvideo"])
    )
    # Fetched again: a user's permissions are cached on the instance.
    return type(user).objects.get(pk=user.pk)


def test_a_video_is_approved_only_once_its_page_is_published():
    page = factories.article(status=Status.DRAFT)
    video = factories.featured_video(page=page, status=Status.IN_REVIEW)
    moderator = publisher()
    with pytest.raises(workflow.WorkflowError, match="not published"):
        workflow.apply_transition(item=video, user=moderator, name="approve")
    page.status, page.published_at = Status.PUBLISHED, timezone.now()
    page.save()
    workflow.apply_transition(item=video, user=moderator, name="approve")
    video.refresh_from_db()
    assert video.is_published


# --- The admin --------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(factories.user(superuser=True))
    return client


def form(**overrides):
    data = {
        "date": TODAY().isoformat(),
        "title": "Stretch your calves",
        "caption": "Three gentle stretches.",
        "page_address": "",
        "video_url": "https://www.youtube.com/watch?v=abc123",
        "thumbnail": SimpleUploadedFile("my still.png", factories.png(), "image/png"),
        "transcript_url": "https://example.org/transcripts/calves",
    }
    return {**data, **overrides}


def test_an_editor_schedules_a_video_by_its_pages_address(admin_client):
    page = factories.remedy(slug="stretching")
    response = admin_client.post(ADD, form(page_address="http://testserver/remedies/stretching/"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    video = FeaturedVideo.objects.get()
    assert video.page == page
    assert video.status == Status.DRAFT  # approved through review, like any content
    assert video.thumbnail.name.startswith("videos/") and "my still" not in video.thumbnail.name
    change = admin_client.get(f"/admin/portal/featuredvideo/{video.pk}/change/")
    assert 'value="/remedies/stretching/"' in change.content.decode()
    listing = admin_client.get("/admin/portal/featuredvideo/").content.decode()
    assert "Stretch your calves" in listing and page.title in listing


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"video_url": "https://example.org/v/1"}, "video_url", "Use a YouTube or Vimeo"),
        ({"transcript_url": ""}, "transcript_url", "Add the address of a transcript"),
        ({"page_address": "/remedies/no-such-page/"}, "page_address", "No page on this site"),
        ({"page_address": "/about/"}, "page_address", "No page on this site"),
        ({"thumbnail": SimpleUploadedFile("x.png", b"<svg/>")}, "thumbnail", "image"),
    ],
    ids=["bad-video-address", "no-transcript", "unknown-page", "not-content", "not-an-image"],
)
def test_the_admin_says_what_is_wrong(admin_client, overrides, field, message):
    factories.remedy(slug="stretching")
    data = form(**{"page_address": "/remedies/stretching/", **overrides})
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in errors[field][0], errors
    assert not FeaturedVideo.objects.exists()


def test_the_admin_refuses_a_second_video_for_a_day(admin_client):
    factories.featured_video(title="Already there")
    factories.remedy(slug="stretching")
    response = admin_client.post(ADD, form(page_address="/remedies/stretching/"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["date"] == [
        "Another video is already scheduled for this date. "
        "Choose another day, or edit that video instead."
    ]


# --- Demo content ----------------------------------------------------------------------------


def test_load_demo_schedules_a_video_for_today_with_a_local_thumbnail(client, launch_content):
    assert not FeaturedVideo.objects.exists()  # launch content holds no demo video
    video = load_demo_video()
    assert video.date == TODAY() and video.is_published
    assert video.page.slug == "elevate-your-legs"
    # Issue 24: no demo wording reaches visitors; the remedy page is its text.
    assert "placeholder" not in video.caption.lower() and "demo" not in video.caption.lower()
    assert video.transcript_url.endswith(video.page.get_absolute_url())
    assert client.get(video.thumbnail.url).status_code == 200
    assert DEMO_VIDEO["title"] in client.get("/").content.decode()


def test_load_demo_again_another_day_moves_its_one_video(monkeypatch, launch_content):
    first = load_demo_video()
    assert load_demo_video() is None  # today has its video
    later = TODAY() + datetime.timedelta(days=2)
    moved = load_demo_video(today=later)
    assert moved.pk == first.pk and moved.date == later
    assert FeaturedVideo.objects.count() == 1


def test_load_demo_leaves_an_editors_video_for_today_alone(launch_content):
    factories.featured_video(title="The editors' own")
    assert load_demo_video() is None
    assert list(FeaturedVideo.objects.values_list("title", flat=True)) == ["The editors' own"]


def test_editing_a_live_video_makes_a_draft_for_review(admin_client):
    video = factories.featured_video(title="Live title")
    factories.remedy(slug="stretching")
    change = f"/admin/portal/featuredvideo/{video.pk}/change/"
    opened = admin_client.get(change).context["adminform"].form
    data = form(
        date=video.date.isoformat(),
        title="Edited title",
        page_address="/remedies/stretching/",
        edit_token=opened["edit_token"].value(),
    )
    del data["thumbnail"]  # kept as it is
    response = admin_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    video.refresh_from_db()
    assert video.title == "Live title"  # visitors keep the approved version
    [draft] = Draft.objects.filter(object_id=video.pk)
    assert draft.item == video
    assert "Edited title" in str(draft.content)
