"""Launch checker content corrected for clinical safety (issue 20), in
databases loaded before: each row changes only if it still holds the launch
wording, so an editor's own change is never overwritten.

- A possible DVT is GP today or 111, not 999 (NHS); 999 with breathlessness
  or chest pain.
- Choking (999) is told apart from swallowing that slowly gets harder.
- Alcohol-related muscle and nerve damage is not "usually harmless"; confusion
  or shaking after stopping drinking is 999 (delirium tremens, NICE CG100).
- ALS: "1 to 3 in 100,000" is a yearly incidence, not a prevalence.
- "Two weeks", as the site says everywhere else, not "a few weeks".
- 111 and 999 by name instead of "your local urgent care line".

New questions, rules and pathways arrive with `manage.py load_content`.
Frozen here: migrations never read the current launch content.
"""

from django.db import migrations

# (model, slug, field, launch value, corrected value)
CORRECTIONS = [
    (
        "Symptom",
        "severe-leg-pain",
        "advice",
        "Contact your doctor today or call your local urgent care line. If the leg is also cold, pale "
        "or numb, call emergency services.",
        "Contact your GP today or call 111. If the leg is also cold, pale, blue or numb, call 999: the "
        "blood supply may be blocked.",
    ),
    (
        "Symptom",
        "calf-pain-when-squeezed",
        "advice",
        "Contact your doctor today or call your local urgent care line. Do not rub or massage the calf "
        "until it has been checked.",
        "Contact your GP today or call 111: a tender calf can be a blood clot. Do not rub or massage it "
        "until it has been checked.",
    ),
    (
        "Symptom",
        "worsening-weakness",
        "name",
        "Weakness that is getting worse",
        "Weakness getting worse",
    ),
    (
        "Symptom",
        "worsening-weakness",
        "advice",
        "Contact your doctor today or call your local urgent care line. Ask for a prompt assessment and "
        "describe how it has changed.",
        "Contact your GP today or call 111. Ask for a prompt assessment and describe how it has "
        "changed.",
    ),
    (
        "Symptom",
        "muscle-wasting",
        "advice",
        "Contact your doctor today or call your local urgent care line. Mention when you first noticed "
        "the change.",
        "Contact your GP today or call 111. Mention when you first noticed the change.",
    ),
    (
        "Symptom",
        "skin-colour-change",
        "advice",
        "Contact your doctor today or call your local urgent care line. If the leg is also cold, numb "
        "or very painful, call emergency services.",
        "Contact your GP today or call 111. If the leg is also cold, numb or very painful, call 999.",
    ),
    (
        "Symptom",
        "leg-swelling",
        "advice",
        "Contact your doctor today or call your local urgent care line. Call emergency services if you "
        "are also short of breath or have chest pain.",
        "Contact your GP today or call 111: one swollen leg can be a blood clot. Call 999 if you are "
        "also short of breath or have chest pain.",
    ),
    ("Symptom", "trouble-breathing", "name", "Trouble breathing", "Struggling to breathe"),
    (
        "Symptom",
        "trouble-breathing",
        "description",
        "Struggling to catch your breath, breathing that feels weak or shallow, or breathlessness when "
        "lying flat.",
        "Struggling for breath, or breathing that is weak or shallow.",
    ),
    (
        "Symptom",
        "trouble-breathing",
        "advice",
        "Get emergency help now. Sit upright and loosen tight clothing while you wait.",
        "Call 999 now. Sit upright and loosen tight clothing while you wait.",
    ),
    (
        "Symptom",
        "trouble-swallowing",
        "name",
        "Trouble swallowing or choking",
        "Choking, or can't swallow at all",
    ),
    (
        "Symptom",
        "trouble-swallowing",
        "description",
        "Food or drink sticks, goes down the wrong way, or sets off coughing or choking.",
        "Food or drink blocks the throat, or swallowing stopped at once.",
    ),
    (
        "Symptom",
        "trouble-swallowing",
        "advice",
        "Get emergency help now: choking, or suddenly being unable to swallow, can block the airway.",
        "Call 999 now: choking, or suddenly being unable to swallow, can block the airway.",
    ),
    ("Symptom", "slurred-speech", "name", "Slurred or unclear speech", "Speech getting slurred"),
    (
        "Symptom",
        "slurred-speech",
        "description",
        "Words come out blurred, slow or nasal, or your voice sounds different from usual.",
        "Over days or weeks, words come out blurred, slow or nasal.",
    ),
    (
        "Symptom",
        "slurred-speech",
        "advice",
        "Contact your doctor today. If the change was sudden, especially with a drooping face or a weak "
        "arm, call emergency services now, as it may be a stroke.",
        "Contact your GP today or call 111. If the change was sudden, call 999 now: it may be a "
        "stroke.",
    ),
    (
        "Symptom",
        "numbness-or-tingling",
        "advice",
        "See your doctor. If numbness came on suddenly or affects one side of the face or body, call "
        "emergency services.",
        "See your GP. If numbness came on suddenly or affects one side of the face or body, call 999.",
    ),
    ("Symptom", "seizure", "name", "Seizure or fit", "A fit (seizure)"),
    (
        "Symptom",
        "seizure",
        "description",
        "Jerking of one limb, one side or the whole body, often with loss of awareness or collapse.",
        "Shaking or jerking that the person cannot stop, often with blackout.",
    ),
    (
        "Symptom",
        "seizure",
        "advice",
        "Get emergency help now. Stay with the person, cushion their head, put nothing in their mouth "
        "and note how long the fit lasts.",
        "Call 999 now. Stay with the person, cushion their head, put nothing in their mouth and note "
        "how long the fit lasts.",
    ),
    (
        "Symptom",
        "recent-hard-exercise",
        "name",
        "I have exercised hard or been on my feet a lot in the last few days",
        "I have exercised hard or been on my feet a lot lately",
    ),
    (
        "UrgentCombination",
        "twitching-with-weakness",
        "advice",
        "Twitching with a muscle that feels weaker should be checked soon. Contact your doctor today or "
        "call your local urgent care line.",
        "Twitching with a muscle that feels weaker should be checked soon. Contact your GP today or "
        "call 111.",
    ),
    (
        "UrgentCombination",
        "twitching-with-numbness",
        "advice",
        "Twitching with numbness or pins and needles is worth a prompt check. Contact your doctor today "
        "or call your local urgent care line.",
        "Twitching with numbness or pins and needles is worth a prompt check. Contact your GP today or "
        "call 111.",
    ),
    (
        "UrgentCombination",
        "twitching-with-colour-change",
        "advice",
        "Contact your doctor today or call your local urgent care line. If the leg is cold, numb or "
        "very painful, call emergency services now.",
        "Contact your GP today or call 111. If the leg is cold, numb or very painful, call 999 now.",
    ),
    (
        "UrgentCombination",
        "twitching-with-severe-pain",
        "advice",
        "Contact your doctor today or call your local urgent care line. If the pain is sudden and the "
        "leg looks pale or blue, call emergency services now.",
        "Contact your GP today or call 111. If the pain is sudden and the leg looks pale or blue, call "
        "999 now.",
    ),
    (
        "UrgentCombination",
        "weakness-getting-worse",
        "advice",
        "Weakness that keeps increasing needs a prompt assessment. Contact your doctor today or call "
        "your local urgent care line.",
        "Weakness that keeps increasing needs a prompt assessment. Contact your GP today or call 111.",
    ),
    ("UrgentCombination", "swollen-leg-with-tender-calf", "urgency", "emergency", "urgent"),
    (
        "UrgentCombination",
        "swollen-leg-with-tender-calf",
        "advice",
        "These signs together could be related to a blood clot, which needs checking straight away. "
        "Call emergency services now or go to your nearest emergency department, and do not rub or "
        "massage the leg.",
        "These signs together could be a blood clot in a leg vein (DVT), which needs checking today. "
        "Contact your GP now or call 111, and do not rub or massage the leg. Call 999 if you become "
        "short of breath or have chest pain.",
    ),
    (
        "UrgentCombination",
        "swollen-leg-and-breathless",
        "name",
        "A swollen leg with trouble breathing",
        "A swollen leg with trouble breathing or chest pain",
    ),
    (
        "UrgentCombination",
        "swollen-leg-and-breathless",
        "advice",
        "Breathlessness with a swollen leg needs help immediately. Call emergency services now.",
        "Breathlessness or chest pain with a swollen leg can mean a clot has reached the lungs. Call "
        "999 now.",
    ),
    (
        "UrgentCombination",
        "twitching-for-over-two-weeks",
        "advice",
        "Twitching is usually harmless, but after two weeks it is sensible to book a routine "
        "appointment with your doctor.",
        "Twitching is usually harmless, but after two weeks it is sensible to book a routine "
        "appointment with your GP.",
    ),
    ("Condition", "alcohol-and-muscles", "category", "common", "check"),
    (
        "Condition",
        "als",
        "prevalence",
        "Rare: about 1 to 3 people in every 100,000 worldwide",
        "Rare: each year about 1 to 3 people in every 100,000 develop it",
    ),
]

