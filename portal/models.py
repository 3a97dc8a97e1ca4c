"""The editorial core: authors, sources, the publishable base and articles."""

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Self
from urllib.parse import parse_qs, urlsplit

import reversion
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connection, models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from portal.editorial import registry
from portal.markdown import figure_lines, figure_problems, render_markdown
from portal.uploads import photo_path, thumbnail_path


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class ClinicalArea(models.TextChoices):
    """The areas a clinical page belongs to and a clinician is qualified to
    review. A fixed list changed in code review: who may sign off what is a
    rule of the site, not content an editor adds to."""

    GENERAL = "general", "General medicine"
    URGENT_CARE = "urgent-care", "Urgent and emergency care"
    NEUROLOGY = "neurology", "Neurology"
    VASCULAR = "vascular", "Vascular medicine"
    MUSCULOSKELETAL = "musculoskeletal", "Muscles, bones and joints"
    NUTRITION = "nutrition", "Nutrition and diet"

    @property
    def scope(self) -> str:
        """What the area covers, in the editorial policy's words."""
        return AREA_SCOPES[self]

    @property
    def schema_specialty(self) -> str:
        """The schema.org MedicalSpecialty a page in this area declares."""
        return f"https://schema.org/{AREA_SPECIALTIES[self]}"


AREA_SCOPES: dict[str, str] = {
    ClinicalArea.GENERAL: "everyday symptoms and habits, and conditions usually looked after by a "
    "GP or a general physician",
    ClinicalArea.URGENT_CARE: "signs that need help the same day, and when to call for it",
    ClinicalArea.NEUROLOGY: "nerves, muscles and the brain: twitches, weakness, seizures",
    ClinicalArea.VASCULAR: "circulation, swelling and blood clots",
    ClinicalArea.MUSCULOSKELETAL: "muscle strain, cramps, exercise and long-term muscle pain",
    ClinicalArea.NUTRITION: "diet, vitamins and minerals",
}
AREA_SPECIALTIES: dict[str, str] = {
    ClinicalArea.GENERAL: "PrimaryCare",
    ClinicalArea.URGENT_CARE: "Emergency",
    ClinicalArea.NEUROLOGY: "Neurologic",
    ClinicalArea.VASCULAR: "Cardiovascular",
    ClinicalArea.MUSCULOSKELETAL: "Musculoskeletal",
    ClinicalArea.NUTRITION: "DietNutrition",
}


def area_label(key: str) -> str:
    """An area's name for a reader, or its key if it is no longer listed."""
    return str(dict(ClinicalArea.choices).get(key, key))


class PublishableQuerySet[M: models.Model](models.QuerySet[M]):
    def published(self, now: datetime.datetime | None = None) -> Self:
        """What visitors see: approved, past its go-live time, not expired."""
        now = now or timezone.now()
        return self.filter(
            Q(go_live_at__isnull=True) | Q(go_live_at__lte=now),
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            status=Status.PUBLISHED,
        )

    def scheduled(self, now: datetime.datetime | None = None) -> Self:
        """Approved, waiting for its go-live time."""
        return self.filter(status=Status.PUBLISHED, go_live_at__gt=now or timezone.now())

    def in_review(self) -> Self:
        return self.filter(status=Status.IN_REVIEW)

    def due_for_review(self, today: datetime.date | None = None) -> Self:
        """Published items whose next review date has come."""
        today = today or timezone.localdate()
        return self.published().filter(next_review_due__lte=today)


class CardDate(NamedTuple):
    """The date a card in a list shows: "Reviewed 23 October 2026"."""

    label: str
    date: datetime.date


def staff_name(user: Any) -> str:
    """A person's name as staff know them, or "Someone" for a deleted account."""
    if user is None:
        return "Someone"
    return str(user.get_full_name() or user.get_username())


