"""How the symptom checker's scoring scales with the amount of content.

Builds made-up checker data in memory (no database), ticks five symptoms
with a fixed seed, and times `assess()` at a few sizes, best of several runs.

    DJANGO_SETTINGS_MODULE=portal.settings_test .venv/bin/python scripts/bench_checker.py

Not a test: it prints numbers for a person to read.
"""

import argparse
import os
import random
import sys
import timeit
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZES = [(20, 30), (1_000, 200), (5_000, 500)]  # (conditions, symptoms)
LINKS_PER_CONDITION = 8
TICKS = 5
SEED = 20261121


def setup_django():
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings_test")
    import django

    django.setup()


def build(n_conditions, n_symptoms, rng):
    """Checker data shaped like the real thing: about eight weighted links per
    condition, one combination per ten symptoms, one remedy per ten conditions
    (at least a few), each suiting and unsafe for a handful of conditions."""
    from conditions.checker.assessment import (
        CheckerData,
        CombinationInfo,
        ConditionInfo,
        RemedyInfo,
        SymptomInfo,
    )
    from conditions.models import Category, Urgency

    calm = [Urgency.SELF_CARE] * 6 + [Urgency.DOCTOR] * 3
    symptoms = {}
    for sid in range(1, n_symptoms + 1):
        # One in ten is urgent or an emergency on its own.
        urgency = rng.choice([Urgency.URGENT, Urgency.EMERGENCY]) if sid % 10 == 0 else None
        symptoms[sid] = SymptomInfo(
            id=sid,
            slug=f"symptom-{sid}",
            name=f"Symptom {sid}",
            kind="sign",
            urgency=urgency or rng.choice(calm),
            advice="Advice.",
            area=f"Area {sid % 7}",
        )
    symptom_ids = list(symptoms)
    conditions = tuple(
        ConditionInfo(
            id=cid,
            slug=f"condition-{cid}",
            title=f"Condition {cid}",
            url=f"/conditions/condition-{cid}/",
            category=Category.SERIOUS if rng.random() < 0.3 else Category.COMMON,
            weights={
                sid: rng.randint(1, 10)
                for sid in rng.sample(symptom_ids, min(LINKS_PER_CONDITION, n_symptoms))
            },
        )
        for cid in range(1, n_conditions + 1)
    )
    condition_ids = [c.id for c in conditions]
    combinations = tuple(
        CombinationInfo(
            slug=f"combination-{n}",
            name=f"Combination {n}",
            symptom_ids=frozenset(rng.sample(symptom_ids, 2)),
            urgency=rng.choice([Urgency.DOCTOR, Urgency.URGENT, Urgency.EMERGENCY]),
            advice="Act now.",
        )
        for n in range(max(2, n_symptoms // 10))
    )
    remedies = tuple(
        RemedyInfo(
            id=rid,
            slug=f"remedy-{rid}",
            title=f"Remedy {rid}",
            url=f"/remedies/remedy-{rid}/",
            suitable_for=frozenset(rng.sample(condition_ids, min(5, n_conditions))),
            suits_symptoms=frozenset(rng.sample(symptom_ids, min(3, n_symptoms))),
            unsafe_for=frozenset(rng.sample(condition_ids, min(2, n_conditions))),
        )
        for rid in range(1, max(5, n_conditions // 10) + 1)
    )
    return CheckerData(symptoms, combinations, conditions, remedies)


def pick_ticks(data, rng):
    """Five symptoms that are calm on their own and complete no urgent
    combination, so every run takes the longest path: ranking and remedies."""
    from conditions.checker.assessment import assess
    from conditions.models import Urgency

    calm = sorted(sid for sid, s in data.symptoms.items() if s.urgency.rank < Urgency.URGENT.rank)
    for _ in range(1000):
        ticked = frozenset(rng.sample(calm, TICKS))
        if not assess(data, ticked).remedies_withheld:
            return ticked
    raise RuntimeError("could not find five calm symptoms")


def time_per_call(data, ticked, repeat):
    """Best time of one assess() call, in seconds."""
    from conditions.checker.assessment import assess

    timer = timeit.Timer(lambda: assess(data, ticked))
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs to take the best of")
    args = parser.parse_args(argv)
    setup_django()
    from conditions.checker.assessment import assess

    rng = random.Random(SEED)
    rows = []
    for n_conditions, n_symptoms in SIZES:
        data = build(n_conditions, n_symptoms, rng)
        ticked = pick_ticks(data, rng)
        result = assess(data, ticked)
        seconds = time_per_call(data, ticked, args.repeat)
        rows.append((n_conditions, n_symptoms, len(data.remedies), result, seconds))

    base = rows[0][-1]
    print(
        f"assess() with {TICKS} ticked symptoms, ~{LINKS_PER_CONDITION} links per condition, "
        f"best of {args.repeat} (seed {SEED})\n"
    )
    header = f"{'conditions':>10} {'symptoms':>8} {'remedies':>8} {'causes':>6} "
    header += f"{'suggested':>9} {'per check':>10} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for n_conditions, n_symptoms, n_remedies, result, seconds in rows:
        print(
            f"{n_conditions:>10,} {n_symptoms:>8,} {n_remedies:>8,} {len(result.causes):>6,} "
            f"{len(result.remedies):>9,} {seconds * 1000:>7.3f} ms {seconds / base:>5.1f}x"
        )
    print()
    smallest = rows[0][0]
    for n_conditions, _, _, _, seconds in rows:
        print(
            f"{n_conditions:,} conditions: {seconds * 1000:.3g} ms per check, "
            f"{seconds / base:.0f}x the {smallest}-condition time"
        )


if __name__ == "__main__":
    main()