# (condition slug, urgency tier, launch text or None, corrected text or None)
ADVICE = [
    (
        "poor-circulation",
        "emergency",
        "Call emergency services if a leg suddenly becomes very painful, pale or blue, cold or numb.",
        "Call 999 if a leg suddenly becomes very painful, pale or blue, cold or numb.",
    ),
    (
        "poor-circulation",
        "urgent",
        "Contact your doctor today or call your local urgent care line if you have pain in your foot or "
        "toes while resting, or a leg that is changing colour.",
        "Contact your doctor today or call 111 if you have pain in your foot or toes while resting, or "
        "a leg that is changing colour.",
    ),
    (
        "alcohol-and-muscles",
        "emergency",
        None,
        "Call 999 if someone who has cut down or stopped heavy drinking is shaking badly, confused, "
        "seeing or hearing things that are not there, or has a fit: this can be delirium tremens, a "
        "medical emergency.",
    ),
    (
        "alcohol-and-muscles",
        "urgent",
        "Contact your doctor today or call your local urgent care line if you feel very shaky, sweaty, "
        "anxious or confused after cutting down. Call emergency services if someone has a seizure.",
        None,
    ),
    (
        "als",
        "doctor",
        "See your doctor if twitching comes with a muscle that feels weaker, or if you notice "
        "clumsiness, tripping or trouble with fine tasks.",
        "See your GP if you notice clumsiness, tripping or trouble with fine tasks such as buttons.",
    ),
    (
        "als",
        "emergency",
        "Call emergency services if someone is struggling to breathe or is choking.",
        "Call 999 if someone is struggling to breathe, is choking or suddenly cannot swallow.",
    ),
    (
        "als",
        "urgent",
        "Contact your doctor today or call your local urgent care line if weakness is spreading or "
        "getting worse, muscles are getting thinner, or your speech is changing.",
        "Contact your GP today or call 111 if twitching comes with a muscle that feels weaker, if "
        "weakness is spreading or getting worse, if muscles are getting thinner, or if speech or "
        "swallowing is slowly becoming harder.",
    ),
    (
        "muscular-dystrophy",
        "emergency",
        "Call emergency services if someone is struggling to breathe.",
        "Call 999 if someone is struggling to breathe.",
    ),
    (
        "muscular-dystrophy",
        "urgent",
        "Contact your doctor today or call your local urgent care line if weakness is getting worse "
        "quickly or swallowing is becoming difficult.",
        "Contact your doctor today or call 111 if weakness is getting worse quickly or swallowing is "
        "becoming difficult.",
    ),
    (
        "epilepsy",
        "emergency",
        "Call emergency services for a first seizure, a seizure lasting more than five minutes, "
        "repeated seizures without recovery in between, or if the person is injured or has trouble "
        "breathing.",
        "Call 999 for a first seizure, a seizure lasting more than five minutes, repeated seizures "
        "without recovery in between, or if the person is injured or has trouble breathing.",
    ),
    (
        "blood-clot-in-the-leg",
        "emergency",
        "Call emergency services now if you are short of breath, have chest pain or cough up blood, or "
        "if a leg suddenly turns pale or blue, cold and numb.",
        "Call 999 now if you are short of breath, have chest pain or cough up blood, or if a leg "
        "suddenly turns pale or blue, cold and numb.",
    ),
    (
        "blood-clot-in-the-leg",
        "urgent",
        "Contact your doctor today or call your local urgent care line if one leg is swollen, warm, red "
        "or darker, or painful, especially in the calf.",
        "Contact your doctor today or call 111 if one leg is swollen, warm, red or darker, or painful, "
        "especially in the calf.",
    ),
]