class Moderated(models.Model):
    """What every item that goes through review shares: a status and dates.

    Subclasses declare how the workflow treats them: whether they are
    clinical content with review dates, and who counts as their owner.
    """

    # Clinical content carries a medical reviewer and review dates.
    medically_reviewed: ClassVar[bool] = False
    # Clinical data without a page of its own (the checker's questions,
    # rules, pathways, tier wording): only a clinician approves it, or a
    # change to its clinical fields.
    clinical_sign_off: ClassVar[bool] = False
    # Owned by the workflow: no form sets them, and restoring an old version
    # or recovering a deleted item never changes them.
    workflow_fields: ClassVar[tuple[str, ...]] = (
        "status",
        "published_at",
        "go_live_at",
        "expires_at",
    )
    # Inline rows that belong to the item (reverse relations): versioned,
    # restored and recovered with it.
    parts: ClassVar[tuple[str, ...]] = ()
    # Fields and parts whose change matters to a patient: flagged first when
    # a reviewer compares versions.
    clinical_fields: ClassVar[tuple[str, ...]] = ()
    # The dates a card may show, most telling first: (field, label).
    card_dates: ClassVar[tuple[tuple[str, str], ...]] = ()

    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    go_live_at = models.DateTimeField(
        null=True, blank=True, help_text="Approved to go live at this time (set on approval)."
    )
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Comes off the site at this time (set on approval)."
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
            ),
        ]

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_scheduled(self) -> bool:
        return self.is_published and bool(self.go_live_at and self.go_live_at > timezone.now())

    @property
    def card_date(self) -> CardDate | None:
        """The date a card shows, from the first of `card_dates` that is set.

        Only fields the list loaded are read: a list that loads a few fields
        (search results, the home page) must not pay a query per card.
        """
        deferred = self.get_deferred_fields()
        for name, label in self.card_dates:
            value = None if name in deferred else getattr(self, name)
            if isinstance(value, datetime.datetime):
                return CardDate(label, timezone.localdate(value))
            if value:
                return CardDate(label, value)
        return None

    def is_owned_by(self, user) -> bool:
        """Is this the user's own work (so they may not approve it)?"""
        return False

    def publish_problems(self) -> list[str]:
        """What must be fixed before a moderator can approve it."""
        return []

    def mark_reviewed(self, today: datetime.date, interval: datetime.timedelta) -> list[str]:
        """Record an approval's medical review; returns the fields it set."""
        return []

    def mark_updated(self, today: datetime.date) -> list[str]:
        """Record an approved change that was not a medical review."""
        return []


@registry.register(fed=False, followed=False, asks_feedback=False)
class Author(Moderated):
    """A writer or clinician; medical reviewers check other people's work."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    credentials = models.CharField(
        max_length=120, blank=True, help_text="Degrees and memberships, e.g. “MBBS, MRCGP”."
    )
    role = models.CharField(max_length=120, blank=True, help_text="e.g. “General practitioner”.")
    bio = models.TextField(blank=True, help_text="Markdown.")
    bio_html = models.TextField(blank=True, editable=False)
    photo = models.ImageField(
        upload_to=photo_path,
        blank=True,
        help_text="JPEG, PNG or WebP, up to 5 MB; shown once the bio is published.",
    )
    areas_of_interest = models.CharField(
        max_length=300, blank=True, help_text="Comma-separated, e.g. “sports injuries, sleep”."
    )
    is_medical_reviewer = models.BooleanField(
        "may act as medical reviewer",
        default=False,
        help_text="Only clinicians who may sign off other people's work.",
    )
    review_areas = models.JSONField(
        "qualified to review",
        default=list,
        blank=True,
        help_text="The clinical areas this medical reviewer is qualified to sign off; a page's "
        "medical reviewer must be qualified in the page's area.",
    )
    registration_number = models.CharField(
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^(GMC|NMC|HCPC|GPhC|GDC) [A-Z0-9-]{4,20}$",
                "Give the register and the number, e.g. “GMC 1234567”, “NMC 12A3456E” or "
                "“HCPC PH12345”.",
            )
        ],
        help_text="A clinician's professional register and number (GMC, NMC, HCPC, GPhC or "
        "GDC), shown on their profile so anyone can check it.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The admin account of this person, if they have one. Only a superuser links "
        "an account; the link is recorded in the review history.",
    )
    # Who approved this clinician's identity (credentials, registration,
    # areas, account) and when: set only by an approval from a superuser or
    # another clinician, and cleared by any change to them (`save`).
    clinician_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    clinician_approved_at = models.DateTimeField(null=True, blank=True, editable=False)

    clinical_fields = (
        "is_medical_reviewer", "credentials", "review_areas", "registration_number", "user",
    )  # fmt: skip
    markdown_fields: ClassVar[tuple[str, ...]] = ("bio",)
    # What makes someone a clinician who may sign off: a change to any of these
    # takes effect only through an approval by someone else.
    identity_fields: ClassVar[tuple[str, ...]] = (
        "is_medical_reviewer", "credentials", "review_areas", "registration_number", "user_id",
    )  # fmt: skip
    workflow_fields: ClassVar[tuple[str, ...]] = (
        *Moderated.workflow_fields,
        "clinician_approved_by",
        "clinician_approved_at",
    )

    class Meta(Moderated.Meta):
        ordering = ["name"]
        permissions = [("publish_author", "Can approve and publish author bios")]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def save(self, *args, **kwargs):
        self.bio_html = render_markdown(self.bio)
        if self.pk and self.clinician_approved_at and self._identity_changed():
            self.clinician_approved_by = None
            self.clinician_approved_at = None
            if fields := kwargs.get("update_fields"):
                kwargs["update_fields"] = {
                    *fields,
                    "clinician_approved_by",
                    "clinician_approved_at",
                }
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("portal:author_detail", kwargs={"slug": self.slug})

    def _identity_changed(self) -> bool:
        stored = type(self).objects.filter(pk=self.pk).values(*self.identity_fields).first()
        return stored is not None and any(
            stored[name] != getattr(self, name) for name in self.identity_fields
        )

    def publish_problems(self) -> list[str]:
        if self.is_medical_reviewer and not self.registration_number:
            return ["Give the medical reviewer's professional registration before approving."]
        return []

    @property
    def is_approved_clinician(self) -> bool:
        """May this profile sign off clinical work? A published medical
        reviewer whose identity someone else approved."""
        return bool(
            self.is_medical_reviewer
            and self.is_published
            and not self.is_scheduled
            and self.clinician_approved_at
            and (
                self.clinician_approved_by_id is None
                or self.clinician_approved_by_id != self.user_id
            )
        )

    def clean(self):
        super().clean()
        areas = self.review_areas
        if not isinstance(areas, list) or not set(areas) <= set(ClinicalArea.values):
            raise ValidationError({"review_areas": "Choose areas from the list."})
        if self.is_medical_reviewer and not areas:
            raise ValidationError(
                {"review_areas": "A medical reviewer needs at least one area they may review."}
            )
        if self.is_medical_reviewer and not self.credentials:
            # Visitors are shown what qualifies a reviewer.
            raise ValidationError({"credentials": "Give a medical reviewer's qualifications."})
        if self.is_medical_reviewer and not self.registration_number:
            raise ValidationError(
                {"registration_number": "Give a medical reviewer's professional registration."}
            )
        if areas and not self.is_medical_reviewer:
            raise ValidationError(
                {
                    "review_areas": "Only a medical reviewer has areas to review: tick "
                    "“may act as medical reviewer” or clear them."
                }
            )

    def is_owned_by(self, user) -> bool:
        return self.user_id is not None and self.user_id == user.pk

    def may_review(self, area: str) -> bool:
        """May this person sign off a clinical page in `area`?"""
        return self.is_medical_reviewer and area in self.review_areas

    @property
    def review_area_labels(self) -> list[str]:
        """The areas this reviewer signs off, named, in the list's order."""
        if not self.is_medical_reviewer:
            return []
        return [label for key, label in ClinicalArea.choices if key in self.review_areas]

    @property
    def interests(self):
        return [item.strip() for item in self.areas_of_interest.split(",") if item.strip()]

    @property
    def initials(self):
        return "".join(word[0] for word in self.name.split()[:2]).upper()


