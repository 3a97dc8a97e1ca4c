"""Conditions, the symptoms that point to them, and how urgently to act."""

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, TypedDict, cast

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

from conditions.checker.clinical_truth import page_disagreements, rule_disagreement
from conditions.urgency import Urgency
from portal.caching.content_version import PerContentVersion
from portal.editorial import registry
from portal.models import (
    TAG_ORDER,
    ContentItem,
    Moderated,
    PublishableQuerySet,
    published_prefetch,
    published_sources,
)

# "Amyotrophic lateral sclerosis (ALS)": what a title says in brackets.
BRACKETED = re.compile(r"\s*\(([^)]*)\)")


# Checker data is reviewed like content: the live checker runs only on
# approved symptoms, combinations and body areas.
@registry.register(fed=False, mapped=False, followed=False, asks_feedback=False)
@reversion.register()
class BodyArea(Moderated):
    """A group of symptoms on the checklist (legs, breathing, about you…)."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Moderated.Meta):
        ordering = ["order", "name"]
        permissions = [("publish_bodyarea", "Can approve body areas")]

    def __str__(self):
        return self.name


class SymptomKind(models.TextChoices):
    SIGN = "sign", "Symptom"
    CONTEXT = "context", "Context question"


@registry.register(fed=False, mapped=False, followed=False, asks_feedback=False)
@reversion.register()
class Symptom(Moderated):
    """Something a visitor can notice (a sign) or tell us (context)."""

    Kind = SymptomKind
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=SymptomKind.choices, default=SymptomKind.SIGN)
    body_area = models.ForeignKey(BodyArea, on_delete=models.PROTECT, related_name="symptoms")
    description = models.CharField(
        max_length=300, blank=True, help_text="One plain sentence that helps people recognise it."
    )
    urgency = models.CharField(
        max_length=10,
        choices=Urgency.choices,
        default=Urgency.SELF_CARE,
        help_text="How urgently to get help when this is present on its own.",
    )
    advice = models.TextField(blank=True, help_text="What to do now, shown with the urgency.")
    order = models.PositiveSmallIntegerField(default=0)
    is_listed = models.BooleanField(
        "shown on the checklist", default=True, help_text="Untick to hide it from visitors."
    )
    is_red_flag = models.BooleanField(
        "red flag (asked first)",
        default=False,
        help_text="Asked on the checker's first steps, before anything else. Symptoms that "
        "call for urgent or emergency help are always asked first.",
    )
    on_every_pathway = models.BooleanField(
        "asked on every pathway",
        default=False,
        help_text="A life-threatening question (breathing, chest pain, collapse, fits, stroke "
        "signs…): asked first, whatever the visitor's main problem.",
    )
    source = models.ForeignKey(
        "portal.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checker_questions",
        help_text="The published guidance behind this question's urgency: needed when it calls "
        "for urgent or emergency help.",
    )
    adults_only = models.BooleanField(
        "asked of adults only",
        default=False,
        help_text="Not asked about someone under 16 (alcohol, nicotine…); never for a question "
        "that calls for urgent or emergency help.",
    )

    clinical_sign_off = True
    clinical_fields = (
        "urgency", "advice", "is_listed", "kind", "is_red_flag", "on_every_pathway",
        "adults_only", "source",
    )  # fmt: skip

    class Meta(Moderated.Meta):
        # Areas that share an order still list their symptoms together.
        ordering = ["body_area__order", "body_area__name", "body_area_id", "order", "name"]
        permissions = [("publish_symptom", "Can approve symptoms")]
        constraints = [
            *Moderated.Meta.constraints,
            models.CheckConstraint(
                condition=Q(urgency__in=Urgency.values), name="symptom_urgency_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SymptomKind.values), name="symptom_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def asked_first(self) -> bool:
        return asked_first(self.is_red_flag, Urgency(self.urgency))

    def publish_problems(self) -> list[str]:
        problems = []
        if not self.body_area.is_published:
            problems.append(f"Approve the body area “{self.body_area}” first.")
        if Urgency(self.urgency).rank >= Urgency.URGENT.rank:
            if self.adults_only:
                problems.append(
                    "A question that calls for urgent or emergency help is asked of everyone, "
                    "children included: untick “asked of adults only”."
                )
            # No query when no source is named.
            if (source := self.source) is None:
                problems.append(
                    "A question that calls for urgent or emergency help must name the published "
                    "source it follows."
                )
            elif not source.is_published:
                problems.append(f"Approve the source “{source}” first.")
        return problems


class AgeBand(models.TextChoices):
    """The age question's answers, as they travel in the checker's address.
    "Prefer not to say" is an answer too: rules for any age band apply to it,
    the safer reading of an unknown age."""

    CHILD = "under-16", "Under 16"
    ADULT = "16-64", "16 to 64"
    OLDER = "65-plus", "65 or over"
    UNSAID = "unsaid", "Prefer not to say"


@registry.register(fed=False, mapped=False, followed=False, asks_feedback=False)
@reversion.register()
class UrgentCombination(Moderated):
    """A checker rule: answers that together call for a disposition.

    It fires when every "all of" answer is ticked, at least one "any of"
    answer is (when there are any), and the person is in one of its age bands
    (when it names any). Each rule follows a published source and, where a
    condition page gives the same advice, points to that page: the page's
    "when to get help" and its rules are reviewed as one.
    """

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    symptoms = models.ManyToManyField(
        Symptom,
        related_name="urgent_combinations",
        blank=True,
        verbose_name="all of",
        help_text="All of these must be ticked.",
    )
    any_of = models.ManyToManyField(
        Symptom,
        related_name="rules_any_of",
        blank=True,
        verbose_name="any of",
        help_text="And at least one of these (leave empty when “all of” is enough).",
    )
    age_bands = models.JSONField(
        "age bands",
        default=list,
        blank=True,
        help_text="Only for these ages (leave empty for any age). “Prefer not to say” "
        "matches every band.",
    )
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    advice = models.TextField(help_text="What to do now, and why: the reason the visitor reads.")
    source = models.ForeignKey(
        "portal.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checker_rules",
        help_text="The published guidance this rule follows (NICE CKS, an NHS page…).",
    )
    condition = models.ForeignKey(
        "Condition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checker_rules",
        help_text="The condition page whose “when to get help” gives this advice: the two are "
        "reviewed together.",
    )
    is_active = models.BooleanField(default=True)

    clinical_sign_off = True
    clinical_fields = (
        "urgency", "advice", "symptoms", "any_of", "age_bands", "source", "condition",
        "is_active",
    )  # fmt: skip

    class Meta(Moderated.Meta):
        verbose_name = "checker rule"
        ordering = ["name"]
        permissions = [("publish_urgentcombination", "Can approve checker rules")]
        constraints = [
            *Moderated.Meta.constraints,
            models.CheckConstraint(
                condition=Q(urgency__in=Urgency.values), name="combination_urgency_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        bands = self.age_bands
        if not isinstance(bands, list) or not set(bands) <= set(AgeBand.values):
            raise ValidationError({"age_bands": "Choose age bands from the list."})

    def publish_problems(self) -> list[str]:
        problems = []
        answers = [*self.symptoms.all(), *self.any_of.all()]
        if not answers:
            problems.append("A rule needs at least one answer in “all of” or “any of”.")
        waiting = [s.name for s in answers if not s.is_published]
        if waiting:
            problems.append(f"Approve these symptoms first: {', '.join(waiting)}.")
        # No query when no source is named.
        if (source := self.source) is None:
            problems.append("Name the published source this rule follows.")
        elif not source.is_published:
            problems.append(f"Approve the source “{source}” first.")
        if disagreement := rule_disagreement(self):
            problems.append(disagreement)
        return problems


class _PathwayCover(TypedDict):
    covered: int | None  # the weight of the condition's signs the pathway asks
    asks: int  # how many questions it asks


class PathwayQuerySet(PublishableQuerySet["Pathway"]):
    def for_condition(self, condition: "Condition") -> "Pathway | None":
        """Where `condition`'s checker link starts (one query): the published
        pathway that asks most of its weighted signs, when that is at least
        half of them; else the pathway that asks every question, if any."""
        links = list(condition.symptom_links.all())  # its published signs, prefetched
        total = sum(link.weight for link in links)
        pathways = self.published().annotate(
            covered=models.Sum(
                "questions__condition_links__weight",
                filter=Q(
                    questions__condition_links__condition=condition,
                    questions__kind=SymptomKind.SIGN,
                ),
            ),
            asks=models.Count("questions"),
        )
        # django-stubs types the annotations above but loses them on iterating
        # a queryset subclass (PublishableQuerySet has no row type parameter).
        candidates = cast("list[WithAnnotations[Pathway, _PathwayCover]]", list(pathways))
        specific = [p for p in candidates if p.asks and p.covered]
        # Every `covered` here is set; `or 0` tells the type checker so.
        best = max(specific, key=lambda p: p.covered or 0, default=None)  # the first of equals
        if best is not None and 2 * (best.covered or 0) >= total:
            return best
        return next((p for p in candidates if not p.asks), best)


PathwayManager = models.Manager.from_queryset(PathwayQuerySet)


@registry.register(fed=False, mapped=False, followed=False, asks_feedback=False)
@reversion.register()
class Pathway(Moderated):
    """A main problem the checker starts from ("Leg pain or swelling"): the
    red flags and questions it asks, after the questions asked on every
    pathway. NHS 111 online triages the same way, by main symptom."""

    name = models.CharField(max_length=100, help_text="The main problem, as a visitor says it.")
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    questions = models.ManyToManyField(
        Symptom,
        related_name="pathways",
        blank=True,
        help_text="What this pathway asks besides the questions asked on every pathway: red "
        "flags first, then signs, then background. A pathway with none asks every question "
        "(“Something else”).",
    )

    objects: ClassVar["PathwayManager[Pathway]"] = PathwayManager()

    clinical_sign_off = True
    clinical_fields = ("questions",)

    class Meta(Moderated.Meta):
        ordering = ["order", "name"]
        permissions = [("publish_pathway", "Can approve checker pathways")]

    def __str__(self):
        return self.name

    def publish_problems(self) -> list[str]:
        waiting = [s.name for s in self.questions.all() if not s.is_published]
        if waiting:
            return [f"Approve these questions first: {', '.join(waiting)}."]
        return []


def asked_first(is_red_flag: bool, urgency: Urgency) -> bool:
    """A red flag is asked before anything else; whatever calls for urgent or
    emergency help is one, marked or not."""
    return is_red_flag or urgency.rank >= Urgency.URGENT.rank


class Category(models.TextChoices):
    """How worried to be about a condition, in the words a visitor reads:
    what to do about it, not how rare it is."""

    COMMON = "common", "Usually harmless"
    CHECK = "check", "Needs a GP check"
    SERIOUS = "serious", "Serious: needs a doctor's care"
    URGENT = "urgent", "Can be serious: get help quickly"

    @property
    def is_serious(self) -> bool:
        return self in (Category.SERIOUS, Category.URGENT)


@dataclass(frozen=True)
class TierWording:
    label: str
    explanation: str = ""


@registry.register(fed=False, mapped=False, followed=False, asks_feedback=False)
@reversion.register()
class ConditionTier(Moderated):
    """The reviewed words for one tier: its badge and what it means for a
    visitor. The tier a condition is in (`Condition.category`) is a fixed
    choice the checker reasons with; only its wording is edited here."""

    key = models.CharField(
        "tier", max_length=10, choices=Category.choices, unique=True, editable=True
    )
    label = models.CharField(max_length=80, help_text="The badge, e.g. “Needs a GP check”.")
    explanation = models.CharField(
        max_length=300, blank=True, help_text="One plain sentence: what a visitor should do."
    )

    clinical_sign_off = True
    clinical_fields = ("label", "explanation")

    class Meta(Moderated.Meta):
        ordering = ["key"]
        permissions = [("publish_conditiontier", "Can approve tier wording")]

    def __str__(self):
        return self.label


def _load_tier_wording() -> dict[str, TierWording]:
    wording = {key: TierWording(str(label)) for key, label in Category.choices}
    for tier in ConditionTier.objects.published():
        wording[tier.key] = TierWording(tier.label, tier.explanation)
    return wording


# {tier key: its approved wording}, falling back to the built-in labels.
tier_wording = PerContentVersion(_load_tier_wording)


class ConditionQuerySet(PublishableQuerySet["Condition"]):
    def with_page_relations(self):
        """Everything a condition page shows, in a fixed number of queries."""
        # django-stubs sees no relation in taggit's TaggableManager; `tags`
        # prefetches at runtime (the page tests count the queries).
        return self.select_related("author", "medical_reviewer").prefetch_related(  # type: ignore[misc]
            "tags",
            published_sources(self.model),
            "advice",
            models.Prefetch(
                "symptom_links",
                queryset=ConditionSymptom.objects.filter(
                    symptom__kind=SymptomKind.SIGN, symptom__in=Symptom.objects.published()
                )
                .select_related("symptom")
                .order_by("-weight", "symptom__name"),
            ),
            # Remedies depend on conditions, not the other way round: their
            # model is read from the relations.
            *(
                published_prefetch(self.model, name)
                for name in ("related_conditions", "remedies", "unsafe_remedies")
            ),
        )


class ConditionTag(TaggedItemBase):
    content_object = models.ForeignKey("Condition", on_delete=models.CASCADE)


# A named manager class, so `objects` can be declared a ClassVar as
# django-stubs wants of a manager overriding an inherited one.
ConditionManager = models.Manager.from_queryset(ConditionQuerySet)


@registry.register(
    search_fields={"title": "A", "also_called": "A", "summary": "B", "body": "C"},
    in_az_index=True,
)
class Condition(ContentItem):
    also_called = models.TextField(
        blank=True, help_text="Other names, one per line; each is listed in the A–Z."
    )
    category = models.CharField(
        max_length=10, choices=Category.choices, default=Category.COMMON, db_index=True
    )
    prevalence = models.CharField(max_length=200, blank=True, help_text="How common it is.")
    symptoms_text = models.TextField("symptoms", blank=True, help_text="Markdown.")
    symptoms_text_html = models.TextField(blank=True, editable=False)
    causes = models.TextField(blank=True, help_text="Markdown.")
    causes_html = models.TextField(blank=True, editable=False)
    treatment = models.TextField(blank=True, help_text="Markdown.")
    treatment_html = models.TextField(blank=True, editable=False)
    prevention = models.TextField(blank=True, help_text="Markdown.")
    prevention_html = models.TextField(blank=True, editable=False)
    symptoms = models.ManyToManyField(
        Symptom, through="ConditionSymptom", blank=True, related_name="conditions"
    )
    related_conditions = models.ManyToManyField("self", blank=True, symmetrical=True)
    tags = TaggableManager(through=ConditionTag, blank=True, ordering=TAG_ORDER)

    objects: ClassVar["ConditionManager[Condition]"] = ConditionManager()

    markdown_fields = ("body", "symptoms_text", "causes", "treatment", "prevention")
    sectioned_fields = markdown_fields
    parts = ("advice", "symptom_links")
    clinical_fields = ("category", "clinical_area", "advice", "symptom_links")

    class Meta(ContentItem.Meta):
        permissions = [("publish_condition", "Can approve and publish conditions")]
        constraints = [
            *ContentItem.Meta.constraints,
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="condition_category_valid"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("conditions:detail", kwargs={"slug": self.slug})

    @property
    def also_called_names(self):
        return [line.strip() for line in self.also_called.splitlines() if line.strip()]

    @property
    def other_names(self):
        """The also-called names worth showing beside the title: not the
        title again, nor what it already says in brackets ("… (ALS)")."""
        in_title = {
            self.title.casefold(),
            BRACKETED.sub("", self.title).strip().casefold(),
            *(said.strip().casefold() for said in BRACKETED.findall(self.title)),
        }
        return [name for name in self.also_called_names if name.casefold() not in in_title]

    @property
    def is_serious(self):
        return Category(self.category).is_serious

    @property
    def tier(self) -> TierWording:
        """The approved wording of this condition's tier."""
        return tier_wording()[self.category]

    def publish_problems(self) -> list[str]:
        return [*super().publish_problems(), *self.checker_disagreements()]

    def checker_disagreements(self) -> list[str]:
        """How this page's "when to get help" and the checker disagree."""
        rules = UrgentCombination.objects.published().filter(condition=self, is_active=True)
        linked = (
            Symptom.objects.published()
            .filter(condition_links__condition=self, is_listed=True)
            .values_list("urgency", flat=True)
        )
        return page_disagreements(self, rules, linked)


