"""What changed between two snapshots of an item, in words a reviewer reads.

A snapshot (portal.editorial.drafts) holds an item's fields, tags and parts. The
comparison shows text sentence by sentence (Markdown as visitors will read
it, rendered): a changed sentence as it was beside what it becomes, with the
words taken out marked in the old one and the words put in marked in the
new one, so a reworded sentence reads whole on each side rather than as
struck and inserted words run together; choices by
their labels, dates as dates, related items by name, and every part added,
removed or changed (a symptom's weight, an advice tier). Changes to the
fields a model declares clinical (`clinical_fields`) are flagged, so a
reviewer sees them first.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

from portal.editorial.drafts import Snapshot, part_links
from portal.markdown import readable_text
from portal.models import Moderated

# Words, runs of spaces and single marks: the units of a text diff.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
# Where one sentence ends and the next begins on a line: after a full stop,
# question or exclamation mark (and a closing bracket or quote) and a space.
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][)\]”’\"']))\s+(?=\S)")
JOINED_DEL = re.compile(r"</del>(\s+)<del>")
JOINED_INS = re.compile(r"</ins>(\s+)<ins>")
# Two sentences this alike (difflib's ratio of their words) are one sentence
# reworded; less alike, one was taken out and another put in.
REWORDED = 0.5


@dataclass(frozen=True)
class SentencePair:
    """One sentence as it was and as it becomes: `old` with the words taken
    out in <del>, `new` with the words put in in <ins>. An added sentence has
    no `old`, a removed one no `new`; an unchanged one is the same on both."""

    old: SafeString
    new: SafeString
    changed: bool

    @property
    def kind(self) -> str:
        if not self.changed:
            return "same"
        if not self.old:
            return "added"
        if not self.new:
            return "removed"
        return "changed"


@dataclass(frozen=True)
class TextDiff:
    """A text compared sentence by sentence, in reading order."""

    pairs: tuple[SentencePair, ...]

    def changed_pairs(self) -> list[tuple[str, str]]:
        """(old, new) of every changed sentence, marks included."""
        return [(str(pair.old), str(pair.new)) for pair in self.pairs if pair.changed]

    def blocks(self, *, keep: int = 2) -> list[tuple[str, list[SentencePair]]]:
        """The pairs grouped for reading: ("changed", [pair]) for each change,
        ("same", pairs) for unchanged sentences, and ("collapsed", pairs) for
        a run of more than `keep` unchanged ones (shown folded)."""
        blocks: list[tuple[str, list[SentencePair]]] = []
        for pair in self.pairs:
            if pair.changed:
                blocks.append(("changed", [pair]))
            elif blocks and blocks[-1][0] == "same":
                blocks[-1][1].append(pair)
            else:
                blocks.append(("same", [pair]))
        return [
            ("collapsed" if kind == "same" and len(pairs) > keep else kind, pairs)
            for kind, pairs in blocks
        ]


@dataclass(frozen=True)
class Change:
    """One changed field, relation or set of parts."""

    name: str
    label: str
    clinical: bool = False
    before: str = ""
    after: str = ""
    text_diff: TextDiff | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[tuple[str, tuple[Change, ...]], ...] = ()


def _plain(value: Any) -> Any:
    """Text as a reader sees it: browsers send line breaks as CRLF, so a
    form saved unchanged must not read as a change."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    return "" if value is None else value


def _same_moment(field: models.Field[Any, Any], old: Any, new: Any) -> bool:
    """Snapshots stored before dumps kept microseconds hold milliseconds
    only; the same moment written both ways is not a change."""
    if not isinstance(field, models.DateTimeField) or old is None or new is None:
        return False
    before, after = parse_datetime(str(old)), parse_datetime(str(new))
    if before is None or after is None:
        return False
    return abs(before - after) < datetime.timedelta(milliseconds=1)


def sentences(text: str) -> list[str]:
    """`text` cut into sentences: each line (a paragraph, heading or list
    item as readable_text gives them) and, within a line, at each sentence end."""
    return [
        sentence
        for line in (text or "").splitlines()
        if line.strip()
        for sentence in SENTENCE_END.split(line.strip())
    ]


def _marked(old: str, new: str) -> tuple[SafeString, SafeString]:
    """`old` with the words `new` drops in <del>, and `new` with the words it
    adds in <ins>: each side reads as a whole sentence."""
    before, after = TOKENS.findall(old), TOKENS.findall(new)
    left: list[str] = []
    right: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        old_part, new_part = escape("".join(before[a1:a2])), escape("".join(after[b1:b2]))
        if op == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f"<del>{old_part}</del>")
        if new_part:
            right.append(f"<ins>{new_part}</ins>")
    # Marked words with only a space between read as one mark.
    old_marked = JOINED_DEL.sub(r"\1", "".join(left))
    new_marked = JOINED_INS.sub(r"\1", "".join(right))
    # Every word was escaped above.
    return mark_safe(old_marked), mark_safe(new_marked)  # noqa: S308


