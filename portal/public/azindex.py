"""The A–Z index: every item of an indexed kind (conditions) and every other
name it goes by. Works on anything with `title` and `also_called_names`.

Sorting every name takes a pass over every published item, so each process
keeps the sorted names (`az_index()`) until content changes; a page then
loads only its own rows (`with_items()`), and the letters' pages come from
the names kept in memory. With 10,000 conditions a page costs what it does
with ten.
"""

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Model, QuerySet

from portal.caching import precompute
from portal.caching.content_version import PerContentVersion
from portal.editorial import registry

PAGE_SIZE = 60


@dataclass(frozen=True)
class AZEntry:
    letter: str
    name: str
    condition: Any
    is_synonym: bool


@dataclass(frozen=True)
class Named:
    """What the index keeps of an item: enough to sort its names and load
    its row again for the page that shows it."""

    pk: int
    title: str
    also_called_names: tuple[str, ...]


def index_letter(name: str) -> str:
    """A–Z for names starting with a letter (accents dropped), "#" otherwise."""
    first = unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode()
    first = first.upper()
    return first if first.isalpha() else "#"


def build_az_index(conditions: Iterable[Any]) -> list[AZEntry]:
    """Entries sorted by name; synonyms point to their condition."""
    entries = []
    for condition in conditions:
        entries.append(AZEntry(index_letter(condition.title), condition.title, condition, False))
        entries.extend(
            AZEntry(index_letter(name), name, condition, True)
            for name in condition.also_called_names
        )
    return sorted(entries, key=lambda entry: (entry.letter, entry.name.casefold()))


def letter_pages(entries: Iterable[AZEntry], page_size: int) -> list[tuple[str, int]]:
    """[(letter, page number)]: where each letter's first entry falls when the
    index is split into pages of `page_size`."""
    pages: dict[str, int] = {}
    for position, entry in enumerate(entries):
        pages.setdefault(entry.letter, position // page_size + 1)
    return list(pages.items())


class AZIndex:
    """The sorted names of the published items of some models; each entry's
    `condition` is a `Named` until `with_items()` puts the row in its place."""

    def __init__(self, entries: Sequence[AZEntry]) -> None:
        self.entries = tuple(entries)
        self._letter_pages: dict[int, list[tuple[str, int]]] = {}

    def only(self, pks: set[int]) -> list[AZEntry]:
        """The entries of these items (a filtered list), in index order."""
        return [entry for entry in self.entries if entry.condition.pk in pks]

    def letter_pages(self, page_size: int) -> list[tuple[str, int]]:
        """`letter_pages()` of the whole index, worked out once per size."""
        if page_size not in self._letter_pages:
            self._letter_pages[page_size] = letter_pages(self.entries, page_size)
        return self._letter_pages[page_size]


def _names(model: type[Model]) -> Iterable[Named]:
    rows = model._default_manager.published().order_by("title")  # type: ignore[attr-defined]
    for pk, title, also_called in rows.values_list("pk", "title", "also_called"):
        names = tuple(line.strip() for line in also_called.splitlines() if line.strip())
        yield Named(pk, title, names)


_indexes: dict[tuple[type[Model], ...], PerContentVersion[AZIndex]] = {}


def az_index(*models: type[Model]) -> AZIndex:
    """The A–Z of the published items of these models (each with `title` and
    `also_called`), kept by this process until content changes.

    An item that expires drops out of its page's rows at once (the rows are
    read as published now) and out of the letters when the scheduler
    takes it off the site, which changes the content version.
    """
    return _index(models)()


def _index(models: tuple[type[Model], ...]) -> PerContentVersion[AZIndex]:
    if models not in _indexes:
        labels = ",".join(model._meta.label_lower for model in models)
        _indexes[models] = PerContentVersion(
            lambda: AZIndex(build_az_index(named for model in models for named in _names(model))),
            shared_as=f"az-index:{labels}",
        )
    return _indexes[models]


@precompute.register
def _precompute_site_index(version: int) -> bool:
    # The A–Z of every indexed kind (the home page's letters, the
    # conditions A–Z): made on first use, so the task worker makes it here.
    return _index(tuple(kind.model for kind in registry.az_indexed())).precompute(version)


def with_items(entries: Sequence[AZEntry], queryset: QuerySet[Any]) -> list[AZEntry]:
    """The entries with their rows from `queryset`, in one query for them
    all; an entry whose item the queryset no longer holds is left out."""
    rows = queryset.in_bulk({entry.condition.pk for entry in entries})
    return [
        replace(entry, condition=rows[entry.condition.pk])
        for entry in entries
        if entry.condition.pk in rows
    ]
