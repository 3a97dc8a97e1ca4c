from collections.abc import Sequence

from django.core.paginator import Paginator
from django.shortcuts import render
from taggit.models import Tag

from conditions.checker.assessment import exclude_unsafe
from conditions.models import Category, Condition, ConditionTag, Pathway, tier_wording
from portal.caching.content_version import PerContentVersion
from portal.public import structured_data
from portal.public.azindex import PAGE_SIZE, AZEntry, az_index, letter_pages, with_items
from portal.public.views import PublishedDetailView

AZ_PAGE_SIZE = PAGE_SIZE


def _condition_tags() -> list[Tag]:
    return list(
        Tag.objects.filter(
            pk__in=ConditionTag.objects.filter(
                content_object__in=Condition.objects.published()
            ).values("tag")
        ).order_by("name")
    )


# The topics filter's choices: which tags published conditions carry means a
# pass over every published condition, so it is built once per version for
# every process (by the task worker when one runs).
condition_tags = PerContentVersion(_condition_tags, shared_as="condition-tags")


def condition_list(request):
    """Conditions A–Z, with "also called" names under their own letter.

    The sorted names come from the process's A–Z index; only the page's own
    rows are read, so the page costs the same with 10 or 10,000 conditions.
    """
    index = az_index(Condition)
    conditions = Condition.objects.published()
    category = request.GET.get("category", "")
    if category in Category.values:
        conditions = conditions.filter(category=category)
    else:
        category = ""
    tag_slug = request.GET.get("tag", "").replace("\x00", "")
    if tag_slug:
        conditions = conditions.filter(tags__slug=tag_slug)
    entries: Sequence[AZEntry]
    if category or tag_slug:
        # A filter is one query for the matching ids (on the category and tag
        # indexes); the names are filtered in memory.
        entries = index.only(set(conditions.values_list("pk", flat=True)))
        letters = letter_pages(entries, AZ_PAGE_SIZE)
    else:
        entries = index.entries
        letters = index.letter_pages(AZ_PAGE_SIZE)
    page = Paginator(entries, AZ_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = with_items(
        list(page.object_list), Condition.objects.published().only("title", "slug", "category")
    )
    # The badges' wording, read once for the page rather than once a line.
    wording = tier_wording()
    letters_on_page: list[tuple[str, list[tuple[AZEntry, str]]]] = []
    for entry in shown:
        if not letters_on_page or letters_on_page[-1][0] != entry.letter:
            letters_on_page.append((entry.letter, []))
        letters_on_page[-1][1].append((entry, wording[entry.condition.category].label))
    return render(
        request,
        "conditions/condition_list.html",
        {
            "page_obj": page,
            # A few numbers around this page, not one link for each of hundreds.
            "page_range": page.paginator.get_elided_page_range(page.number),
            "groups": letters_on_page,
            "letters": letters,
            "categories": [(key, tier.label) for key, tier in wording.items()],
            "category": category,
            "tags": condition_tags(),
            "tag_slug": tag_slug,
            "nav_section": "conditions",
        },
    )


# The heading of a page's full "when to get help" section (the short box at
# the top is "When to get help"); the content API names the part the same.
HELP_SECTION = "How urgently to get help"


def condition_sections(condition, advice):
    """(id, title) of the page's h2 sections, in the template's order."""
    shown = [
        ("help-heading", HELP_SECTION, bool(advice)),
        ("overview-heading", "Overview", bool(condition.body_html)),
        ("symptoms-heading", "Symptoms", True),
        ("causes-heading", "Causes", bool(condition.causes_html)),
        ("treatment-heading", "Treatment", bool(condition.treatment_html)),
        ("prevention-heading", "Prevention", bool(condition.prevention_html)),
    ]
    return [(anchor, title) for anchor, title, present in shown if present]


class ConditionDetailView(PublishedDetailView):
    model = Condition
    template_name = "conditions/condition_detail.html"
    nav_section = "conditions"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        condition = self.object
        advice = sorted(condition.advice.all(), key=lambda a: a.rank, reverse=True)
        symptoms = [link.symptom for link in condition.symptom_links.all()]
        remedies = exclude_unsafe(condition.remedies.all(), condition.unsafe_remedies.all())
        context.update(
            sections=condition_sections(condition, advice),
            advice=advice,
            symptoms=symptoms,
            remedies=remedies,
            unsafe_remedies=list(condition.unsafe_remedies.all()),
            checker_pathway=Pathway.objects.for_condition(condition),
            structured_data=structured_data.medical_web_page(
                condition,
                self.request,
                about=structured_data.medical_condition(
                    condition, self.request, symptoms=symptoms, remedies=remedies
                ),
            ),
        )
        return context
