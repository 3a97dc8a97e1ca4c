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
from typing import Any, cast

import reversion
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


def with_parts[M: Moderated](item: M) -> M:
    """`item` with its parts loaded, and what each part refers to, in one
    query per part (a version of the item names every part)."""
    lookups = []
    for name, link in part_links(type(item)).items():
        rows = link.model._default_manager.all()
        if targets := [
            field.name
            for field in link.model._meta.concrete_fields
            if field.is_relation and field is not link
        ]:
            rows = rows.select_related(*targets)
        lookups.append(models.Prefetch(name, rows))
    models.prefetch_related_objects([item], *lookups)
    return item


def _records(objects: Any) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(serializers.serialize("json", objects))
    return data


def snapshot(item: Moderated, *, as_loaded: bool = False) -> Snapshot:
    """The item's content as it is in the database now. With `as_loaded`
    the item's own fields are taken as `item` holds them: its caller has
    just read it (locked), and reading it again would find the same."""
    model = type(item)
    if not as_loaded:
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


def _existing_references(
    model: type[models.Model], rows: list[dict[str, Any]], *, known: dict[str, set[Any]]
) -> list[dict[str, Any]]:
    """The rows' fields with references to rows deleted since the snapshot
    dropped (many-to-many) or refused (a required foreign key). One query
    per field for all the rows; `known` holds values that need no asking
    ({field name: values known to exist})."""
    cleaned = [dict(fields) for fields in rows]
    for field in model._meta.get_fields():
        related_model: Any = getattr(field, "related_model", None)
        if not related_model:
            continue
        values = {
            value
            for fields in cleaned
            if field.name in fields
            for value in (fields[field.name] if field.many_to_many else [fields[field.name]])
            if value is not None
        }
        wanted = values - known.get(field.name, set())
        existing = set(
            related_model._default_manager.filter(pk__in=wanted)
            .order_by()
            .values_list("pk", flat=True)
            if wanted
            else ()
        ) | (values - wanted)
        for fields in cleaned:
            if field.name not in fields:
                continue
            value = fields[field.name]
            if field.many_to_many:
                fields[field.name] = [pk for pk in value if pk in existing]
            elif value is not None and value not in existing:
                if not getattr(field, "null", False):
                    raise DraftError(
                        f"It refers to a {related_model._meta.verbose_name} "
                        "that has since been deleted; edit the draft and choose another."
                    )
                fields[field.name] = None
    return cleaned


def write(
    model: type[Moderated],
    pk: Any,
    content: Snapshot,
    *,
    live: Moderated | None = None,
    current: Snapshot | None = None,
) -> Moderated:
    """Write a snapshot onto the row `pk`: fields, relations, tags, parts;
    returns the row as written.

    The row's workflow fields (state, review dates) stay as they are: only
    the workflow moves them. Parts are written back under their own ids
    where those are free, so a form showing the draft round-trips. What
    the snapshot has as the row has it now (a part, a relation, the tags)
    is left alone. A caller holding the row (`live`) and its snapshot
    (`current`), both read in this transaction, passes them so that
    neither is read again.
    """
    # Its callers record the versions: the approval names the item with
    # all its parts once it is written; a staged draft is not recorded.
    with reversion.create_revision(manage_manually=True, atomic=False):
        return _write(model, pk, content, live or model._default_manager.get(pk=pk), current)


