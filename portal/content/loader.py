"""Load the launch content (the files under portal/content/launch/) into the database.

Items are matched by slug (sources by URL) and created only when missing:
running the loader again duplicates nothing and never overwrites what an
editor has changed since.

The files are written for editors to read and diff:

- structure is TOML, one file per kind, one `[[table]]` per item: condition
  tiers, sources, body areas, the checker's questions (`symptoms.toml`), its
  rules (`checker_rules.toml`) and pathways, remedy groups, and search's
  reviewed synonyms (`search_synonyms.toml`);
- pages are Markdown, one file per item in a folder per kind, named by slug
  (`conditions/als.md`): TOML front matter between `+++` lines, then the body,
  then the page's other Markdown fields, each under a level-one heading
  (`# Causes`), which no field uses inside itself;
- `order.toml` lists each folder's slugs in the order they are loaded;
- diagrams are SVG files in `images/`, named by slug and described (alt
  text, caption, credit, licence) in `images/images.toml`.
"""

import datetime
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

import reversion
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

from portal.editorial.workflow import review_interval
from portal.images import svg
from portal.models import Article, Author, SitePage, Source, Status
from portal.search.models import SearchSynonym, normalise

LAUNCH_DIR = Path(__file__).with_name("launch")

Item = dict[str, Any]

# Each folder of pages: the field its body fills, then the field under each
# heading, in the order they appear.
PAGE_FIELDS: dict[str, tuple[str, dict[str, str]]] = {
    "authors": ("bio", {}),
    "conditions": (
        "body",
        {
            "Symptoms": "symptoms_text",
            "Causes": "causes_text",
            "Treatment": "treatment_text",
            "Prevention": "prevention_text",
        },
    ),
    "remedies": ("body", {"How it helps": "how_it_helps", "Safety notes": "safety_notes"}),
    "articles": ("body", {"Caution": "caution"}),
    "site_pages": ("body", {}),
}
# Each file of structure: the name of its tables.
TABLE_FILES: dict[str, str] = {
    "condition_tiers": "tier",
    "sources": "source",
    "body_areas": "body_area",
    "symptoms": "symptom",
    "checker_rules": "rule",
    "pathways": "pathway",
    "remedy_groups": "group",
    "search_synonyms": "synonym",
}


class ContentFileError(ValueError):
    """A launch content file that cannot be read as written."""


@dataclass(frozen=True)
class LaunchContent:
    """The launch content as read from its files, each kind in load order."""

    authors: list[Item]
    condition_tiers: list[Item]
    sources: list[Item]
    body_areas: list[Item]
    symptoms: list[Item]
    checker_rules: list[Item]
    pathways: list[Item]
    conditions: list[Item]
    remedy_groups: list[Item]
    remedies: list[Item]
    articles: list[Item]
    site_pages: list[Item]
    search_synonyms: list[Item]
    # Each with its drawing's text under "svg".
    images: list[Item] = dataclass_field(default_factory=list)


def read_page(path: Path, body_field: str, headings: dict[str, str]) -> Item:
    """One Markdown page: its front matter, with the slug from the file name
    and each Markdown field from its section."""
    text = path.read_text(encoding="utf-8")
    front, end, rest = text.removeprefix("+++\n").partition("\n+++\n")
    if not text.startswith("+++\n") or not end:
        raise ContentFileError(f"{path}: must open with front matter between '+++' lines.")
    try:
        item: Item = tomllib.loads(front)
    except tomllib.TOMLDecodeError as error:
        raise ContentFileError(f"{path}: front matter: {error}") from error
    item["slug"] = path.stem
    sections: dict[str, list[str]] = {body_field: []}
    field = body_field
    for line in rest.split("\n"):
        if line.startswith("# "):
            heading = line.removeprefix("# ").strip()
            if heading not in headings or headings[heading] in sections:
                expected = ", ".join(f"'# {name}'" for name in headings) or "none"
                raise ContentFileError(
                    f"{path}: unexpected heading '{line}' (sections, once each: {expected})."
                )
            field = headings[heading]
            sections[field] = []
        else:
            sections[field].append(line)
    if missing := [f"'# {name}'" for name, field in headings.items() if field not in sections]:
        raise ContentFileError(f"{path}: missing {', '.join(missing)}.")
    # A field is the text between its heading and the next; the blank lines
    # around a heading are layout, not content.
    item.update({field: "\n".join(lines).strip("\n") for field, lines in sections.items()})
    return item


