"""Reading the checklist's answers from a query string, defensively.

The results page lives at a shareable GET address, so anything can arrive
in it: old links to symptoms since removed, typos, repeated or absurd
parameters. Each gives the form back with a clear message, never a 500.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from conditions.models import AgeBand

MAX_QUERY_STRING = 2000
MAX_ANSWERS = 100
PARAMETER = "s"
AGE = "age"
PATHWAY = "p"
# Set by the step-by-step flow when every step is answered: "none of these"
# throughout is an answer, not an empty form.
COMPLETED = "done"


@dataclass(frozen=True)
class Answers:
    ticked_ids: frozenset
    ticked_slugs: tuple
    error: str = ""
    age_band: AgeBand | None = None
    pathway: str = ""  # a pathway's slug, as the address gave it

    def query(self, **extra):
        """These answers as a query string, for the next step's address."""
        pairs = [(PATHWAY, self.pathway)] if self.pathway else []
        if self.age_band:
            pairs.append((AGE, self.age_band.value))
        pairs += [(PARAMETER, slug) for slug in self.ticked_slugs]
        return urlencode(pairs + list(extra.items()))


def read_answers(query_dict, query_string, symptoms, *, allow_empty=False):
    """Ticked symptom ids from `?s=<slug>&s=<slug>` and the age band from
    `age=`; `symptoms` maps id to info. No answer at all is an error unless
    `allow_empty` (a step of the flow) or the flow was completed."""
    allow_empty = allow_empty or query_dict.get(COMPLETED) == "1"
    pathway = query_dict.get(PATHWAY, "").strip()[:100]
    age_value = query_dict.get(AGE, "").strip()
    if age_value and age_value not in AgeBand:
        return Answers(
            frozenset(), (), "We did not recognise the age in this address. Please answer again."
        )
    age_band = AgeBand(age_value) if age_value else None
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
            age_band,
            pathway,
        )
    if not ids and not allow_empty:
        return Answers(
            ids,
            (),
            "Tick at least one thing you notice, then press “See what to do”.",
            age_band,
            pathway,
        )
    return Answers(ids, tuple(known), age_band=age_band, pathway=pathway)
