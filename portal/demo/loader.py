"""Load the launch content (portal/demo/launch_content.py) into the database.

Items are matched by slug (sources by URL) and created only when missing:
running the loader again duplicates nothing and never overwrites what an
editor has changed since.
"""

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
from portal.demo import launch_content as content
from portal.editorial.workflow import review_interval
from portal.models import Article, Author, FeaturedVideo, SitePage, Source, Status

# The launch content was reviewed this long before the day it is loaded, so
# no page is due for review yet and every date on it is in the past.
REVIEWED_DAYS_AGO = 30


def _review_date(today):
    return today - datetime.timedelta(days=REVIEWED_DAYS_AGO)


def _models(app_label, *names):
    """Models of a content app. The launch content spans every app, but the
    core depends on none of them: it finds them through Django's registry."""
    return [apps.get_model(app_label, name) for name in names]


def _live():
    """Checker data and sources as approved: live from the start."""
    return {
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=30),
    }


def _published(today):
    """The workflow fields of an item that has passed review."""
    last_reviewed = _review_date(today)
    return {
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=30),
        "last_reviewed": last_reviewed,
        "next_review_due": last_reviewed + review_interval(),
    }


class Loader:
    def __init__(self, today):
        self.today = today
        self.created = {}
        self.new_objects = []
        self.authors = {}
        self.sources = {}
        self.symptoms = {}
        # Questions added to a database loaded before: the pages and remedies
        # already there are linked to them too (nothing else of theirs changes).
        self.new_symptoms = set()
        self.conditions = {}

    def _create(self, model, lookup, defaults):
        obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
        if created:
            self.created[model._meta.verbose_name_plural] = (
                self.created.get(model._meta.verbose_name_plural, 0) + 1
            )
            if reversion.is_registered(model):
                self.new_objects.append(obj)
        return obj, created

    def _content_item(self, item, model, extra, markdown=()):
        """Create a condition, remedy or article; returns (obj, created)."""
        defaults = {
            "title": item["title"],
            "summary": item["summary"],
            "body": item["body"],
            "author": self.authors[item["author"]],
            "medical_reviewer": self.authors[item["reviewer"]],
            "clinical_area": item["clinical_area"],
            **_published(self.today),
            **extra,
            **{field: item[key] for field, key in markdown},
        }
        obj, created = self._create(model, {"slug": item["slug"]}, defaults)
        if created:
            obj.sources.set(self.sources[key] for key in item["sources"])
            obj.tags.set(item["tags"])
        return obj, created

    def load(self):
        BodyArea, Symptom, ConditionTier = _models(
            "conditions", "BodyArea", "Symptom", "ConditionTier"
        )
        for item in content.CONDITION_TIERS:
            self._create(
                ConditionTier,
                {"key": item["key"]},
                {"label": item["label"], "explanation": item["explanation"], **_live()},
            )
        for item in content.AUTHORS:
            self.authors[item["slug"]], _ = self._create(
                Author,
                {"slug": item["slug"]},
                {
                    "name": item["name"],
                    "credentials": item["credentials"],
                    "role": item["role"],
                    "bio": item["bio"],
                    "areas_of_interest": ", ".join(item["areas_of_interest"]),
                    "is_medical_reviewer": item["is_medical_reviewer"],
                    "review_areas": item["review_areas"],
                    "registration_number": item.get("registration_number", ""),
                    # Launch clinicians arrive approved (by no account: the
                    # launch content itself was reviewed).
                    "clinician_approved_at": timezone.now()
                    if item["is_medical_reviewer"]
                    else None,
                    "status": Status.PUBLISHED,
                    "published_at": timezone.now(),
                },
            )
        for item in content.SOURCES:
            self.sources[item["key"]], _ = self._create(
                Source,
                {"url": item["url"]},
                {
                    "title": item["title"],
                    "publisher": item["publisher"],
                    # Read before the pages citing them were reviewed.
                    "accessed_on": _review_date(self.today)
                    - datetime.timedelta(days=item["accessed_days_before_review"]),
                    **_live(),
                },
            )
        areas = {}
        for item in content.BODY_AREAS:
            areas[item["slug"]], _ = self._create(
                BodyArea,
                {"slug": item["slug"]},
                {**{k: item[k] for k in ("name", "order", "description")}, **_live()},
            )
        for item in content.SYMPTOMS:
            self.symptoms[item["slug"]], created = self._create(
                Symptom,
                {"slug": item["slug"]},
                {
                    **{k: item[k] for k in ("name", "kind", "description", "urgency", "advice")},
                    "order": item["order"],
                    "is_red_flag": item.get("red_flag", False)
                    or item["urgency"] in ("urgent", "emergency"),
                    "on_every_pathway": item.get("every_pathway", False),
                    "adults_only": item.get("adults_only", False),
                    "source": self.sources[item["source"]] if "source" in item else None,
                    "body_area": areas[item["body_area"]],
                    **_live(),
                },
            )
            if created:
                self.new_symptoms.add(item["slug"])
            elif "source" in item and self.symptoms[item["slug"]].source_id is None:
                # Loaded before questions named their sources.
                Symptom.objects.filter(slug=item["slug"]).update(
                    source=self.sources[item["source"]]
                )
        self._load_conditions()
        # Rules point to the condition pages that give the same advice.
        self._load_checker_rules()
        self._load_pathways()
        self._load_remedies()
        self._load_articles()
        self._load_site_pages()
        return self.created

    def _load_conditions(self):
        Condition, ConditionAdvice, ConditionSymptom = _models(
            "conditions", "Condition", "ConditionAdvice", "ConditionSymptom"
        )
        new = []
        created_now = set()
        for item in content.CONDITIONS:
            condition, created = self._content_item(
                item,
                Condition,
                {
                    "also_called": "\n".join(item["also_called"]),
                    "category": item["category"],
                    "prevalence": item["prevalence"],
                },
                markdown=[
                    ("symptoms_text", "symptoms_text"),
                    ("causes", "causes_text"),
                    ("treatment", "treatment_text"),
                    ("prevention", "prevention_text"),
                ],
            )
            self.conditions[item["slug"]] = condition
            if created:
                created_now.add(condition.pk)
                new.append((condition, item))
            else:
                new.append((condition, {**item, "symptoms": self._new_only(item["symptoms"])}))
        for condition, item in new:
            needed = set(item.get("needed", ()))
            ConditionSymptom.objects.bulk_create(
                ConditionSymptom(
                    condition=condition,
                    symptom=self.symptoms[slug],
                    weight=weight,
                    rules_out_when_absent=slug in needed,
                )
                for slug, weight in item["symptoms"].items()
            )
            if condition.pk in created_now:
                ConditionAdvice.objects.bulk_create(
                    ConditionAdvice(condition=condition, urgency=urgency, text=text)
                    for urgency, text in item["advice"].items()
                )
                condition.related_conditions.add(
                    *(self.conditions[slug] for slug in item["related"])
                )

    def _new_only(self, weights):
        return {slug: weight for slug, weight in weights.items() if slug in self.new_symptoms}

    def _load_checker_rules(self):
        (UrgentCombination,) = _models("conditions", "UrgentCombination")
        for item in content.URGENT_COMBINATIONS:
            condition = item.get("condition")
            rule, created = self._create(
                UrgentCombination,
                {"slug": item["slug"]},
                {
                    **{k: item[k] for k in ("name", "urgency", "advice")},
                    "age_bands": item.get("ages", []),
                    "source": self.sources[item["source"]],
                    "condition": self.conditions[condition] if condition else None,
                    **_live(),
                },
            )
            if created:
                rule.symptoms.set(self.symptoms[slug] for slug in item["symptoms"])
                rule.any_of.set(self.symptoms[slug] for slug in item.get("any", ()))
            else:
                self._complete_rule(rule, item)

    def _complete_rule(self, rule, item):
        """A rule loaded before rules named sources, pages and "any of"
        answers gets them; what an editor set is left alone."""
        blank = {}
        if rule.source_id is None:
            blank["source"] = self.sources[item["source"]]
        if rule.condition_id is None and item.get("condition"):
            blank["condition"] = self.conditions[item["condition"]]
        if blank:
            type(rule).objects.filter(pk=rule.pk).update(**blank)
        if item.get("any") and set(rule.any_of.values_list("pk", flat=True)) < {
            self.symptoms[slug].pk for slug in item["any"]
        }:
            rule.any_of.add(*(self.symptoms[slug] for slug in item["any"]))

    def _load_pathways(self):
        (Pathway,) = _models("conditions", "Pathway")
        for item in content.PATHWAYS:
            pathway, created = self._create(
                Pathway,
                {"slug": item["slug"]},
                {**{k: item[k] for k in ("name", "description", "order")}, **_live()},
            )
            if created:
                pathway.questions.set(self.symptoms[slug] for slug in item["questions"])

    def _load_remedies(self):
        Remedy, RemedyGroup, RemedyStep = _models("remedies", "Remedy", "RemedyGroup", "RemedyStep")
        groups = {}
        for item in content.REMEDY_GROUPS:
            groups[item["slug"]], _ = self._create(
                RemedyGroup,
                {"slug": item["slug"]},
                {k: item[k] for k in ("name", "description", "order")},
            )
        self.remedies = {}
        for item in content.REMEDIES:
            remedy, created = self._content_item(
                item,
                Remedy,
                {"group": groups[item["group"]]},
                markdown=[("how_it_helps", "how_it_helps"), ("safety_notes", "safety_notes")],
            )
            self.remedies[item["slug"]] = remedy
            if created:
                RemedyStep.objects.bulk_create(
                    RemedyStep(remedy=remedy, order=number, text=text)
                    for number, text in enumerate(item["steps"], start=1)
                )
                remedy.suitable_for.set(self.conditions[s] for s in item["suitable_for"])
                remedy.unsafe_for.set(self.conditions[s] for s in item["unsafe_for"])
                remedy.suits_symptoms.set(self.symptoms[s] for s in item["suits_symptoms"])
                remedy.unsafe_with_symptoms.set(
                    self.symptoms[s] for s in item["unsafe_with_symptoms"]
                )
            else:
                remedy.unsafe_with_symptoms.add(
                    *(
                        self.symptoms[s]
                        for s in item["unsafe_with_symptoms"]
                        if s in self.new_symptoms
                    )
                )

    def _load_site_pages(self):
        for item in content.SITE_PAGES:
            self._create(
                SitePage,
                {"slug": item["slug"]},
                {
                    **{key: _named(item[key]) for key in ("title", "summary", "body")},
                    **_live(),
                    "last_updated": _review_date(self.today),
                },
            )

    def _load_articles(self):
        for item in content.ARTICLES:
            article, created = self._content_item(
                item,
                Article,
                {
                    "featured_video_url": item["featured_video_url"],
                    "is_featured": item["is_featured"],
                },
                markdown=[("caution", "caution")],
            )
            if created:
                article.conditions.set(self.conditions[s] for s in item["conditions"])
                article.remedies.set(self.remedies[s] for s in item["remedies"])


