"""“Did you mean …?” for a search that found nothing.

Close matches come from a vocabulary of what a visitor can find: the names
of published pages of every searchable kind (titles and the other
title-like fields, such as a condition's also-called names), the words
in those names and in the summaries, and the words of the reviewed synonym
list, which search understands too. Edit distance over that vocabulary
(difflib's ratio) works the same on PostgreSQL and SQLite and needs no
index: a few hundred pages make a few thousand words, read once per
process after each content change, and only a search that found nothing
looks at it.
"""

import difflib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from portal.caching.content_version import PerContentVersion
from portal.editorial import registry
from portal.search.engine import search_content
from portal.search.synonyms import published_synonyms

# Runs of letters in any script; digits and punctuation split words.
WORD = re.compile(r"[^\W\d_]+")
# Shorter words are too easily "close" to something unrelated.
MIN_WORD_LENGTH = 4
# How alike (difflib's ratio, 0 to 1) a misspelt word and its correction
# must be: "twiching" and "twitching" are 0.94, "cramp" and "camp" 0.89,
# "cramp" and "cream" 0.6.
WORD_CUTOFF = 0.8
# How alike a whole query and a page's name must be to suggest the page:
# "twiching" and "Leg twitching" are 0.76, "twiching" and "Stretching" 0.67.
NAME_CUTOFF = 0.75
MAX_PAGES = 5


def words_of(text: str) -> list[str]:
    return [word for word in WORD.findall(text.lower()) if len(word) >= MIN_WORD_LENGTH]


@dataclass(frozen=True)
class Page:
    """A published page as suggestions see it."""

    title: str
    url: str
    # The title first, then its other names.
    names: tuple[str, ...]
    # The words of its names and summary, lower case: what corrections
    # are made from.
    words: frozenset[str]
    # The words of its names alone.
    name_words: frozenset[str]


@dataclass(frozen=True)
class Vocabulary:
    pages: tuple[Page, ...]
    # Every page's words, grouped by length: a word can only be close to
    # words of a similar length, so the others are never compared.
    words_by_length: Mapping[int, tuple[str, ...]]

    def __contains__(self, word: str) -> bool:
        return word in self.words_by_length.get(len(word), ())

    def closest_word(self, word: str) -> str | None:
        """The known word most like `word`, if any is like enough."""
        # ratio = 2 * matches / (len(a) + len(b)) and matches <= the shorter
        # length, so a ratio of WORD_CUTOFF bounds the other word's length.
        shortest = math.ceil(len(word) * WORD_CUTOFF / (2 - WORD_CUTOFF))
        longest = math.floor(len(word) * (2 - WORD_CUTOFF) / WORD_CUTOFF)
        candidates = [
            known
            for length in range(shortest, longest + 1)
            for known in self.words_by_length.get(length, ())
        ]
        found = difflib.get_close_matches(word, candidates, n=1, cutoff=WORD_CUTOFF)
        return found[0] if found else None


def build_vocabulary(pages: Iterable[Page], known: Iterable[str] = ()) -> Vocabulary:
    """The pages' words and the `known` words (the synonym list's), so a
    word search understands is never "corrected" into another: without
    them "fasciculations" became "circulation"."""
    pages = tuple(pages)
    by_length: defaultdict[int, set[str]] = defaultdict(set)
    for word in [*(word for page in pages for word in page.words), *known]:
        if len(word) >= MIN_WORD_LENGTH and WORD.fullmatch(word):
            by_length[len(word)].add(word)
    return Vocabulary(
        pages=pages,
        words_by_length={length: tuple(sorted(words)) for length, words in by_length.items()},
    )


def correct(query: str, vocabulary: Vocabulary) -> str | None:
    """`query` with each unknown word replaced by the closest known one, or
    None when no word needed (or found) a correction. Punctuation, digits
    and short words stay as they are."""
    changed = False

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        typed = match.group()
        word = typed.lower()
        if len(word) < MIN_WORD_LENGTH or word in vocabulary:
            return typed
        closest = vocabulary.closest_word(word)
        if closest is None:
            return typed
        changed = True
        return closest.title() if typed.istitle() else closest

    corrected = WORD.sub(replace, query)
    return corrected if changed else None


@dataclass(frozen=True)
class PageSuggestion:
    title: str
    url: str
    # The name that matched, when it is not the title ("Lou Gehrig's disease").
    also_called: str


def closest_pages(
    query: str, corrected: str | None, vocabulary: Vocabulary, limit: int = MAX_PAGES
) -> list[PageSuggestion]:
    """Pages with a name like the whole query, or with every word of the
    corrected query in a name; most alike first, then shortest name."""
    wanted = set(words_of(corrected or ""))
    # difflib keeps what it learns of the second sequence: the query's.
    matcher = difflib.SequenceMatcher(None, "", query.lower())
    scored = []
    for page in vocabulary.pages:
        likeness, name = max((_likeness(matcher, name), name) for name in page.names)
        if likeness < NAME_CUTOFF:
            if not wanted or not wanted <= page.name_words:
                continue
            name = next((n for n in page.names if wanted <= set(words_of(n))), page.title)
        also_called = "" if name == page.title else name
        suggestion = PageSuggestion(page.title, page.url, also_called)
        scored.append((-likeness, len(name), page.title, suggestion))
    scored.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in scored[:limit]]


def _likeness(matcher: difflib.SequenceMatcher[str], name: str) -> float:
    """difflib's ratio of `name` and the query, or 0 when its cheap upper
    bounds already fall short (most names, on a large site)."""
    matcher.set_seq1(name.lower())
    if matcher.real_quick_ratio() < NAME_CUTOFF or matcher.quick_ratio() < NAME_CUTOFF:
        return 0.0
    return matcher.ratio()


def _load_vocabulary() -> Vocabulary:
    """Published pages only: a draft's title must never leak into a
    suggestion. (A page whose go-live or expiry time passes is picked up
    when the schedule runs and saves it, which moves the content version.)"""
    pages = []
    for kind in registry.searchable():
        names = [name for name, weight in kind.search_fields.items() if weight == "A"]
        summaries = [name for name, weight in kind.search_fields.items() if weight == "B"]
        item: Any
        for item in kind.model.objects.published().only(
            *dict.fromkeys(["title", "slug", *names, *summaries])
        ):
            item_names = [
                line.strip()
                for field in names
                for line in str(getattr(item, field)).splitlines()
                if line.strip()
            ]
            summary = " ".join(str(getattr(item, field)) for field in summaries)
            pages.append(
                Page(
                    title=item.title,
                    url=item.get_absolute_url(),
                    names=tuple(item_names),
                    words=frozenset(words_of(" ".join([*item_names, summary]))),
                    name_words=frozenset(words_of(" ".join(item_names))),
                )
            )
    # The worker's copy, which the search that found nothing has just read.
    return build_vocabulary(pages, known=published_synonyms().words)


published_vocabulary = PerContentVersion(_load_vocabulary, shared_as="search-vocabulary")


@dataclass(frozen=True)
class Suggestion:
    # A corrected search that finds something ("twitching"), or "".
    query: str
    pages: tuple[PageSuggestion, ...]


def suggest(query: str) -> Suggestion | None:
    """What to offer when `query` found nothing: a corrected search, checked
    to find results, and the pages with the closest names."""
    vocabulary = published_vocabulary()
    corrected = correct(query, vocabulary)
    if corrected and not search_content(corrected, limit=1):
        corrected = None
    pages = closest_pages(query, corrected, vocabulary)
    if not corrected and not pages:
        return None
    return Suggestion(query=corrected or "", pages=tuple(pages))