def _likeness(old: str, new: str) -> float:
    return difflib.SequenceMatcher(
        None, TOKENS.findall(old), TOKENS.findall(new), autojunk=False
    ).ratio()


def _pair_up(old: list[str], new: list[str]) -> list[SentencePair]:
    """Sentences of a changed stretch, each old one beside the new one it
    became (in order), the rest as taken out or put in."""
    pairs: list[SentencePair] = []
    i = j = 0
    while i < len(old) and j < len(new):
        here = _likeness(old[i], new[j])
        if here >= REWORDED:
            pairs.append(SentencePair(*_marked(old[i], new[j]), changed=True))
            i, j = i + 1, j + 1
        elif i + 1 < len(old) and _likeness(old[i + 1], new[j]) > here:
            pairs.append(SentencePair(*_marked(old[i], ""), changed=True))
            i += 1
        elif j + 1 < len(new) and _likeness(old[i], new[j + 1]) > here:
            pairs.append(SentencePair(*_marked("", new[j]), changed=True))
            j += 1
        else:
            # Nothing alike near: a rewrite, still read side by side.
            pairs.append(SentencePair(*_marked(old[i], new[j]), changed=True))
            i, j = i + 1, j + 1
    pairs += [SentencePair(*_marked(text, ""), changed=True) for text in old[i:]]
    pairs += [SentencePair(*_marked("", text), changed=True) for text in new[j:]]
    return pairs


def sentence_diff(before: str, after: str) -> TextDiff:
    """`before` and `after` compared sentence by sentence."""
    old, new = sentences(before), sentences(after)
    pairs: list[SentencePair] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pairs += [
                SentencePair(escape(text), escape(text), changed=False) for text in old[a1:a2]
            ]
        else:
            pairs += _pair_up(old[a1:a2], new[b1:b2])
    return TextDiff(tuple(pairs))


def _names(model: type[models.Model] | None, pks: Iterable[Any]) -> dict[Any, str]:
    pks = list(pks)
    if model is None or not pks:
        return {}
    return {str(pk): str(obj) for pk, obj in model._default_manager.in_bulk(pks).items()}


def display(field: models.Field[Any, Any], raw: Any) -> str:
    """A stored value as a reader would want to see it."""
    if raw is None or raw == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if isinstance(field, models.BooleanField):
        return "Yes" if raw else "No"
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(raw))
        return format_date(timezone.localtime(moment), "j F Y, H:i") if moment else str(raw)
    if isinstance(field, models.DateField):
        day = raw if isinstance(raw, datetime.date) else parse_date(str(raw))
        return format_date(day, "j F Y") if day else str(raw)
    if isinstance(field, models.ForeignKey):
        return _names(field.related_model, [raw]).get(str(raw), "(deleted)")
    return str(raw)


def _editable_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        field for field in model._meta.concrete_fields if field.editable and not field.primary_key
    ] + [
        field
        for field in model._meta.many_to_many
        # django-stubs leaves `serialize` off ManyToManyField; Django sets it on every field.
        if field.serialize  # type: ignore[attr-defined]
    ]


def _field_changes(
    model: type[models.Model],
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    skip: Iterable[str] = (),
    clinical: Iterable[str] = (),
) -> list[Change]:
    changes = []
    clinical = set(clinical)
    for field in _editable_fields(model):
        if field.name in skip:
            continue
        old, new = before.get(field.name), after.get(field.name)
        if field.many_to_many:
            old_set, new_set = set(old or []), set(new or [])
            if old_set == new_set:
                continue
            names = _names(field.related_model, old_set | new_set)
            changes.append(
                Change(
                    name=field.name,
                    label=str(field.verbose_name).capitalize(),
                    clinical=field.name in clinical,
                    added=tuple(
                        sorted(names.get(str(pk), "(deleted)") for pk in new_set - old_set)
                    ),
                    removed=tuple(
                        sorted(names.get(str(pk), "(deleted)") for pk in old_set - new_set)
                    ),
                )
            )
            continue
        if _plain(old) == _plain(new) or _same_moment(field, old, new):
            continue
        label = str(field.verbose_name).capitalize()
        text_diff = None
        if field.name in getattr(model, "markdown_fields", ()):
            # The reviewer reads what visitors will read; a change only to
            # the Markdown (emphasis, a heading's level) shows as source.
            old_text, new_text = readable_text(old or ""), readable_text(new or "")
            if old_text != new_text:
                text_diff = sentence_diff(old_text, new_text)
            else:
                label += " (formatting only)"
                text_diff = sentence_diff(_plain(old), _plain(new))
        elif isinstance(field, models.TextField) and not field.choices:
            text_diff = sentence_diff(_plain(old), _plain(new))
        changes.append(
            Change(
                name=field.name,
                label=label,
                clinical=field.name in clinical,
                before=display(field, old),
                after=display(field, new),
                text_diff=text_diff,
            )
        )
    return changes