def _read_pages(directory: Path, folder: str, order: list[str]) -> list[Item]:
    files = {path.stem: path for path in (directory / folder).glob("*.md")}
    if set(files) != set(order) or len(order) != len(set(order)):
        raise ContentFileError(
            f"{directory / 'order.toml'}: '{folder}' must list each file in {folder}/ once "
            f"(not listed: {sorted(set(files) - set(order))}; "
            f"no file: {sorted(set(order) - set(files))})."
        )
    body_field, headings = PAGE_FIELDS[folder]
    return [read_page(files[slug], body_field, headings) for slug in order]


def _read_table(path: Path, table: str) -> list[Item]:
    try:
        with path.open("rb") as file:
            items: list[Item] = tomllib.load(file)[table]
    except tomllib.TOMLDecodeError as error:
        raise ContentFileError(f"{path}: {error}") from error
    return items


def read_launch_content(directory: Path = LAUNCH_DIR) -> LaunchContent:
    """Read every launch content file; raises ContentFileError naming the
    file when one is not written as the loader expects."""
    with (directory / "order.toml").open("rb") as file:
        order = tomllib.load(file)
    return LaunchContent(
        **{folder: _read_pages(directory, folder, order.get(folder, [])) for folder in PAGE_FIELDS},
        **{
            kind: _read_table(directory / f"{kind}.toml", table)
            for kind, table in TABLE_FILES.items()
        },
        images=_read_images(directory / "images"),
    )


def _read_images(folder: Path) -> list[Item]:
    if not (folder / "images.toml").exists():
        return []
    items = _read_table(folder / "images.toml", "image")
    drawings = {path.stem for path in folder.glob("*.svg")}
    if drawings != {item["slug"] for item in items}:
        raise ContentFileError(
            f"{folder / 'images.toml'}: must describe each SVG file in {folder.name}/ once "
            f"(not described: {sorted(drawings - {item['slug'] for item in items})})."
        )
    for item in items:
        path = folder / f"{item['slug']}.svg"
        item["svg"] = path.read_text(encoding="utf-8")
        try:
            item["width"], item["height"] = svg.checked(item["svg"])
        except svg.UnsafeSvg as error:
            raise ContentFileError(f"{path}: not a plain drawing: {error}.") from error
    return items


# The launch content was reviewed this long before the day it is loaded, so
# no page is due for review yet and every date on it is in the past.
REVIEWED_DAYS_AGO = 30


def _review_date(today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=REVIEWED_DAYS_AGO)


def _models(app_label: str, *names: str) -> list[Any]:
    """Models of a content app. The launch content spans every app, but the
    core depends on none of them: it finds them through Django's registry."""
    return [apps.get_model(app_label, name) for name in names]


def _live() -> dict[str, Any]:
    """Checker data and sources as approved: live from the start."""
    return {
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=30),
    }


def _published(today: datetime.date) -> dict[str, Any]:
    """The workflow fields of an item that has passed review."""
    last_reviewed = _review_date(today)
    return {
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=30),
        "last_reviewed": last_reviewed,
        "next_review_due": last_reviewed + review_interval(),
    }


