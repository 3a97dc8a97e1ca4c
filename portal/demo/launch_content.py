"""Launch content for the leg-twitching topic cluster.

Plain data only (dicts, lists, strings, ints and bools): authors, sources, body areas,
checklist symptoms and urgent combinations, conditions, remedy groups, remedies, the
launch article and the site's own pages ("{site_name}" in them is the configured name).
Demo authors are invented people; Markdown bodies are written in plain, calm language for
members of the public.
"""

AUTHORS = [
    {
        "slug": "isla-brennagh",
        "name": "Isla Brennagh",
        "credentials": "BA, MSc Science Communication",
        "role": "Health writer",
        "bio": (
            "Isla Brennagh writes the portal's plain-language guides to symptoms and conditions. "
            "She read English at a university in the north of England, graduating in 2011, and "
            "went on to complete a master's degree in science communication in 2013.\n\n"
            "Before joining the portal she spent eight years writing patient leaflets for a "
            "regional hospital, working side by side with nurses and consultants to turn clinical "
            "detail into clear, practical advice. She is especially interested in readability, "
            "health literacy and how people search for answers when a symptom is worrying them.\n\n"
            "Every page Isla writes is checked by a medical reviewer before it is published. Away "
            "from her desk she volunteers with a local carers' group."
        ),
        "areas_of_interest": [
            "Health literacy",
            "Patient information",
            "Everyday symptoms",
            "Healthy habits",
        ],
        "is_medical_reviewer": False,
        "review_areas": [],
    },
    {
        "slug": "tomas-welling",
        "name": "Tomas Welling",
        "credentials": "BSc (Hons) Physiotherapy, MCSP",
        "role": "Physiotherapist, writer and medical reviewer",
        "bio": (
            "Tomas Welling is a chartered physiotherapist with more than fifteen years of clinical "
            "experience. He qualified from a university school of health sciences in 2009 and "
            "later completed postgraduate training in neurological rehabilitation.\n\n"
            "He works in a community musculoskeletal clinic and runs a weekly exercise class for "
            "people living with long-term pain. His interests include sports and overuse injuries, "
            "cramps, and helping people with conditions such as fibromyalgia stay active at a pace "
            "that suits them.\n\n"
            "Tomas has written exercise sheets and leaflets for his clinic for many years. He "
            "joined the portal in 2024 as a writer and reviewer, and checks pages on movement, "
            "exercise and muscle care."
        ),
        "areas_of_interest": [
            "Overuse and sports injuries",
            "Cramps and muscle pain",
            "Neurological rehabilitation",
            "Exercise for long-term pain",
        ],
        "is_medical_reviewer": True,
        # An invented number on no real register: demo people are invented.
        "registration_number": "HCPC PH-DEMO-01",
        "review_areas": ["musculoskeletal"],
    },
    {
        "slug": "anwen-castellane",
        "name": "Dr Anwen Castellane",
        "credentials": "MBBS, MRCGP",
        "role": "General practitioner and medical reviewer",
        "bio": (
            "Dr Anwen Castellane is a general practitioner with a special interest in neurology. "
            "She qualified in medicine from a university medical school in 2006 and finished her "
            "GP training in 2011, including posts in neurology and in the care of older people.\n\n"
            "She is a partner in a busy town-centre practice, where she often sees people worried "
            "about twitches, cramps, numbness and tiredness. Her interests include the early "
            "recognition of nerve and muscle conditions, epilepsy care in general practice and "
            "safe prescribing.\n\n"
            "Anwen has reviewed patient information for her local health board for several years. "
            "She leads medical review for the portal, checking each page for accuracy, balance and "
            "clear advice on when to seek help."
        ),
        "areas_of_interest": [
            "Nerve and muscle conditions",
            "Epilepsy in general practice",
            "Circulation problems",
            "Safe prescribing",
        ],
        "is_medical_reviewer": True,
        # An invented number on no real register: demo people are invented.
        "registration_number": "GMC DEMO-0002",
        "review_areas": ["general", "neurology", "vascular", "musculoskeletal"],
    },
    {
        "slug": "ifeoma-lindqvist",
        "name": "Dr Ifeoma Lindqvist",
        "credentials": "MBChB, MRCP",
        "role": "Consultant in acute medicine and medical reviewer",
        "bio": (
            "Dr Ifeoma Lindqvist is a hospital consultant in acute medicine. She trained in "
            "medicine from 2004 and has worked in emergency assessment units since 2012, where "
            "she sees people who arrive with sudden leg swelling, weakness or a first seizure.\n\n"
            "Her interests are blood clots, the early signs of serious illness and how clear "
            "advice helps people choose the right service at the right time.\n\n"
            "Ifeoma signs off changes to the portal's pages before they go live, and gives the "
            "medical review of pages on general medicine, urgent care and blood clots. She does "
            "not write pages herself, so no page is ever her own to approve."
        ),
        "areas_of_interest": [
            "Blood clots",
            "Urgent and emergency care",
            "Seizures in adults",
        ],
        "is_medical_reviewer": True,
        # An invented number on no real register: demo people are invented.
        "registration_number": "GMC DEMO-0003",
        "review_areas": ["general", "urgent-care", "vascular"],
    },
]

# The reviewed wording of each condition tier: its badge and what it means.
CONDITION_TIERS = [
    {
        "key": "common",
        "label": "Usually harmless",
        "explanation": "Most people feel better with simple self-care; see a GP if it does "
        "not settle within two weeks.",
    },
    {
        "key": "check",
        "label": "Needs a GP check",
        "explanation": "Not an emergency, but a GP should find out what lies behind it.",
    },
    {
        "key": "serious",
        "label": "Serious: needs a doctor's care",
        "explanation": "A long-term condition that needs a diagnosis and ongoing care from "
        "doctors.",
    },
    {
        "key": "urgent",
        "label": "Can be serious: get help quickly",
        "explanation": "It can become dangerous within hours or days: get medical help the "
        "same day.",
    },
]

SOURCES = [
    {
        "key": "medlineplus-muscle-twitching",
        "title": "Muscle twitching",
        "publisher": "MedlinePlus, US National Library of Medicine",
        "url": "https://medlineplus.gov/ency/article/003296.htm",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-leg-cramps",
        "title": "Leg cramps",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/leg-cramps/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-pad",
        "title": "Peripheral arterial disease (PAD)",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/peripheral-arterial-disease-pad/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-b12",
        "title": "Vitamin B12 or folate deficiency anaemia",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/vitamin-b12-or-folate-deficiency-anaemia/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "medlineplus-alcohol",
        "title": "Alcohol",
        "publisher": "MedlinePlus, US National Library of Medicine",
        "url": "https://medlineplus.gov/alcohol.html",
        "accessed_days_before_review": 3,
    },
    {
        "key": "medlineplus-smoking",
        "title": "Smoking",
        "publisher": "MedlinePlus, US National Library of Medicine",
        "url": "https://medlineplus.gov/smoking.html",
        "accessed_days_before_review": 3,
    },
    {
        "key": "medlineplus-caffeine",
        "title": "Caffeine",
        "publisher": "MedlinePlus, US National Library of Medicine",
        "url": "https://medlineplus.gov/caffeine.html",
        "accessed_days_before_review": 3,
    },
    {
        "key": "ninds-als",
        "title": "Amyotrophic Lateral Sclerosis (ALS)",
        "publisher": "National Institute of Neurological Disorders and Stroke (NINDS)",
        "url": (
            "https://www.ninds.nih.gov/health-information/disorders/"
            "amyotrophic-lateral-sclerosis-als"
        ),
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-mnd",
        "title": "Motor neurone disease",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/motor-neurone-disease/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-muscular-dystrophy",
        "title": "Muscular dystrophy",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/muscular-dystrophy/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "medlineplus-muscular-dystrophy",
        "title": "Muscular Dystrophy",
        "publisher": "MedlinePlus, US National Library of Medicine",
        "url": "https://medlineplus.gov/musculardystrophy.html",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-fibromyalgia",
        "title": "Fibromyalgia",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/fibromyalgia/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-epilepsy",
        "title": "Epilepsy",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/epilepsy/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-dvt",
        "title": "Deep vein thrombosis (DVT)",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/",
        "accessed_days_before_review": 3,
    },
    # The checker's rules follow these (conditions/clinical_safety/).
    {
        "key": "nhs-when-to-call-999",
        "title": "When to call 999",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-call-999/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-stroke",
        "title": "Stroke: symptoms",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/stroke/symptoms/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-cauda-equina",
        "title": "Cauda equina syndrome",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/cauda-equina-syndrome/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-meningitis",
        "title": "Meningitis",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/meningitis/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-heatstroke",
        "title": "Heat exhaustion and heatstroke",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/heat-exhaustion-heatstroke/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nice-cg100",
        "title": "Alcohol-use disorders: diagnosis and management of physical complications "
        "(CG100)",
        "publisher": "National Institute for Health and Care Excellence (NICE)",
        "url": "https://www.nice.org.uk/guidance/cg100",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nice-ng158",
        "title": "Venous thromboembolic diseases: diagnosis, management and thrombophilia testing "
        "(NG158)",
        "publisher": "National Institute for Health and Care Excellence (NICE)",
        "url": "https://www.nice.org.uk/guidance/ng158",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nice-ng127",
        "title": "Suspected neurological conditions: recognition and referral (NG127)",
        "publisher": "National Institute for Health and Care Excellence (NICE)",
        "url": "https://www.nice.org.uk/guidance/ng127",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nice-ng234",
        "title": "Spinal metastases and metastatic spinal cord compression (NG234)",
        "publisher": "National Institute for Health and Care Excellence (NICE)",
        "url": "https://www.nice.org.uk/guidance/ng234",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nice-ng19",
        "title": "Diabetic foot problems: prevention and management (NG19)",
        "publisher": "National Institute for Health and Care Excellence (NICE)",
        "url": "https://www.nice.org.uk/guidance/ng19",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-guillain-barre",
        "title": "Guillain-Barré syndrome",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/guillain-barre-syndrome/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-myasthenia-gravis",
        "title": "Myasthenia gravis",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/myasthenia-gravis/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-compartment-syndrome",
        "title": "Compartment syndrome",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/compartment-syndrome/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-statin-side-effects",
        "title": "Side effects of statins",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/medicines/statins/side-effects-of-statins/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "medlineplus-rhabdomyolysis",
        "title": "Rhabdomyolysis",
        "publisher": "MedlinePlus, US National Library of Medicine",
        "url": "https://medlineplus.gov/ency/article/000473.htm",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-pins-and-needles",
        "title": "Pins and needles",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/pins-and-needles/",
        "accessed_days_before_review": 3,
    },
    {
        "key": "nhs-twitching",
        "title": "Twitching eyes and muscles",
        "publisher": "NHS",
        "url": "https://www.nhs.uk/conditions/twitching-eyes-and-muscles/",
        "accessed_days_before_review": 3,
    },
]

BODY_AREAS = [
    {
        "slug": "legs-and-feet",
        "name": "Legs and feet",
        "order": 1,
        "description": "Twitches, cramps and pain in the thighs, calves, ankles and feet.",
    },
    {
        "slug": "muscles-and-strength",
        "name": "Muscles and strength",
        "order": 2,
        "description": "How strong your muscles feel and whether they look different.",
    },
    {
        "slug": "skin-and-circulation",
        "name": "Skin and circulation",
        "order": 3,
        "description": "Changes in the colour, size or skin of a leg or foot.",
    },
    {
        "slug": "breathing-swallowing-and-speech",
        "name": "Breathing, swallowing and speech",
        "order": 4,
        "description": "Changes in how you breathe, swallow, speak or control saliva.",
    },
    {
        "slug": "whole-body-and-sleep",
        "name": "Whole body and sleep",
        "order": 5,
        "description": "Pain, tiredness and sleep problems that affect you generally.",
    },
    {
        "slug": "nervous-system",
        "name": "Nervous system",
        "order": 6,
        "description": "Feeling, jerks, blank spells and other signs linked to the nerves.",
    },
    {
        "slug": "about-you",
        "name": "About you and recent days",
        "order": 7,
        "description": "A little background that helps us suggest likely everyday causes.",
    },
]

