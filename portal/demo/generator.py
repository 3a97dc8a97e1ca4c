"""A large made-up body of content, to measure how the site scales.

`generate_content(conditions=10_000, symptoms=500, seed=1)` adds, on top of
the launch content, conditions with categories, synonyms, weighted symptom
links, advice and related conditions; symptoms in body areas (some red
flags), urgent combinations, tags, sources, authors, remedies and articles
in proportion; a few drafts, items waiting in review, scheduled and expired
items; and the history the workflow would have left: reversion versions and
review events. Everything is invented from the word lists below.

Rows are written with `bulk_create` (10,000 conditions take well under a
minute), so no `save()` runs: the Markdown is rendered here, published items
get the workflow fields an approval sets, and the content version is bumped
once at the end. The same seed gives the same content (titles, slugs,
links); only the timestamps follow the clock.

Development only: it refuses in production.
"""

import datetime
import functools
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Revision, Version
from taggit.models import Tag

from portal.caching.content_version import bump_content_version
from portal.content.loader import load_launch_content
from portal.editorial.workflow import review_interval
from portal.markdown import render_markdown
from portal.models import Article, Author, ClinicalArea, ReviewEvent, Source, Status

# Generated sources live under this address: how a second run knows.
SOURCE_URL = "https://example.org/generated/"
BATCH = 1000

# How much of each thing per condition or symptom (at least the minimum).
# (per, minimum): one author per 400 conditions, at least three…
WRITERS = (400, 3)
REVIEWERS = (800, 2)
SOURCES = (4, 10)
TAGS = (40, 10)
REMEDIES = (20, 5)
REMEDY_GROUPS = (1000, 3)
ARTICLES = (25, 3)
AREAS = (50, 3)  # per symptom
COMBINATIONS = (25, 2)  # per symptom
# Shares of conditions (and remedies, articles) that are not simply live.
NOT_LIVE = {
    Status.DRAFT: 0.02,
    Status.IN_REVIEW: 0.01,
    "scheduled": 0.005,
    "expired": 0.005,
}
# Published items whose history holds a second approval (an update).
UPDATED_SHARE = 0.15