class Loader:
    def __init__(self, today: datetime.date, content: LaunchContent) -> None:
        self.today = today
        self.content = content
        self.created: dict[str, int] = {}
        self.new_objects: list[models.Model] = []
        # Models are found through Django's registry (see _models), so the
        # objects they make are typed Any.
        self.authors: dict[str, Any] = {}
        self.sources: dict[str, Any] = {}
        self.symptoms: dict[str, Any] = {}
        # Questions added to a database loaded before: the pages and remedies
        # already there are linked to them too (nothing else of theirs changes).
        self.new_symptoms: set[str] = set()
        self.conditions: dict[str, Any] = {}
        self.remedies: dict[str, Any] = {}

    def _create(
        self, model: Any, lookup: dict[str, Any], defaults: dict[str, Any]
    ) -> tuple[Any, bool]:
        obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
        if created:
            self.created[model._meta.verbose_name_plural] = (
                self.created.get(model._meta.verbose_name_plural, 0) + 1
            )
            if reversion.is_registered(model):
                self.new_objects.append(obj)
        return obj, created

    def _content_item(
        self,
        item: Item,
        model: Any,
        extra: dict[str, Any],
        markdown: Iterable[tuple[str, str]] = (),
    ) -> tuple[Any, bool]:
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

    def load(self) -> dict[str, int]:
        BodyArea, Symptom, ConditionTier = _models(
            "conditions", "BodyArea", "Symptom", "ConditionTier"
        )
        for item in self.content.condition_tiers:
            self._create(
                ConditionTier,
                {"key": item["key"]},
                {"label": item["label"], "explanation": item["explanation"], **_live()},
            )
        for item in self.content.authors:
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
        for item in self.content.sources:
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
        areas: dict[str, Any] = {}
        for item in self.content.body_areas:
            areas[item["slug"]], _ = self._create(
                BodyArea,
                {"slug": item["slug"]},
                {**{k: item[k] for k in ("name", "order", "description")}, **_live()},
            )
        for item in self.content.symptoms:
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
        self._load_images()
        self._load_conditions()
        # Rules point to the condition pages that give the same advice.
        self._load_checker_rules()
        self._load_pathways()
        self._load_remedies()
        self._load_articles()
        self._load_site_pages()
        self._load_search_synonyms()
        return self.created

    def _load_images(self) -> None:
        (Image,) = _models("images", "Image")
        for item in self.content.images:
            if Image.objects.filter(slug=item["slug"]).exists():
                continue
            data = item["svg"].encode()
            name = f"images/launch/{item['slug']}.svg"
            # The same drawing loaded into another database reuses its file.
            if not default_storage.exists(name) or _stored(name) != data:
                name = default_storage.save(name, ContentFile(data))
            self._create(
                Image,
                {"slug": item["slug"]},
                {
                    **{k: item[k] for k in ("title", "alt", "caption", "credit", "licence")},
                    "file": name,
                    "width": item["width"],
                    "height": item["height"],
                    # Reviewed in the repository, like the pages that show them.
                    **_live(),
                },
            )

    def _load_conditions(self) -> None:
        Condition, ConditionAdvice, ConditionSymptom = _models(
            "conditions", "Condition", "ConditionAdvice", "ConditionSymptom"
        )
        new: list[tuple[Any, Item]] = []
        created_now: set[int] = set()
        for item in self.content.conditions:
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

    def _new_only(self, weights: dict[str, int]) -> dict[str, int]:
        return {slug: weight for slug, weight in weights.items() if slug in self.new_symptoms}

    def _load_checker_rules(self) -> None:
        (UrgentCombination,) = _models("conditions", "UrgentCombination")
        for item in self.content.checker_rules:
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

    def _complete_rule(self, rule: Any, item: Item) -> None:
        """A rule loaded before rules named sources, pages and "any of"
        answers gets them; what an editor set is left alone."""
        blank: dict[str, Any] = {}
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

    def _load_pathways(self) -> None:
        (Pathway,) = _models("conditions", "Pathway")
        for item in self.content.pathways:
            pathway, created = self._create(
                Pathway,
                {"slug": item["slug"]},
                {**{k: item[k] for k in ("name", "description", "order")}, **_live()},
            )
            if created:
                pathway.questions.set(self.symptoms[slug] for slug in item["questions"])

    def _load_remedies(self) -> None:
        Remedy, RemedyGroup, RemedyStep = _models("remedies", "Remedy", "RemedyGroup", "RemedyStep")
        groups: dict[str, Any] = {}
        for item in self.content.remedy_groups:
            groups[item["slug"]], _ = self._create(
                RemedyGroup,
                {"slug": item["slug"]},
                {k: item[k] for k in ("name", "description", "order")},
            )
        for item in self.content.remedies:
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

    def _load_site_pages(self) -> None:
        for item in self.content.site_pages:
            self._create(
                SitePage,
                {"slug": item["slug"]},
                {
                    **{key: _named(item[key]) for key in ("title", "summary", "body")},
                    **_live(),
                    "last_updated": _review_date(self.today),
                },
            )

    def _load_search_synonyms(self) -> None:
        # Matched by phrase: a moderator's change to what one stands for stays.
        for item in self.content.search_synonyms:
            self._create(
                SearchSynonym,
                {"phrase": normalise(item["phrase"])},
                {
                    "means": ", ".join(item["means"]),
                    "kind": item["kind"],
                    "note": item.get("note", ""),
                },
            )

    def _load_articles(self) -> None:
        for item in self.content.articles:
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


def _stored(name: str) -> bytes:
    with default_storage.open(name, "rb") as file:
        return bytes(file.read())


def _named(text: str) -> str:
    """Launch text with the site's configured name and address in it."""
    return text.replace("{site_name}", settings.SITE_NAME).replace(
        "{contact_email}", settings.CONTACT_EMAIL
    )


def load_launch_content(
    today: datetime.date | None = None, content: LaunchContent | None = None
) -> dict[str, int]:
    """Create whatever launch content is missing; returns {kind: number created}."""
    content = content or read_launch_content()
    with transaction.atomic():
        loader = Loader(today or timezone.localdate(), content)
        created = loader.load()
        # A first version of each new item, each in a revision of its own:
        # restoring one item must not roll back the others.
        for obj in loader.new_objects:
            with reversion.create_revision():
                reversion.set_comment("Launch content")
                reversion.add_to_revision(obj)
        return created