def reviewers_by_area() -> list[tuple[ClinicalArea, list[Author]]]:
    """Every clinical area with the published medical reviewers qualified
    in it, by name (one query): "who reviews what"."""
    reviewers = list(Author.objects.published().filter(is_medical_reviewer=True).order_by("name"))
    return [
        (area, [person for person in reviewers if area in person.review_areas])
        for area in ClinicalArea
    ]


@registry.register(fed=False, mapped=False, followed=False, asks_feedback=False)
@reversion.register()
class Source(Moderated):
    """A citation any content item can point to. Reviewed like content: a
    page shows only approved sources, and a cited address changes only
    through review."""

    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    url = models.URLField(max_length=500, unique=True)
    accessed_on = models.DateField(
        "date accessed",
        help_text="When the source was last read for the pages citing it: never after their "
        "last medical review.",
    )

    clinical_fields = ("url",)

    class Meta(Moderated.Meta):
        ordering = ["publisher", "title"]
        permissions = [("publish_source", "Can approve sources")]

    def __str__(self):
        return f"{self.title} ({self.publisher})"

    def clean(self):
        super().clean()
        if self.accessed_on and self.accessed_on > timezone.localdate():
            raise ValidationError({"accessed_on": "A source cannot be accessed in the future."})

    def publish_problems(self) -> list[str]:
        # A page's reviewer read its sources as they were on the review date;
        # a later access date is a version of the source nobody reviewed.
        if not self.accessed_on:
            return []
        later = [
            str(page)
            # Pages cite sources: every reviewed kind is one.
            for kind in registry.of_type(ContentItem, registry.reviewed())
            for page in kind.model.objects.filter(
                sources=self, status=Status.PUBLISHED, last_reviewed__lt=self.accessed_on
            ).only("title")
        ]
        if not later:
            return []
        return [
            f"Live pages citing this source were last reviewed before "
            f"{self.accessed_on:%d %B %Y}: {', '.join(sorted(later))}. Have them re-reviewed "
            "first, or keep the access date they were reviewed against."
        ]


# How an item's tags are listed, whether read one item at a time or
# prefetched for many: by name, so every database lists them alike. Without
# it a prefetch comes back in whatever order the database finds the rows
# (insertion order on SQLite, not after a restore into PostgreSQL).
TAG_ORDER = ["name"]