SYMPTOMS = [
    {
        "slug": "leg-twitching",
        "name": "Twitching in a leg muscle",
        "kind": "sign",
        "body_area": "legs-and-feet",
        "description": (
            "A small flicker or ripple under the skin of your thigh, calf or foot that you did not "
            "make happen."
        ),
        "urgency": "self-care",
        "advice": (
            "Most leg twitches are harmless and settle by themselves: rest, drink water and ease "
            "off caffeine. See a doctor if it lasts more than two weeks or other symptoms appear."
        ),
        "order": 1,
    },
    {
        "slug": "twitching-after-exercise",
        "name": "Twitching after exercise",
        "kind": "sign",
        "body_area": "legs-and-feet",
        "description": (
            "Flickering in muscles you have worked hard, often starting in the hours after a run, "
            "a match or a long walk."
        ),
        "urgency": "self-care",
        "advice": (
            "Give the muscles a day or two of rest, drink fluids and stretch gently. This usually "
            "fades as the muscles recover."
        ),
        "order": 2,
    },
    {
        "slug": "cramps",
        "name": "Cramps in the leg or foot",
        "kind": "sign",
        "body_area": "legs-and-feet",
        "description": (
            "A sudden, hard and painful tightening of a muscle that lasts from a few seconds to "
            "several minutes."
        ),
        "urgency": "self-care",
        "advice": (
            "Stretch and rub the muscle gently until the cramp lets go. If cramps are frequent, "
            "very painful or wake you night after night, see a doctor."
        ),
        "order": 3,
    },
    {
        "slug": "severe-leg-pain",
        "name": "Severe pain in the leg",
        "kind": "sign",
        "body_area": "legs-and-feet",
        "description": (
            "Strong pain in the leg or foot that came on suddenly or stops you doing your usual "
            "things."
        ),
        "urgency": "urgent",
        "advice": (
            "Contact your GP today or call 111. If the leg is also cold, pale, blue or numb, call "
            "999: the blood supply may be blocked."
        ),
        "order": 4,
        "source": "nhs-pad",
    },
    {
        "slug": "pain-when-walking",
        "name": "Leg pain when walking that eases with rest",
        "kind": "sign",
        "body_area": "legs-and-feet",
        "description": (
            "An ache or cramp in the calf, thigh or buttock that builds as you walk and fades "
            "after a few minutes standing still."
        ),
        "urgency": "doctor",
        "advice": (
            "Book an appointment with your doctor, who can check the blood flow to your legs."
        ),
        "order": 5,
    },
    {
        "slug": "calf-pain-when-squeezed",
        "name": "Calf pain when pressed or squeezed",
        "kind": "sign",
        "body_area": "legs-and-feet",
        "description": (
            "Soreness deep in the calf that hurts more when you press on it, often with an ache or "
            "throbbing."
        ),
        "urgency": "urgent",
        "advice": (
            "Contact your GP today or call 111: a tender calf can be a blood clot. Do not rub or "
            "massage it until it has been checked."
        ),
        "order": 6,
        "source": "nhs-dvt",
    },
    {
        "slug": "difficulty-walking",
        "name": "Difficulty walking",
        "kind": "sign",
        "body_area": "legs-and-feet",
        "description": (
            "Tripping, a foot that catches or slaps down, unsteadiness, or trouble with stairs or "
            "getting up from a chair."
        ),
        "urgency": "doctor",
        "advice": (
            "Make an appointment with your doctor. If it started suddenly, get help the same day."
        ),
        "order": 7,
    },
    {
        "slug": "muscle-weakness",
        "name": "Weakness in a muscle",
        "kind": "sign",
        "body_area": "muscles-and-strength",
        "description": (
            "A muscle is less strong than it used to be, such as struggling to rise onto tiptoe, "
            "grip a jar or lift a bag."
        ),
        "urgency": "doctor",
        "advice": (
            "See your doctor. Weakness that comes with twitching is worth having checked soon."
        ),
        "order": 1,
    },
    {
        "slug": "worsening-weakness",
        "name": "Weakness getting worse",
        "kind": "sign",
        "body_area": "muscles-and-strength",
        "description": (
            "Weakness that spreads to other muscles or becomes more noticeable over weeks or "
            "months."
        ),
        "urgency": "urgent",
        "advice": (
            "Contact your GP today or call 111. Ask for a prompt assessment and describe how it "
            "has changed."
        ),
        "order": 2,
        "source": "nice-ng127",
    },
    {
        "slug": "muscle-wasting",
        "name": "Muscles getting thinner",
        "kind": "sign",
        "body_area": "muscles-and-strength",
        "description": (
            "A muscle looks smaller or flatter than before, or one limb looks thinner than the "
            "other, without you trying to lose weight."
        ),
        "urgency": "urgent",
        "advice": ("Contact your GP today or call 111. Mention when you first noticed the change."),
        "order": 3,
        "source": "nhs-mnd",
    },
    {
        "slug": "tender-points",
        "name": "Tender spots in the muscles",
        "kind": "sign",
        "body_area": "muscles-and-strength",
        "description": (
            "Small areas, for example around the neck, shoulders, back or hips, that hurt when "
            "pressed."
        ),
        "urgency": "doctor",
        "advice": (
            "See your doctor if tender spots come with pain in many places or have lasted for "
            "weeks."
        ),
        "order": 4,
    },
    {
        "slug": "skin-colour-change",
        "name": "Change in the colour of the leg",
        "kind": "sign",
        "body_area": "skin-and-circulation",
        "description": (
            "Part of a leg or foot looks unusually pale, bluish, red or darker than the other side."
        ),
        "urgency": "urgent",
        "advice": (
            "Contact your GP today or call 111. If the leg is also cold, numb or very painful, "
            "call 999."
        ),
        "order": 1,
        "source": "nhs-pad",
    },
    {
        "slug": "leg-swelling",
        "name": "Swelling in one leg",
        "kind": "sign",
        "body_area": "skin-and-circulation",
        "description": (
            "One calf, ankle or leg is puffier than the other, sometimes warm or aching."
        ),
        "urgency": "urgent",
        "advice": (
            "Contact your GP today or call 111: one swollen leg can be a blood clot. Call 999 if "
            "you are also short of breath or have chest pain."
        ),
        "order": 2,
        "source": "nhs-dvt",
    },
    {
        "slug": "slow-healing-sores",
        "name": "Sores on the feet or legs that heal slowly",
        "kind": "sign",
        "body_area": "skin-and-circulation",
        "description": (
            "Cuts, blisters or sores on the toes, feet or lower legs that are still open after a "
            "couple of weeks."
        ),
        "urgency": "doctor",
        "advice": "See your doctor, and keep the area clean and lightly covered in the meantime.",
        "order": 3,
    },
    {
        "slug": "trouble-breathing",
        "name": "Struggling to breathe",
        "kind": "sign",
        "body_area": "breathing-swallowing-and-speech",
        "description": "Struggling for breath, or breathing that is weak or shallow.",
        "urgency": "emergency",
        "advice": "Call 999 now. Sit upright and loosen tight clothing while you wait.",
        "order": 1,
        "every_pathway": True,
        "source": "nhs-when-to-call-999",
    },
    {
        "slug": "trouble-swallowing",
        "name": "Choking, or can't swallow at all",
        "kind": "sign",
        "body_area": "breathing-swallowing-and-speech",
        "description": "Food or drink blocks the throat, or swallowing stopped at once.",
        "urgency": "emergency",
        "advice": (
            "Call 999 now: choking, or suddenly being unable to swallow, can block the airway."
        ),
        "order": 2,
        "every_pathway": True,
        "source": "nhs-when-to-call-999",
    },
    {
        "slug": "slurred-speech",
        "name": "Speech getting slurred",
        "kind": "sign",
        "body_area": "breathing-swallowing-and-speech",
        "description": "Over days or weeks, words come out blurred, slow or nasal.",
        "urgency": "urgent",
        "advice": (
            "Contact your GP today or call 111. If the change was sudden, call 999 now: it may be "
            "a stroke."
        ),
        "order": 3,
        "source": "nhs-mnd",
    },
    {
        "slug": "drooling",
        "name": "Drooling",
        "kind": "sign",
        "body_area": "breathing-swallowing-and-speech",
        "description": (
            "Saliva escapes from your mouth more than usual or is hard to keep control of."
        ),
        "urgency": "doctor",
        "advice": (
            "Mention it to your doctor, especially if your speech, swallowing or strength has "
            "changed too."
        ),
        "order": 4,
    },
    {
        "slug": "twitching-at-night",
        "name": "Twitching or cramps that disturb sleep",
        "kind": "sign",
        "body_area": "whole-body-and-sleep",
        "description": (
            "Twitches or cramps keep you awake or wake you up, or you wake feeling unrefreshed."
        ),
        "urgency": "self-care",
        "advice": (
            "Try a gentle stretch before bed and avoid caffeine and alcohol in the evening. See a "
            "doctor if your sleep stays poor for several weeks."
        ),
        "order": 1,
    },
    {
        "slug": "severe-tiredness",
        "name": "Severe tiredness",
        "kind": "sign",
        "body_area": "whole-body-and-sleep",
        "description": (
            "Exhaustion that does not lift after rest and gets in the way of daily life."
        ),
        "urgency": "doctor",
        "advice": (
            "See your doctor, who can look for common, treatable causes such as low iron, thyroid "
            "problems or poor sleep."
        ),
        "order": 2,
    },
    {
        "slug": "widespread-pain",
        "name": "Pain in many parts of the body",
        "kind": "sign",
        "body_area": "whole-body-and-sleep",
        "description": (
            "Aching, soreness or burning in many areas of the body that has gone on for weeks or "
            "months."
        ),
        "urgency": "doctor",
        "advice": (
            "Book a routine appointment with your doctor to talk about the pain and how it affects "
            "your life."
        ),
        "order": 3,
    },
    {
        "slug": "numbness-or-tingling",
        "name": "Numbness or tingling",
        "kind": "sign",
        "body_area": "nervous-system",
        "description": (
            "Pins and needles, prickling, burning or loss of feeling in the feet, legs or "
            "elsewhere."
        ),
        "urgency": "doctor",
        "advice": (
            "See your GP. If numbness came on suddenly or affects one side of the face or body, "
            "call 999."
        ),
        "order": 1,
    },
    {
        "slug": "seizure",
        "name": "A fit (seizure)",
        "kind": "sign",
        "body_area": "nervous-system",
        "description": "Shaking or jerking that the person cannot stop, often with blackout.",
        "urgency": "emergency",
        "advice": (
            "Call 999 now. Stay with the person, cushion their head, put nothing in their mouth "
            "and note how long the fit lasts."
        ),
        "order": 2,
        "every_pathway": True,
        "source": "nhs-epilepsy",
    },
    {
        "slug": "drooping-eyelids",
        "name": "Drooping eyelids",
        "kind": "sign",
        "body_area": "nervous-system",
        "description": (
            "One or both upper eyelids hang lower than usual, sometimes more so later in the day."
        ),
        "urgency": "doctor",
        "advice": (
            "See your doctor. If the drooping came on suddenly, or with double vision, a weak face "
            "or trouble speaking, get urgent help."
        ),
        "order": 3,
    },
    {
        "slug": "sudden-jerks",
        "name": "Sudden jerks of an arm or leg",
        "kind": "sign",
        "body_area": "nervous-system",
        "description": (
            "A quick, shock-like jerk of a limb while you are awake, unlike the harmless start "
            "many people feel as they drift off to sleep."
        ),
        "urgency": "doctor",
        "advice": (
            "See your doctor and note when the jerks happen; a short video taken by someone close "
            "to you can help."
        ),
        "order": 4,
    },
    {
        "slug": "blank-spells",
        "name": "Blank spells",
        "kind": "sign",
        "body_area": "nervous-system",
        "description": (
            "Brief moments of staring or losing track of what is happening, which others may "
            "notice before you do."
        ),
        "urgency": "doctor",
        "advice": (
            "See your doctor and describe the spells. Avoid driving or swimming alone until you "
            "have been checked."
        ),
        "order": 5,
    },
    {
        "slug": "recent-hard-exercise",
        "name": "I have exercised hard or been on my feet a lot lately",
        "kind": "context",
        "body_area": "about-you",
        "description": (
            "For example a long run, a new workout, a day of hiking or a long shift standing."
        ),
        "urgency": "self-care",
        "advice": (
            "Hard use is one of the most common reasons for twitchy legs; rest and fluids usually "
            "help."
        ),
        "order": 1,
    },
    {
        "slug": "lots-of-caffeine",
        "name": "I have a lot of caffeine",
        "kind": "context",
        "body_area": "about-you",
        "description": (
            "Several cups of coffee or strong tea, cola, energy drinks or pre-workout products a "
            "day, or more than usual lately."
        ),
        "urgency": "self-care",
        "advice": "Cutting back gradually over a week or two often calms twitching.",
        "order": 2,
    },
    {
        "slug": "alcohol",
        "name": "I drink alcohol most days or have drunk heavily recently",
        "kind": "context",
        "body_area": "about-you",
        "description": "Regular drinking, or a recent session that was heavier than usual.",
        "urgency": "self-care",
        "advice": (
            "Alcohol-free days help muscles recover. If you drink heavily every day, talk to a "
            "doctor before stopping."
        ),
        "order": 3,
        "adults_only": True,
    },
    {
        "slug": "nicotine",
        "name": "I smoke, vape or use other nicotine products",
        "kind": "context",
        "body_area": "about-you",
        "description": "Cigarettes, e-cigarettes, nicotine pouches, chewing tobacco or similar.",
        "adults_only": True,
        "urgency": "self-care",
        "advice": (
            "Nicotine can make muscles twitchy. A pharmacist or stop-smoking service can help you "
            "cut down."
        ),
        "order": 4,
    },
    {
        "slug": "lasted-over-two-weeks",
        "name": "My symptoms have lasted more than two weeks",
        "kind": "context",
        "body_area": "about-you",
        "description": (
            "The twitching or other symptoms have been around, on and off, for over two weeks."
        ),
        "urgency": "self-care",
        "advice": "Twitching that carries on beyond two weeks is worth mentioning to a doctor.",
        "order": 5,
    },
    {
        "slug": "getting-worse",
        "name": "My symptoms are getting worse",
        "kind": "context",
        "body_area": "about-you",
        "description": "They are becoming stronger, more frequent or spreading to new places.",
        "urgency": "self-care",
        "advice": "Jot down what has changed and when; it helps a doctor if you need to see one.",
        "order": 6,
    },
    # Asked on every pathway, first: the life-threatening questions.
    {
        "slug": "chest-pain",
        "name": "Chest pain or tightness",
        "kind": "sign",
        "body_area": "breathing-swallowing-and-speech",
        "description": "Pressure, heaviness or pain in the chest.",
        "urgency": "emergency",
        "advice": (
            "Call 999 now: chest pain can be a heart attack, or a clot that has reached the lungs."
        ),
        "order": 5,
        "every_pathway": True,
        "source": "nhs-when-to-call-999",
    },
    {
        "slug": "collapse",
        "name": "Fainted or collapsed",
        "kind": "sign",
        "body_area": "whole-body-and-sleep",
        "description": "",
        "urgency": "emergency",
        "advice": (
            "Call 999 now for someone who has collapsed, is not responding normally or cannot be "
            "woken."
        ),
        "order": 4,
        "every_pathway": True,
        "source": "nhs-when-to-call-999",
    },
    {
        "slug": "stroke-signs",
        "name": "Sudden weakness or numbness, face droop or slurred speech",
        "kind": "sign",
        "body_area": "nervous-system",
        "description": "Call even if it has passed.",
        "urgency": "emergency",
        "advice": (
            "Call 999 now: a face that droops, an arm or leg that suddenly will not work, or "
            "speech that suddenly slurs are the signs of a stroke, and every minute counts."
        ),
        "order": 6,
        "every_pathway": True,
        "source": "nhs-stroke",
    },
    {
        "slug": "saddle-numbness",
        "name": "Numb between the legs, or can't control pee or poo",
        "kind": "sign",
        "body_area": "nervous-system",
        "description": "",
        "urgency": "emergency",
        "advice": (
            "Call 999 or go to A&E now: numbness between the legs or new trouble with the bladder "
            "or bowels can mean the nerves at the base of the spine are squeezed (cauda equina "
            "syndrome), which needs surgery within hours."
        ),
        "order": 7,
        "every_pathway": True,
        "source": "nhs-cauda-equina",
    },
    {
        "slug": "rash-that-does-not-fade",
        "name": "Fever and a rash that doesn't fade when pressed",
        "kind": "sign",
        "body_area": "whole-body-and-sleep",
        "description": "",
        "urgency": "emergency",
        "advice": (
            "Call 999 now: a rash that stays when a glass is pressed on it, with a fever, can be "
            "meningitis or sepsis."
        ),
        "order": 5,
        "every_pathway": True,
        "source": "nhs-meningitis",
    },
    {
        "slug": "sudden-confusion",
        "name": "Suddenly confused",
        "kind": "sign",
        "body_area": "nervous-system",
        "description": "",
        "urgency": "emergency",
        "advice": (
            "Call 999 now: sudden confusion can come from a serious illness such as sepsis, a "
            "stroke or stopping heavy drinking."
        ),
        "order": 0,
        "every_pathway": True,
        "source": "nhs-when-to-call-999",
    },
    # Pathway red flags, asked on the pathway's second screen.
    {
        "slug": "cold-pale-leg",
        "name": "A leg or foot suddenly cold, pale or blue",
        "kind": "sign",
        "body_area": "skin-and-circulation",
        "description": "Often very painful, numb or weak.",
        "urgency": "emergency",
        "advice": (
            "Call 999 now: a leg that suddenly turns cold, pale or blue may have lost its blood "
            "supply, and it needs treatment within hours."
        ),
        "order": 0,
        "source": "nhs-pad",
    },
    {
        "slug": "confused-after-alcohol",
        "name": "Confused, shaking or seeing things after stopping alcohol",
        "kind": "sign",
        "body_area": "nervous-system",
        "description": "",
        "urgency": "emergency",
        "advice": (
            "Call 999 now: confusion, hallucinations or severe shaking after stopping heavy "
            "drinking can be delirium tremens, a medical emergency."
        ),
        "order": 6,
        "source": "nice-cg100",
    },
    {
        "slug": "overheated",
        "name": "Overheated and confused, or not sweating",
        "kind": "sign",
        "body_area": "whole-body-and-sleep",
        "description": "",
        "urgency": "emergency",
        "advice": (
            "Call 999 now: this can be heatstroke. Move to somewhere cool, and sponge or spray "
            "the skin with cool water while you wait."
        ),
        "order": 6,
        "source": "nhs-heatstroke",
    },
    {
        "slug": "swallowing-getting-harder",
        "name": "Swallowing getting harder",
        "kind": "sign",
        "body_area": "breathing-swallowing-and-speech",
        "description": "Coughing when you eat or drink, or food sticking.",
        "urgency": "urgent",
        "advice": (
            "Contact your GP today or call 111, and ask for a prompt assessment of your swallowing."
        ),
        "order": 2,
        "source": "nhs-mnd",
    },
    {
        "slug": "sudden-onset",
        "name": "It started suddenly, within minutes or hours",
        "kind": "context",
        "body_area": "about-you",
        "description": "",
        "urgency": "self-care",
        "advice": "How fast something started helps tell what it is.",
        "order": 0,
        "red_flag": True,
    },
    {
        "slug": "one-side",
        "name": "It is on one side of the body only",
        "kind": "context",
        "body_area": "about-you",
        "description": "",
        "urgency": "self-care",
        "advice": "Weakness or numbness on one side needs checking promptly.",
        "order": 0,
        "red_flag": True,
    },
    {
        "slug": "after-infection",
        "name": "Began within 6 weeks of an infection",
        "kind": "context",
        "body_area": "about-you",
        "description": "",
        "urgency": "self-care",
        "advice": "Weakness that follows an infection needs a prompt assessment.",
        "order": 0,
        "red_flag": True,
    },
    {
        "slug": "injury-or-cast",
        "name": "Injured leg, or leg in a plaster cast",
        "kind": "context",
        "body_area": "about-you",
        "description": "",
        "urgency": "self-care",
        "advice": "Pain that keeps growing after an injury, or in a cast, must be checked.",
        "order": 0,
        "red_flag": True,
    },
    {
        "slug": "dark-urine",
        "name": "Dark brown or cola-coloured pee",
        "kind": "sign",
        "body_area": "whole-body-and-sleep",
        "description": "",
        "urgency": "doctor",
        "advice": "See your GP, and drink water. With muscle pain or weakness, get help today.",
        "order": 7,
    },
    {
        "slug": "back-pain",
        "name": "Back pain",
        "kind": "sign",
        "body_area": "whole-body-and-sleep",
        "description": "",
        "urgency": "self-care",
        "advice": "Most back pain eases within weeks; keep gently active.",
        "order": 8,
    },
    {
        "slug": "statin",
        "name": "I take a statin for cholesterol",
        "kind": "context",
        "body_area": "about-you",
        "description": "",
        "urgency": "self-care",
        "advice": "Statins can rarely cause muscle problems: do not stop them without advice.",
        "order": 7,
        "adults_only": True,
    },
    {
        "slug": "long-journey",
        "name": "A journey of over 3 hours in the last 4 weeks",
        "kind": "context",
        "body_area": "about-you",
        "description": "By plane, car, coach or train.",
        "urgency": "self-care",
        "advice": "Long journeys make blood clots in the legs more likely.",
        "order": 8,
    },
    {
        "slug": "recent-surgery",
        "name": "An operation or hospital stay in the last 3 months",
        "kind": "context",
        "body_area": "about-you",
        "description": "",
        "urgency": "self-care",
        "advice": "Surgery and time in hospital make blood clots more likely.",
        "order": 9,
    },
    {
        "slug": "hormones-or-pregnancy",
        "name": "Pregnant, a baby in the last 6 weeks, or on the pill or HRT",
        "kind": "context",
        "body_area": "about-you",
        "description": "",
        "urgency": "self-care",
        "advice": "Pregnancy and hormone medicines make blood clots more likely.",
        "order": 10,
    },
    {
        "slug": "known-cancer",
        "name": "I have cancer, or have had it",
        "kind": "context",
        "body_area": "about-you",
        "description": "",
        "urgency": "self-care",
        "advice": "Tell whoever you see: cancer changes which causes a doctor looks for first.",
        "order": 11,
    },
    {
        "slug": "diabetes",
        "name": "I have diabetes",
        "kind": "context",
        "body_area": "about-you",
        "description": "",
        "urgency": "self-care",
        "advice": "With diabetes, feet need daily checks: sores heal slowly and can get infected.",
        "order": 12,
    },
]

