"""The demo's video of the day, scheduled by `manage.py load_demo` (development only)."""

import datetime
from pathlib import Path

import reversion
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from portal import uploads
from portal.models import FeaturedVideo, Status

# The demo's video of the day. Its address plays nothing (no real video
# could be checked when it was written): development only, and kept out of
# what visitors read (issue 24: no demo wording on a public page). Its
# "transcript" is the remedy page it illustrates, whose steps say the same.
DEMO_VIDEO = {
    "title": "Raise your legs: a two-minute guide",
    "caption": (
        "How to rest with your legs supported a little above your heart after a long day on "
        "your feet."
    ),
    "video_url": "https://www.youtube.com/watch?v=DEMO-ONLY-0",
}
DEMO_VIDEO_PAGE = ("remedies", "Remedy", "elevate-your-legs")
DEMO_VIDEO_THUMBNAIL = Path(__file__).with_name("video_thumbnail.png")


def load_demo_video(today: datetime.date | None = None) -> FeaturedVideo | None:
    """Schedule the demo's video of the day for today, so the home page shows
    one whenever `load_demo` runs. Development only; needs the launch content.

    One demo entry is kept and moved to today; a day that already has a
    video (an editor's) keeps it. Returns the entry, or None if the day was
    taken or its page is missing.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        if FeaturedVideo.objects.filter(date=today).exists():
            return None
        video = FeaturedVideo.objects.filter(video_url=DEMO_VIDEO["video_url"]).first()
        if video is not None:
            video.date = today
            video.save(update_fields=["date", "updated_at"])
            return video
        app_label, model_name, slug = DEMO_VIDEO_PAGE
        page = apps.get_model(app_label, model_name).objects.filter(slug=slug).first()
        if page is None:
            return None
        video = FeaturedVideo(
            date=today,
            **DEMO_VIDEO,
            transcript_url=(settings.SITE_URL or "http://127.0.0.1:8000") + page.get_absolute_url(),
            content_type=ContentType.objects.get_for_model(page),
            object_id=page.pk,
            status=Status.PUBLISHED,
            published_at=timezone.now(),
        )
        # Through the same cleaning as an editor's upload, into media storage.
        with DEMO_VIDEO_THUMBNAIL.open("rb") as still:
            video.thumbnail.save("still.png", uploads.clean_photo(File(still)), save=False)
        video.full_clean()
        video.save()
        with reversion.create_revision():
            reversion.set_comment("Demo content")
            reversion.add_to_revision(video)
        return video
