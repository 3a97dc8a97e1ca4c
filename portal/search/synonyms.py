"""Everyday words to the site's words: expanding a query with the reviewed
synonym list (`portal.search.models.SearchSynonym`).

A query becomes a list of groups, each a set of alternatives: a page must
match one alternative of every group. A synonym's phrase found in the query
(longest first, whole words only) becomes one group of the phrase and the
terms it stands for; every other word is a group of its own. So "pins and
needles feet" asks for ("pins and needles" or "tingling" or …) and "feet".

The expansion is pure (`expand`); both databases build their query from it.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from portal.caching.content_version import PerContentVersion
from portal.search.models import SearchSynonym, normalise

# Words a search ignores (PostgreSQL's English configuration drops them too):
# "legs jumping at night" asks for legs, jumping and night.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "have",
        "i",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "than",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "this",
        "to",
        "too",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)
# A word: letters and digits, with inner apostrophes or hyphens ("gehrig's").
WORD = re.compile(r"\w+(?:['’-]\w+)*")


@dataclass(frozen=True)
class SynonymTable:
    """Phrase (normalised) -> the site's terms for it. (A plain dict, not a
    read-only view: workers share it through the cache, which pickles.)"""

    terms: Mapping[str, tuple[str, ...]]
    # The most words in any phrase, so matching tries no longer runs.
    longest: int

    @property
    def words(self) -> frozenset[str]:
        """Every word of every phrase and term: words search knows."""
        return frozenset(
            word
            for phrase, terms in self.terms.items()
            for text in (phrase, *terms)
            for word in words_of(text)
        )


def words_of(text: str) -> list[str]:
    return WORD.findall(normalise(text).replace("’", "'"))


def build_table(pairs: Iterable[tuple[str, Iterable[str]]]) -> SynonymTable:
    terms = {normalise(phrase): tuple(normalise(t) for t in means) for phrase, means in pairs}
    longest = max((len(words_of(phrase)) for phrase in terms), default=0)
    return SynonymTable(terms=terms, longest=longest)


EMPTY = build_table([])


@dataclass(frozen=True)
class Expansion:
    # Each group's alternatives, the words as typed (or the phrase) first.
    groups: tuple[tuple[str, ...], ...]
    # The site's terms the synonyms brought in, in order: a title-like field
    # that contains one is as good a hit as one containing the query.
    synonym_terms: tuple[str, ...]

    @property
    def alternatives(self) -> tuple[str, ...]:
        return tuple(alternative for group in self.groups for alternative in group)


def expand(query: str, table: SynonymTable) -> Expansion:
    """`query` as groups of alternatives (see the module's docstring)."""
    words = words_of(query)
    groups: list[tuple[str, ...]] = []
    brought: list[str] = []
    position = 0
    while position < len(words):
        for size in range(min(table.longest, len(words) - position), 0, -1):
            phrase = " ".join(words[position : position + size])
            if phrase in table.terms:
                terms = table.terms[phrase]
                groups.append((phrase, *terms))
                brought.extend(terms)
                position += size
                break
        else:
            word = words[position]
            position += 1
            if word not in STOP_WORDS:
                groups.append((word,))
    if not groups and words:
        # Only stop words ("the who"): search for them as typed.
        groups = [(word,) for word in words]
    return Expansion(groups=tuple(groups), synonym_terms=tuple(dict.fromkeys(brought)))


def _load() -> SynonymTable:
    return build_table(
        (phrase, [t for t in means.split(",") if t.strip()])
        for phrase, means in SearchSynonym.objects.values_list("phrase", "means")
    )


# Kept per worker until content (or a synonym: it is in a content app) changes.
published_synonyms = PerContentVersion(_load, shared_as="search-synonyms")
