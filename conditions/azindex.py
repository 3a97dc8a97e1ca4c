"""The A–Z index: every condition and every other name it goes by."""

import unicodedata
from dataclasses import dataclass

PAGE_SIZE = 60


@dataclass(frozen=True)
class AZEntry:
    letter: str
    name: str
    condition: object
    is_synonym: bool


def index_letter(name):
    """A–Z for names starting with a letter (accents dropped), "#" otherwise."""
    first = unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode()
    first = first.upper()
    return first if first.isalpha() else "#"


def build_az_index(conditions):
    """Entries sorted by name; synonyms point to their condition."""
    entries = []
    for condition in conditions:
        entries.append(AZEntry(index_letter(condition.title), condition.title, condition, False))
        for name in condition.also_called_names:
            entries.append(AZEntry(index_letter(name), name, condition, True))
    return sorted(entries, key=lambda entry: (entry.letter, entry.name.casefold()))


def letter_pages(entries, page_size):
    """[(letter, page number)]: where each letter's first entry falls when the
    index is split into pages of `page_size`."""
    pages = {}
    for position, entry in enumerate(entries):
        pages.setdefault(entry.letter, position // page_size + 1)
    return list(pages.items())