# Launch questions that existed before pathways.
EVERY_PATHWAY = ["trouble-breathing", "trouble-swallowing", "seizure"]
ADULTS_ONLY = ["alcohol", "nicotine"]

# (tier key, launch explanation, corrected explanation)
TIERS = [
    (
        "common",
        "Most people feel better with simple self-care; see a GP if it does not settle within a few "
        "weeks.",
        "Most people feel better with simple self-care; see a GP if it does not settle within two "
        "weeks.",
    )
]


def correct(apps, schema_editor):
    for model_name, slug, field, launch, corrected in CORRECTIONS:
        model = apps.get_model("conditions", model_name)
        model.objects.filter(slug=slug, **{field: launch}).update(**{field: corrected})
    Condition = apps.get_model("conditions", "Condition")
    ConditionAdvice = apps.get_model("conditions", "ConditionAdvice")
    for slug, urgency, launch, corrected in ADVICE:
        condition = Condition.objects.filter(slug=slug).first()
        if condition is None:
            continue
        rows = ConditionAdvice.objects.filter(condition=condition, urgency=urgency)
        if launch is None:
            if not rows.exists():
                ConditionAdvice.objects.create(condition=condition, urgency=urgency, text=corrected)
        elif corrected is None:
            rows.filter(text=launch).delete()
        else:
            rows.filter(text=launch).update(text=corrected)
    # Questions that existed before pathways: those asked first on every
    # pathway, and those not put to children.
    Symptom = apps.get_model("conditions", "Symptom")
    Symptom.objects.filter(slug__in=EVERY_PATHWAY).update(on_every_pathway=True)
    Symptom.objects.filter(slug__in=ADULTS_ONLY).update(adults_only=True)
    # The muscular dystrophy page says to call 999 for trouble breathing: the
    # checker now links the two, so the page and the checker agree.
    dystrophy = Condition.objects.filter(slug="muscular-dystrophy").first()
    breathing = Symptom.objects.filter(slug="trouble-breathing").first()
    if dystrophy and breathing:
        ConditionSymptom = apps.get_model("conditions", "ConditionSymptom")
        ConditionSymptom.objects.get_or_create(
            condition=dystrophy, symptom=breathing, defaults={"weight": 2}
        )
    # "A swollen leg with trouble breathing" becomes "… with trouble breathing
    # or chest pain": breathing moves from "all of" to "any of" (the loader
    # adds chest pain beside it).
    UrgentCombination = apps.get_model("conditions", "UrgentCombination")
    rule = UrgentCombination.objects.filter(slug="swollen-leg-and-breathless").first()
    if rule and breathing and {s.slug for s in rule.symptoms.all()} == {
        "leg-swelling",
        "trouble-breathing",
    }:
        rule.symptoms.remove(breathing)
        rule.any_of.add(breathing)
    ConditionTier = apps.get_model("conditions", "ConditionTier")
    for key, launch, corrected in TIERS:
        ConditionTier.objects.filter(key=key, explanation=launch).update(explanation=corrected)


class Migration(migrations.Migration):
    dependencies = [("conditions", "0014_checker_pathways_and_rules")]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
