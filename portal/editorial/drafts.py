"""Drafts of live content: snapshots of an item and writing them back.

A snapshot is plain JSON data: the item's fields (many-to-many ids
included), its tags and its parts (inline rows such as a condition's
symptom links and advice, a remedy's steps). Edits to a live item are made
by Django's own forms inside a savepoint that is then rolled back; what
they produced is kept as a snapshot in a `Draft`. Showing or previewing a
draft writes it onto the row inside a savepoint too, so visitors never see
it; approving writes it for good (portal.editorial.workflow).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models, transaction

from portal.models import Draft, Moderated, Status

type Snapshot = dict[str, Any]


class DraftError(Exception):
    """A draft that can no longer be written (what it points to is gone)."""


def edits_go_to_draft(item: Moderated) -> bool:
    """Live items change only through a reviewed draft."""
    return item.status == Status.PUBLISHED


def part_links(model: type[Moderated]) -> dict[str, models.ForeignKey[Any, Any]]:
    """{part name: the part's foreign key to the item} for declared parts."""
    links: dict[str, models.ForeignKey[Any, Any]] = {}
    for name in model.parts:
        relation = model._meta.get_field(name)
        if not (
            isinstance(relation, models.ManyToOneRel)
            and isinstance(relation.field, models.ForeignKey)
        ):
            raise TypeError(f"{model.__name__}.{name} is not a reverse foreign key.")
        links[name] = relation.field
    return links


def _records(objects: Any) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(serializers.serialize("json", objects))
    return data


def snapshot(item: Moderated) -> Snapshot:
    """The item's content as it is in the database now."""
    model = type(item)
    item = model._default_manager.get(pk=item.pk)
    [record] = _records([item])
    parts = {
        name: [
            {"pk": row["pk"], "fields": row["fields"]}
            for row in _records(link.model._default_manager.filter(**{link.name: item.pk}))
        ]
        for name, link in part_links(model).items()
    }
    content: Snapshot = {"fields": record["fields"], "parts": parts}
    if hasattr(item, "tags"):
        content["tags"] = sorted(item.tags.names())
    return content


def _existing_references(model: type[models.Model], fields: dict[str, Any]) -> dict[str, Any]:
    """The fields with references to rows deleted since the snapshot dropped
    (many-to-many) or refused (a required foreign key)."""
    cleaned = dict(fields)
    for field in model._meta.get_fields():
        if field.name not in cleaned or not getattr(field, "related_model", None):
            continue
        related = field.related_model._default_manager  # type: ignore[union-attr]
        value = cleaned[field.name]
        if field.many_to_many:
            cleaned[field.name] = list(
                related.filter(pk__in=value).order_by().values_list("pk", flat=True)
            )
        elif value is not None and not related.filter(pk=value).exists():
            if not getattr(field, "null", False):
                raise DraftError(
                    f"It refers to a {field.related_model._meta.verbose_name} "  # type: ignore[union-attr]
                    "that has since been deleted; edit the draft and choose another."
                )
            cleaned[field.name] = None
    return cleaned


def write(model: type[Moderated], pk: Any, content: Snapshot) -> Moderated:
    """Write a snapshot onto the row `pk`: fields, relations, tags, parts.

    The row's workflow fields (state, review dates) stay as they are: only
    the workflow moves them. Parts are written back under their own ids
    where those are free, so a form showing the draft round-trips.
    """
    live = model._default_manager.get(pk=pk)
    fields = _existing_references(model, content["fields"])
    [obj] = serializers.deserialize(
        "json", json.dumps([{"model": model._meta.label_lower, "pk": pk, "fields": fields}])
    )
    for name in model.workflow_fields:
        setattr(obj.object, name, getattr(live, name))
    obj.save()
    for name, link in part_links(model).items():
        rows = content["parts"].get(name, [])
        link.model._default_manager.filter(**{link.name: pk}).delete()
        wanted = [row["pk"] for row in rows if row["pk"] is not None]
        # SQLite reuses the ids of rolled-back rows: one may belong to
        # another item by now, and must not be overwritten.
        taken = set(link.model._default_manager.filter(pk__in=wanted).values_list("pk", flat=True))
        records = [
            {
                "model": link.model._meta.label_lower,
                "pk": None if row["pk"] in taken else row["pk"],
                "fields": _existing_references(link.model, {**row["fields"], link.name: pk}),
            }
            for row in rows
        ]
        for part in serializers.deserialize("json", json.dumps(records)):
            part.save()
    written = model._default_manager.get(pk=pk)
    if "tags" in content and hasattr(written, "tags"):
        written.tags.set(content["tags"])
    return written


def pending(item: Moderated) -> Draft | None:
    """The item's pending draft, if it has one."""
    return (
        Draft.objects.filter(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk
        )
        .select_related("created_by")
        .first()
    )


def drafts_of(model: type[Moderated]) -> models.QuerySet[Draft]:
    return Draft.objects.filter(content_type=ContentType.objects.get_for_model(model))


@contextmanager
def staged(item: Moderated, draft: Draft | None) -> Iterator[None]:
    """Inside the block the database shows the item as its draft has it;
    afterwards, as it was. Nothing done inside the block is kept."""
    with transaction.atomic():
        savepoint = transaction.savepoint_create()
        try:
            if draft is not None:
                write(type(item), item.pk, draft.content)
            yield
        finally:
            transaction.savepoint_rollback(savepoint)
