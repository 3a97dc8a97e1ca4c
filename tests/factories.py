"""Builders for test data: one place, plain functions, sensible defaults.

Each takes keyword overrides and returns a saved object. Published content
gets a reviewer and review dates, as the workflow would give it.
"""

import datetime
import io
import itertools
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from conditions.models import (
    BodyArea,
    Category,
    Condition,
    ConditionAdvice,
    ConditionSymptom,
    Symptom,
    SymptomKind,
    Urgency,
    UrgentCombination,
)
from portal.editorial.roles import EDITORS, MODERATORS
from portal.images.models import Image as LibraryImage
from portal.models import (
    Article,
    Author,
    ClinicalArea,
    FeaturedVideo,
    SitePage,
    SitePageSlug,
    Source,
    Status,
)
from remedies.models import Remedy, RemedyGroup, RemedyStep

_numbers = itertools.count(1)


def _n():
    return next(_numbers)


def user(*, username=None, group=None, superuser=False, password="pw", **fields):
    n = _n()
    obj = get_user_model().objects.create_user(
        username=username or f"user{n}",
        password=password,
        is_staff=fields.pop("is_staff", bool(group) or superuser),
        is_superuser=superuser,
        **fields,
    )
    if group:
        obj.groups.add(Group.objects.get(name=group))
    return obj


def editor(**fields):
    return user(group=EDITORS, **fields)


def moderator(*, clinician=True, **fields):
    """A moderator; by default also a clinician, who may sign off clinical
    pages as their medical reviewer."""
    obj = user(group=MODERATORS, **fields)
    if clinician:
        reviewer(user=obj, name=f"Dr {obj.get_username().title()}")
    return obj


def author(**fields):
    n = _n()
    defaults = {
        "name": f"Author {n}",
        "slug": f"author-{n}",
        "credentials": "BSc",
        "role": "Health writer",
        "bio": "Writes about muscles.",
        "status": Status.PUBLISHED,
        "published_at": timezone.now(),
    }
    return Author.objects.create(**{**defaults, **fields})


def reviewer(**fields):
    """A clinician who may review every clinical area unless told otherwise."""
    fields.setdefault("review_areas", list(ClinicalArea.values))
    fields.setdefault("credentials", "MBBS")
    fields.setdefault("role", "GP")
    fields.setdefault("registration_number", f"GMC TEST-{_n():04d}")
    # Launch and test clinicians arrive approved, as a superuser would leave them.
    fields.setdefault("clinician_approved_at", timezone.now())
    return author(is_medical_reviewer=True, **fields)


def _live():
    """Reviewed and approved, as the workflow leaves it."""
    return {"status": Status.PUBLISHED, "published_at": timezone.now()}


def source(**fields):
    n = _n()
    defaults = {
        **_live(),
        "title": f"Source {n}",
        "publisher": "Health body",
        "url": f"https://example.org/source-{n}",
        "accessed_on": datetime.date(2026, 10, 1),
    }
    return Source.objects.create(**{**defaults, **fields})


def _content_defaults(status, fields):
    n = _n()
    title = fields.get("title", f"Item {n}")
    defaults = {
        "title": title,
        "slug": f"item-{n}",
        "summary": f"Summary of {title}.",
        "body": f"Body of {title}.",
        "status": status,
    }
    if "author" not in fields:
        defaults["author"] = author()
    if status == Status.PUBLISHED:
        defaults.update(
            published_at=timezone.now() - datetime.timedelta(days=1),
            last_reviewed=timezone.localdate() - datetime.timedelta(days=1),
            next_review_due=timezone.localdate() + datetime.timedelta(days=364),
        )
        if "medical_reviewer" not in fields:
            defaults["medical_reviewer"] = reviewer()
    return {**defaults, **fields}


def _cited(sources):
    """The sources given, or one of its own: nothing is approved without one."""
    return [source()] if sources is None else sources


def condition(*, status=Status.PUBLISHED, tags=(), sources=None, **fields):
    fields.setdefault("category", Category.COMMON)
    obj = Condition.objects.create(**_content_defaults(status, fields))
    if tags:
        obj.tags.set(tags)
    obj.sources.set(_cited(sources))
    return obj


def remedy(
    *,
    status=Status.PUBLISHED,
    tags=(),
    sources=None,
    suitable_for=(),
    unsafe_for=(),
    suits_symptoms=(),
    steps=(),
    **fields,
):
    if "group" not in fields:
        fields["group"] = remedy_group()
    obj = Remedy.objects.create(**_content_defaults(status, fields))
    if tags:
        obj.tags.set(tags)
    obj.sources.set(_cited(sources))
    obj.suitable_for.set(suitable_for)
    obj.unsafe_for.set(unsafe_for)
    obj.suits_symptoms.set(suits_symptoms)
    RemedyStep.objects.bulk_create(
        RemedyStep(remedy=obj, order=i, text=text) for i, text in enumerate(steps, 1)
    )
    return obj