@reversion.register()
class ConditionSymptom(models.Model):
    """How strongly a symptom (or a context answer) points to a condition."""

    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="symptom_links")
    symptom = models.ForeignKey(Symptom, on_delete=models.CASCADE, related_name="condition_links")
    weight = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="1 (a weak hint) to 10 (a hallmark).",
    )
    rules_out_when_absent = models.BooleanField(
        "needed",
        default=False,
        help_text="Without this answer the condition is not a likely cause (the caffeine "
        "page needs “I have a lot of caffeine”): asked and not ticked, it is not listed.",
    )

    class Meta:
        verbose_name = "symptom and weight"
        verbose_name_plural = "symptoms and weights"
        ordering = ["-weight", "symptom__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "symptom"], name="condition_symptom_unique"
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=10), name="condition_symptom_weight_1_10"
            ),
        ]

    def __str__(self):
        return f"{self.symptom} → {self.condition} ({self.weight})"


@reversion.register()
class ConditionAdvice(models.Model):
    """The condition page's "when to get help", one tier at a time."""

    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="advice")
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    text = models.TextField(help_text="When this tier applies and what to do.")

    class Meta:
        verbose_name = "when to get help"
        verbose_name_plural = "when to get help"
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "urgency"], name="condition_advice_one_per_urgency"
            ),
            models.CheckConstraint(
                condition=Q(urgency__in=Urgency.values), name="condition_advice_urgency_valid"
            ),
        ]

    def __str__(self):
        return f"{self.condition}: {self.get_urgency_display()}"

    @property
    def rank(self):
        return Urgency(self.urgency).rank

    @property
    def needs_number(self) -> bool:
        """Urgent and emergency advice names the number to call (999, 111)."""
        return self.rank >= Urgency.URGENT.rank
