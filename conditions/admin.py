from django import forms
from django.contrib import admin

from conditions.models import (
    AgeBand,
    BodyArea,
    Category,
    Condition,
    ConditionAdvice,
    ConditionSymptom,
    ConditionTier,
    Pathway,
    Symptom,
    UrgentCombination,
)
from conditions.urgency import Urgency
from portal.admin.base import ContentItemAdmin, source_inline
from portal.admin.links import admin_change_url
from portal.admin.workflow import ConcurrentEditForm, ReviewedWith, WorkflowVersionAdmin


def _answers(rule):
    """A rule's answers as a reviewer reads them."""
    parts = []
    if names := [s.name for s in rule.symptoms.all()]:
        parts.append("all of: " + "; ".join(names))
    if names := [s.name for s in rule.any_of.all()]:
        parts.append("any of: " + "; ".join(names))
    if rule.age_bands:
        parts.append("ages: " + ", ".join(AgeBand(band).label for band in rule.age_bands))
    return " — ".join(parts)


class ConditionSymptomInline(admin.TabularInline):
    model = ConditionSymptom
    extra = 0
    autocomplete_fields = ["symptom"]
    verbose_name = "symptom link"
    verbose_name_plural = "symptoms and their weights (1 weak hint … 10 hallmark)"


class ConditionAdviceInline(admin.TabularInline):
    model = ConditionAdvice
    extra = 0
    verbose_name_plural = "when to get help"


@admin.register(Condition)
class ConditionAdmin(ContentItemAdmin):
    list_display = [
        *ContentItemAdmin.list_display[:1],
        "category",
        *ContentItemAdmin.list_display[1:],
    ]
    list_filter = ["category", *ContentItemAdmin.list_filter]
    search_fields = [*ContentItemAdmin.search_fields, "also_called"]
    autocomplete_fields = [*ContentItemAdmin.autocomplete_fields, "related_conditions"]
    inlines = [ConditionAdviceInline, ConditionSymptomInline, source_inline(Condition)]

    @admin.display(description="category", ordering="category")
    def kind(self, obj):
        return "Serious" if obj.is_serious else "Common"

    def reviewed_with(self, item):
        rules = (
            UrgentCombination.objects.filter(condition=item)
            .exclude(status="archived")
            .prefetch_related("symptoms", "any_of")
        )
        return ReviewedWith(
            "Checker rules that give this page's advice",
            "The symptom checker gives this page's “when to get help” through these rules. "
            "The page and its rules must say the same: a change to either needs the same "
            "clinical sign-off, and approval is refused while they disagree.",
            [
                (
                    rule.name,
                    f"{Urgency(rule.urgency).label} ({rule.get_status_display().lower()}) "
                    f"when {_answers(rule)}. {rule.advice}",
                    admin_change_url(rule),
                )
                for rule in rules
            ],
        )

    fieldsets = [
        (None, {"fields": ["title", "slug", "also_called", "category", "prevalence", "summary"]}),
        (
            "Page sections (Markdown)",
            {"fields": ["body", "symptoms_text", "causes", "treatment", "prevention"]},
        ),
        ("Related", {"fields": ["related_conditions", "tags"]}),
        ContentItemAdmin.people_fieldset,
        ContentItemAdmin.publishing_fieldset,
    ]


# Checker data goes through review like content: no list_editable, which
# would change live rows without a draft.
@admin.register(BodyArea)
class BodyAreaAdmin(WorkflowVersionAdmin):
    list_display = ["name", "order", "status", "description"]
    list_filter = ["status"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Symptom)
class SymptomAdmin(WorkflowVersionAdmin):
    list_display = ["name", "kind", "body_area", "urgency", "is_listed", "status", "order"]
    list_filter = ["status", "kind", "urgency", "on_every_pathway", "body_area", "is_listed"]
    list_select_related = ["body_area"]
    search_fields = ["name", "description", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["body_area", "source"]


class CheckerRuleForm(ConcurrentEditForm):
    # Stored as a list of band values; ticked from the fixed list.
    age_bands = forms.TypedMultipleChoiceField(
        label="Only for these ages",
        choices=[(band.value, band.label) for band in AgeBand if band != AgeBand.UNSAID],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=UrgentCombination._meta.get_field("age_bands").help_text,
    )

    class Meta:
        model = UrgentCombination
        # The admin narrows this to the fields it shows (and keeps the
        # workflow's own fields read-only), as for every other checker kind.
        fields = "__all__"


@admin.register(UrgentCombination)
class UrgentCombinationAdmin(WorkflowVersionAdmin):
    form = CheckerRuleForm
    list_display = ["name", "urgency", "symptom_list", "condition", "is_active", "status"]
    list_filter = ["status", "urgency", "is_active"]
    list_select_related = ["condition"]
    search_fields = ["name", "symptoms__name", "any_of__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["symptoms", "any_of", "condition", "source"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("symptoms", "any_of")

    @admin.display(description="when")
    def symptom_list(self, obj):
        return _answers(obj)

    def reviewed_with(self, item):
        if item.condition is None:
            return None
        return ReviewedWith(
            f"“When to get help” on {item.condition}",
            "This rule gives that page's advice in the checker: the rule's urgency must be one "
            "of the page's tiers, and both are reviewed together.",
            [
                (advice.get_urgency_display(), advice.text, admin_change_url(item.condition))
                for advice in item.condition.advice.all()
            ],
        )


@admin.register(Pathway)
class PathwayAdmin(WorkflowVersionAdmin):
    """The checker's starting points: the main problem and what it asks."""

    list_display = ["name", "order", "status", "description"]
    list_filter = ["status"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["questions"]


@admin.register(ConditionTier)
class ConditionTierAdmin(WorkflowVersionAdmin):
    """The four tiers' wording; the tiers themselves are fixed."""

    list_display = ["label", "key", "explanation", "status"]
    list_filter = ["status"]
    search_fields = ["label", "explanation"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "key"] if obj else fields

    def has_add_permission(self, request):
        taken = ConditionTier.objects.values_list("key", flat=True)
        return super().has_add_permission(request) and taken.count() < len(Category.choices)