FIRST_NAMES = (
    "Arlo", "Brenna", "Caius", "Delphine", "Emrys", "Fenna", "Gideon", "Halla", "Idris",
    "Junia", "Kestrel", "Linnea", "Magnus", "Nerys", "Oriel", "Perrin", "Quilla", "Rosalind",
    "Soren", "Tamsin", "Ulric", "Verity", "Wren", "Xanthe", "Yorick", "Zinnia",
)  # fmt: skip
LAST_NAMES = (
    "Ashgrove", "Brackwater", "Coldridge", "Dunmore", "Elderby", "Fairholm", "Greyling",
    "Hollins", "Ivesdale", "Kettering", "Larkspur", "Mossley", "Northam", "Oakhurst",
    "Penhallow", "Quarrendon", "Redfern", "Stanbury", "Thornley", "Underhill", "Vantreight",
    "Wetherby", "Yarrowby",
)  # fmt: skip
MODIFIERS = (
    "Acute", "Benign", "Chronic", "Diffuse", "Exercise-induced", "Focal", "Gradual-onset",
    "Hereditary", "Idiopathic", "Juvenile", "Kinetic", "Late-onset", "Mild", "Nocturnal",
    "Occupational", "Postural", "Recurrent", "Seasonal", "Transient", "Unilateral",
    "Viral", "Warm-weather",
)  # fmt: skip
ROOTS = (
    "myo", "neuro", "tendo", "fascio", "arthro", "dermo", "angio", "osteo", "chondro",
    "spondylo", "capsulo", "synovo", "plantaro", "lympho", "veno", "sacro", "costo",
    "patello", "tarso", "carpo",
)  # fmt: skip
SUFFIXES = (
    "itis", "pathy", "algia", "osis", "spasm", "trophy", "dynia", "sclerosis", "stenosis",
    "tonia",
)  # fmt: skip
PLACES = (
    "the calf", "the thigh", "the knee", "the ankle", "the foot", "the lower back",
    "the hip", "the shoulder", "the forearm", "the hand", "the neck", "the jaw", "the eyelid",
    "the shin", "the heel", "the toes",
)  # fmt: skip
EPONYM_KINDS = ("syndrome", "disease", "palsy", "twitch", "cramp", "tremor")
SENSATIONS = (
    "Aching", "Burning", "Cramping", "Itching", "Numbness", "Pins and needles", "Stiffness",
    "Swelling", "Throbbing", "Tingling", "Twitching", "Weakness", "Tenderness", "Coldness",
    "Redness", "Heaviness", "Clicking", "Locking", "Shaking", "Soreness",
)  # fmt: skip
WHEN = (
    "at night", "after exercise", "in the morning", "when resting", "when walking",
    "in cold weather", "after sitting", "when climbing stairs", "on waking", "all day",
)  # fmt: skip
CONTEXT_QUESTIONS = (
    "You recently started a new medicine", "You have been unwell with a fever",
    "You are pregnant", "You recently had an operation", "You drink a lot of coffee",
    "You have been under stress", "You have diabetes", "You recently travelled far",
    "You smoke", "You exercise hard most days", "You sleep badly", "You have kidney problems",
)  # fmt: skip
TOPIC_WORDS = (
    "muscle", "nerve", "joint", "skin", "sleep", "sport", "circulation", "posture",
    "recovery", "ageing", "diet", "stress", "travel", "work", "pregnancy", "children",
    "heat", "cold", "balance", "strength",
)  # fmt: skip
TOPIC_KINDS = ("health", "care", "problems", "basics", "advice", "myths", "injuries", "habits")
PUBLISHERS = (
    "National Muscle Institute", "Society of Nerve Medicine", "Journal of Everyday Symptoms",
    "Community Health Review", "College of Physiotherapy", "Primary Care Notes",
    "Institute for Movement Research", "Patient Information Trust",
)  # fmt: skip
REMEDY_ACTIONS = (
    "Gentle stretching", "Warm compress", "Cold pack", "Rest and elevation", "Hydration",
    "Magnesium-rich foods", "Regular walking", "Posture breaks", "Sleep routine",
    "Breathing exercises", "Massage", "Supportive footwear", "Foam rolling", "Warm bath",
    "Pacing activity", "Balance practice",
)  # fmt: skip
REMEDY_TARGETS = (
    "for the calves", "for the back", "for tired legs", "for stiff joints", "at bedtime",
    "after sport", "at the desk", "for the feet", "for the neck", "for the hands",
)  # fmt: skip
SUBJECTS = (
    "The muscle", "This problem", "The nerve", "Pain", "The swelling", "Most people",
    "A doctor", "Rest", "Gentle movement", "The area", "Symptoms", "Treatment",
)  # fmt: skip
VERBS = (
    "often settles", "usually improves", "can flare up", "may feel worse", "tends to ease",
    "is checked", "can be eased", "rarely lasts", "is more common", "can return",
)  # fmt: skip
TAILS = (
    "within a few weeks", "with rest and time", "after a long day", "in older adults",
    "when the weather turns cold", "after a change of routine", "with simple home care",
    "if it is not treated", "during the night", "with regular exercise",
)  # fmt: skip
LIST_ITEMS = (
    "rest the area for a day or two", "drink enough water", "keep a diary of when it happens",
    "see a GP if it lasts more than two weeks", "avoid long spells of sitting",
    "warm up before exercise", "wear comfortable shoes", "cut down on caffeine",
    "get help at once if breathing is hard", "ask a pharmacist about pain relief",
)  # fmt: skip


@dataclass(frozen=True)
class Block:
    """A piece of Markdown and its HTML, rendered once: a field is a few
    blocks joined, so 10,000 pages need only a few hundred renders."""

    markdown: str
    html: str


def _models() -> dict[str, Any]:
    # The core names no content app: their models come from the registry.
    names = {
        "conditions": (
            "BodyArea", "Symptom", "UrgentCombination", "Condition", "ConditionSymptom",
            "ConditionAdvice", "ConditionTag",
        ),
        "remedies": ("Remedy", "RemedyGroup", "RemedyStep", "RemedyTag"),
        "portal": ("ArticleTag",),
    }  # fmt: skip
    return {name: apps.get_model(app, name) for app, group in names.items() for name in group}


