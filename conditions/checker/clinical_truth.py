"""One source of clinical truth: a condition page's "when to get help" and
the checker rules that give the same advice must say the same thing.

A rule that points to a page claims to be the checker's form of one of the
page's tiers (the tier of the rule's urgency). So:

- a rule may only point to a tier the page has;
- each urgent or emergency tier a page states must be reachable in the
  checker, through a rule pointing to the page or a linked symptom of that
  urgency: a page that says "call 999 if…" while the checker never says 999
  for it is a disagreement.

Both are checked when either side is approved (`publish_problems`), and over
all launch content by the tests. Pure: the models call in with what they read.
"""

from collections.abc import Iterable
from typing import Any

from conditions.urgency import Urgency

# Tiers a checker answer must be able to reach when a page states them.
STATED_TIERS_THE_CHECKER_MUST_REACH = (Urgency.URGENT, Urgency.EMERGENCY)


def _label(urgency: str) -> str:
    return Urgency(urgency).label.lower()


def rule_disagreement(rule: Any) -> str:
    """Why `rule` disagrees with the page it points to ('' when it agrees)."""
    condition = rule.condition
    if condition is None:
        return ""
    tiers = set(condition.advice.values_list("urgency", flat=True))
    if rule.urgency in tiers:
        return ""
    return (
        f"This rule gives “{_label(rule.urgency)}” advice for “{condition}”, but that page's "
        f"“when to get help” has no {_label(rule.urgency)} tier. Correct the rule's urgency, or "
        "add the tier to the page and have both reviewed together."
    )


def page_disagreements(
    condition: Any, rules: Iterable[Any], linked_urgencies: Iterable[str]
) -> list[str]:
    """How `condition`'s stated tiers and the checker disagree.

    `rules` are the active rules pointing to the page; `linked_urgencies`
    the urgencies of the published symptoms linked to it.
    """
    tiers = {advice.urgency for advice in condition.advice.all()}
    rules = list(rules)
    problems = [
        f"The checker rule “{rule.name}” gives {_label(rule.urgency)} advice for this page, but "
        f"the page has no {_label(rule.urgency)} tier in “when to get help”: change both in one "
        "review."
        for rule in rules
        if rule.urgency not in tiers
    ]
    reachable = {rule.urgency for rule in rules} | set(linked_urgencies)
    problems += [
        f"The page says when to get {_label(tier)} help, but no checker rule or linked symptom "
        f"gives {_label(tier)} advice for it: add the rule so the checker and the page agree."
        for tier in STATED_TIERS_THE_CHECKER_MUST_REACH
        if tier in tiers and tier not in reachable
    ]
    return problems
