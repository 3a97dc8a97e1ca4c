"""Plain-English checks on a page's text, for the editor who writes it and
the moderator who approves it.

Pure: it reads a `PageText` (the words, the "when to get help" tiers, the
sources and dates) and returns findings; gathering those from the database,
and deciding which site addresses work, is the caller's (portal/admin/
plain_english.py).

The targets follow NHS guidance on writing health information (NHS digital
service manual, "Health literacy" and "How we write": aim for a reading age
of about 9 to 11, short sentences, active verbs, alt text on every
informative image) and the site's own rule that urgent advice names the
number to call (NHS 111 and 999, from settings).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import textstat

from portal.editorial import reading_level
from portal.markdown import readable_text

# Flesch-Kincaid grade a condition page should not go above: grade 7 is a
# reading age of about 12, the top of the NHS's 9-11 aim with some room for
# medical names that cannot be made shorter.
GRADE_LIMIT = 7.0
# Words in a sentence before it is hard to follow on a phone (GOV.UK and
# the NHS both suggest 25 at most).
LONG_SENTENCE = 25

# "is caused", "were given", "been shown": a form of "to be" before a past
# participle. A hint, not a rule: "is tired" is not passive.
PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?"
    r"(?:\w+ed|given|known|seen|shown|done|made|taken|written|found|"
    r"caught|held|kept|left|felt|told|brought|thought|put|set)\b",
    re.IGNORECASE,
)
# Markdown pictures with no words in the square brackets.
MARKDOWN_IMAGE_NO_ALT = re.compile(r"!\[\s*\]\(\s*<?([^)\s>]*)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
HTML_SRC = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
# Links to the site's own pages: Markdown [words](/path) and href="/path".
MARKDOWN_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?(/[^)\s>]*)")
HTML_LINK = re.compile(r"""\bhref\s*=\s*["'](/[^"']*)["']""", re.IGNORECASE)
SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Finding:
    """One thing to look at: which check, where, and what to do."""

    check: str
    where: str
    message: str


@dataclass(frozen=True)
class Advice:
    """One tier of "when to get help"."""

    label: str
    text: str
    urgent: bool


@dataclass(frozen=True)
class CitedSource:
    title: str
    accessed_on: datetime.date | None


@dataclass(frozen=True)
class PageText:
    """What the checks read of one page.

    `fields` maps a field's label to its Markdown; `reviewed_on` is the
    page's last medical review (None: not reviewed yet, `today` stands in);
    `link_problem` says what is wrong with a link to a site address, or
    None when it leads to a published page."""

    fields: dict[str, str]
    condition_page: bool = False
    advice: Sequence[Advice] = ()
    sources: Sequence[CitedSource] = ()
    reviewed_on: datetime.date | None = None
    today: datetime.date = field(default_factory=datetime.date.today)
    review_interval: datetime.timedelta = datetime.timedelta(days=365)
    phone_numbers: Sequence[str] = ("999", "111")
    link_problem: Callable[[str], str | None] = lambda path: None


@dataclass(frozen=True)
class Report:
    """The reading grade of the page's words (None with too few to tell)
    and every finding, in the order the checks run."""

    grade: float | None
    grade_limit: float | None
    findings: tuple[Finding, ...]


def reading_grade(text: str) -> float | None:
    """The Flesch-Kincaid grade of `text` (plain words), or None when it has
    too few words to tell."""
    if textstat.lexicon_count(text) < 10:
        return None
    try:
        # The one measure of reading level (its dictionary comes with the
        # project, never from the internet): the launch pages' reading test
        # and the editor's check agree.
        return round(reading_level.reading_grade(text), 1)
    except (ArithmeticError, ValueError, LookupError):
        # Text it cannot measure (no sentence it recognises): no grade, and
        # never a failed save.
        return None


def sentences(text: str) -> list[str]:
    """Plain `text` as sentences: each line, cut after each full stop."""
    return [
        sentence.strip()
        for line in text.splitlines()
        for sentence in SENTENCE.split(line)
        if sentence.strip()
    ]


def words(sentence: str) -> int:
    """Words in a sentence, a list item's bullet not counted."""
    return len(sentence.lstrip("•").split())


def long_sentences(text: str, limit: int = LONG_SENTENCE) -> list[str]:
    return [s for s in sentences(text) if words(s) > limit]


def passive_hints(text: str) -> list[str]:
    """The passive phrases in `text` ("is caused"), each once, in order."""
    return list(dict.fromkeys(match.group(0) for match in PASSIVE.finditer(text)))