# The checker's rules: the answers that together call for a disposition, the
# reason a visitor reads, the guidance each follows and the page whose "when
# to get help" says the same. conditions/clinical_safety/ is their safety case.
URGENT_COMBINATIONS = [
    {
        "slug": "twitching-with-weakness",
        "name": "Twitching together with weakness",
        "symptoms": ["leg-twitching", "muscle-weakness"],
        "urgency": "urgent",
        "advice": (
            "Twitching with a muscle that feels weaker should be checked soon. Contact your GP "
            "today or call 111."
        ),
        "source": "nice-ng127",
        "condition": "als",
    },
    {
        "slug": "twitching-with-numbness",
        "name": "Twitching together with numbness or tingling",
        "symptoms": ["leg-twitching", "numbness-or-tingling"],
        "urgency": "urgent",
        "advice": (
            "Twitching with numbness or pins and needles is worth a prompt check. Contact your GP "
            "today or call 111."
        ),
        "source": "nhs-pins-and-needles",
    },
    {
        "slug": "twitching-with-colour-change",
        "name": "Twitching together with a change in skin colour",
        "symptoms": ["leg-twitching", "skin-colour-change"],
        "urgency": "urgent",
        "advice": (
            "Contact your GP today or call 111. If the leg is cold, numb or very painful, call 999 "
            "now."
        ),
        "source": "nhs-pad",
        "condition": "poor-circulation",
    },
    {
        "slug": "twitching-with-severe-pain",
        "name": "Twitching together with severe pain",
        "symptoms": ["leg-twitching", "severe-leg-pain"],
        "urgency": "urgent",
        "advice": (
            "Contact your GP today or call 111. If the pain is sudden and the leg looks pale or "
            "blue, call 999 now."
        ),
        "source": "nhs-pad",
    },
    {
        "slug": "weakness-getting-worse",
        "name": "Weakness that is getting worse",
        "symptoms": ["getting-worse", "muscle-weakness"],
        "urgency": "urgent",
        "advice": (
            "Weakness that keeps increasing needs a prompt assessment. Contact your GP today or "
            "call 111."
        ),
        "source": "nice-ng127",
        "condition": "als",
    },
    {
        "slug": "swollen-leg-with-tender-calf",
        "name": "A swollen leg with a tender calf",
        "symptoms": ["leg-swelling", "calf-pain-when-squeezed"],
        "urgency": "urgent",
        "advice": (
            "These signs together could be a blood clot in a leg vein (DVT), which needs checking "
            "today. Contact your GP now or call 111, and do not rub or massage the leg. Call 999 "
            "if you become short of breath or have chest pain."
        ),
        "source": "nhs-dvt",
        "condition": "blood-clot-in-the-leg",
    },
    {
        "slug": "clot-risk-with-swollen-leg",
        "name": "A swollen leg with a raised risk of clots",
        "symptoms": ["leg-swelling"],
        "any": ["long-journey", "recent-surgery", "hormones-or-pregnancy", "known-cancer"],
        "urgency": "urgent",
        "advice": (
            "A long journey, recent surgery, pregnancy or hormone medicines, or cancer make a "
            "blood clot more likely. Contact your GP today or call 111."
        ),
        "source": "nice-ng158",
        "condition": "blood-clot-in-the-leg",
    },
    {
        "slug": "clot-risk-with-tender-calf",
        "name": "A tender calf with a raised risk of clots",
        "symptoms": ["calf-pain-when-squeezed"],
        "any": ["long-journey", "recent-surgery", "hormones-or-pregnancy", "known-cancer"],
        "urgency": "urgent",
        "advice": (
            "A tender calf after a long journey or surgery, in pregnancy, on hormone medicines "
            "or with cancer could be a blood clot. Contact your GP today or call 111."
        ),
        "source": "nice-ng158",
        "condition": "blood-clot-in-the-leg",
    },
    {
        "slug": "swollen-leg-and-breathless",
        "name": "A swollen leg with trouble breathing or chest pain",
        "symptoms": ["leg-swelling"],
        "any": ["trouble-breathing", "chest-pain"],
        "urgency": "emergency",
        "advice": (
            "Breathlessness or chest pain with a swollen leg can mean a clot has reached the "
            "lungs. Call 999 now."
        ),
        "source": "nhs-dvt",
        "condition": "blood-clot-in-the-leg",
    },
    {
        "slug": "leg-losing-blood-supply",
        "name": "Severe leg pain and a colour change with numbness",
        "symptoms": ["severe-leg-pain", "skin-colour-change"],
        "any": ["numbness-or-tingling", "cold-pale-leg"],
        "urgency": "emergency",
        "advice": (
            "Severe pain with a leg that changes colour and goes numb can mean its blood supply "
            "is blocked (acute limb ischaemia). Call 999 now."
        ),
        "source": "nhs-pad",
        "condition": "poor-circulation",
    },
    {
        "slug": "stroke-from-several-answers",
        "name": "Slurred speech with weakness and numbness",
        "symptoms": ["slurred-speech", "muscle-weakness", "numbness-or-tingling"],
        "urgency": "emergency",
        "advice": (
            "Speech changes with weakness and numbness can be a stroke. Call 999 now, even if "
            "they seem to be passing."
        ),
        "source": "nhs-stroke",
    },
    {
        "slug": "sudden-weakness-or-numbness",
        "name": "Weakness, numbness or speech change that started suddenly",
        "symptoms": ["sudden-onset"],
        "any": [
            "muscle-weakness",
            "worsening-weakness",
            "numbness-or-tingling",
            "slurred-speech",
            "difficulty-walking",
        ],
        "urgency": "emergency",
        "advice": (
            "Weakness, numbness, trouble walking or slurred speech that came on suddenly can be "
            "a stroke. Call 999 now."
        ),
        "source": "nhs-stroke",
    },
    {
        "slug": "one-sided-weakness-or-numbness",
        "name": "Weakness or numbness on one side",
        "symptoms": ["one-side"],
        "any": [
            "muscle-weakness",
            "numbness-or-tingling",
            "worsening-weakness",
            "difficulty-walking",
        ],
        "urgency": "urgent",
        "advice": (
            "Weakness or numbness on one side of the body needs checking today: contact your GP "
            "or call 111. If it came on suddenly, call 999."
        ),
        "source": "nice-ng127",
    },
    {
        "slug": "new-weakness-with-numbness",
        "name": "New weakness with numbness",
        "symptoms": ["muscle-weakness", "numbness-or-tingling"],
        "urgency": "urgent",
        "advice": (
            "Weakness together with numbness is a change in how the nerves work and needs "
            "checking today. Contact your GP or call 111."
        ),
        "source": "nice-ng127",
    },
    {
        "slug": "walking-harder-at-65-or-over",
        "name": "Walking getting harder with weakness or numbness, at 65 or over",
        "symptoms": ["difficulty-walking"],
        "any": ["muscle-weakness", "numbness-or-tingling", "worsening-weakness"],
        "ages": ["65-plus"],
        "urgency": "urgent",
        "advice": (
            "Later in life, new trouble walking with weakness or numbness needs checking today, "
            "before a fall. Contact your GP or call 111."
        ),
        "source": "nice-ng127",
    },
    {
        "slug": "weakness-after-infection",
        "name": "Weakness or numbness after an infection",
        "symptoms": ["after-infection"],
        "any": ["muscle-weakness", "numbness-or-tingling", "difficulty-walking"],
        "urgency": "urgent",
        "advice": (
            "Weakness or tingling that spreads in the weeks after an infection can be "
            "Guillain-Barré syndrome. Contact your GP today or call 111; call 999 if breathing or "
            "swallowing becomes hard."
        ),
        "source": "nhs-guillain-barre",
    },
    {
        "slug": "weakness-with-breathing-trouble",
        "name": "Weakness with trouble breathing or swallowing",
        "symptoms": ["muscle-weakness"],
        "any": ["trouble-breathing", "trouble-swallowing"],
        "urgency": "emergency",
        "advice": (
            "Weak muscles with trouble breathing or swallowing can mean the breathing muscles "
            "are failing (as in a myasthenic crisis). Call 999 now."
        ),
        "source": "nhs-myasthenia-gravis",
        "condition": "als",
    },
    {
        "slug": "back-pain-with-cancer",
        "name": "Back pain in someone who has had cancer",
        "symptoms": ["known-cancer", "back-pain"],
        "urgency": "urgent",
        "advice": (
            "New back pain after cancer can mean it has spread to the spine. Contact your GP or "
            "cancer team today, or call 111."
        ),
        "source": "nice-ng234",
    },
    {
        "slug": "back-pain-with-cancer-and-nerve-signs",
        "name": "Back pain after cancer, with weakness, numbness or trouble walking",
        "symptoms": ["known-cancer", "back-pain"],
        "any": ["muscle-weakness", "numbness-or-tingling", "difficulty-walking"],
        "urgency": "emergency",
        "advice": (
            "With cancer, back pain together with weakness, numbness or trouble walking can mean "
            "the spinal cord is being squeezed. Call 999 or go to A&E now."
        ),
        "source": "nice-ng234",
    },
    {
        "slug": "dark-urine-with-muscle-symptoms",
        "name": "Dark pee with muscle pain or weakness",
        "symptoms": ["dark-urine"],
        "any": ["cramps", "muscle-weakness", "severe-leg-pain", "twitching-after-exercise"],
        "urgency": "urgent",
        "advice": (
            "Dark pee with painful or weak muscles can mean muscle is breaking down "
            "(rhabdomyolysis), which can harm the kidneys. Get medical help today: call 111 or "
            "your GP."
        ),
        "source": "medlineplus-rhabdomyolysis",
    },
    {
        "slug": "statin-with-muscle-symptoms",
        "name": "Muscle pain or weakness while taking a statin",
        "symptoms": ["statin"],
        "any": ["cramps", "muscle-weakness", "severe-leg-pain", "widespread-pain"],
        "urgency": "urgent",
        "advice": (
            "Unexplained muscle pain or weakness on a statin needs a doctor's advice today: "
            "contact your GP or call 111. Do not simply stop the statin."
        ),
        "source": "nhs-statin-side-effects",
    },
    {
        "slug": "pain-after-injury-or-in-cast",
        "name": "Severe pain after an injury or in a plaster cast",
        "symptoms": ["injury-or-cast", "severe-leg-pain"],
        "urgency": "emergency",
        "advice": (
            "Pain that keeps growing after an injury, or in a cast, can mean pressure is building "
            "in the muscles (compartment syndrome). Go to A&E or call 999 now."
        ),
        "source": "nhs-compartment-syndrome",
    },
    {
        "slug": "diabetes-with-foot-sore",
        "name": "Diabetes with a foot or leg sore that is not healing",
        "symptoms": ["diabetes", "slow-healing-sores"],
        "urgency": "urgent",
        "advice": (
            "With diabetes, a sore that does not heal needs checking within a day. Contact your "
            "GP or foot team today, or call 111."
        ),
        "source": "nice-ng19",
        "condition": "poor-circulation",
    },
    {
        "slug": "twitching-for-over-two-weeks",
        "name": "Twitching that has lasted more than two weeks",
        "symptoms": ["leg-twitching", "lasted-over-two-weeks"],
        "urgency": "doctor",
        "advice": (
            "Twitching is usually harmless, but after two weeks it is sensible to book a routine "
            "appointment with your GP."
        ),
        "source": "nhs-twitching",
    },
]

