"""One page per checker pathway for the clinical safety case, written from
the approved data itself, so the safety case and the checker cannot drift:
`manage.py clinical_safety_docs` writes them into
conditions/clinical_safety/pathways/, and `--check` fails when the files
there no longer match what is approved (as `makemigrations --check` does for
models)."""

from collections.abc import Iterable
from pathlib import Path

from django.db.models import Prefetch

from conditions.models import Pathway, Symptom, UrgentCombination
from conditions.urgency import Urgency

FOLDER = Path(__file__).resolve().parent.parent / "clinical_safety" / "pathways"

DISPOSITION = {
    Urgency.EMERGENCY: "999 now",
    Urgency.URGENT: "GP today or 111",
    Urgency.DOCTOR: "GP in the next few days",
    Urgency.SELF_CARE: "self-care",
}


def _source(item: Symptom | UrgentCombination) -> str:
    source = item.source
    return f"[{source.title}]({source.url}), {source.publisher}" if source else "none named"


def _names(symptoms: Iterable[Symptom]) -> str:
    return ", ".join(f"`{s.slug}`" for s in symptoms)


def _question_rows(questions: Iterable[Symptom]) -> list[str]:
    return [
        f"| `{q.slug}` | {q.name} | {DISPOSITION[Urgency(q.urgency)]} | {_source(q)} |"
        for q in questions
    ]


def pathway_document(pathway: Pathway, every_pathway: list[Symptom]) -> str:
    """The safety-case page of one pathway, in Markdown."""
    listed = Symptom.objects.published().filter(is_listed=True).select_related("source")
    own = list(pathway.questions.all()) if pathway.questions.exists() else list(listed)
    own = [q for q in own if not q.on_every_pathway]
    asked = {q.id for q in own} | {q.id for q in every_pathway}
    red_flags = [q for q in own if q.asked_first]
    rules = [
        rule
        for rule in UrgentCombination.objects.published()
        .filter(is_active=True)
        .select_related("source", "condition")
        .prefetch_related(
            Prefetch("symptoms", queryset=Symptom.objects.order_by("slug")),
            Prefetch("any_of", queryset=Symptom.objects.order_by("slug")),
        )
        .order_by("slug")
        if {s.id for s in rule.symptoms.all()} <= asked
        and (not rule.any_of.all() or {s.id for s in rule.any_of.all()} & asked)
    ]
    lines = [
        f"# Pathway: {pathway.name}",
        "",
        "Written by `manage.py clinical_safety_docs` from the approved checker data; do not "
        "edit by hand. The hazards these control are in `../hazard_log.md`, the cases that "
        "test them in `../cases.csv`.",
        "",
        f"{pathway.description}",
        "",
        "## Asked first on every pathway",
        "",
        "| question | asked as | answer | source |",
        "|---|---|---|---|",
        *_question_rows(every_pathway),
        "",
        "## This pathway's red flags",
        "",
        "| question | asked as | answer | source |",
        "|---|---|---|---|",
        *_question_rows(red_flags),
        "",
        "## Rules it can complete",
        "",
        "| rule | all of | any of | ages | answer | page | source |",
        "|---|---|---|---|---|---|---|",
        *(
            f"| `{rule.slug}` | {_names(rule.symptoms.all()) or '–'} | "
            f"{_names(rule.any_of.all()) or '–'} | {', '.join(rule.age_bands) or 'any'} | "
            f"{DISPOSITION[Urgency(rule.urgency)]} | "
            f"{rule.condition.title if rule.condition else '–'} | {_source(rule)} |"
            for rule in rules
        ),
        "",
        "## Its other questions",
        "",
        ", ".join(f"`{q.slug}`" for q in own if not q.asked_first) or "None.",
        "",
    ]
    return "\n".join(lines)


def documents() -> dict[Path, str]:
    """{file: text} for every approved pathway."""
    every_pathway = list(
        Symptom.objects.published()
        .filter(is_listed=True, on_every_pathway=True)
        .select_related("source")
    )
    return {
        FOLDER / f"{pathway.slug}.md": pathway_document(pathway, every_pathway)
        for pathway in Pathway.objects.published().prefetch_related("questions__source")
    }