def _named(text):
    """Launch text with the site's configured name in it."""
    return text.replace("{site_name}", settings.SITE_NAME)


def load_launch_content(today=None):
    """Create whatever launch content is missing; returns {kind: number created}."""
    with transaction.atomic():
        loader = Loader(today or timezone.localdate())
        created = loader.load()
        # A first version of each new item, each in a revision of its own:
        # restoring one item must not roll back the others.
        for obj in loader.new_objects:
            with reversion.create_revision():
                reversion.set_comment("Launch content")
                reversion.add_to_revision(obj)
        return created


# The demo's video of the day. Its address is a placeholder that plays
# nothing (no real video could be checked when it was written), and says
# so; the transcript address is on a domain reserved for examples.
DEMO_VIDEO = {
    "title": "Raise your legs: a two-minute guide",
    "caption": (
        "How to rest with your legs supported a little above your heart after a long day on "
        "your feet. Demo entry: the video address is a placeholder, to be replaced by a real "
        "video before launch."
    ),
    "video_url": "https://www.youtube.com/watch?v=DEMO-ONLY-0",
    "transcript_url": "https://example.org/clear-health-demo/raise-your-legs-transcript",
}
DEMO_VIDEO_PAGE = ("remedies", "Remedy", "elevate-your-legs")
DEMO_VIDEO_THUMBNAIL = Path(__file__).with_name("video_thumbnail.png")


def load_demo_video(today=None):
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