class ContentItem(Moderated):
    """The publishable base of conditions, remedies and articles.

    Concrete models add
    `tags = TaggableManager(through=<their own through>, ordering=TAG_ORDER)`.
    """

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(
        max_length=300, help_text="One or two plain sentences; shown in lists and search."
    )
    body = models.TextField(blank=True, help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    sources = models.ManyToManyField(Source, blank=True, related_name="%(app_label)s_%(class)ss")
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="%(app_label)s_%(class)ss_written"
    )
    medical_reviewer = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"is_medical_reviewer": True},
        related_name="%(app_label)s_%(class)ss_reviewed",
        help_text="Set by the approval: the clinician who signed off the last medical review.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="The last full medical review, approved by a clinician."
    )
    next_review_due = models.DateField(null=True, blank=True, db_index=True)
    last_updated = models.DateField(
        null=True, blank=True, help_text="The last approved change that was not a medical review."
    )
    clinical_area = models.CharField(
        max_length=20,
        choices=ClinicalArea.choices,
        default=ClinicalArea.GENERAL,
        help_text="The clinical area the page belongs to: only a clinician qualified in it can "
        "sign off its medical review.",
    )

    medically_reviewed = True
    card_dates = (
        ("last_reviewed", "Reviewed"),
        ("last_updated", "Updated"),
        ("published_at", "Published"),
    )
    workflow_fields = (
        *Moderated.workflow_fields,
        # Named by the approval itself: the clinician who signed it off.
        "medical_reviewer",
        "last_reviewed",
        "next_review_due",
        "last_updated",
    )
    # Markdown fields rendered to `<name>_html` on save.
    markdown_fields: ClassVar[tuple[str, ...]] = ("body",)
    # Markdown fields the page shows under a heading of its own (an h2), so
    # their headings start at h3; the others' start at h2.
    sectioned_fields: ClassVar[tuple[str, ...]] = ()

    class Meta(Moderated.Meta):
        abstract = True
        ordering = ["title"]
        constraints = [
            *Moderated.Meta.constraints,
            models.CheckConstraint(
                condition=Q(medical_reviewer__isnull=True) | ~Q(medical_reviewer=F("author")),
                name="%(app_label)s_%(class)s_reviewer_not_author",
                violation_error_message="The medical reviewer cannot be the author.",
            ),
            models.CheckConstraint(
                condition=Q(clinical_area__in=ClinicalArea.values),
                name="%(app_label)s_%(class)s_clinical_area_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "-published_at"], name="%(app_label)s_%(class)s_pub_idx"
            ),
            # The feeds: newest changes first.
            models.Index(fields=["status", "-updated_at"], name="%(app_label)s_%(class)s_upd_idx"),
        ]

    if TYPE_CHECKING:
        # Every kind of page has a public address; each model says which.
        # (Declared for the type checker only: Django's admin offers "View on
        # site" to models that have the method.)
        def get_absolute_url(self) -> str: ...

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for field in self.markdown_fields:
            top_heading = 3 if field in self.sectioned_fields else 2
            # A page shows several texts: ids of the sectioned ones carry
            # their field's name, so no two headings on a page share one.
            prefix = f"{field.replace('_', '-')}-" if field in self.sectioned_fields else ""
            setattr(
                self, f"{field}_html", render_markdown(getattr(self, field), top_heading, prefix)
            )
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.medical_reviewer_id and self.medical_reviewer_id == self.author_id:
            raise ValidationError({"medical_reviewer": "Choose a reviewer other than the author."})
        if not self.slug and self.title:
            self.slug = slugify(self.title)[:200]
        if problems := self.figure_problems():
            raise ValidationError(problems)

    def _figure_images(self) -> Any:
        # The image library is an app of its own that builds on this module;
        # it is found through Django's registry, as the loader finds the
        # content apps.
        names = {
            name for field in self.markdown_fields for name in figure_lines(getattr(self, field))
        }
        return apps.get_model("images", "Image").objects.filter(slug__in=names) if names else None

    def figure_problems(self) -> dict[str, list[str]]:
        """{Markdown field: why its "[figure: …]" lines cannot be shown}."""
        images = self._figure_images()
        if images is None:
            return {}
        known = set(images.values_list("slug", flat=True))
        found = {
            field: figure_problems(getattr(self, field), known) for field in self.markdown_fields
        }
        return {field: problems for field, problems in found.items() if problems}

    def unapproved_figures(self) -> list[str]:
        """The names of the images this page places that are not approved."""
        images = self._figure_images()
        if images is None:
            return []
        return sorted(images.exclude(pk__in=images.published()).values_list("slug", flat=True))

    def clean_fields(self, exclude=None):
        super().clean_fields(exclude)
        # The workflow names the reviewer, so admin forms leave the field out
        # (and an editor may move a page to another area before its next
        # review); whoever sets it directly (a fixture, the shell) is checked.
        if "medical_reviewer" not in (exclude or ()) and (problem := self.reviewer_problem()):
            raise ValidationError({"medical_reviewer": problem})

    def is_owned_by(self, user) -> bool:
        return getattr(self.author, "user_id", None) == user.pk

    def reviewer_problem(self) -> str:
        """Why the named medical reviewer may not sign this page off, or ''."""
        reviewer = self.medical_reviewer
        if reviewer is None or reviewer.may_review(self.clinical_area):
            return ""
        if not reviewer.is_medical_reviewer:
            return f"{reviewer.name} is not a medical reviewer."
        return (
            f"{reviewer.name} is not qualified to review {area_label(self.clinical_area).lower()}, "
            "this page's clinical area: a clinician qualified in it must sign it off."
        )

    def late_sources(self, cited: Sequence[Source] | None = None) -> list[Source]:
        """Approved sources accessed after the page's last medical review:
        its reviewer cannot have read them as cited. `cited` are the page's
        approved sources, when the caller has read them already."""
        if not self.last_reviewed:
            return []
        if cited is None:
            return list(self.sources.published().filter(accessed_on__gt=self.last_reviewed))
        reviewed = self.last_reviewed
        return [s for s in cited if s.accessed_on is not None and s.accessed_on > reviewed]

    def mark_reviewed(self, today: datetime.date, interval: datetime.timedelta) -> list[str]:
        self.last_reviewed = today
        self.next_review_due = today + interval
        return ["last_reviewed", "next_review_due"]

    def mark_updated(self, today: datetime.date) -> list[str]:
        self.last_updated = today
        return ["last_updated"]

    @property
    def reviewer_qualified(self) -> bool:
        """Is the named reviewer (still) qualified in this page's area? A
        reviewer's areas may narrow after they signed a page off: the page
        then no longer claims they are."""
        reviewer = self.medical_reviewer
        return reviewer is not None and reviewer.may_review(self.clinical_area)

    @property
    def updated_since_review(self) -> bool:
        """Has an approved change come after the last medical review?"""
        return bool(
            self.last_updated and (not self.last_reviewed or self.last_updated > self.last_reviewed)
        )

    def publish_problems(self) -> list[str]:
        problems = []
        if not self.medical_reviewer_id:
            problems.append("Choose a medical reviewer before approving.")
        elif self.medical_reviewer_id == self.author_id:
            problems.append("The medical reviewer cannot be the author.")
        elif problem := self.reviewer_problem():
            problems.append(problem)
        cited = list(self.sources.published())
        if not cited:
            problems.append("Cite at least one approved source before approving.")
        if late := self.late_sources(cited):
            titles = ", ".join(f"“{s.title}” ({s.accessed_on:%d %B %Y})" for s in late)
            problems.append(
                f"Sources accessed after the last medical review ({self.last_reviewed:%d %B %Y}) "
                f"cannot be cited until a clinician reviews the page again: {titles}. Approve "
                "it as a full medical review, or correct the access dates."
            )
        if unapproved := self.unapproved_figures():
            # Approved, the page would go live without the pictures its
            # reviewer saw in the preview.
            problems.append(f"Approve the images this page shows first: {', '.join(unapproved)}.")
        return problems

    @property
    def content_kind(self) -> registry.ContentKind[Self]:
        return registry.for_model(type(self))

    @property
    def feedback_url(self) -> str:
        return reverse("portal:feedback", kwargs={"kind": self.content_kind.key, "slug": self.slug})

    @property
    def kind_label(self) -> str:
        """Condition, Remedy or Article: for lists that mix them."""
        return self.content_kind.label


