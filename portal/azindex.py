"""The A–Z index: every item of an indexed kind (conditions) and every other
name it goes by. Works on anything with `title` and `also_called_names`."""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

PAGE_SIZE = 60


@dataclass(frozen=True)
class AZEntry:
    letter: str
    name: str
    condition: Any
    is_synonym: bool


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
        for name in condition.also_called_names:
            entries.append(AZEntry(index_letter(name), name, condition, True))
    return sorted(entries, key=lambda entry: (entry.letter, entry.name.casefold()))


def letter_pages(entries: Iterable[AZEntry], page_size: int) -> list[tuple[str, int]]:
    """[(letter, page number)]: where each letter's first entry falls when the
    index is split into pages of `page_size`."""
    pages = {}
    for position, entry in enumerate(entries):
        pages.setdefault(entry.letter, position // page_size + 1)
    return list(pages.items())