# The checker's pathways: the visitor picks the main problem, answers the
# questions asked on every pathway, then these. "Something else" lists none,
# so it asks every question.
PATHWAYS = [
    {
        "slug": "twitching-or-cramps",
        "name": "Twitching or cramps",
        "description": "Flickers, ripples or painful tightening in a leg muscle.",
        "order": 1,
        "questions": [
            # A clot can start as a cramp-like pain: its signs are asked here too.
            "cold-pale-leg",
            "confused-after-alcohol",
            "overheated",
            "leg-swelling",
            "calf-pain-when-squeezed",
            "worsening-weakness",
            "muscle-wasting",
            "swallowing-getting-harder",
            "slurred-speech",
            "leg-twitching",
            "twitching-after-exercise",
            "cramps",
            "twitching-at-night",
            "muscle-weakness",
            "numbness-or-tingling",
            "dark-urine",
            "one-side",
            "after-infection",
            "recent-hard-exercise",
            "lots-of-caffeine",
            "alcohol",
            "nicotine",
            "statin",
            "lasted-over-two-weeks",
            "getting-worse",
        ],
    },
    {
        "slug": "leg-pain-or-swelling",
        "name": "Leg pain or swelling",
        "description": "An aching, painful, swollen or discoloured leg or foot.",
        "order": 2,
        "questions": [
            "cold-pale-leg",
            "severe-leg-pain",
            "leg-swelling",
            "calf-pain-when-squeezed",
            "skin-colour-change",
            "pain-when-walking",
            "slow-healing-sores",
            "numbness-or-tingling",
            "muscle-weakness",
            "difficulty-walking",
            "cramps",
            "back-pain",
            "dark-urine",
            "injury-or-cast",
            "sudden-onset",
            "one-side",
            "after-infection",
            "long-journey",
            "recent-surgery",
            "hormones-or-pregnancy",
            "known-cancer",
            "diabetes",
            "statin",
            "getting-worse",
        ],
    },
    {
        "slug": "weakness-or-numbness",
        "name": "Weakness, numbness or tingling",
        "description": "Legs that feel weak, heavy, numb, or like pins and needles.",
        "order": 3,
        "questions": [
            "cold-pale-leg",
            "confused-after-alcohol",
            "overheated",
            "worsening-weakness",
            "swallowing-getting-harder",
            "slurred-speech",
            "muscle-wasting",
            "muscle-weakness",
            "numbness-or-tingling",
            "difficulty-walking",
            "drooping-eyelids",
            "back-pain",
            "leg-twitching",
            "dark-urine",
            "sudden-onset",
            "one-side",
            "after-infection",
            "known-cancer",
            "diabetes",
            "alcohol",
            "statin",
            "getting-worse",
        ],
    },
    {
        "slug": "something-else",
        "name": "Something else",
        "description": "We will ask about everything the checker knows.",
        "order": 9,
        "questions": [],
    },
]


