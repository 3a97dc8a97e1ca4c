"""The site's tools as search results: the calorie planner and the symptom
checker are pages a visitor looks for by name ("calorie", "how urgent"),
though neither is content in the database.

A tool is found when the query, or a term the synonym list brought in,
holds one of its names (the reviewed list maps "calorie", "kcal" or "how
urgent" to these names, so editors keep the words). A visitor who names a
tool wants the tool: it is ranked above every page.
"""

from dataclasses import dataclass

from django.urls import reverse

from portal.search.synonyms import Expansion, words_of

# Above any page's rank on either database.
TOOL_RANK = 1000.0


@dataclass(frozen=True)
class Tool:
    """What a search result card needs of a page (`includes/card.html`)."""

    title: str
    summary: str
    url_name: str
    names: tuple[str, ...]
    # Cards show a review date; a tool's reviews are on its own page.
    card_date = None

    def get_absolute_url(self) -> str:
        return reverse(self.url_name)


TOOLS = (
    Tool(
        title="Symptom checker",
        summary="Answer a few questions about what you notice and find out how urgently "
        "to get help, and which causes and home remedies to read about. Not a diagnosis.",
        url_name="checker:start",
        names=("symptom checker", "symptoms checker", "check my symptoms", "check symptoms"),
    ),
    Tool(
        title="Calorie planner",
        summary="A daily calorie target for your goal, with the sums shown and safe limits kept.",
        url_name="portal:calorie_planner",
        names=("calorie planner", "calorie calculator", "calorie counter"),
    ),
)


def _holds(text: str, name: str) -> bool:
    """Does `text` hold the words of `name`, in order, as whole words?"""
    return f" {name} " in " {} ".format(" ".join(words_of(text)))


def matching(query: str, expansion: Expansion) -> list[Tool]:
    """The tools the query names, directly or through a synonym."""
    texts = [query, *expansion.synonym_terms]
    return [tool for tool in TOOLS if any(_holds(t, n) for t in texts for n in tool.names)]