def _write(
    model: type[Moderated],
    pk: Any,
    content: Snapshot,
    live: Moderated,
    current: Snapshot | None,
) -> Moderated:
    relations = {
        field.name: (
            set(current["fields"][field.name])
            if current is not None
            else set(getattr(live, field.name).order_by().values_list("pk", flat=True))
        )
        for field in model._meta.many_to_many
        if field.name in content["fields"]
    }
    # What the row refers to now exists: the database holds it to that.
    known = {
        **relations,
        **{
            field.name: {getattr(live, field.attname)}
            for field in model._meta.concrete_fields
            if field.is_relation
        },
    }
    [fields] = _existing_references(model, [content["fields"]], known=known)
    [obj] = serializers.deserialize(
        "json", json.dumps([{"model": model._meta.label_lower, "pk": pk, "fields": fields}])
    )
    for name in model.workflow_fields:
        # By column: a reviewer's row need not be loaded to keep its id.
        attname = model._meta.get_field(name).attname  # type: ignore[union-attr]
        setattr(obj.object, attname, getattr(live, attname))
    m2m_data = obj.m2m_data or {}
    obj.save(save_m2m=False)
    for name, values in m2m_data.items():
        if set(values) != relations.get(name):
            # As the deserializer would: receivers see a raw change.
            getattr(obj.object, name).set_base(values, raw=True)
    for name, link in part_links(model).items():
        stored = current["parts"].get(name, []) if current is not None else None
        _write_part(link, pk, content["parts"].get(name, []), stored)
    written = cast(Moderated, obj.object)
    _keep_loaded_relations(written, live)
    if "tags" in content and hasattr(written, "tags"):
        tags = current.get("tags") if current is not None else None
        if sorted(tags if tags is not None else written.tags.names()) != sorted(content["tags"]):
            written.tags.set(content["tags"])
    return written


def _keep_loaded_relations(written: Moderated, live: Moderated) -> None:
    """What `live` has loaded of the rows it points to holds for `written`
    wherever the two point to the same row (the page's author, its reviewer)."""
    for field in type(live)._meta.concrete_fields:
        if (
            isinstance(field, models.ForeignKey)
            and field.is_cached(live)
            and getattr(written, field.attname) == getattr(live, field.attname)
        ):
            field.set_cached_value(written, field.get_cached_value(live))


def _write_part(
    link: models.ForeignKey[Any, Any],
    pk: Any,
    rows: list[dict[str, Any]],
    stored: list[dict[str, Any]] | None = None,
) -> None:
    """Make the item's rows of one part the snapshot's `rows`; `stored` are
    the rows as they are now, when the caller has read them already."""
    manager = link.model._default_manager
    wanted = [(row["pk"], {**row["fields"], link.name: pk}) for row in rows]
    if stored is None:
        stored = _records(manager.filter(**{link.name: pk}))
    current = {row["pk"]: row["fields"] for row in stored}
    if len(wanted) == len(current) and all(current.get(key) == row for key, row in wanted):
        return
    manager.filter(**{link.name: pk}).delete()
    # SQLite reuses the ids of rolled-back rows: one may belong to another
    # item by now, and must not be overwritten.
    ids = [key for key, _ in wanted if key is not None]
    taken = set(manager.filter(pk__in=ids).values_list("pk", flat=True))
    fields = _existing_references(link.model, [row for _, row in wanted], known={link.name: {pk}})
    records = [
        {"model": link.model._meta.label_lower, "pk": None if key in taken else key, "fields": row}
        for (key, _), row in zip(wanted, fields, strict=True)
    ]
    parts = list(serializers.deserialize("json", json.dumps(records)))
    if link.model._meta.many_to_many:
        for part in parts:
            part.save()
    else:
        # One insert; the rows' versions are recorded by following the item.
        manager.bulk_create([part.object for part in parts])


def pending(item: Moderated, *, lock: bool = False) -> Draft | None:
    """The item's pending draft, if it has one; with `lock`, locked until
    the transaction ends."""
    drafts = Draft.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).select_related("created_by")
    if lock:
        drafts = drafts.select_for_update(of=("self",))
    return drafts.first()


def drafts_of(model: type[Moderated]) -> models.QuerySet[Draft]:
    return Draft.objects.filter(content_type=ContentType.objects.get_for_model(model))


class _Undo(Exception):
    """Leaves a staged block, undoing everything done in it."""


@contextmanager
def staged(item: Moderated, draft: Draft | None) -> Iterator[None]:
    """Inside the block the database shows the item as its draft has it;
    afterwards, as it was. Nothing done inside the block is kept."""
    # Rolled back as an atomic block, not a bare savepoint, so that Django
    # also drops the on-commit callbacks registered inside (the content
    # version's mark that it was bumped, for one).
    try:
        # Nothing staged goes into a version of the item either: the rows
        # are gone once the block ends.
        with transaction.atomic(), reversion.create_revision(manage_manually=True, atomic=False):
            if draft is not None:
                write(type(item), item.pk, draft.content, live=item)
            yield
            raise _Undo
    except _Undo:
        pass
