"""Reading the checklist's answers from a query string, defensively.

The results page lives at a shareable GET address, so anything can arrive
in it: old links to symptoms since removed, typos, repeated or absurd
parameters. Each gives the form back with a clear message, never a 500.
"""

from dataclasses import dataclass

MAX_QUERY_STRING = 2000
MAX_ANSWERS = 100
PARAMETER = "s"


@dataclass(frozen=True)
class Answers:
    ticked_ids: frozenset
    ticked_slugs: tuple
    error: str = ""


def read_answers(query_dict, query_string, symptoms):
    """Ticked symptom ids from `?s=<slug>&s=<slug>`; `symptoms` maps id to info."""
    if len(query_string) > MAX_QUERY_STRING:
        return Answers(
            frozenset(),
            (),
            "That address is too long to be a checklist. Please tick your answers again.",
        )
    values = query_dict.getlist(PARAMETER)
    if len(values) > MAX_ANSWERS:
        return Answers(
            frozenset(), (), "That address holds too many answers. Please tick your answers again."
        )
    by_slug = {info.slug: info.id for info in symptoms.values()}
    slugs = list(dict.fromkeys(value.strip() for value in values if value.strip()))
    known = [slug for slug in slugs if slug in by_slug]
    unknown = len(slugs) - len(known)
    ids = frozenset(by_slug[slug] for slug in known)
    if unknown:
        what = "answer" if unknown == 1 else "answers"
        return Answers(
            ids,
            tuple(known),
            f"We did not recognise {unknown} {what} in this address; the checklist may have "
            "changed since it was made. Please check your answers below and try again.",
        )
    if not ids:
        return Answers(ids, (), "Tick at least one thing you notice, then press “See what to do”.")
    return Answers(ids, tuple(known))