CONDITIONS = [
    {
        "slug": "muscle-overexertion",
        "title": "Muscle overexertion",
        "also_called": ["overworked muscles", "exercise-related twitching"],
        "category": "common",
        "summary": (
            "Muscles that have worked harder or longer than they are used to can twitch, cramp and "
            "ache for a day or two. It is one of the most common and harmless reasons for twitchy "
            "legs."
        ),
        "prevalence": "Very common; most people notice it at some point after unusual effort",
        "body": (
            "Ask your legs to do more than usual, whether that is a longer run, a new class, a day "
            "of gardening or a shift on your feet, and the muscle fibres and the nerves that drive "
            "them can stay slightly 'switched on' afterwards. The result is often flickering "
            "twitches, tightness or cramps in the calves, thighs or feet.\n\n"
            "This is a sign of tired muscles, not of damaged nerves. It tends to show up in the "
            "hours after activity, can feel more obvious when you lie still at night, and usually "
            "fades over a few days as the muscles recover.\n\n"
            "When twitching follows effort and you otherwise feel well, overexertion is a far more "
            "likely explanation than anything serious. If it lingers, or comes with weakness, "
            "numbness or a change in how the leg looks, it is worth checking with a doctor."
        ),
        "symptoms_text": (
            "- Fine twitches or flickers under the skin of the calf, thigh or foot\n"
            "- Cramps, especially at night or soon after exercise\n"
            "- Stiffness, soreness or heavy-feeling legs\n"
            "- Twitching that is easier to notice when you rest or try to sleep\n\n"
            "Your strength should feel normal. Real weakness, numbness or a change in skin colour "
            "point to something other than tired muscles."
        ),
        "causes_text": (
            "Hard or unfamiliar exercise, long walks or runs, sports with sudden sprints, and jobs "
            "that keep you standing all day can all leave muscles overworked. Losing fluid and "
            "salts through sweat, skipping a warm-up, and going back to training too quickly after "
            "a break make it more likely. Poor sleep and extra caffeine before a workout can add "
            "to the effect."
        ),
        "treatment_text": (
            "Overworked muscles usually settle with simple care over a few days:\n\n"
            "- rest your legs and swap hard sessions for easy movement\n"
            "- drink enough fluid, especially after sweating\n"
            "- try a [warm or cold compress](/remedies/hot-or-cold-compress/), gentle [massage](/"
            "remedies/massage/) or [raising your legs](/remedies/elevate-your-legs/)\n"
            "- stretch your calves and thighs gently before bed\n\n"
            "See a doctor if the twitching carries on for more than two weeks despite rest."
        ),
        "prevention_text": (
            "Build up exercise gradually, warm up before you start and cool down with gentle "
            "stretches afterwards. Drink regularly during long or hot sessions and plan rest days "
            "into your week. If you stand for long periods, supportive shoes and short walks to "
            "change position help the muscles share the load."
        ),
        "advice": {
            "self-care": (
                "Rest, fluids and gentle stretching usually ease twitching from overworked muscles "
                "within a few days."
            ),
            "doctor": (
                "See a doctor if twitching lasts more than two weeks, keeps returning without "
                "exercise, or comes with weakness, numbness or swelling."
            ),
        },
        "symptoms": {
            "twitching-after-exercise": 9,
            "recent-hard-exercise": 8,
            "leg-twitching": 6,
            "cramps": 6,
            "twitching-at-night": 5,
        },
        "related": ["caffeine-and-muscles", "nutritional-deficiency", "fibromyalgia"],
        "sources": ["medlineplus-muscle-twitching", "nhs-leg-cramps"],
        "tags": ["muscles", "legs", "exercise", "self-care"],
        "clinical_area": "musculoskeletal",
        "author": "tomas-welling",
        "reviewer": "anwen-castellane",
    },
    {
        "slug": "poor-circulation",
        "title": "Poor circulation in the legs",
        "also_called": [
            "peripheral artery disease",
            "peripheral arterial disease",
            "PAD",
        ],
        "category": "check",
        "summary": (
            "Narrowed arteries can reduce blood flow to the legs, causing aching or cramping when "
            "you walk and sometimes twitching. It is common in later life and worth checking, "
            "because treatment protects both the legs and the heart."
        ),
        "prevalence": "Common over the age of 60, especially in people who smoke or have diabetes",
        "body": (
            "Working muscles need a steady supply of blood. When fatty deposits build up inside "
            "the arteries that feed the legs, less blood gets through, and the shortfall shows "
            "most when the muscles are busy. Muscles short of blood can ache, cramp, spasm or "
            "twitch.\n\n"
            "The classic sign is a cramping pain in the calf, thigh or buttock that comes on while "
            "walking and settles after a short rest. Many people put it down to age or stiffness, "
            "but it is worth mentioning to a doctor, because narrowed leg arteries often go hand "
            "in hand with narrowed arteries elsewhere.\n\n"
            "Most people with poor circulation do well with lifestyle changes and medicines. In a "
            "small number, blood flow becomes very poor, causing pain at rest and sores that will "
            "not heal, and without treatment the leg itself can be at risk. Getting checked early "
            "makes that much less likely."
        ),
        "symptoms_text": (
            "- Aching, cramping or tired legs when walking that ease when you stop\n"
            "- Twitching or spasms in the calf or foot\n"
            "- Cold feet, or one foot colder than the other\n"
            "- Pale or bluish skin, shiny skin or hair loss on the lower legs\n"
            "- Sores on the feet or toes that are slow to heal\n\n"
            "Pain in the foot or toes while resting, particularly at night, means blood flow has "
            "become poor and needs prompt attention."
        ),
        "causes_text": (
            "The usual cause is atherosclerosis, a slow build-up of fatty material in the artery "
            "walls. Smoking is the strongest risk factor. Diabetes, high blood pressure, high "
            "cholesterol, a family history of heart or circulation problems, getting older and "
            "being inactive all add to the risk."
        ),
        "treatment_text": (
            "A doctor can compare the blood pressure at your ankles and arms, a quick and painless "
            "test, to check the flow. Treatment often includes:\n\n"
            "- stopping smoking, which makes the biggest single difference\n"
            "- a structured walking programme that helps the legs cope better\n"
            "- medicines to lower cholesterol and blood pressure and to reduce the risk of clots\n"
            "- for some people, a procedure to widen or bypass a narrowed artery\n\n"
            "Avoid heat packs and cold packs on the legs, and ask your doctor before raising them "
            "for long spells."
        ),
        "prevention_text": (
            "Not smoking, staying active, eating a balanced diet low in saturated fat, and keeping "
            "blood pressure, cholesterol and blood sugar under control all protect the arteries. "
            "If you have diabetes or known circulation problems, look at your feet every day and "
            "get any sore or colour change checked early."
        ),
        "advice": {
            "doctor": (
                "See your doctor if your legs ache or cramp when you walk and ease when you stop, "
                "or if sores on your feet are slow to heal."
            ),
            "urgent": (
                "Contact your doctor today or call 111 if you have pain in "
                "your foot or toes while resting, or a leg that is changing colour."
            ),
            "emergency": (
                "Call 999 if a leg suddenly becomes very painful, pale or blue, cold or numb."
            ),
        },
        "symptoms": {
            "pain-when-walking": 9,
            "cold-pale-leg": 7,
            "slow-healing-sores": 6,
            "skin-colour-change": 5,
            "nicotine": 5,
            "cramps": 4,
            "severe-leg-pain": 4,
            "diabetes": 3,
            "leg-twitching": 3,
        },
        "related": [
            "blood-clot-in-the-leg",
            "nicotine-and-muscles",
            "muscle-overexertion",
        ],
        "sources": ["nhs-pad", "medlineplus-muscle-twitching"],
        "tags": ["circulation", "legs", "lifestyle"],
        "clinical_area": "vascular",
        "author": "isla-brennagh",
        "reviewer": "anwen-castellane",
    },
    {
        "slug": "nutritional-deficiency",
        "title": "Low vitamins or minerals",
        "also_called": [
            "nutritional deficiency",
            "vitamin deficiency",
            "mineral deficiency",
        ],
        "category": "check",
        "summary": (
            "Running low on certain vitamins or minerals can make muscles twitch or cramp and, if "
            "the shortfall is marked, cause numbness. A blood test can show what is low, and it is "
            "usually simple to put right."
        ),
        "prevalence": (
            "Common; mild shortfalls of vitamin D, iron or vitamin B12 affect many adults"
        ),
        "body": (
            "Nerves and muscles depend on a careful balance of minerals, such as magnesium, "
            "calcium and potassium, and of vitamins, such as vitamin D and the B vitamins, to send "
            "and respond to signals. When one of these runs low, nerves can fire more easily and "
            "muscles may twitch, cramp or tire.\n\n"
            "Diet alone can be the reason, but often something else is involved: a condition that "
            "affects absorption from the gut, heavy drinking, certain medicines, or losing fluid "
            "and salts through vomiting, diarrhoea or heavy sweating.\n\n"
            "Most deficiencies are mild and improve with changes to food or a short course of "
            "supplements once a doctor has confirmed what is low. Guessing and taking high-dose "
            "supplements without a test is best avoided, as some can cause harm in excess."
        ),
        "symptoms_text": (
            "- Twitching, often in the legs, eyelids or hands\n"
            "- Muscle cramps or spasms\n"
            "- Tiredness and low energy\n"
            "- Pins and needles or numbness in the hands and feet, when the shortfall is more "
            "marked\n"
            "- Weak muscles, or aching bones when vitamin D is low\n\n"
            "Numbness that is spreading, or new trouble with balance, should be checked without "
            "delay."
        ),
        "causes_text": (
            "Possible reasons include:\n\n"
            "- a very limited diet, including a vegan diet without a reliable source of vitamin "
            "B12\n"
            "- conditions that affect absorption, such as coeliac disease\n"
            "- heavy drinking, which lowers several vitamins and minerals\n"
            "- some medicines, such as certain water tablets and long-term acid-reducing tablets\n"
            "- fluid loss from vomiting, diarrhoea or heavy sweating\n"
            "- too little sunlight, in the case of vitamin D"
        ),
        "treatment_text": (
            "Your doctor can arrange blood tests to check levels and look for the reason behind a "
            "shortfall. Treatment depends on what is low: changes to your diet, tablets, or in "
            "some types of vitamin B12 deficiency, injections. Twitching and cramps often ease "
            "within weeks as levels recover, although nerve symptoms can take longer. Take "
            "supplements as advised rather than at high doses on your own."
        ),
        "prevention_text": (
            "A varied diet with vegetables, fruit, whole grains, dairy or fortified alternatives, "
            "beans, nuts and some protein covers most needs. Many health services advise a vitamin "
            "D supplement in the darker months. If you eat a vegan diet, make sure you have a "
            "reliable source of vitamin B12, and keep alcohol within low-risk limits."
        ),
        "advice": {
            "self-care": "Eat a varied diet and drink enough fluids; mild twitching often settles.",
            "doctor": (
                "See your doctor if twitching or cramps keep coming back, or if you feel very "
                "tired or notice numbness or tingling, so your levels can be checked."
            ),
        },
        "symptoms": {
            "cramps": 6,
            "numbness-or-tingling": 6,
            "leg-twitching": 5,
            "severe-tiredness": 4,
            "muscle-weakness": 3,
            "alcohol": 3,
            "lasted-over-two-weeks": 3,
        },
        "related": ["alcohol-and-muscles", "muscle-overexertion"],
        "sources": ["nhs-b12", "medlineplus-muscle-twitching"],
        "tags": ["nutrition", "muscles", "nerves"],
        "clinical_area": "general",
        "author": "anwen-castellane",
        "reviewer": "ifeoma-lindqvist",
    },
    {
        "slug": "alcohol-and-muscles",
        "title": "Alcohol and muscle twitching",
        "also_called": ["alcohol-related muscle problems", "alcoholic myopathy"],
        # Not "usually harmless": alcohol-related muscle and nerve damage needs a
        # GP (NICE CG100).
        "category": "check",
        "summary": (
            "Alcohol can irritate muscles and, over time, damage muscles and nerves, so heavy "
            "drinking can bring on twitching and cramps. Cutting down usually helps, and support "
            "is there if that feels hard."
        ),
        "prevalence": "Common in people who drink heavily over months or years",
        "body": (
            "Alcohol is toxic to muscle tissue. A heavy session can leave muscles inflamed and "
            "achy, and drinking large amounts over months or years can slowly damage muscle fibres "
            "and the nerves that supply them. Twitches and cramps often appear along the way, "
            "particularly in the legs.\n\n"
            "Alcohol also makes the body lose fluid and minerals and can push a balanced diet "
            "aside, so low vitamins often add to the problem. Some people notice twitching or "
            "shakiness the day after drinking as the body readjusts.\n\n"
            "The encouraging news is that muscles often recover well once drinking is reduced. "
            "Talking openly with a doctor about how much you drink is a good first step, and "
            "asking for help is a sign of strength, not failure."
        ),
        "symptoms_text": (
            "- Twitching or cramps, often in the calves and thighs\n"
            "- Aching or tender muscles after drinking\n"
            "- Weakness, especially around the hips and thighs, after years of heavy drinking\n"
            "- Pins and needles or burning in the feet, if nerves are affected\n"
            "- Shakiness or tremor the morning after drinking"
        ),
        "causes_text": (
            "Alcohol acts directly on muscle cells and can cause inflammation and damage. It makes "
            "you pass more urine, so fluid, magnesium and potassium are lost, and it can reduce "
            "how well B vitamins are absorbed. Together these make nerves and muscles more likely "
            "to misfire. The risk grows with the amount you drink and the number of years of heavy "
            "drinking."
        ),
        "treatment_text": (
            "Cutting down or stopping is the main treatment, together with a healthy diet and, "
            "where needed, vitamin supplements recommended by a doctor. If you drink heavily every "
            "day, do not stop suddenly on your own: withdrawal can be dangerous, and your doctor "
            "can help you reduce safely. Local alcohol services and support groups can help you "
            "keep going."
        ),
        "prevention_text": (
            "Keep within your country's low-risk drinking guidelines, spread any drinks across the "
            "week and have several alcohol-free days. Alternate alcoholic drinks with water, eat "
            "before and while you drink, and keep up a balanced diet so that your vitamin levels "
            "stay healthy."
        ),
        "advice": {
            "self-care": (
                "Have several alcohol-free days, drink water and eat well; occasional twitching "
                "after drinking usually passes."
            ),
            "doctor": (
                "See your doctor if you often drink more than you intend, if twitching or cramps "
                "keep returning, or if you notice weakness or numbness. If you drink heavily every "
                "day, talk to a doctor before you stop."
            ),
            "emergency": (
                "Call 999 if someone who has cut down or stopped heavy drinking is shaking badly, "
                "confused, seeing or hearing things that are not there, or has a fit: this can be "
                "delirium tremens, a medical emergency."
            ),
        },
        "symptoms": {
            "alcohol": 8,
            "confused-after-alcohol": 8,
            "leg-twitching": 5,
            "cramps": 4,
            "muscle-weakness": 4,
            "numbness-or-tingling": 3,
        },
        "needed": ["alcohol"],
        "related": [
            "nutritional-deficiency",
            "nicotine-and-muscles",
            "caffeine-and-muscles",
        ],
        "sources": ["medlineplus-alcohol", "nice-cg100"],
        "tags": ["lifestyle", "muscles", "nerves"],
        "clinical_area": "general",
        "author": "isla-brennagh",
        "reviewer": "anwen-castellane",
    },
    {
        "slug": "nicotine-and-muscles",
        "title": "Nicotine and muscle twitching",
        "also_called": ["smoking and muscle twitches", "vaping and muscle twitches"],
        "category": "common",
        "summary": (
            "Nicotine is a stimulant that can make muscles jumpy and twitchy. Smoking also narrows "
            "blood vessels over the years, which can lead to poor circulation in the legs."
        ),
        "prevalence": "Common in people who smoke, vape or use other nicotine products",
        "body": (
            "Nicotine acts on the same chemical messengers that nerves use to tell muscles to "
            "contract. In larger amounts, or in people who are sensitive to it, this can leave "
            "muscles twitchy, and some people notice fluttering in the legs, eyelids or hands.\n\n"
            "Smoking adds a second, slower effect. Chemicals in tobacco smoke harm the lining of "
            "blood vessels and make them narrower, which is the main cause of [poor circulation in "
            "the legs](/conditions/poor-circulation/).\n\n"
            "Twitching from nicotine is not harmful in itself, but it can be a useful nudge. "
            "Stopping smoking is one of the best things anyone can do for their muscles, heart and "
            "lungs, and getting support makes success much more likely."
        ),
        "symptoms_text": (
            "- Twitching in the legs, hands or eyelids, especially after heavier use\n"
            "- Restlessness, a racing heart or trouble sleeping\n"
            "- Cold hands and feet\n"
            "- In long-term smokers, aching or cramping in the legs when walking, which can be a "
            "sign of narrowed arteries"
        ),
        "causes_text": (
            "Nicotine stimulates the nervous system and the muscles it controls. High-strength "
            "vapes, nicotine pouches and chain smoking all deliver more of it. Tobacco smoke also "
            "damages blood vessels over the years. Using nicotine alongside lots of caffeine, or "
            "when you are short of sleep, can make twitching more noticeable."
        ),
        "treatment_text": (
            "Cutting down and then stopping is the answer. A stop-smoking service, doctor or "
            "pharmacist can help you make a plan and can offer nicotine replacement or other "
            "medicines that ease cravings without the harm of smoke. Restlessness and irritability "
            "while you cut down usually settle within a few weeks. If your legs ache when you "
            "walk, ask your doctor to check your circulation."
        ),
        "prevention_text": (
            "The simplest prevention is not to start, or to stop with support. If you do use "
            "nicotine, use no more than you need, avoid it in the evening to protect your sleep, "
            "and go easy on caffeine alongside it. Staying active helps your circulation and can "
            "take the edge off cravings."
        ),
        "advice": {
            "self-care": (
                "Cut down on nicotine, especially later in the day, and get support to stop; "
                "twitching linked to nicotine usually eases."
            ),
            "doctor": (
                "See your doctor if twitching lasts more than two weeks, or if you smoke and your "
                "legs ache or cramp when you walk."
            ),
        },
        "symptoms": {
            "nicotine": 8,
            "leg-twitching": 5,
            "twitching-at-night": 3,
            "pain-when-walking": 3,
        },
        "needed": ["nicotine"],
        "related": ["poor-circulation", "caffeine-and-muscles", "alcohol-and-muscles"],
        "sources": ["medlineplus-smoking", "medlineplus-muscle-twitching"],
        "tags": ["lifestyle", "circulation", "muscles"],
        "clinical_area": "general",
        "author": "isla-brennagh",
        "reviewer": "anwen-castellane",
    },
    {
        "slug": "caffeine-and-muscles",
        "title": "Caffeine and muscle twitching",
        "also_called": ["too much caffeine", "caffeine-related twitching"],
        "category": "common",
        "summary": (
            "Caffeine in coffee, tea, cola and energy drinks can make nerves and muscles more "
            "excitable, leading to harmless twitches. Cutting back gradually usually settles them."
        ),
        "prevalence": "Very common; one of the most frequent triggers of harmless twitching",
        "body": (
            "Caffeine is a stimulant. It perks up the nervous system, which is why it helps you "
            "feel alert, but it can also make nerves fire more readily. For many people that shows "
            "up as a fluttering eyelid or small twitches in the calves and thighs, often with a "
            "jittery feeling.\n\n"
            "How much is too much varies from person to person. Some people twitch after two "
            "strong coffees; others only after several energy drinks. Caffeine also stays in the "
            "body for hours, so an afternoon drink can still affect your sleep, and poor sleep "
            "makes twitching more likely.\n\n"
            "Caffeine-related twitching is harmless and tends to fade within days of cutting back. "
            "It is a sensible first thing to try when twitches appear with no other symptoms."
        ),
        "symptoms_text": (
            "- Small twitches in the legs, eyelids or hands\n"
            "- Feeling jittery, restless or anxious\n"
            "- A fast or pounding heartbeat\n"
            "- Trouble getting to sleep or staying asleep\n"
            "- Needing to pass urine more often\n\n"
            "These effects usually wear off within hours as the caffeine clears. Weakness or "
            "numbness is not typical of caffeine and should be checked by a doctor."
        ),
        "causes_text": (
            "Coffee, strong tea, cola, energy drinks, pre-workout powders and some painkillers and "
            "cold remedies all contain caffeine. Twitching is more likely when intake is high, "
            "when several sources add up over the day, or when caffeine meets other triggers such "
            "as hard exercise, stress, short nights or nicotine."
        ),
        "treatment_text": (
            "Reduce caffeine gradually over a week or two rather than stopping all at once, which "
            "can bring on headaches and tiredness. Swap some drinks for decaffeinated versions or "
            "water, and avoid caffeine from the early afternoon. Most twitches ease within days. "
            "Our guide to [rest and fluids](/remedies/rest-and-fluids/) covers the other everyday "
            "steps that help."
        ),
        "prevention_text": (
            "Keep track of the caffeine in all your drinks, tablets and supplements, and check the "
            "labels on energy drinks. Health bodies generally suggest that most healthy adults "
            "stay below about 400 mg a day, roughly four mugs of brewed coffee, and have less "
            "during pregnancy."
        ),
        "advice": {
            "self-care": (
                "Cut back on caffeine gradually and avoid it later in the day; twitches usually "
                "fade within a few days."
            ),
            "doctor": (
                "See your doctor if twitching carries on for more than two weeks after cutting "
                "back, or comes with palpitations, weakness or numbness."
            ),
        },
        "symptoms": {
            "lots-of-caffeine": 8,
            "leg-twitching": 6,
            "twitching-at-night": 5,
            "twitching-after-exercise": 2,
        },
        "needed": ["lots-of-caffeine"],
        "related": ["nicotine-and-muscles", "muscle-overexertion"],
        "sources": ["medlineplus-caffeine", "medlineplus-muscle-twitching"],
        "tags": ["lifestyle", "sleep", "muscles"],
        "clinical_area": "general",
        "author": "isla-brennagh",
        "reviewer": "anwen-castellane",
    },
    {
        "slug": "als",
        "title": "Amyotrophic lateral sclerosis (ALS)",
        "also_called": ["ALS", "Lou Gehrig's disease", "motor neurone disease", "MND"],
        "category": "serious",
        "summary": (
            "ALS is a rare condition in which the nerve cells that control muscles slowly stop "
            "working. Twitching on its own is very rarely due to ALS; in ALS it comes with "
            "weakness that gradually spreads."
        ),
        "prevalence": "Rare: each year about 1 to 3 people in every 100,000 develop it",
        "body": (
            "Amyotrophic lateral sclerosis affects the motor neurones, the nerve cells in the "
            "brain and spinal cord that carry instructions to the muscles. In ALS these cells "
            "gradually waste away, so the muscles they control become weaker and thinner over "
            "time.\n\n"
            "Twitching can be one of the early signs, but it matters alongside weakness. In ALS, "
            "twitches come with muscles that are clearly losing strength, such as a foot that "
            "drags or fingers that struggle with buttons, and the weakness slowly spreads. "
            "Twitching without weakness is very common and is almost never caused by ALS.\n\n"
            "In most people the cause is unknown, and a small proportion have an inherited form. "
            "There is no cure at present and the condition shortens life, but specialist teams can "
            "do a great deal to ease symptoms, support independence and protect quality of life."
        ),
        "symptoms_text": (
            "- Weakness in a hand, arm, foot or leg that gradually gets worse\n"
            "- Twitching, cramps and stiffness alongside the weakness\n"
            "- Muscles that become thinner\n"
            "- Slurred speech, a changing voice or drooling\n"
            "- Difficulty swallowing, or coughing when eating and drinking\n"
            "- Breathlessness, particularly when lying flat, as the breathing muscles weaken\n\n"
            "Symptoms usually start in one area and spread over months."
        ),
        "causes_text": (
            "Why motor neurones are lost is not fully understood. Most people with ALS have no "
            "family history; around 1 in 10 have an inherited form linked to particular genes. "
            "Researchers are studying how genes, age and the environment might combine. ALS is not "
            "caused by exercise, stress or caffeine, and it cannot be caught from someone else."
        ),
        "treatment_text": (
            "A neurologist confirms the diagnosis with an examination and tests of nerve and "
            "muscle activity. Care comes from a specialist team and may include:\n\n"
            "- medicines, including one that can modestly slow the condition\n"
            "- physiotherapy, speech and language therapy and occupational therapy\n"
            "- help with eating, such as a feeding tube, when swallowing becomes hard\n"
            "- breathing support, often a mask worn at night\n"
            "- emotional support and help with planning ahead"
        ),
        "prevention_text": (
            "There is no known way to prevent ALS. If a close relative has had ALS or a related "
            "condition, a genetic counsellor can explain whether testing would be useful for you. "
            "Above all, remember that twitching on its own is very common and is not a warning "
            "sign of ALS; see a doctor if you notice weakness."
        ),
        "advice": {
            "doctor": (
                "See your GP if you notice clumsiness, tripping or trouble with fine tasks such as "
                "buttons."
            ),
            "urgent": (
                "Contact your GP today or call 111 if twitching comes with a muscle that feels "
                "weaker, if weakness is spreading or getting worse, if muscles are getting "
                "thinner, or if speech or swallowing is slowly becoming harder."
            ),
            "emergency": (
                "Call 999 if someone is struggling to breathe, is choking or suddenly cannot "
                "swallow."
            ),
        },
        "symptoms": {
            "worsening-weakness": 9,
            "muscle-wasting": 8,
            "muscle-weakness": 7,
            "slurred-speech": 6,
            "swallowing-getting-harder": 6,
            "trouble-swallowing": 4,
            "getting-worse": 6,
            "trouble-breathing": 5,
            "drooling": 4,
            "leg-twitching": 4,
        },
        "related": ["muscular-dystrophy"],
        "sources": ["ninds-als", "nhs-mnd", "medlineplus-muscle-twitching"],
        "tags": ["neurology", "nerves", "muscles"],
        "clinical_area": "neurology",
        "author": "isla-brennagh",
        "reviewer": "anwen-castellane",
    },
    {
        "slug": "muscular-dystrophy",
        "title": "Muscular dystrophy",
        "also_called": ["MD"],
        "category": "serious",
        "summary": (
            "Muscular dystrophies are a group of inherited conditions that weaken the muscles over "
            "time. They are rare; the more severe types usually begin in childhood and cause "
            "weakness, loss of muscle and sometimes twitching."
        ),
        "prevalence": "Rare; more than 30 types, each affecting a small number of people",
        "body": (
            "Muscular dystrophy is the name for a group of inherited conditions that affect the "
            "muscles themselves rather than the nerves. A change in a gene means the body cannot "
            "make or look after a protein that muscles need, so muscle fibres are gradually "
            "damaged and replaced.\n\n"
            "There are many types. Some affect a few groups of muscles, such as those of the face, "
            "shoulders or hips; others affect muscles throughout the body. The more severe forms "
            "usually become noticeable in early childhood, while milder types may not show until "
            "adult life.\n\n"
            "Twitching can happen, but the main features are weakness and loss of muscle bulk that "
            "develop over months and years. There is no cure yet, but treatment and support help "
            "people stay active and independent, and research into new treatments is very active."
        ),
        "symptoms_text": (
            "Signs depend on the type and may include:\n\n"
            "- weakness and loss of muscle bulk, in one group of muscles or many\n"
            "- in children, walking later than expected, frequent falls, or difficulty running, "
            "climbing stairs or getting up from the floor\n"
            "- a waddling walk or walking on tiptoe\n"
            "- drooping eyelids or a weak face\n"
            "- drooling or trouble swallowing in some types\n"
            "- learning difficulties in some types\n"
            "- muscle twitching or stiffness"
        ),
        "causes_text": (
            "Muscular dystrophies are caused by changes in genes that build and protect muscle. "
            "They may be passed down from a parent, and some types mainly affect boys because the "
            "gene involved sits on the X chromosome. Sometimes a gene change appears for the first "
            "time in a child with no family history."
        ),
        "treatment_text": (
            "There is no cure yet, but care from a specialist team makes a real difference. "
            "Depending on the type, it may include physiotherapy and stretching to keep joints "
            "flexible, braces and mobility aids, steroid medicines for some forms, regular heart "
            "and breathing checks, and surgery for problems such as a curved spine. Newer "
            "gene-based treatments are available for a few specific types in some countries."
        ),
        "prevention_text": (
            "Muscular dystrophy cannot be prevented, because it is genetic. Families with a known "
            "history can talk to a genetic counsellor about testing before or during pregnancy. "
            "Regular specialist reviews help to spot heart or breathing problems early, and "
            "staying active within safe limits helps to keep muscles working."
        ),
        "advice": {
            "doctor": (
                "See your doctor if a child is slow to walk, falls often or struggles with stairs, "
                "or if you notice weakness or muscle loss in yourself."
            ),
            "urgent": (
                "Contact your doctor today or call 111 if weakness is "
                "getting worse quickly or swallowing is becoming difficult."
            ),
            "emergency": "Call 999 if someone is struggling to breathe.",
        },
        "symptoms": {
            "muscle-wasting": 8,
            "muscle-weakness": 7,
            "difficulty-walking": 7,
            "drooping-eyelids": 6,
            "getting-worse": 4,
            "swallowing-getting-harder": 3,
            "drooling": 3,
            "leg-twitching": 3,
            "trouble-breathing": 2,
        },
        "related": ["als"],
        "sources": ["nhs-muscular-dystrophy", "medlineplus-muscular-dystrophy"],
        "tags": ["muscles", "neurology"],
        "clinical_area": "neurology",
        "author": "tomas-welling",
        "reviewer": "anwen-castellane",
    },
    {
        "slug": "fibromyalgia",
        "title": "Fibromyalgia",
        "also_called": ["fibromyalgia syndrome", "FMS"],
        "category": "check",
        "summary": (
            "Fibromyalgia is a long-term condition that causes pain in many parts of the body, "
            "tiredness and poor sleep, and many people with it notice twitching. It does not "
            "damage the muscles, and there are good ways to manage it."
        ),
        "prevalence": "Fairly common; estimates range from about 2 to 5 in every 100 adults",
        "body": (
            "Fibromyalgia causes pain and tenderness in many parts of the body, often with deep "
            "tiredness and sleep that does not feel refreshing. Why it happens is not fully "
            "understood, but the nervous system seems to become more sensitive and to turn up pain "
            "signals.\n\n"
            "Muscle twitching and a feeling of weakness are common: at least half of people with "
            "fibromyalgia notice them. One explanation is that tender spots in the muscles "
            "irritate nearby nerves and set off twitches. Low mood, anxiety, headaches and trouble "
            "concentrating, sometimes called 'fibro fog', often come along too.\n\n"
            "Fibromyalgia does not harm the muscles or joints, but it can have a real effect on "
            "daily life, and symptoms tend to come and go. A mix of gentle, regular activity, good "
            "sleep habits and support usually helps more than medicines alone."
        ),
        "symptoms_text": (
            "- Widespread pain, often described as aching, burning or stabbing\n"
            "- Tender spots that hurt when pressed\n"
            "- Severe tiredness and poor, unrefreshing sleep\n"
            "- Muscle twitching, stiffness or a feeling of weakness\n"
            "- Low mood or anxiety\n"
            "- Problems with memory and concentration\n"
            "- Headaches and sensitivity to touch, noise or temperature"
        ),
        "causes_text": (
            "The exact cause is unknown. Changes in how the brain and nerves handle pain signals "
            "seem to be central. Fibromyalgia often begins after a physical or emotional strain, "
            "such as an injury, an infection, an operation or a hard time in life, and it can run "
            "in families. It is more common in women and usually starts in middle age, although "
            "anyone can be affected."
        ),
        "treatment_text": (
            "There is no single cure, but many people find their symptoms become easier to live "
            "with. A doctor may suggest:\n\n"
            "- regular [stretching and gentle exercise](/remedies/stretching-and-gentle-exercise/"
            "), built up slowly\n"
            "- a steady sleep routine\n"
            "- talking therapies to help with pain and mood\n"
            "- certain medicines, such as some antidepressants that also ease pain\n"
            "- pacing, so that good days do not lead to a crash"
        ),
        "prevention_text": (
            "Fibromyalgia cannot always be prevented. Looking after your sleep, staying active, "
            "managing stress and getting support early after an injury or a difficult period may "
            "make flare-ups less likely. A simple diary of activity, sleep and pain can help you "
            "spot your own triggers."
        ),
        "advice": {
            "self-care": (
                "Gentle regular movement, a steady sleep routine and pacing your activity can ease "
                "flare-ups."
            ),
            "doctor": (
                "See your doctor if you have had pain in many parts of your body for weeks, with "
                "tiredness or poor sleep, so other causes can be checked and a plan made together."
            ),
        },
        "symptoms": {
            "widespread-pain": 9,
            "tender-points": 9,
            "severe-tiredness": 7,
            "twitching-at-night": 5,
            "lasted-over-two-weeks": 3,
            "leg-twitching": 3,
            "muscle-weakness": 2,
        },
        "related": ["muscle-overexertion", "nutritional-deficiency"],
        "sources": ["nhs-fibromyalgia", "medlineplus-muscle-twitching"],
        "tags": ["chronic pain", "muscles", "sleep"],
        "clinical_area": "musculoskeletal",
        "author": "tomas-welling",
        "reviewer": "anwen-castellane",
    },
    {
        "slug": "epilepsy",
        "title": "Epilepsy",
        "also_called": ["seizure disorder", "fits"],
        "category": "serious",
        "summary": (
            "Epilepsy is a common condition of the brain that causes repeated seizures. Some "
            "seizures make one leg or one side of the body jerk; others affect the whole body. "
            "Medicine controls seizures for most people."
        ),
        "prevalence": "Common: around 1 in every 100 people",
        "body": (
            "In epilepsy, bursts of electrical activity in the brain cause seizures. What a "
            "seizure looks like depends on where in the brain it starts. Some cause twitching or "
            "jerking in one leg, one arm or one side of the body, sometimes while the person stays "
            "aware. Others affect the whole body with stiffening, jerking and loss of "
            "consciousness, and some cause only a brief blank spell.\n\n"
            "Seizure-related jerking is different from an everyday muscle twitch. It is usually "
            "rhythmic and stronger, may spread, and can come with changes in awareness, feelings "
            "or behaviour.\n\n"
            "Epilepsy can begin at any age. Around 7 in 10 people have their seizures controlled "
            "with medicine, and most people with epilepsy lead full and active lives."
        ),
        "symptoms_text": (
            "- Rhythmic jerking or twitching of one limb or one side of the body\n"
            "- Stiffening and jerking of the whole body, often with collapse\n"
            "- Blank spells or staring, with no response for a few seconds\n"
            "- Sudden, brief jerks of the arms or legs\n"
            "- Unusual feelings, smells or a sense of déjà vu before a seizure\n"
            "- Tiredness, confusion or a headache afterwards"
        ),
        "causes_text": (
            "In about half of people no clear cause is found. Known causes include a family "
            "tendency, a head injury, a stroke, infections such as meningitis, a brain tumour, or "
            "problems around the time of birth. In people with epilepsy, seizures can be set off "
            "by missed medicine, lack of sleep, stress, alcohol or, for a few, flashing lights."
        ),
        "treatment_text": (
            "A specialist usually makes the diagnosis from a careful account of what happened, "
            "ideally from a witness or a video, along with tests such as an EEG and a brain scan. "
            "Anti-seizure medicines are the main treatment. For people whose seizures continue "
            "despite medicine, options include a special diet, surgery or a nerve stimulation "
            "device."
        ),
        "prevention_text": (
            "Epilepsy cannot always be prevented, but wearing helmets and seat belts lowers the "
            "risk of brain injury. If you have epilepsy, take your medicine as prescribed, keep "
            "regular sleep, limit alcohol and learn your triggers. Check the driving rules where "
            "you live, and make sure the people close to you know basic seizure first aid."
        ),
        "advice": {
            "doctor": (
                "See your doctor if you have noticed blank spells or sudden jerks, or if you have "
                "epilepsy and your seizures have changed or become more frequent."
            ),
            "emergency": (
                "Call 999 for a first seizure, a seizure lasting more than five "
                "minutes, repeated seizures without recovery in between, or if the person is "
                "injured or has trouble breathing."
            ),
        },
        "symptoms": {
            "seizure": 10,
            "sudden-jerks": 7,
            "blank-spells": 7,
            "leg-twitching": 2,
        },
        "related": ["alcohol-and-muscles"],
        "sources": ["nhs-epilepsy"],
        "tags": ["neurology", "nerves"],
        "clinical_area": "neurology",
        "author": "isla-brennagh",
        "reviewer": "anwen-castellane",
    },
    {
        "slug": "blood-clot-in-the-leg",
        "title": "Blood clot in the leg",
        "also_called": ["deep vein thrombosis", "DVT", "arterial clot in the leg"],
        "category": "urgent",
        "summary": (
            "A clot in a leg vein (deep vein thrombosis) or artery can cause aching, swelling, "
            "colour changes and pain when the calf is squeezed. It needs prompt medical care, and "
            "treatment works well."
        ),
        "prevalence": "Uncommon; a deep vein clot affects roughly 1 in 1,000 people each year",
        "body": (
            "Blood normally flows freely through the veins and arteries of the legs. Sometimes a "
            "clot forms and partly or fully blocks the flow.\n\n"
            "A clot in a deep vein, usually in the calf or thigh, is called deep vein thrombosis "
            "(DVT). The leg may ache, swell, feel warm and look red or darker, and the calf can "
            "hurt when pressed. Nearby muscles may twitch or cramp. The main concern is that a "
            "piece of the clot could break away and travel to the lungs, which is why a possible "
            "DVT is checked quickly and why the leg should not be massaged.\n\n"
            "A clot in an artery is different: it suddenly cuts off the blood supply, making the "
            "leg painful, pale or bluish, cold and numb. That needs emergency care.\n\n"
            "Both can be treated, and getting checked early gives the best chance of a good "
            "recovery."
        ),
        "symptoms_text": (
            "With a clot in a vein (DVT), usually in one leg:\n\n"
            "- throbbing or cramping pain in the calf or thigh\n"
            "- swelling\n"
            "- warm skin that may look red or darker\n"
            "- tenderness when the calf is pressed or squeezed\n"
            "- twitching or tightness in nearby muscles\n\n"
            "With a clot in an artery: sudden severe pain, and a leg that is pale or blue, cold, "
            "numb or weak. Breathlessness or chest pain with any of these needs emergency help."
        ),
        "causes_text": (
            "Clots are more likely when blood moves slowly or clots more easily. Risks include:\n\n"
            "- long spells without moving, such as bed rest, a hospital stay or a long journey\n"
            "- recent surgery or injury\n"
            "- pregnancy, combined hormonal contraception or hormone therapy\n"
            "- cancer and its treatment\n"
            "- smoking, being overweight and getting older\n"
            "- a previous clot or a family history of clots\n\n"
            "Clots in arteries are linked to narrowed arteries and some heart rhythm problems."
        ),
        "treatment_text": (
            "A doctor will examine the leg and may arrange a blood test and an ultrasound scan. A "
            "DVT is usually treated with blood-thinning medicines (anticoagulants) for at least "
            "three months; they stop the clot growing while the body slowly breaks it down. A clot "
            "in an artery needs emergency treatment in hospital to restore the blood flow. Do not "
            "massage, heat or rub a leg that may have a clot."
        ),
        "prevention_text": (
            "Keep moving when you can. On long journeys, walk about or flex your ankles and calves "
            "every hour, and drink enough water. After an operation, follow the advice you are "
            "given about early walking, stockings or injections. Not smoking and staying a healthy "
            "weight lower the risk, and if you have had a clot before, ask your doctor about extra "
            "precautions."
        ),
        "advice": {
            "doctor": (
                "If you have had a clot before, or have a higher risk because of recent surgery or "
                "pregnancy, ask your doctor about ways to prevent one."
            ),
            "urgent": (
                "Contact your doctor today or call 111 if one leg is "
                "swollen, warm, red or darker, or painful, especially in the calf."
            ),
            "emergency": (
                "Call 999 now if you are short of breath, have chest pain or cough "
                "up blood, or if a leg suddenly turns pale or blue, cold and numb."
            ),
        },
        "symptoms": {
            "leg-swelling": 9,
            "calf-pain-when-squeezed": 9,
            "skin-colour-change": 7,
            "cold-pale-leg": 6,
            "severe-leg-pain": 6,
            "long-journey": 4,
            "recent-surgery": 4,
            "hormones-or-pregnancy": 4,
            "known-cancer": 3,
            "chest-pain": 3,
            "trouble-breathing": 3,
            "leg-twitching": 2,
        },
        "related": ["poor-circulation"],
        "sources": ["nhs-dvt", "nice-ng158"],
        "tags": ["circulation", "legs"],
        "clinical_area": "vascular",
        "author": "anwen-castellane",
        "reviewer": "ifeoma-lindqvist",
    },
]