class GenerationRefused(Exception):
    """Generated content was asked for where it must not go."""


class Generator:
    def __init__(self, *, conditions: int, symptoms: int, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (reproducible demo content, no secret)
        self.n_conditions = conditions
        self.n_symptoms = symptoms
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.m = _models()
        self.created: dict[str, int] = {}
        self.slugs: dict[type[models.Model], set[str]] = {}
        # (object, its parts, {m2m field: [pks]}): what gets a version.
        self.versioned: list[tuple[Any, list[Any], dict[str, list[int]]]] = []
        self.blocks = self._blocks()

    # Helpers

    def _count(self, proportion: tuple[int, int], of: int) -> int:
        per, minimum = proportion
        return max(minimum, of // per)

    def _slug(self, model: type[models.Model], text: str, field: str = "slug") -> str:
        """A slug free in `model`, the existing rows and this run's alike."""
        taken = self.slugs.get(model)
        if taken is None:
            taken = self.slugs[model] = set(model._default_manager.values_list(field, flat=True))
        base = slugify(text)[:180] or "item"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        return slug

    def _unique_names(self, make, count: int) -> list[str]:
        names: list[str] = []
        seen: set[str] = set()
        attempts = 0
        while len(names) < count:
            attempts += 1
            name = make()
            if attempts > count * 50:
                # The word lists are exhausted: number the rest.
                name = f"{name} {len(names) + 1}"
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        return names

    def _bulk(
        self, model: type[models.Model], objects: Sequence[Any], label: str = ""
    ) -> list[Any]:
        created = model._default_manager.bulk_create(objects, batch_size=BATCH)
        label = label or str(model._meta.verbose_name_plural)
        self.created[label] = self.created.get(label, 0) + len(created)
        return created

    def _sentence(self) -> str:
        rng = self.rng
        return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TAILS)}."

    def _blocks(self) -> tuple[list[Block], list[Block]]:
        """(paragraphs, bullet lists), each rendered once."""
        paragraphs = []
        for _ in range(240):
            text = " ".join(self._sentence() for _ in range(self.rng.randint(2, 5)))
            paragraphs.append(Block(text, render_markdown(text)))
        lists = []
        for _ in range(60):
            items = self.rng.sample(LIST_ITEMS, self.rng.randint(2, 5))
            text = "\n".join(f"- {item.capitalize()}" for item in items)
            lists.append(Block(text, render_markdown(text)))
        return paragraphs, lists

    def _markdown(self, paragraphs: int, with_list: bool = False) -> tuple[str, str]:
        """(Markdown, HTML) of a field: paragraphs, then perhaps one list
        (last, so two lists never run together into one)."""
        chosen = self.rng.sample(self.blocks[0], paragraphs)
        if with_list:
            chosen.append(self.rng.choice(self.blocks[1]))
        return (
            "\n\n".join(block.markdown for block in chosen),
            "\n".join(block.html for block in chosen),
        )

    def _when(self, days_back: int) -> datetime.datetime:
        return self.now - datetime.timedelta(
            days=self.rng.randint(31, days_back), minutes=self.rng.randint(0, 1439)
        )

    def _states(self, count: int) -> list[str]:
        """Each item's state, shuffled: mostly live, and (from 20 items on)
        at least one of each other state, so every rule of `published()`
        has something to leave out."""
        states = []
        for name, share in NOT_LIVE.items():
            states += [name] * max(count >= 20, round(count * share))
        states += ["live"] * (count - len(states))
        self.rng.shuffle(states)
        return states

    def _state(self, name: str) -> dict[str, Any]:
        """The workflow fields of an item in the state named."""
        if name in (Status.DRAFT, Status.IN_REVIEW):
            return {"status": name}
        fields: dict[str, Any] = {"status": Status.PUBLISHED, "published_at": self._when(900)}
        if name == "scheduled":
            # Approved, going live in a few days.
            fields["go_live_at"] = self.now + datetime.timedelta(days=self.rng.randint(1, 30))
            fields["published_at"] = fields["go_live_at"]
        elif name == "expired":
            fields["expires_at"] = self.now - datetime.timedelta(days=self.rng.randint(1, 30))
        reviewed = (fields["published_at"] + datetime.timedelta(days=1)).date()
        reviewed = max(reviewed, self.today - datetime.timedelta(days=self.rng.randint(0, 400)))
        fields["last_reviewed"] = min(reviewed, self.today)
        fields["next_review_due"] = fields["last_reviewed"] + review_interval()
        return fields

    def _content(
        self, title: str, summary: str, model: type[models.Model], state_name: str
    ) -> dict[str, Any]:
        """The fields every condition, remedy and article has."""
        state = self._state(state_name)
        author = self.rng.choice(self.writers)
        body, body_html = self._markdown(self.rng.randint(2, 4))
        fields = {
            "title": title,
            "slug": self._slug(model, title),
            "summary": summary[:300],
            "body": body,
            "body_html": body_html,
            "author": author,
            **state,
        }
        if state["status"] == Status.PUBLISHED:
            fields["medical_reviewer"] = self.rng.choice(
                [r for r in self.reviewers if r.pk != author.pk]
            )
        return fields

    def _pick(self, population: Sequence[Any], low: int, high: int) -> list[Any]:
        return self.rng.sample(population, min(len(population), self.rng.randint(low, high)))

    # The content

    def run(self) -> dict[str, int]:
        self._people_and_sources()
        self._checker_data()
        self._conditions()
        self._remedies()
        self._articles()
        self._history()
        return self.created

    def _people_and_sources(self) -> None:
        def person() -> str:
            return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

        n_writers = self._count(WRITERS, self.n_conditions)
        n_reviewers = self._count(REVIEWERS, self.n_conditions)
        names = self._unique_names(person, n_writers + n_reviewers)
        authors = [
            Author(
                name=name,
                slug=self._slug(Author, name),
                credentials="MBBS, MRCGP" if n >= n_writers else "BA, MSc",
                role="General practitioner" if n >= n_writers else "Health writer",
                bio=f"{name} writes and checks pages for the portal.",
                bio_html=render_markdown(f"{name} writes and checks pages for the portal."),
                areas_of_interest=", ".join(self.rng.sample(TOPIC_WORDS, 3)),
                is_medical_reviewer=n >= n_writers,
                # Generated pages are in general medicine (the default area).
                review_areas=[ClinicalArea.GENERAL] if n >= n_writers else [],
                status=Status.PUBLISHED,
                published_at=self._when(900),
            )
            for n, name in enumerate(names)
        ]
        authors = self._bulk(Author, authors)
        self.writers = authors[:n_writers]
        self.reviewers = authors[n_writers:]

        n_sources = self._count(SOURCES, self.n_conditions)
        self.sources = self._bulk(
            Source,
            [
                Source(
                    title=f"{self.rng.choice(TOPIC_WORDS).capitalize()} "
                    f"{self.rng.choice(TOPIC_KINDS)}: guidance {n}",
                    publisher=self.rng.choice(PUBLISHERS),
                    url=f"{SOURCE_URL}{n}",
                    # Read before any page's last review (at most 400 days
                    # ago, see _state): a source never postdates a review.
                    accessed_on=self.today - datetime.timedelta(days=self.rng.randint(401, 700)),
                    status=Status.PUBLISHED,
                    published_at=self._when(900),
                )
                for n in range(1, n_sources + 1)
            ],
        )
        for source in self.sources:
            self.versioned.append((source, [], {}))

        def topic() -> str:
            return f"{self.rng.choice(TOPIC_WORDS)} {self.rng.choice(TOPIC_KINDS)}"

        existing = {name.casefold() for name in Tag.objects.values_list("name", flat=True)}
        names = [
            name
            for name in self._unique_names(topic, self._count(TAGS, self.n_conditions))
            if name.casefold() not in existing
        ]
        self.tags = self._bulk(Tag, [Tag(name=name, slug=self._slug(Tag, name)) for name in names])

    def _checker_data(self) -> None:
        BodyArea, Symptom = self.m["BodyArea"], self.m["Symptom"]
        UrgentCombination = self.m["UrgentCombination"]
        live = {"status": Status.PUBLISHED, "published_at": self._when(900)}
        n_areas = self._count(AREAS, self.n_symptoms)
        area_names = self._unique_names(
            lambda: f"{self.rng.choice(PLACES).removeprefix('the ').capitalize()} and nearby",
            n_areas,
        )
        areas = self._bulk(
            BodyArea,
            [
                BodyArea(name=name, slug=self._slug(BodyArea, name), order=100 + n, **live)
                for n, name in enumerate(area_names)
            ],
        )
        n_context = max(1, self.n_symptoms // 10)
        signs = self._unique_names(
            lambda: (
                f"{self.rng.choice(SENSATIONS)} in {self.rng.choice(PLACES)} "
                f"{self.rng.choice(WHEN)}"
            ),
            self.n_symptoms - n_context,
        )
        contexts = self._unique_names(
            lambda: f"{self.rng.choice(CONTEXT_QUESTIONS)} ({self.rng.choice(WHEN)})", n_context
        )
        urgencies = ["self-care"] * 70 + ["doctor"] * 20 + ["urgent"] * 7 + ["emergency"] * 3
        symptoms = []
        for n, (name, kind) in enumerate(
            [(name, "sign") for name in signs] + [(name, "context") for name in contexts]
        ):
            urgency = self.rng.choice(urgencies) if kind == "sign" else "self-care"
            symptoms.append(
                Symptom(
                    name=name,
                    slug=self._slug(Symptom, name),
                    kind=kind,
                    body_area=self.rng.choice(areas),
                    description=self._sentence(),
                    urgency=urgency,
                    advice=self._sentence(),
                    order=n,
                    is_listed=self.rng.random() > 0.02,
                    is_red_flag=urgency in ("urgent", "emergency") or self.rng.random() < 0.02,
                    **live,
                )
            )
        self.symptoms = self._bulk(Symptom, symptoms)
        self.signs = [s for s in self.symptoms if s.kind == "sign"]
        self.contexts = [s for s in self.symptoms if s.kind == "context"]
        for obj in (*areas, *self.symptoms):
            self.versioned.append((obj, [], {}))

        combinations = []
        members = []
        n_combinations = self._count(COMBINATIONS, self.n_symptoms)
        for n in range(1, n_combinations + 1):
            chosen = self._pick(self.signs, 2, 3)
            name = f"{' with '.join(s.name.split(' in ')[0] for s in chosen)} ({n})"
            combinations.append(
                UrgentCombination(
                    name=name[:150],
                    slug=self._slug(UrgentCombination, name),
                    urgency=self.rng.choice(["urgent", "emergency"]),
                    advice="Get help now: these together can mean something serious.",
                    **live,
                )
            )
            members.append(chosen)
        combinations = self._bulk(UrgentCombination, combinations)
        through = UrgentCombination.symptoms.through
        self._bulk(
            through,
            [
                through(urgentcombination_id=c.pk, symptom_id=s.pk)
                for c, chosen in zip(combinations, members, strict=True)
                for s in chosen
            ],
            label="urgent combination links: symptoms",
        )
        for c, chosen in zip(combinations, members, strict=True):
            self.versioned.append((c, [], {"symptoms": [s.pk for s in chosen]}))

    def _condition_title(self) -> str:
        rng = self.rng
        word = f"{rng.choice(ROOTS)}{rng.choice(SUFFIXES)}"
        shape = rng.random()
        if shape < 0.35:
            return f"{rng.choice(MODIFIERS)} {word}"
        if shape < 0.7:
            return f"{word.capitalize()} of {rng.choice(PLACES)}"
        if shape < 0.85:
            return f"{rng.choice(LAST_NAMES)}'s {rng.choice(EPONYM_KINDS)}"
        return f"{rng.choice(MODIFIERS)} {word} of {rng.choice(PLACES)}"

    def _synonyms(self, title: str) -> list[str]:
        rng = self.rng
        names = []
        if rng.random() < 0.4:
            names.append(f"{rng.choice(LAST_NAMES)}'s {rng.choice(EPONYM_KINDS)}")
        if rng.random() < 0.2:
            initials = "".join(
                word[0] for word in title.replace("-", " ").split() if word[0].isalpha()
            )
            names.append(initials.upper())
        return names

    def _conditions(self) -> None:
        Condition = self.m["Condition"]
        categories = ["common"] * 50 + ["check"] * 30 + ["serious"] * 15 + ["urgent"] * 5
        titles = self._unique_names(self._condition_title, self.n_conditions)
        conditions = []
        for title, state in zip(titles, self._states(len(titles)), strict=True):
            fields = self._content(
                title,
                f"{title} is a condition that {self.rng.choice(VERBS)} "
                f"{self.rng.choice(TAILS)}. {self._sentence()}",
                Condition,
                state,
            )
            markdown = {}
            for field in ("symptoms_text", "causes", "treatment", "prevention"):
                text, html = self._markdown(1, with_list=self.rng.random() < 0.5)
                markdown[field], markdown[f"{field}_html"] = text, html
            conditions.append(
                Condition(
                    **fields,
                    **markdown,
                    also_called="\n".join(self._synonyms(title)),
                    category=self.rng.choice(categories),
                    prevalence=f"About {self.rng.randint(1, 99)} in "
                    f"{self.rng.choice(['1,000', '10,000', '100,000'])} people",
                )
            )
        self.conditions = self._bulk(Condition, conditions)
        self.live_conditions = [c for c in self.conditions if c.status == Status.PUBLISHED]

        ConditionSymptom, ConditionAdvice = self.m["ConditionSymptom"], self.m["ConditionAdvice"]
        links, advice = [], []
        sources: dict[int, list[int]] = {}
        related: dict[int, set[int]] = {c.pk: set() for c in self.conditions}
        tags = []
        for condition in self.conditions:
            chosen = self._pick(self.signs, 3, 7) + self._pick(self.contexts, 0, 1)
            links += [
                ConditionSymptom(condition=condition, symptom=s, weight=self.rng.randint(1, 10))
                for s in chosen
            ]
            advice += [
                ConditionAdvice(condition=condition, urgency=u, text=self._sentence())
                for u in self._pick(["self-care", "doctor", "urgent", "emergency"], 1, 3)
            ]
            sources[condition.pk] = [s.pk for s in self._pick(self.sources, 1, 3)]
            tags += [(condition.pk, t.pk) for t in self._pick(self.tags, 1, 3)]
            if self.rng.random() < 0.3:
                for other in self._pick(self.conditions, 1, 2):
                    if other.pk != condition.pk:
                        related[condition.pk].add(other.pk)
                        related[other.pk].add(condition.pk)
        links = self._bulk(ConditionSymptom, links)
        advice = self._bulk(ConditionAdvice, advice)
        self._m2m(Condition, "sources", sources)
        self._m2m(Condition, "related_conditions", {k: sorted(v) for k, v in related.items()})
        self._tags(self.m["ConditionTag"], tags)
        parts: dict[int, list[Any]] = {}
        for part in (*links, *advice):
            parts.setdefault(part.condition_id, []).append(part)
        for condition in self.conditions:
            m2m = {
                "sources": sources[condition.pk],
                "related_conditions": sorted(related[condition.pk]),
            }
            self.versioned.append((condition, parts.get(condition.pk, []), m2m))

    def _m2m(self, model: type[models.Model], name: str, pairs: dict[int, list[int]]) -> None:
        field = model._meta.get_field(name)
        through = field.remote_field.through  # type: ignore[union-attr]
        source = field.m2m_field_name()  # type: ignore[union-attr]
        target = field.m2m_reverse_field_name()  # type: ignore[union-attr]
        self._bulk(
            through,
            [
                through(**{f"{source}_id": pk, f"{target}_id": other})
                for pk, others in pairs.items()
                for other in others
            ],
            label=f"{model._meta.verbose_name} links: {name.replace('_', ' ')}",
        )

    def _tags(self, through: type[models.Model], pairs: Iterable[tuple[int, int]]) -> None:
        self._bulk(
            through,
            [through(content_object_id=pk, tag_id=tag) for pk, tag in pairs],
            label=str(through._meta.verbose_name_plural),
        )

    def _remedies(self) -> None:
        Remedy, RemedyGroup, RemedyStep = (
            self.m["Remedy"],
            self.m["RemedyGroup"],
            self.m["RemedyStep"],
        )
        n_groups = self._count(REMEDY_GROUPS, self.n_conditions)
        group_names = self._unique_names(
            lambda: f"{self.rng.choice(SENSATIONS)} {self.rng.choice(WHEN)}", n_groups
        )
        groups = self._bulk(
            RemedyGroup,
            [
                RemedyGroup(
                    name=name,
                    slug=self._slug(RemedyGroup, name),
                    description=self._sentence(),
                    order=100 + n,
                )
                for n, name in enumerate(group_names)
            ],
        )
        titles = self._unique_names(
            lambda: f"{self.rng.choice(REMEDY_ACTIONS)} {self.rng.choice(REMEDY_TARGETS)}",
            self._count(REMEDIES, self.n_conditions),
        )
        remedies = []
        for title, state in zip(titles, self._states(len(titles)), strict=True):
            how, how_html = self._markdown(1)
            safety, safety_html = self._markdown(1, with_list=True)
            remedies.append(
                Remedy(
                    **self._content(title, f"{title}: {self._sentence()}", Remedy, state),
                    group=self.rng.choice(groups),
                    how_it_helps=how,
                    how_it_helps_html=how_html,
                    safety_notes=safety,
                    safety_notes_html=safety_html,
                )
            )
        self.remedies = self._bulk(Remedy, remedies)
        steps = [
            RemedyStep(remedy=remedy, order=n, text=item.capitalize() + ".")
            for remedy in self.remedies
            for n, item in enumerate(self.rng.sample(LIST_ITEMS, self.rng.randint(3, 5)), 1)
        ]
        steps = self._bulk(RemedyStep, steps)
        relations: dict[str, dict[int, list[int]]] = {
            "sources": {},
            "suitable_for": {},
            "unsafe_for": {},
            "suits_symptoms": {},
        }
        tags = []
        for remedy in self.remedies:
            suitable = self._pick(self.live_conditions, 2, 5)
            unsafe = [c for c in self._pick(self.live_conditions, 0, 2) if c not in suitable]
            relations["sources"][remedy.pk] = [s.pk for s in self._pick(self.sources, 1, 3)]
            relations["suitable_for"][remedy.pk] = [c.pk for c in suitable]
            relations["unsafe_for"][remedy.pk] = [c.pk for c in unsafe]
            relations["suits_symptoms"][remedy.pk] = [s.pk for s in self._pick(self.signs, 1, 3)]
            tags += [(remedy.pk, t.pk) for t in self._pick(self.tags, 1, 2)]
        for name, pairs in relations.items():
            self._m2m(Remedy, name, pairs)
        self._tags(self.m["RemedyTag"], tags)
        parts: dict[int, list[Any]] = {}
        for step in steps:
            parts.setdefault(step.remedy_id, []).append(step)
        for remedy in self.remedies:
            m2m = {name: pairs[remedy.pk] for name, pairs in relations.items()}
            self.versioned.append((remedy, parts.get(remedy.pk, []), m2m))

    def _articles(self) -> None:
        titles = self._unique_names(
            lambda: (
                f"{self.rng.choice(SENSATIONS)} {self.rng.choice(WHEN)}: "
                f"{self.rng.choice(['what it means', 'when to worry', 'what helps', 'the causes'])}"
            ),
            self._count(ARTICLES, self.n_conditions),
        )
        articles = []
        for title, state in zip(titles, self._states(len(titles)), strict=True):
            caution, caution_html = self._markdown(1)
            articles.append(
                Article(
                    **self._content(title, f"{title}. {self._sentence()}", Article, state),
                    caution=caution,
                    caution_html=caution_html,
                )
            )
        self.articles = self._bulk(Article, articles)
        relations: dict[str, dict[int, list[int]]] = {
            "sources": {},
            "conditions": {},
            "remedies": {},
        }
        tags = []
        for article in self.articles:
            relations["sources"][article.pk] = [s.pk for s in self._pick(self.sources, 1, 3)]
            relations["conditions"][article.pk] = [
                c.pk for c in self._pick(self.live_conditions, 2, 6)
            ]
            relations["remedies"][article.pk] = [r.pk for r in self._pick(self.remedies, 0, 3)]
            tags += [(article.pk, t.pk) for t in self._pick(self.tags, 1, 3)]
        for name, pairs in relations.items():
            self._m2m(Article, name, pairs)
        self._tags(self.m["ArticleTag"], tags)
        for article in self.articles:
            m2m = {name: pairs[article.pk] for name, pairs in relations.items()}
            self.versioned.append((article, [], m2m))

    # What the workflow would have left behind

    def _history(self) -> None:
        """A version of each item (with its parts) in a revision of its own,
        a second for some updated ones, and the review events of each."""
        versions, revisions, events = [], [], []
        types = ContentType.objects.get_for_models(
            *{type(item) for obj, parts, _ in self.versioned for item in (obj, *parts)}
        )
        for obj, parts, m2m in self.versioned:
            if obj.status == Status.DRAFT:
                continue
            snapshot = [self._serialized(obj, m2m), *(self._serialized(p, {}) for p in parts)]
            published = obj.status == Status.PUBLISHED
            when = obj.published_at or self.now
            comments = ["Approve and publish" if published else "Submit for review"]
            if published and self.rng.random() < UPDATED_SHARE:
                comments.append("Approve changes")
            for n, comment in enumerate(comments):
                revisions.append(
                    Revision(date_created=when + datetime.timedelta(days=7 * n), comment=comment)
                )
                versions.append(list(zip((obj, *parts), snapshot, strict=True)))
            event = functools.partial(
                ReviewEvent,
                content_type=types[type(obj)],
                object_id=obj.pk,
                item_title=str(obj)[:200],
            )
            events.append(
                event(
                    action="submit",
                    from_status=Status.DRAFT,
                    to_status=Status.IN_REVIEW,
                    created_at=when - datetime.timedelta(days=2),
                )
            )
            if published:
                events.append(
                    event(
                        action="approve",
                        from_status=Status.IN_REVIEW,
                        to_status=Status.PUBLISHED,
                        created_at=when,
                    )
                )
        revisions = self._bulk(Revision, revisions)
        self._bulk(
            Version,
            [
                Version(
                    revision=revision,
                    object_id=str(item.pk),
                    content_type=types[type(item)],
                    db="default",
                    format="json",
                    serialized_data=data,
                    object_repr=str(item)[:191],
                )
                for revision, items in zip(revisions, versions, strict=True)
                for item, data in items
            ],
        )
        self._bulk(ReviewEvent, events)

    def _serialized(self, obj: Any, m2m: dict[str, list[int]]) -> str:
        """What django-reversion stores: the JSON serializer's output, its
        many-to-many lists given here rather than read back one query each."""
        local = [f.name for f in obj._meta.concrete_fields if not f.primary_key]
        [record] = serializers.serialize("python", [obj], fields=local)
        for field in obj._meta.many_to_many:
            if field.serialize:
                record["fields"][field.name] = m2m.get(field.name, [])
        return json.dumps([record], cls=DjangoJSONEncoder)


def generate_content(*, conditions: int, symptoms: int, seed: int = 1) -> dict[str, int]:
    """Add generated content on top of the launch content; returns
    {kind: number created}. One transaction: all of it or nothing."""
    if settings.PRODUCTION:
        raise GenerationRefused(
            "generate_content fills the database with made-up pages and is for development "
            "and benchmarks only."
        )
    if Source.objects.filter(url__startswith=SOURCE_URL).exists():
        raise GenerationRefused(
            "This database already holds generated content: use a fresh one "
            "(migrate, then generate_content)."
        )
    with transaction.atomic():
        load_launch_content()
        created = Generator(conditions=conditions, symptoms=symptoms, seed=seed).run()
        # No save() ran, so no signal moved the content version.
        bump_content_version()
    # A database that has been in use has planner statistics (PostgreSQL's
    # autovacuum gathers them); a freshly filled one has none, and SQLite
    # then picks plans that scan the 10,000 conditions for a page's few.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return created