def _natural_key(model: type[models.Model], link: str) -> list[str]:
    """The fields that tell one part from another (a symptom, an urgency)."""
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and link in constraint.fields:
            return [name for name in constraint.fields if name != link]
    return []


def _row_label(model: type[models.Model], fields: Mapping[str, Any], key: list[str]) -> str:
    if key:
        return ", ".join(display(model._meta.get_field(name), fields.get(name)) for name in key)  # type: ignore[arg-type]
    text = next(
        (
            str(fields[f.name])
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and fields.get(f.name)
        ),
        "",
    )
    return text or str(model._meta.verbose_name)


def _part_changes(
    model: type[Moderated], before: Snapshot, after: Snapshot, clinical: Iterable[str]
) -> list[Change]:
    changes = []
    for name, link in part_links(model).items():
        part = link.model
        key = _natural_key(part, link.name)
        old_rows = {str(r["pk"]): r["fields"] for r in before.get("parts", {}).get(name, [])}
        new_rows = {str(r["pk"]): r["fields"] for r in after.get("parts", {}).get(name, [])}
        # Rows written back under new ids still match by their natural key.
        if key:
            by_key = {tuple(str(f.get(k)) for k in key): pk for pk, f in old_rows.items()}
            for pk, fields in list(new_rows.items()):
                old_pk = by_key.get(tuple(str(fields.get(k)) for k in key))
                if pk not in old_rows and old_pk and old_pk not in new_rows:
                    new_rows[old_pk] = new_rows.pop(pk)
        added = [_row_label(part, new_rows[pk], key) for pk in new_rows if pk not in old_rows]
        removed = [_row_label(part, old_rows[pk], key) for pk in old_rows if pk not in new_rows]
        changed = []
        for pk in old_rows.keys() & new_rows.keys():
            inner = _field_changes(part, old_rows[pk], new_rows[pk], skip=[link.name])
            if inner:
                changed.append((_row_label(part, old_rows[pk], key), tuple(inner)))
        if added or removed or changed:
            changes.append(
                Change(
                    name=name,
                    label=str(part._meta.verbose_name_plural).capitalize(),
                    clinical=name in set(clinical),
                    added=tuple(added),
                    removed=tuple(removed),
                    changed=tuple(sorted(changed)),
                )
            )
    return changes


def compare(model: type[Moderated], before: Snapshot, after: Snapshot) -> list[Change]:
    """Every change from `before` to `after`, clinical ones first."""
    clinical = model.clinical_fields
    changes = _field_changes(
        model, before.get("fields", {}), after.get("fields", {}), clinical=clinical
    )
    old_tags, new_tags = set(before.get("tags", [])), set(after.get("tags", []))
    # Versions keep no tags: compare them only where both sides have them.
    if "tags" in before and "tags" in after and old_tags != new_tags:
        changes.append(
            Change(
                name="tags",
                label="Tags",
                added=tuple(sorted(new_tags - old_tags)),
                removed=tuple(sorted(old_tags - new_tags)),
            )
        )
    changes += _part_changes(model, before, after, clinical)
    return sorted(changes, key=lambda change: not change.clinical)


def version_snapshot(version: Version, model: type[Moderated]) -> Snapshot:
    """A stored version as a snapshot: the item as it was, with its parts
    from the same revision (tags are not versioned)."""
    [record] = json.loads(version.serialized_data)
    parts: dict[str, list[dict[str, Any]]] = {}
    links = part_links(model)
    by_model = {link.model: (name, link) for name, link in links.items()}
    for other in version.revision.version_set.exclude(pk=version.pk):
        if other._model not in by_model:
            continue
        name, link = by_model[other._model]
        [row] = json.loads(other.serialized_data)
        if str(row["fields"].get(link.name)) == str(version.object_id):
            parts.setdefault(name, []).append({"pk": row["pk"], "fields": row["fields"]})
    return {"fields": record["fields"], "parts": {name: parts.get(name, []) for name in links}}