REMEDY_GROUPS = [
    {
        "slug": "tired-or-overworked-muscles",
        "name": "Tired or overworked muscles",
        "description": "Simple ways to ease muscles that twitch, ache or cramp after use.",
        "order": 1,
    },
    {
        "slug": "swelling-and-circulation",
        "name": "Swelling and circulation",
        "description": "Gentle ways to rest heavy legs and ease mild swelling after a long day.",
        "order": 2,
    },
    {
        "slug": "everyday-triggers",
        "name": "Everyday triggers",
        "description": "Small changes to rest, drinks and habits that often calm twitching.",
        "order": 3,
    },
    {
        "slug": "staying-active",
        "name": "Staying active",
        "description": "Movement that keeps muscles supple and helps with long-term aches.",
        "order": 4,
    },
]

REMEDIES = [
    {
        "slug": "elevate-your-legs",
        "title": "Raise your legs",
        "group": "swelling-and-circulation",
        "summary": (
            "Lifting your legs to about the level of your heart rests tired muscles and helps ease "
            "mild swelling after a long day."
        ),
        "body": (
            "After a day on your feet or a hard workout, your legs can feel heavy, achy and "
            "twitchy. Lying down with your legs supported lets the muscles switch off, and helps "
            "fluid that has gathered in the lower legs drain back towards the heart.\n\n"
            "Twenty to thirty minutes is usually enough, and you can repeat it a few times a day. "
            "It pairs well with a few gentle stretches afterwards.\n\n"
            "Raising the legs is not right for everyone. If your legs ache when you walk and ease "
            "when you rest, or your feet are often cold or pale, you may have [poor circulation](/"
            "conditions/poor-circulation/), and lifting them can make the pain worse. Check with a "
            "doctor first."
        ),
        "how_it_helps": (
            "- Gravity helps blood and fluid return from the lower legs, easing mild swelling\n"
            "- Resting overused muscles gives them time to recover and settle\n"
            "- Lying still and comfortable can help you unwind before sleep"
        ),
        "safety_notes": (
            "- Do not do this if you have been told you have poor circulation in your legs "
            "(peripheral artery disease), or if your legs hurt when you walk and ease with rest: "
            "raising them can reduce blood flow and worsen the pain.\n"
            "- One swollen, red or painful leg needs a doctor's check first, not home treatment.\n"
            "- If you have heart or breathing problems, ask your doctor before lying flat with "
            "your legs raised.\n"
            "- Stop if you feel numbness, tingling or more pain."
        ),
        "steps": [
            "Lie on your back on a bed or sofa with your head on a pillow.",
            (
                "Place two or three pillows under your calves so your feet rest at about the level "
                "of your heart."
            ),
            (
                "Tuck a small cushion or rolled towel behind your knees so they are slightly bent "
                "and supported."
            ),
            "Rest like this for 20 to 30 minutes, breathing slowly.",
            "Circle your ankles gently a few times, then get up slowly.",
        ],
        "suitable_for": ["muscle-overexertion"],
        "suits_symptoms": ["leg-twitching", "twitching-after-exercise", "cramps"],
        "unsafe_for": ["poor-circulation"],
        "unsafe_with_symptoms": ["pain-when-walking", "cold-pale-leg", "skin-colour-change"],
        "sources": ["nhs-pad", "medlineplus-muscle-twitching"],
        "tags": ["legs", "circulation", "self-care"],
        "clinical_area": "musculoskeletal",
        "author": "anwen-castellane",
        "reviewer": "tomas-welling",
    },
    {
        "slug": "hot-or-cold-compress",
        "title": "Hot or cold compress",
        "group": "tired-or-overworked-muscles",
        "summary": (
            "A cold pack calms swelling and soreness just after a strain, while warmth relaxes "
            "tight muscles and boosts blood flow once the first day or two has passed."
        ),
        "body": (
            "Cold and warmth work in different ways, so it helps to pick the right one.\n\n"
            "Cold narrows the small blood vessels in the area, which reduces swelling, "
            "inflammation and pain. It is most useful soon after a strain or an unusually hard "
            "session.\n\n"
            "Warmth does the opposite. It opens up blood vessels and brings more blood to the "
            "muscle, helping it relax and clear away the by-products of exercise. It suits stiff, "
            "achy or twitchy muscles, usually from a day or two after activity, and many people "
            "with [fibromyalgia](/conditions/fibromyalgia/) find it soothing.\n\n"
            "Use either one for short spells, and never directly on bare skin."
        ),
        "how_it_helps": (
            "- **Cold** reduces swelling, inflammation and pain, and limits swelling just after a "
            "strain\n"
            "- **Warmth** increases blood flow, eases tightness and helps muscles recover after "
            "exercise\n"
            "- Both can calm the feeling of twitching and make it easier to rest"
        ),
        "safety_notes": (
            "- Always wrap a hot or cold pack in a cloth or towel; never put it straight onto the "
            "skin.\n"
            "- Use it for no more than 15 to 20 minutes at a time, and check your skin often.\n"
            "- Do not use it where feeling is reduced, or if you have poor circulation or diabetes "
            "affecting your feet, as burns or cold injury can happen without you noticing.\n"
            "- Do not use it on a leg that may have a blood clot (swollen, warm, red or painful); "
            "see a doctor instead.\n"
            "- Avoid heat on a fresh, swollen injury or on broken skin.\n"
            "- Never fall asleep with a heating pad on."
        ),
        "steps": [
            "Choose cold for a fresh strain or swelling, or warmth for stiff and tired muscles.",
            "For cold, wrap an ice pack or a bag of frozen peas in a thin, damp cloth.",
            (
                "For warmth, use a heating pad on a low setting, a warm moist towel, or a "
                "hot-water bottle filled with hot but not boiling water and wrapped in a cloth."
            ),
            (
                "Hold the pack on the muscle for 15 to 20 minutes, checking your skin every few "
                "minutes."
            ),
            "Take it off and let your skin return to its normal temperature before using it again.",
        ],
        "suitable_for": ["muscle-overexertion", "fibromyalgia"],
        "suits_symptoms": [
            "leg-twitching",
            "twitching-after-exercise",
            "cramps",
            "tender-points",
        ],
        "unsafe_for": ["poor-circulation", "blood-clot-in-the-leg"],
        "unsafe_with_symptoms": [
            "numbness-or-tingling",
            "slow-healing-sores",
            "diabetes",
            "cold-pale-leg",
            "skin-colour-change",
        ],
        "sources": ["medlineplus-muscle-twitching", "nhs-leg-cramps"],
        "tags": ["muscles", "self-care", "exercise"],
        "clinical_area": "musculoskeletal",
        "author": "tomas-welling",
        "reviewer": "anwen-castellane",
    },
    {
        "slug": "massage",
        "title": "Massage",
        "group": "tired-or-overworked-muscles",
        "summary": (
            "Kneading and pressing a tight or twitchy muscle can loosen knots, improve local blood "
            "flow and help it relax."
        ),
        "body": (
            "Massage is one of the oldest ways to soothe overworked muscles. Pressing and kneading "
            "a muscle boosts the circulation in that area, which supports repair after exercise. "
            "It can also loosen tight knots and places where tissues have become stuck together, "
            "so the muscle moves more freely.\n\n"
            "Firmer, deeper massage can relieve spasm and twitching, but it should never be "
            "painful. You can massage your own calves and thighs, ask someone to help, or see a "
            "qualified massage therapist or physiotherapist.\n\n"
            "Massage is not suitable for every leg. If one leg is swollen, warm, red or sore, "
            "especially in the calf, it could be related to a [blood clot](/conditions/"
            "blood-clot-in-the-leg/): do not massage it, and see a doctor."
        ),
        "how_it_helps": (
            "- Increases blood flow to the muscle, helping it recover\n"
            "- Loosens knots and stuck-together tissue so the muscle can relax\n"
            "- Firm, deep pressure can relieve spasm and twitching\n"
            "- Gentle touch can ease stress and help you sleep"
        ),
        "safety_notes": (
            "- Stop if it hurts; massage should feel firm but comfortable.\n"
            "- Never massage a leg that may have a blood clot (swollen, warm, red, darker or "
            "painful), as this could dislodge it.\n"
            "- Avoid broken skin, bruises, rashes and varicose veins.\n"
            "- If you bruise easily or take blood thinners, use light pressure and ask your doctor "
            "first.\n"
            "- If you have fibromyalgia, start very gently, as tender spots can be sensitive."
        ),
        "steps": [
            "Sit with your leg supported and relaxed, using a little oil or lotion if you like.",
            "Warm the area with slow, light strokes from the ankle up towards the knee.",
            "Knead the muscle gently between your fingers and thumb, as if kneading dough.",
            "Press and hold any tight spot for a few seconds, then let go.",
            "Increase the pressure only as far as feels comfortable, for 5 to 10 minutes in total.",
            "Finish with light strokes, and stop straight away if anything hurts.",
        ],
        "suitable_for": ["muscle-overexertion", "fibromyalgia"],
        "suits_symptoms": [
            "leg-twitching",
            "twitching-after-exercise",
            "cramps",
            "tender-points",
        ],
        "unsafe_for": ["blood-clot-in-the-leg"],
        "unsafe_with_symptoms": [
            "leg-swelling",
            "calf-pain-when-squeezed",
            "numbness-or-tingling",
            "skin-colour-change",
        ],
        "sources": ["nhs-leg-cramps", "nhs-dvt"],
        "tags": ["muscles", "self-care"],
        "clinical_area": "musculoskeletal",
        "author": "tomas-welling",
        "reviewer": "anwen-castellane",
    },
    {
        "slug": "rest-and-fluids",
        "title": "Rest, fluids and fewer stimulants",
        "group": "everyday-triggers",
        "summary": (
            "Good rest, enough water, and less caffeine, alcohol and nicotine remove the most "
            "common triggers of harmless twitching."
        ),
        "body": (
            "Many twitches are the body's way of saying it is running on too little rest or too "
            "many stimulants. Dealing with these everyday triggers is often all that is needed.\n\n"
            "Tired muscles and short nights make nerves jumpier, so give your legs a break after "
            "hard effort and aim for regular sleep. Fluids matter too: losing water and salts "
            "through sweat can make muscles cramp and twitch.\n\n"
            "[Caffeine](/conditions/caffeine-and-muscles/), [nicotine](/conditions/"
            "nicotine-and-muscles/) and [alcohol](/conditions/alcohol-and-muscles/) each affect "
            "nerves and muscles in their own way. Cutting back gradually usually calms twitching "
            "within days or weeks, and a varied diet keeps vitamins and minerals topped up."
        ),
        "how_it_helps": (
            "- Rest gives overworked muscles time to recover\n"
            "- Fluids replace the water and salts lost through sweat\n"
            "- Less caffeine and nicotine means less stimulation of nerves and muscles\n"
            "- Less alcohol protects muscles and helps keep vitamin levels up\n"
            "- Better sleep lowers the chance of twitches and cramps"
        ),
        "safety_notes": (
            "- If you drink heavily every day, do not stop suddenly without medical advice, as "
            "withdrawal can be dangerous.\n"
            "- Cut down caffeine over a week or two to avoid headaches.\n"
            "- Stop-smoking services, doctors and pharmacists can help with nicotine replacement "
            "and other support.\n"
            "- If you have heart or kidney problems, ask your doctor how much fluid is right for "
            "you.\n"
            "- See a doctor if twitching lasts more than two weeks despite these changes."
        ),
        "steps": [
            "Take a day or two off hard exercise and move gently instead.",
            "Sip water regularly through the day, and a little more after sweating.",
            (
                "Reduce coffee, tea, cola and energy drinks step by step, and avoid them after "
                "early afternoon."
            ),
            "Have several alcohol-free days each week and stay within low-risk limits.",
            (
                "Cut down on nicotine, and ask a pharmacist or stop-smoking service about help to "
                "quit."
            ),
            "Keep regular bedtimes and aim for seven to nine hours of sleep.",
            "Eat a varied diet with plenty of vegetables, fruit, whole grains and protein.",
        ],
        "suitable_for": [
            "muscle-overexertion",
            "caffeine-and-muscles",
            "alcohol-and-muscles",
            "nicotine-and-muscles",
            "nutritional-deficiency",
        ],
        "suits_symptoms": [
            "leg-twitching",
            "twitching-after-exercise",
            "cramps",
            "twitching-at-night",
            "recent-hard-exercise",
            "lots-of-caffeine",
            "alcohol",
            "nicotine",
        ],
        "unsafe_for": [],
        "unsafe_with_symptoms": [],
        "sources": [
            "medlineplus-caffeine",
            "medlineplus-alcohol",
            "medlineplus-smoking",
            "medlineplus-muscle-twitching",
        ],
        "tags": ["lifestyle", "self-care", "sleep"],
        "clinical_area": "general",
        "author": "isla-brennagh",
        "reviewer": "anwen-castellane",
    },
    {
        "slug": "stretching-and-gentle-exercise",
        "title": "Stretching and gentle exercise",
        "group": "staying-active",
        "summary": (
            "Regular gentle stretches and easy movement keep muscles supple, make cramps less "
            "likely and are among the most helpful steps for long-term aches such as fibromyalgia."
        ),
        "body": (
            "Muscles that are stretched and used gently on a regular basis tend to cramp and "
            "twitch less. A few minutes of stretching before bed can make night cramps less "
            "likely, and easy activity such as walking, swimming or cycling keeps the legs strong "
            "and well supplied with blood.\n\n"
            "For people with [fibromyalgia](/conditions/fibromyalgia/), gentle exercise built up "
            "slowly is one of the most reliable ways to ease pain and tiredness over time. The "
            "secret is little and often: start well within what feels comfortable and add a few "
            "minutes each week.\n\n"
            "If a leg is swollen, red or painful, it could be related to a [blood clot](/"
            "conditions/blood-clot-in-the-leg/), so have it checked by a doctor before you stretch "
            "or exercise it."
        ),
        "how_it_helps": (
            "- Lengthens tight muscles and eases cramps\n"
            "- Keeps joints moving freely\n"
            "- Gentle activity improves blood flow and helps muscles recover\n"
            "- Regular exercise can reduce pain, improve sleep and lift mood in long-term "
            "conditions"
        ),
        "safety_notes": (
            "- Stretch slowly and hold steady; do not bounce or push into pain.\n"
            "- Build up gradually, especially with fibromyalgia, and go easier on flare-up days.\n"
            "- Do not stretch or exercise a leg that may have a blood clot until a doctor has "
            "assessed it.\n"
            "- If you have heart, lung or circulation problems, ask your doctor what level of "
            "activity is safe for you.\n"
            "- Stop and get help if you feel chest pain, faintness or unusual breathlessness."
        ),
        "steps": [
            "Warm up with five minutes of easy walking or marching on the spot.",
            (
                "Face a wall, step one foot back with the heel down, and lean forward until you "
                "feel a stretch in the calf."
            ),
            "Hold each stretch for 20 to 30 seconds without bouncing, then swap legs.",
            (
                "Stretch the back of the thigh by resting your heel on a low step and leaning "
                "forward gently with a straight back."
            ),
            "Add a short walk, swim or bike ride on most days, starting with ten minutes.",
            "Add a few more minutes each week if your body feels comfortable.",
        ],
        "suitable_for": ["muscle-overexertion", "fibromyalgia", "poor-circulation"],
        "suits_symptoms": [
            "leg-twitching",
            "cramps",
            "twitching-at-night",
            "widespread-pain",
            "tender-points",
        ],
        "unsafe_for": ["blood-clot-in-the-leg"],
        "unsafe_with_symptoms": ["leg-swelling", "calf-pain-when-squeezed", "injury-or-cast"],
        "sources": ["nhs-fibromyalgia", "nhs-leg-cramps", "nhs-pad"],
        "tags": ["exercise", "chronic pain", "muscles", "self-care"],
        "clinical_area": "musculoskeletal",
        "author": "tomas-welling",
        "reviewer": "anwen-castellane",
    },
]