def images_without_alt(markdown: str) -> list[str]:
    """The addresses of pictures with no alt text: Markdown ![](…) and
    <img> with no alt, or an empty one."""
    missing = [m.group(1) or "(no address)" for m in MARKDOWN_IMAGE_NO_ALT.finditer(markdown)]
    for tag in HTML_IMAGE.findall(markdown):
        alt = HTML_ALT.search(tag)
        if alt is None or not "".join(part or "" for part in alt.groups()).strip():
            src = HTML_SRC.search(tag)
            missing.append(src.group(1) if src and src.group(1) else "(no address)")
    return missing


def internal_links(markdown: str) -> list[str]:
    """The site addresses `markdown` links to, each once, in order."""
    found = [m.group(1) for m in MARKDOWN_LINK.finditer(markdown)]
    found += [m.group(1) for m in HTML_LINK.finditer(markdown)]
    return list(dict.fromkeys(found))


def has_phone_number(text: str, numbers: Sequence[str]) -> bool:
    return any(re.search(rf"(?<!\d){re.escape(number)}(?!\d)", text) for number in numbers)


def _quote(text: str, words: int = 8) -> str:
    cut = text.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")


def _text_findings(label: str, markdown: str, page: PageText) -> list[Finding]:
    plain = readable_text(markdown)
    found = [
        Finding(
            "long-sentence",
            label,
            f"A sentence of {words(sentence)} words (“{_quote(sentence)}”): "
            f"try {LONG_SENTENCE} or fewer.",
        )
        for sentence in long_sentences(plain)
    ]
    if passive := passive_hints(plain):
        phrases = ", ".join(f"“{phrase}”" for phrase in passive)
        found.append(
            Finding(
                "passive-voice",
                label,
                f"May be passive: {phrases}. Say who does what (“a clot causes”, not "
                "“is caused by a clot”).",
            )
        )
    found += [
        Finding(
            "alt-text",
            label,
            f"The picture {src} has no alt text: describe what it shows for people who "
            "cannot see it.",
        )
        for src in images_without_alt(markdown)
    ]
    for path in internal_links(markdown):
        if problem := page.link_problem(path):
            found.append(Finding("broken-link", label, f"The link to {path} {problem}."))
    return found


def _source_findings(page: PageText) -> list[Finding]:
    review = page.reviewed_on or page.today
    oldest = review - page.review_interval
    return [
        Finding(
            "old-source",
            "Sources",
            f"“{source.title}” was last checked on {source.accessed_on:%d %B %Y}, more than "
            f"{page.review_interval.days} days before this page's review "
            f"({review:%d %B %Y}): check it still says the same, and update the date.",
        )
        for source in page.sources
        if source.accessed_on is not None and source.accessed_on < oldest
    ]


def _advice_findings(page: PageText) -> list[Finding]:
    numbers = " or ".join(page.phone_numbers)
    found = [
        Finding(
            "help-number",
            f"When to get help: {advice.label}",
            f"Urgent advice with no number to call: say “call {numbers}”.",
        )
        for advice in page.advice
        if advice.urgent and not has_phone_number(advice.text, page.phone_numbers)
    ]
    if (
        not found
        and page.condition_page
        and page.advice
        and not any(has_phone_number(advice.text, page.phone_numbers) for advice in page.advice)
    ):
        found.append(
            Finding(
                "help-number",
                "When to get help",
                f"No tier gives a number to call: name {numbers} where they apply.",
            )
        )
    return found


def check(page: PageText) -> Report:
    """Every plain-English finding on `page`, and its reading grade."""
    findings: list[Finding] = []
    texts = []
    for label, markdown in page.fields.items():
        if not markdown:
            continue
        texts.append(readable_text(markdown))
        findings += _text_findings(label, markdown, page)
    for advice in page.advice:
        texts.append(advice.text)
        findings += _text_findings(f"When to get help: {advice.label}", advice.text, page)
    grade = reading_grade("\n".join(texts))
    limit = GRADE_LIMIT if page.condition_page else None
    if grade is not None and limit is not None and grade > limit:
        findings.insert(
            0,
            Finding(
                "reading-grade",
                "Whole page",
                f"Reading grade {grade:.1f} (Flesch-Kincaid): aim for {limit:.0f} or below "
                "with shorter sentences and everyday words.",
            ),
        )
    findings += _advice_findings(page)
    findings += _source_findings(page)
    return Report(grade=grade, grade_limit=limit, findings=tuple(findings))