def article(
    *, status=Status.PUBLISHED, tags=(), sources=None, conditions=(), remedies=(), **fields
):
    obj = Article.objects.create(**_content_defaults(status, fields))
    if tags:
        obj.tags.set(tags)
    obj.sources.set(_cited(sources))
    obj.conditions.set(conditions)
    obj.remedies.set(remedies)
    return obj


def png(size=(32, 18), colour="teal"):
    """A small real PNG image, as an upload would bring it."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def image(*, status=Status.PUBLISHED, size=(1600, 900), **fields):
    """A library image with a real PNG stored under a random name, as an
    upload leaves it (approved unless `status` says otherwise)."""
    n = _n()
    name = default_storage.save(f"images/{uuid.uuid4().hex}.png", ContentFile(png(size)))
    defaults = {
        "title": f"Image {n}",
        "slug": f"image-{n}",
        "file": name,
        "alt": f"A diagram, number {n}",
        "credit": "Drawn by Clear Health",
        "licence": "CC BY 4.0",
        "width": size[0],
        "height": size[1],
        **(_live() if status == Status.PUBLISHED else {"status": status}),
    }
    return LibraryImage.objects.create(**{**defaults, **fields})


def featured_video(*, page=None, date=None, status=Status.PUBLISHED, **fields):
    """A video of the day, approved for today unless told otherwise, with a
    thumbnail in media storage, belonging to a published article."""
    n = _n()
    page = page or article()
    defaults = {
        "date": date or timezone.localdate(),
        "title": f"Video {n}",
        "caption": f"What video {n} shows.",
        "video_url": f"https://www.youtube.com/watch?v=vid{n}",
        "transcript_url": f"https://example.org/transcripts/{n}",
        "content_type": ContentType.objects.get_for_model(page),
        "object_id": page.pk,
        "status": status,
        "published_at": timezone.now() if status == Status.PUBLISHED else None,
    }
    obj = FeaturedVideo(**{**defaults, **fields})
    if not obj.thumbnail:
        obj.thumbnail.save("still.png", ContentFile(png()), save=False)
    obj.save()
    return obj


def remedy_group(**fields):
    n = _n()
    return RemedyGroup.objects.create(
        **{"name": f"Group {n}", "slug": f"group-{n}", "order": n, **fields}
    )


def body_area(**fields):
    n = _n()
    return BodyArea.objects.create(
        **{"name": f"Area {n}", "slug": f"area-{n}", "order": n, **_live(), **fields}
    )


def symptom(*, urgency=Urgency.SELF_CARE, kind=SymptomKind.SIGN, **fields):
    n = _n()
    if "body_area" not in fields:
        fields["body_area"] = body_area()
    defaults = {
        **_live(),
        "name": f"Symptom {n}",
        "slug": f"symptom-{n}",
        "urgency": urgency,
        "kind": kind,
        "advice": f"Advice for symptom {n}.",
    }
    return Symptom.objects.create(**{**defaults, **fields})


def link(condition_obj, symptom_obj, weight=5):
    return ConditionSymptom.objects.create(
        condition=condition_obj, symptom=symptom_obj, weight=weight
    )


def advice(condition_obj, urgency, text="Advice."):
    return ConditionAdvice.objects.create(condition=condition_obj, urgency=urgency, text=text)


def combination(symptoms, urgency, **fields):
    n = _n()
    obj = UrgentCombination.objects.create(
        **{
            **_live(),
            "name": f"Combination {n}",
            "slug": f"combination-{n}",
            "urgency": urgency,
            "advice": "Act now.",
            **fields,
        }
    )
    obj.symptoms.set(symptoms)
    return obj


def site_page(*, slug=SitePageSlug.ABOUT, status=Status.PUBLISHED, **fields):
    defaults = {
        "title": SitePageSlug(slug).label,
        "summary": f"What the {slug} page is about.",
        "body": f"The {slug} page's text.",
        "status": status,
    }
    if status == Status.PUBLISHED:
        defaults.update(published_at=timezone.now(), last_updated=timezone.localdate())
    return SitePage.objects.create(slug=slug, **{**defaults, **fields})


def member(*, email=None, password="member-pw-4821", confirmed=True, opt_in=False, **profile):
    """A member (a visitor's own account): their address is their user name."""
    from portal.members.models import MemberProfile

    email = email or f"member{_n()}@example.org"
    obj = get_user_model().objects.create_user(username=email, email=email, password=password)
    MemberProfile.objects.create(
        user=obj,
        email_confirmed_at=timezone.now() if confirmed else None,
        email_opt_in=opt_in,
        **profile,
    )
    return obj