ARTICLES = [
    {
        "slug": "muscle-twitches-in-the-legs",
        "title": "Muscle twitches in the legs: common causes, warning signs and home remedies",
        "summary": (
            "Most leg twitches are harmless and fade on their own. Here is what a twitch is, the "
            "everyday things that set one off, the less common conditions a doctor will think "
            "about, and simple steps you can try at home."
        ),
        "body": (
            "Almost everyone feels a leg muscle flicker now and then. It might be a ripple in the "
            "calf as you settle into bed, or a small jump in the thigh after a long walk. Twitches "
            "can be distracting, and it is natural to wonder what they mean. Most of the time the "
            "answer is reassuring.\n\n"
            "### What is a muscle twitch?\n\n"
            "Your body has three kinds of muscle. Skeletal muscles are attached to your bones and "
            "move them when you choose to, like the big muscles of your legs. Smooth muscle lines "
            "organs such as the gut and blood vessels, and cardiac muscle makes up the heart. "
            "Twitches happen in skeletal muscle.\n\n"
            "A twitch, which doctors call a fasciculation, is a small contraction you did not "
            "decide to make. It can involve a whole muscle or just a bundle of fibres served by "
            "one nerve, which is why it often looks like a flutter under the skin.\n\n"
            "A twitch is not the same as a spasm or a cramp. A cramp is a strong tightening that "
            "holds on, often hurts and can leave the muscle sore. A twitch is brief, usually "
            "painless and tends to stop within seconds. Most twitches go unnoticed or are simply "
            "annoying, and they settle on their own.\n\n"
            "### Common causes\n\n"
            "The usual triggers are everyday ones, and they are rarely a cause for concern.\n\n"
            "**Overworked muscles.** A hard workout, a long day standing or a new sport can leave "
            "muscles twitching and cramping for a day or two, sometimes more at night when you are "
            "trying to sleep. Read about [muscle overexertion](/conditions/muscle-overexertion/"
            ").\n\n"
            "**Caffeine.** Coffee, tea, cola and energy drinks stimulate the nerves. Along with "
            "exercise, caffeine is one of the most frequent reasons for a twitch. See [caffeine "
            "and muscle twitching](/conditions/caffeine-and-muscles/).\n\n"
            "**Alcohol and nicotine.** Alcohol can irritate and damage muscle, while nicotine "
            "makes muscles more active. Too much of either can bring on twitches. Find out more "
            "about [alcohol](/conditions/alcohol-and-muscles/) and [nicotine](/conditions/"
            "nicotine-and-muscles/).\n\n"
            "**Low vitamins or minerals.** Running short of certain nutrients can cause twitching "
            "and cramps and, when the shortfall is bigger, numbness. See [low vitamins or "
            "minerals](/conditions/nutritional-deficiency/).\n\n"
            "**Poor circulation.** Narrowed arteries reduce blood flow to the legs, which can lead "
            "to twitching, spasms and pain, especially when walking. It is worth getting checked, "
            "because without treatment it can become severe. Read about [poor circulation](/"
            "conditions/poor-circulation/).\n\n"
            "### Less common, more serious causes\n\n"
            "Sometimes twitching is one part of a wider condition. When that is the case, other "
            "signs are nearly always present too, so twitching on its own is rarely the clue.\n\n"
            "**ALS (motor neurone disease).** In this rare condition, the nerve cells that control "
            "muscles slowly stop working. Twitching comes with weakness that gradually spreads, "
            "and later there may be problems with speech, swallowing and breathing. See [ALS](/"
            "conditions/als/).\n\n"
            "**Muscular dystrophy.** This is a group of inherited conditions that weaken the "
            "muscles themselves. Weakness and loss of muscle are the main signs, and the more "
            "severe types usually show in childhood. See [muscular dystrophy](/conditions/"
            "muscular-dystrophy/).\n\n"
            "**Fibromyalgia.** This long-term condition causes widespread pain, tender spots, "
            "tiredness and poor sleep, and at least half of people with it notice twitching. See "
            "[fibromyalgia](/conditions/fibromyalgia/).\n\n"
            "**Epilepsy.** Some seizures cause jerking of one leg or one side of the body; others "
            "involve the whole body. Medicine controls seizures for most people. See [epilepsy](/"
            "conditions/epilepsy/).\n\n"
            "**A blood clot in the leg.** A clot can cause aching, swelling, colour changes, "
            "twitching and pain when the calf is squeezed, and it needs prompt care. See [blood "
            "clot in the leg](/conditions/blood-clot-in-the-leg/).\n\n"
            "Rarer causes include scarring of the liver (cirrhosis), sarcoidosis, exposure to "
            "toxins, and some medicines or illegal drugs. Tourette syndrome causes tics: repeated "
            "movements or sounds that can look like twitches but come from the brain's control of "
            "movement rather than from a problem in the muscle.\n\n"
            "### What you can do at home\n\n"
            "If your twitches are mild and you have no other symptoms, these steps often help:\n\n"
            "1. [Raise your legs](/remedies/elevate-your-legs/) to about heart level to rest them, "
            "unless you have poor circulation.\n"
            "2. Use a [hot or cold compress](/remedies/hot-or-cold-compress/) wrapped in a cloth: "
            "cold for a fresh strain, warmth for stiff muscles.\n"
            "3. Try a gentle [massage](/remedies/massage/), stopping if it hurts, and never on a "
            "leg that might have a clot.\n"
            "4. Focus on [rest and fluids](/remedies/rest-and-fluids/), and cut back on caffeine, "
            "alcohol and nicotine.\n"
            "5. Make [stretching and gentle exercise](/remedies/stretching-and-gentle-exercise/) "
            "part of your routine.\n\n"
            "If twitching lasts more than two weeks, keeps getting worse, or comes with any of the "
            "signs in the box below, see a doctor. Our [symptom checklist](/symptom-checker/) can "
            "help you decide what kind of help fits."
        ),
        "caution": (
            "**Only a doctor can work out what is causing your twitches.** This page gives general "
            "information and cannot diagnose you.\n\n"
            "- **Get prompt medical advice** (contact your doctor today or call your local urgent "
            "care line) if twitching comes with severe pain, a change in skin colour, numbness, or "
            "weakness.\n"
            "- **Get urgent care** for weakness that keeps getting worse, muscles that are getting "
            "thinner, trouble breathing, swallowing or speaking, or a seizure.\n"
            "- **Call 999** if someone is struggling to breathe or choking, or has "
            "a seizure that lasts more than five minutes or is their first."
        ),
        "conditions": [
            "muscle-overexertion",
            "poor-circulation",
            "nutritional-deficiency",
            "alcohol-and-muscles",
            "nicotine-and-muscles",
            "caffeine-and-muscles",
            "als",
            "muscular-dystrophy",
            "fibromyalgia",
            "epilepsy",
            "blood-clot-in-the-leg",
        ],
        "remedies": [
            "elevate-your-legs",
            "hot-or-cold-compress",
            "massage",
            "rest-and-fluids",
            "stretching-and-gentle-exercise",
        ],
        "featured_video_url": "",
        "is_featured": True,
        "sources": [
            "medlineplus-muscle-twitching",
            "nhs-leg-cramps",
            "nhs-mnd",
            "nhs-dvt",
            "nhs-pad",
        ],
        "tags": ["muscles", "legs", "nerves", "self-care"],
        "clinical_area": "general",
        "author": "isla-brennagh",
        "reviewer": "anwen-castellane",
    },
]