class ArticleQuerySet(PublishableQuerySet["Article"]):
    def with_page_relations(self):
        """Everything an article page shows, in a fixed number of queries."""
        # django-stubs sees no relation in taggit's TaggableManager; `tags`
        # prefetches at runtime (the page tests count the queries).
        return self.select_related("author", "medical_reviewer").prefetch_related(  # type: ignore[misc]
            "tags",
            published_sources(self.model),
            *(published_prefetch(self.model, name) for name in ("conditions", "remedies")),
        )


def published_prefetch(model, relation: str, ordering=("title",)) -> models.Prefetch:
    """Prefetch the published items on the far side of `relation`.

    The related model is read from the relation, so the core names no model
    of the content apps (they depend on it, never the other way round).
    """
    related = model._meta.get_field(relation).related_model
    return models.Prefetch(relation, queryset=related.objects.published().order_by(*ordering))


def published_sources(model) -> models.Prefetch:
    """A page cites only approved sources."""
    return published_prefetch(model, "sources", ordering=("publisher", "title"))


class ArticleTag(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)


# A named manager class, so `objects` can be declared a ClassVar as
# django-stubs wants of a manager overriding an inherited one.
ArticleManager = models.Manager.from_queryset(ArticleQuerySet)


@registry.register(search_fields={"title": "A", "summary": "B", "body": "C"})
class Article(ContentItem):
    """A symptom or topic article, such as the launch article on leg twitches."""

    caution = models.TextField(
        blank=True, help_text="Markdown for the caution box: when to see a doctor."
    )
    caution_html = models.TextField(blank=True, editable=False)
    conditions = models.ManyToManyField("conditions.Condition", blank=True, related_name="articles")
    remedies = models.ManyToManyField("remedies.Remedy", blank=True, related_name="articles")
    featured_video_url = models.URLField(
        blank=True,
        help_text=(
            "A YouTube or Vimeo address, shown on the article behind a play button. "
            "The home page's video of the day is scheduled under Featured videos."
        ),
    )
    is_featured = models.BooleanField(
        default=False, help_text="Feature on the home page (the newest featured one wins)."
    )
    tags = TaggableManager(through=ArticleTag, blank=True, ordering=TAG_ORDER)

    objects: ClassVar["ArticleManager[Article]"] = ArticleManager()

    markdown_fields = ("body", "caution")
    sectioned_fields = ("caution",)
    clinical_fields = ("clinical_area", "caution")

    class Meta(ContentItem.Meta):
        ordering = ["-published_at", "title"]
        permissions = [("publish_article", "Can approve and publish articles")]

    def get_absolute_url(self) -> str:
        return reverse("portal:article_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.featured_video_url and not video_embed_url(self.featured_video_url):
            raise ValidationError({"featured_video_url": "Use a YouTube or Vimeo video address."})

    @property
    def video_embed_url(self):
        return video_embed_url(self.featured_video_url)


def video_embed_url(url):
    """The privacy-friendly embed address for a YouTube or Vimeo link, or ''."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parts.path == "/watch":
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/")):
            video_id = parts.path.split("/")[2]
        if video_id.replace("-", "").replace("_", "").isalnum():
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif host == "youtu.be":
        video_id = parts.path.strip("/")
        if video_id.replace("-", "").replace("_", "").isalnum():
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif host in {"vimeo.com", "player.vimeo.com"}:
        video_id = parts.path.rstrip("/").split("/")[-1]
        if video_id.isdigit():
            return f"https://player.vimeo.com/video/{video_id}?dnt=1"
    return ""


class FeaturedVideoQuerySet(PublishableQuerySet["FeaturedVideo"]):
    def for_day(self, day: datetime.date) -> Self:
        """The approved video scheduled for `day` (at most one)."""
        return self.published().filter(date=day)

    def shown_by(self, day: datetime.date) -> Self:
        """Approved videos whose day has come: what visitors may have seen."""
        return self.published().filter(date__lte=day)


# A named manager class, so `objects` can be declared a ClassVar as
# django-stubs wants of a manager overriding an inherited one.
FeaturedVideoManager = models.Manager.from_queryset(FeaturedVideoQuerySet)


@registry.register(fed=False, mapped=False, followed=False, asks_feedback=False)
class FeaturedVideo(Moderated):
    """The home page's video of the day: one per date, approved like content.

    The page shows a local thumbnail and a play button; nothing is fetched
    from the video host until the visitor presses it. The video belongs to a
    page of the site (a condition, remedy or article), which it links to.
    """

    date = models.DateField(
        unique=True,
        help_text="The day it is shown on the home page (in the site's time zone).",
        error_messages={
            "unique": "Another video is already scheduled for this date. "
            "Choose another day, or edit that video instead."
        },
    )
    title = models.CharField(max_length=200)
    caption = models.TextField(
        max_length=300, help_text="One or two plain sentences shown under the video."
    )
    video_url = models.URLField(
        "video address",
        max_length=500,
        help_text="A YouTube or Vimeo address. It plays from the privacy-enhanced player "
        "(youtube-nocookie.com, or Vimeo without tracking).",
    )
    thumbnail = models.ImageField(
        upload_to=thumbnail_path,
        help_text="A still from the video, 16:9, as JPEG, PNG or WebP up to 5 MB. "
        "It is served from this site, so showing it tells the video host nothing.",
    )
    transcript_url = models.URLField(
        "transcript address",
        max_length=500,
        help_text="Where the words of the video can be read: visitors who cannot hear "
        "it, or prefer to read, need it.",
        error_messages={
            "blank": "Add the address of a transcript: visitors who cannot hear the "
            "video read it there."
        },
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    # The condition, remedy or article the video illustrates.
    page = GenericForeignKey("content_type", "object_id")

    clinical_fields = ("video_url",)
    # The page it belongs to, if visitors can see it: set where the home
    # page's video is chosen (portal.public.views.video_of_the_day).
    shown_page: ContentItem | None

    objects: ClassVar["FeaturedVideoManager[FeaturedVideo]"] = FeaturedVideoManager()

    class Meta(Moderated.Meta):
        ordering = ["-date"]
        permissions = [("publish_featuredvideo", "Can approve featured videos")]

    def __str__(self):
        return f"{self.date:%d %b %Y}: {self.title}"

    def clean(self):
        super().clean()
        if self.video_url and not video_embed_url(self.video_url):
            raise ValidationError(
                {
                    "video_url": "Use a YouTube or Vimeo video address, such as "
                    "https://www.youtube.com/watch?v=… or https://vimeo.com/…"
                }
            )

    def publish_problems(self) -> list[str]:
        if self.published_page() is None:
            return ["The page this video belongs to is not published; publish it first."]
        return []

    @staticmethod
    def page_kinds() -> tuple[registry.ContentKind[ContentItem], ...]:
        """The kinds a video may belong to: those with public pages of clinical content."""
        return registry.of_type(ContentItem, registry.reviewed())

    def published_page(self) -> ContentItem | None:
        """The page the video belongs to if visitors can see it, else None."""
        if not self.content_type_id:
            return None
        # The content types are kept by each process: no query for them.
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        if model not in {kind.model for kind in self.page_kinds()}:
            return None
        return model.objects.published().filter(pk=self.object_id).first()

    @property
    def embed_url(self) -> str:
        return video_embed_url(self.video_url)


class SitePageSlug(models.TextChoices):
    """The site's own pages, each at a short address of its own (/about/…)."""

    ABOUT = "about", "About us"
    EDITORIAL_POLICY = "editorial-policy", "Editorial policy"
    CONTACT = "contact", "Contact us"
    PRIVACY = "privacy", "Privacy"


@registry.register(fed=False, mapped=False, followed=False, asks_feedback=False)
class SitePage(Moderated):
    """A page about the site itself: who we are, how pages are written and
    reviewed, how to reach us, what we keep. Edited and approved like other
    content; not clinical, so it has no medical reviewer, only the date of
    its last approved change."""

    slug = models.SlugField(
        max_length=40,
        unique=True,
        choices=SitePageSlug.choices,
        help_text="Which of the site's pages this is; each has a fixed address.",
    )
    title = models.CharField(max_length=120)
    summary = models.TextField(max_length=300, help_text="One or two plain sentences.")
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    last_updated = models.DateField(
        null=True, blank=True, help_text="Set when a change to the page is approved."
    )

    workflow_fields = (*Moderated.workflow_fields, "last_updated")
    markdown_fields: ClassVar[tuple[str, ...]] = ("body",)
    card_dates = (("last_updated", "Updated"),)

    class Meta(Moderated.Meta):
        ordering = ["slug"]
        permissions = [("publish_sitepage", "Can approve and publish site pages")]
        constraints = [
            *Moderated.Meta.constraints,
            models.CheckConstraint(
                condition=Q(slug__in=SitePageSlug.values), name="sitepage_slug_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("portal:site_page", kwargs={"slug": self.slug})

    def mark_reviewed(self, today: datetime.date, interval: datetime.timedelta) -> list[str]:
        # A site page's first approval is no medical review: it is its first update.
        return self.mark_updated(today)

    def mark_updated(self, today: datetime.date) -> list[str]:
        self.last_updated = today
        return ["last_updated"]


class Draft(models.Model):
    """Pending changes to a live item, kept apart from what visitors see.

    `content` is a snapshot of the item as edited (portal.editorial.drafts): its
    fields and relations, tags and parts. Visitors keep seeing the live row
    until a moderator approves the draft, which writes it onto that row.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    content = models.JSONField()
    status = models.CharField(
        max_length=20,
        choices=[
            (Status.DRAFT, "Draft"),
            (Status.IN_REVIEW, "In review"),
            # Approved with a go-live time: written live when it comes.
            (Status.PUBLISHED, "Approved, scheduled"),
        ],
        default=Status.DRAFT,
    )
    go_live_at = models.DateTimeField(null=True, blank=True, db_index=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The moderator who approved scheduled changes.",
    )
    medical_review = models.BooleanField(
        default=False, help_text="Scheduled changes were approved as a full medical review."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="drafts_held",
        help_text="Who started it; only they or a moderator may change it.",
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="+",
        help_text="Everyone whose edits it holds; none of them may approve it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="draft_one_per_item"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[Status.DRAFT, Status.IN_REVIEW])
                | Q(status=Status.PUBLISHED, go_live_at__isnull=False),
                name="draft_status_valid",
            ),
        ]

    def __str__(self):
        return f"Pending changes to {self.item}"

    @property
    def started_by_name(self) -> str:
        return staff_name(self.created_by)

    @property
    def is_scheduled(self) -> bool:
        """Approved, waiting for its go-live time."""
        return self.status == Status.PUBLISHED


# What each step is called in an item's review history.
HISTORY_LABELS: dict[str, str] = {
    "submit": "Submitted for review",
    "approve": "Approved and published",
    "request_changes": "Changes requested",
    "unpublish": "Unpublished",
    "archive": "Archived",
    "restore": "Restored as a draft",
    "submit_changes": "Submitted changes for review",
    "approve_changes": "Approved and published changes",
    "return_changes": "Changes sent back",
    "discard_changes": "Discarded pending changes",
    "edit": "Edited",
    "go_live": "Went live",
    "go_live_failed": "Could not go live",
    "expire": "Came off the site",
    "recover": "Recovered",
    "link_account": "Linked an account",
}


class ReviewEvent(models.Model):
    """One workflow transition: who moved which item from what to what, and why."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    item_title = models.CharField(max_length=200, help_text="The title when it happened.")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="review_events"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-created_at"], name="review_event_item_idx"
            )
        ]

    def __str__(self):
        return (
            f"{self.item_title}: {self.get_from_status_display()} → {self.get_to_status_display()}"
        )

    @property
    def actor_name(self) -> str:
        """Who acted, as staff know them; the account may have been deleted."""
        return staff_name(self.actor)

    @property
    def label(self) -> str:
        """The step in words ("submit_changes" is "Submitted changes for
        review"); a step not listed, by its name."""
        return HISTORY_LABELS.get(self.action, self.action.replace("_", " ").capitalize())


class FeedbackQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=FeedbackState.NEW)


class FeedbackState(models.TextChoices):
    NEW = "new", "New"
    ACTIONED = "actioned", "Actioned"
    SPAM = "spam", "Spam"


class Feedback(models.Model):
    """A visitor's answer to "Was this page helpful?". Never shown publicly."""

    State = FeedbackState

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    helpful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=1000)
    status = models.CharField(
        max_length=10, choices=FeedbackState.choices, default=FeedbackState.NEW
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FeedbackState.values), name="feedback_status_valid"
            ),
        ]

    def __str__(self):
        return f"{'Helpful' if self.helpful else 'Not helpful'}: {self.item}"


class RateCounter(models.Model):
    """Requests one client made in one fixed time window, for limits that
    must hold across every worker and instance (the database is the one
    thing they all share). Incremented with a single UPDATE, so two workers
    never count the same request twice or miss one."""

    # Every limit counts in windows of this length: a window's number means
    # the same for all of them, so the first count of a window may clear
    # every older one.
    WINDOW_SECONDS = 600

    key = models.CharField(max_length=80)
    window = models.BigIntegerField(help_text="Seconds since 1970 divided by the window's length.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="rate_counter_one_per_window")
        ]
        indexes = [models.Index(fields=["window"], name="rate_counter_window_idx")]

    def __str__(self):
        return f"{self.key} × {self.count}"

    @classmethod
    def count_one(cls, key: str) -> int:
        """Count one request under `key` in the current window; its number."""
        window = int(timezone.now().timestamp()) // cls.WINDOW_SECONDS
        # One statement (SQLite 3.35+ and PostgreSQL both upsert and return):
        # the row is created or incremented under its own lock, so concurrent
        # requests under one key each get their own number, and a request
        # costs one query, not a transaction of three (the content API
        # counts every request).
        quote = connection.ops.quote_name
        table, key_, window_, count_ = map(quote, (cls._meta.db_table, "key", "window", "count"))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({key_}, {window_}, {count_}) VALUES (%s, %s, 1) "  # noqa: S608
                f"ON CONFLICT ({key_}, {window_}) DO UPDATE SET {count_} = {table}.{count_} + 1 "
                f"RETURNING {count_}",
                [key, window],
            )
            count = int(cursor.fetchone()[0])
        if count == 1:
            # Old windows are of no use: the first request of a window clears them.
            cls.objects.filter(window__lt=window).delete()
        return count


class ContentVersion(models.Model):
    """The one number every process agrees on for "has content changed?"
    (a random number, new at each change):
    part of every cached page's key, and what workers' copies of published
    data are checked against. Bumped in the same transaction as the change,
    so it survives a cache outage and moves with a database restore; the
    cache holds only a short-lived copy (portal.caching.content_version)."""

    value = models.BigIntegerField(default=1)

    def __str__(self):
        return f"Content version {self.value}"


# The reviewed synonym list lives with search but belongs to this app (its
# table and migration are the core's): importing it here registers it.
from portal.search.models import SearchSynonym  # noqa: E402, F401