# About, Editorial policy, Contact and Privacy, in the order the footer lists them.
SITE_PAGES = [
    {
        "slug": "about",
        "title": "About us",
        "summary": (
            "{site_name} is an independent health information service: plain-language pages on "
            "symptoms and conditions, written from published evidence and checked by clinicians."
        ),
        "body": (
            "## Who we are\n\n"
            "We are a small team of health writers and clinicians. The writers turn published "
            "medical guidance into plain English; doctors, a physiotherapist and other "
            "clinicians check every clinical page before it goes live. Each page names the "
            "person who wrote it and the clinician who reviewed it, and links to a profile "
            "with their qualifications.\n\n"
            "## What we do, and what we do not\n\n"
            "We explain symptoms, conditions and simple self-care, and we say clearly when to "
            "get help and how quickly. We do not diagnose, prescribe or give advice about your "
            "own health. The symptom checker lists possibilities and the right service to "
            "contact; it is never a diagnosis.\n\n"
            "## Independence and funding\n\n"
            "{site_name} is run on a not-for-profit basis and paid for by a grant from a "
            "health-education charity and by small donations from readers. Funders never see a "
            "page before it is published and have no say in what we write.\n\n"
            "We carry no advertising, no sponsored pages and no affiliate links, and we do not "
            "sell or share information about our readers.\n\n"
            "## Find out more\n\n"
            "- [How our pages are written, reviewed and dated](/editorial-policy/)\n"
            "- [How to contact us or report a mistake](/contact/)\n"
            "- [What we keep about visitors](/privacy/)"
        ),
    },
    {
        "slug": "editorial-policy",
        "title": "Editorial policy",
        "summary": (
            "How our pages are written, checked by clinicians, dated and kept up to date, who "
            "reviews what, and how to tell us about a mistake."
        ),
        "body": (
            "## How a page is written\n\n"
            "Each page starts from reliable, published sources: national health services, "
            "public health agencies, professional guidelines and peer-reviewed research. The "
            "writer explains them in everyday words, says where the evidence is uncertain, and "
            "lists the sources at the foot of the page with the date each one was read.\n\n"
            "We write for someone who is worried about a symptom, so every clinical page says "
            "when to get help, and how urgently, before anything else.\n\n"
            "## How a page is reviewed\n\n"
            "- No clinical page goes live until a clinician has checked it for accuracy, "
            "balance and safety. The reviewer is never the person who wrote it.\n"
            "- Every clinical page belongs to one clinical area, and only a clinician qualified "
            "in that area can sign it off. The areas, and the reviewers for each, are listed "
            "below.\n"
            "- A change to a published page is checked before visitors see it. A change to "
            "clinical advice, such as how urgently to get help, always needs a full medical "
            "review.\n\n"
            "## How a page is dated\n\n"
            "- **Last reviewed** is the date of the last full medical review.\n"
            "- **Page last updated** appears when a smaller change, such as clearer wording, "
            "was approved after that review.\n"
            "- **Next review due** is at most 12 months after the last review. We review "
            "sooner when guidance changes or a reader tells us about a problem.\n"
            "- A source's access date is never later than the page's last review, so the "
            "reviewer checked the page against the sources it cites.\n\n"
            "## How to report a mistake\n\n"
            "Use **Was this page helpful?** at the foot of any page and tell us what is wrong, "
            "or write to corrections@example.org with the page's address. Reports that a page "
            "could cause harm are dealt with first. A correction is reviewed like any other "
            "change, and the page's date shows when it was made.\n\n"
            "We cannot answer questions about your own health; see [Contact us](/contact/) "
            "for where to get help."
        ),
    },
    {
        "slug": "contact",
        "title": "Contact us",
        "summary": (
            "How to reach the {site_name} team about a page, the site or your privacy. We cannot "
            "give personal medical advice."
        ),
        "body": (
            "## We cannot give medical advice\n\n"
            "We are not able to answer questions about your own symptoms or treatment, and "
            "messages to us are not read by a doctor on duty. If you are unwell, contact your "
            "GP practice or a pharmacist, or use the numbers on this page if it is urgent.\n\n"
            "## Write to us\n\n"
            "- **A mistake or a suggestion about a page:** use *Was this page helpful?* on the "
            "page itself, or email corrections@example.org.\n"
            "- **Questions about the site:** hello@example.org\n"
            "- **Privacy requests:** privacy@example.org\n"
            "- **By post:** {site_name}, 27 Lantern Row, Exampleford EX9 4QT\n\n"
            "We aim to reply within five working days."
        ),
    },
    {
        "slug": "privacy",
        "title": "Privacy",
        "summary": (
            "What {site_name} keeps about the people who use it, which is very little, why, and "
            "for how long."
        ),
        "body": (
            "## In short\n\n"
            "You do not need an account to read this site or use the symptom checker, and we "
            "keep as little as we can about anyone who does.\n\n"
            "## The symptom checker\n\n"
            "Your answers travel in the address of the results page, so you can bookmark or "
            "share it. They are not stored on our servers, not linked to you and not used for "
            "anything else.\n\n"
            "## Feedback\n\n"
            "When you answer *Was this page helpful?*, we store your answer and any comment "
            "with the page and the date, without your name, email address or IP address. "
            "Please leave personal details out of comments. Moderators read feedback to "
            "improve pages. To stop one device flooding us with answers, we count its answers "
            "for ten minutes under a scrambled code that cannot be turned back into its "
            "address, then delete the count.\n\n"
            "## Cookies\n\n"
            "Visitors get no cookies from us: no analytics, advertising or tracking cookies. "
            "The only cookies we set are for staff who sign in to edit the site. A video "
            "loads nothing from its video site until you press play; it then plays in that "
            "site's privacy-enhanced mode.\n\n"
            "## Server logs\n\n"
            "To keep the site running and secure, our servers log each request's time, the "
            "network address it came from, the page address without anything after a question "
            "mark (so no symptom checker answers), and whether it succeeded. Logs are deleted "
            "after 30 days.\n\n"
            "## Your rights\n\n"
            "Write to privacy@example.org with any question or request about your data. As we "
            "hold nothing that identifies visitors, there is usually nothing to find, but we "
            "will always check and reply."
        ),
    },
]
