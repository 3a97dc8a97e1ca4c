"""The symptom checklist's pages: the form, privacy, bad addresses, and what
editors can tune. Runs over the real launch content."""

import html
import logging
import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.urls import reverse

from conditions.models import Condition, Symptom, SymptomKind, Urgency, UrgentCombination
from portal.models import Status
from portal.serving.headers import PRIVATE_ANSWER_HEADERS
from remedies.models import Remedy
from tests import factories

FORM = reverse("checker:form")
RESULTS = reverse("checker:results")
ABOUT_YOU = "About you and recent days"
RED_FLAGS = "First: is any of this happening?"
AGE = "How old is the person with the symptoms?"
START = reverse("checker:start")


# -- once per module: the launch content ----------------------------------------------


# -- reading pages ---------------------------------------------------------------------


def fieldsets(page):
    """[(legend, inner HTML)] for each fieldset, in order."""
    found = []
    for inner in re.findall(r"<fieldset[^>]*>(.*?)</fieldset>", page, re.DOTALL):
        legend = re.match(r"\s*<legend>(.*?)</legend>", inner, re.DOTALL)
        found.append((html.unescape(legend.group(1)) if legend else None, inner))
    return found


def checkboxes(fragment):
    """{slug: (id, checked)} for the checklist's checkboxes."""
    boxes = {}
    for tag in re.findall(r"<input\b[^>]*>", fragment):
        # "None of these" is an answer too, but not a symptom.
        if 'type="checkbox"' not in tag or re.search(r'name="(none|done)"', tag):
            continue
        assert 'name="s"' in tag, tag
        slug = re.search(r'value="([^"]*)"', tag).group(1)
        assert slug not in boxes, f"{slug} twice"
        boxes[slug] = (re.search(r'id="([^"]*)"', tag).group(1), " checked" in tag)
    return boxes


def labels(fragment):
    """{for: label text}."""
    return {
        target: " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inner)).split())
        for target, inner in re.findall(r'<label for="([^"]+)">(.*?)</label>', fragment, re.DOTALL)
    }


def ticked(page):
    return {slug for slug, (_, checked) in checkboxes(page).items() if checked}


def error_message(page):
    match = re.search(r'<div[^>]*role="alert"[^>]*>(.*?)</div>', page, re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split()) if match else ""


def possible_causes(page):
    match = re.search(r'<(div|p) data-role="possible-causes">.*?</\1>', page, re.DOTALL)
    return re.findall(r'href="/conditions/([^/"]+)/"', match.group(0))


def suggested_remedies(page):
    match = re.search(r'data-role="suggested-remedies".*?</(ul|p)>', page, re.DOTALL)
    return re.findall(r'href="/remedies/([^/"]+)/"', match.group(0))


def urgency(page):
    return re.search(r'data-urgency="([^"]+)"', page).group(1)


def change(model, slug, **fields):
    """Change a row as the site does (a save), so the content version moves
    and every worker's copy of the checker data is refreshed."""
    obj = model.objects.get(slug=slug)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()


def get(client, query=""):
    response = client.get(f"{RESULTS}?{query}" if query else RESULTS)
    return response, response.content.decode()


# -- the form --------------------------------------------------------------------------


def test_the_form_groups_every_listed_symptom_under_a_legend(launch, client):
    response = client.get(FORM)
    assert response.status_code == 200
    page = response.content.decode()
    sets = fieldsets(page)
    assert sets, "no fieldsets"
    assert all(legend for legend, _ in sets), "a fieldset without a legend"
    legends = [legend for legend, _ in sets]
    assert len(legends) == len(set(legends)), f"an area split in two: {legends}"

    listed = Symptom.objects.filter(is_listed=True).select_related("body_area")
    # Red flags first (modifiers such as "it started suddenly" among them),
    # then areas in their editors' order, each other sign inside its own
    # area's fieldset, then context and age.
    red_flags = [s for s in listed if s.asked_first]
    others = [s for s in listed if not s.asked_first and s.kind == SymptomKind.SIGN]
    expected_areas = list(dict.fromkeys(s.body_area.name for s in others))
    assert legends == [RED_FLAGS, *expected_areas, ABOUT_YOU, AGE]
    by_legend = {legend: checkboxes(inner) for legend, inner in sets}
    assert set(by_legend[RED_FLAGS]) == {s.slug for s in red_flags}
    assert {"trouble-breathing", "seizure", "leg-swelling"} <= set(by_legend[RED_FLAGS])
    for sign in others:
        assert sign.slug in by_legend[sign.body_area.name], sign.slug


def test_every_listed_symptom_has_a_label_bound_to_its_checkbox(launch, client):
    page = client.get(FORM).content.decode()
    boxes = checkboxes(page)
    names = labels(page)
    listed = Symptom.objects.filter(is_listed=True)
    assert set(boxes) == {s.slug for s in listed}
    ids = [box_id for box_id, _ in boxes.values()]
    assert len(ids) == len(set(ids)), "checkbox ids must be unique"
    for symptom in listed:
        box_id, checked = boxes[symptom.slug]
        assert not checked
        assert names[box_id].startswith(symptom.name), symptom.slug
    # Hints are read out with the box they explain.
    assert 'aria-describedby="s-leg-twitching-hint"' in page
    assert 'id="s-leg-twitching-hint"' in page


def test_the_context_questions_have_their_own_fieldset(launch, client):
    sets = dict(fieldsets(client.get(FORM).content.decode()))
    questions = checkboxes(sets[ABOUT_YOU])
    context = {
        s.slug
        for s in Symptom.objects.filter(is_listed=True, kind=SymptomKind.CONTEXT)
        if not s.asked_first  # modifiers of red flags are asked with them
    }
    assert context >= {"recent-hard-exercise", "lots-of-caffeine", "lasted-over-two-weeks"}
    assert set(questions) == context


def test_the_form_sends_answers_by_get_with_no_token_to_the_results(launch, client):
    page = client.get(FORM).content.decode()
    form = re.search(r'<form class="checker"[^>]*>', page).group(0)
    assert 'method="get"' in form
    assert f'action="{RESULTS}"' in form
    assert "csrfmiddlewaretoken" not in page
    assert re.search(r'<button[^>]*type="submit"[^>]*>See what to do</button>', page)


def test_the_form_keeps_the_answers_when_coming_back_to_change_them(launch, client):
    _response, page = get(client, "s=leg-twitching&s=recent-hard-exercise")
    change = re.search(r'href="([^"]+)">Change your answers', page).group(1)
    form = client.get(html.unescape(change)).content.decode()
    assert ticked(form) == {"leg-twitching", "recent-hard-exercise"}


@pytest.mark.parametrize("path", [FORM, RESULTS], ids=["form", "results"])
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_checklist_answers_only_get(launch, client, path, method):
    response = getattr(client, method)(path, {"s": "leg-twitching"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("path", [START, FORM], ids=["steps", "one-page"])
def test_the_checker_without_answers_may_be_indexed(launch, client, path):
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert f"{START}</loc>" in sitemap
    assert "Disallow: /symptom-checker/\n" not in client.get("/robots.txt").content.decode()
    response = client.get(path)
    assert "noindex" not in response.get("X-Robots-Tag", "")


# -- privacy ---------------------------------------------------------------------------

PRIVATE_QUERIES = [
    pytest.param("s=leg-twitching&s=alcohol", 200, id="results"),
    pytest.param("s=leg-twitching&s=not-a-symptom", 400, id="bad-input"),
]


@pytest.mark.parametrize(("query", "status"), PRIVATE_QUERIES)
def test_answers_leave_no_cookie_and_are_kept_from_caches_referrers_and_search(
    launch, client, query, status
):
    response, _page = get(client, query)
    assert response.status_code == status
    assert not response.cookies
    assert not client.cookies
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]


def test_the_checker_and_the_planner_keep_answers_private_alike(launch, client):
    # One rule for a page holding a visitor's answers (portal.serving.headers).
    checker, _page = get(client, "s=leg-twitching&s=alcohol")
    planner = client.get(
        "/calorie-planner/?sex=female&age=30&height_cm=165&weight_kg=70&activity=light&goal=lose-1"
    )
    assert checker.status_code == planner.status_code == 200
    for response in (checker, planner):
        assert {name: response[name] for name in PRIVATE_ANSWER_HEADERS} == PRIVATE_ANSWER_HEADERS


def test_the_results_page_asks_search_engines_not_to_index_it(launch, client):
    _, page = get(client, "s=leg-twitching")
    meta = re.search(r'<meta name="robots" content="([^"]*)">', page)
    assert meta
    assert "noindex" in meta.group(1)


def test_answers_are_not_stored_in_any_table(launch, client):
    models = apps.get_models(include_auto_created=True)

    def counts():
        return {model._meta.label: model._default_manager.count() for model in models}

    before = counts()
    get(client, "s=leg-twitching&s=muscle-weakness&s=alcohol")
    get(client, "s=leg-twitching&s=not-a-symptom")
    client.get(FORM, {"s": "leg-twitching"})
    assert counts() == before
    assert "django_session" in {m._meta.db_table for m in models}


@pytest.mark.parametrize("enabled", [True, False], ids=["page-cache-on", "page-cache-off"])
def test_answers_are_never_kept_by_the_page_cache(launch, client, settings, enabled):
    settings.PAGE_CACHE_ENABLED = enabled
    cache.clear()
    for _ in range(2):
        response, _ = get(client, "s=leg-twitching")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    # The cache is really on for public pages, so the check above means something.
    if enabled:
        client.get(reverse("conditions:list"))
        assert client.get(reverse("conditions:list"))["X-Page-Cache"] == "hit"


def test_no_log_record_names_a_ticked_symptom(launch, client, caplog):
    caplog.set_level(logging.INFO)
    secret = ["drooping-eyelids", "alcohol", "seizure"]
    get(client, "&".join(f"s={slug}" for slug in secret))
    get(client, "s=drooping-eyelids&s=not-a-symptom")
    client.get(FORM, {"s": secret})
    # Logging is really captured: the bad address is reported, by path only.
    assert any("Bad Request" in record.getMessage() for record in caplog.records)
    verbose = logging.Formatter("%(levelname)s %(name)s %(pathname)s %(funcName)s %(message)s")
    for record in caplog.records:
        if record.levelno < logging.INFO:
            continue
        logged = f"{verbose.format(record)} {record.args}"
        for slug in [*secret, "not-a-symptom"]:
            assert slug not in logged, f"{record.name} logged {slug}"


# -- bad addresses ---------------------------------------------------------------------

TOO_LONG = "s=leg-twitching&note=" + "x" * 3000
JUNK = "s=%F0%9F%92%A5&s=%FF%FE&s=caf%C3%A9&s=%00&s=%E2%80%AE&s=%3Cscript%3E"

BAD_ADDRESSES = [
    pytest.param("s=not-a-symptom", "did not recognise 1 answer", set(), id="unknown"),
    pytest.param(
        "s=leg-twitching&s=not-a-symptom&s=cramps&s=gone-since-2025",
        "did not recognise 2 answers",
        {"leg-twitching", "cramps"},
        id="known-and-unknown",
    ),
    pytest.param("&".join(["s=leg-twitching"] * 101), "too many answers", set(), id="101-params"),
    pytest.param(TOO_LONG, "too long", set(), id="3000-chars"),
    pytest.param("s=", "Tick at least one", set(), id="empty"),
    pytest.param("s=&s=%20&s=", "Tick at least one", set(), id="blanks"),
    pytest.param("", "Tick at least one", set(), id="no-params"),
    pytest.param("q=leg-twitching", "Tick at least one", set(), id="other-param"),
    pytest.param(JUNK, "did not recognise 6 answers", set(), id="non-ascii-junk"),
    pytest.param(JUNK + "&s=seizure", "did not recognise 6 answers", {"seizure"}, id="junk+known"),
]


@pytest.mark.parametrize(("query", "message", "still_ticked"), BAD_ADDRESSES)
def test_a_bad_address_gives_the_form_back_with_a_clear_message(
    launch, client, query, message, still_ticked
):
    response, page = get(client, query)
    assert response.status_code == 400
    assert '<form class="checker"' in page
    assert 'aria-describedby="checker-error"' in page
    assert message in error_message(page)
    assert "data-urgency" not in page
    assert ticked(page) == still_ticked
    assert "<script>" not in page


def test_unicode_answers_sent_as_text_give_the_form_back(launch, client):
    response = client.get(RESULTS, {"s": ["ünïcødé", "\u202e", "脚がつる", "leg-twitching"]})
    page = response.content.decode()
    assert response.status_code == 400
    assert "did not recognise 3 answers" in error_message(page)
    assert ticked(page) == {"leg-twitching"}


def test_thousands_of_parameters_are_refused_without_a_server_error(launch, client):
    # Beyond Django's own limit on fields, Django answers before the view does.
    response = client.get(f"{RESULTS}?" + "s&" * 1500)
    assert response.status_code == 400


def test_a_symptom_ticked_twice_counts_once(launch, client):
    once, once_page = get(client, "s=leg-twitching&s=alcohol")
    twice, twice_page = get(client, "s=leg-twitching&s=alcohol&s=leg-twitching&s=+alcohol+")
    assert once.status_code == twice.status_code == 200
    assert possible_causes(twice_page) == possible_causes(once_page)
    assert suggested_remedies(twice_page) == suggested_remedies(once_page)
    # Each cause lists the twitch once.
    supported = re.findall(r'data-role="supported-by">(.*?)</p>', twice_page)
    assert len(supported) == len(possible_causes(twice_page))
    assert all(line.count("twitching in a leg muscle") == 1 for line in supported)


def test_a_hundred_repeats_are_still_one_answer(launch, client):
    response, page = get(client, "&".join(["s=leg-twitching"] * 100))
    assert response.status_code == 200
    assert urgency(page) == Urgency.SELF_CARE


def test_ticking_every_box_still_gives_advice(launch, client):
    every = Symptom.objects.filter(is_listed=True).values_list("slug", flat=True)
    response, page = get(client, "&".join(f"s={slug}" for slug in every))
    assert response.status_code == 200
    assert urgency(page) == Urgency.EMERGENCY
    assert suggested_remedies(page) == []


# -- editors tune it -------------------------------------------------------------------


def test_a_hidden_symptom_leaves_the_form_and_is_treated_as_unknown(launch, client):
    assert "cramps" in checkboxes(client.get(FORM).content.decode())
    change(Symptom, "cramps", is_listed=False)

    assert "cramps" not in checkboxes(client.get(FORM).content.decode())
    response, page = get(client, "s=cramps&s=leg-twitching")
    assert response.status_code == 400
    assert "did not recognise 1 answer" in error_message(page)
    assert ticked(page) == {"leg-twitching"}


def test_an_unpublished_condition_is_never_a_cause(launch, client):
    ticks = "s=twitching-after-exercise&s=recent-hard-exercise"
    _, page = get(client, ticks)
    assert possible_causes(page)[0] == "muscle-overexertion"
    for status in (Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED):
        change(Condition, "muscle-overexertion", status=status)
        _, page = get(client, ticks)
        assert "muscle-overexertion" not in possible_causes(page), status
        assert "Muscle overexertion" not in page


def test_a_draft_condition_linked_strongly_is_never_a_cause(launch, client):
    draft = factories.condition(status=Status.DRAFT, slug="draft-only", title="Draft only")
    factories.link(draft, Symptom.objects.get(slug="leg-twitching"), weight=10)
    _, page = get(client, "s=leg-twitching")
    assert "draft-only" not in possible_causes(page)
    assert possible_causes(page)  # the published ones are still there


def test_an_unpublished_remedy_is_never_suggested(launch, client):
    ticks = "s=twitching-after-exercise&s=recent-hard-exercise"
    _, page = get(client, ticks)
    assert "rest-and-fluids" in suggested_remedies(page)
    change(Remedy, "rest-and-fluids", status=Status.DRAFT)
    _, page = get(client, ticks)
    assert "rest-and-fluids" not in suggested_remedies(page)


def test_changing_a_symptoms_urgency_changes_the_advice(launch, client):
    _, page = get(client, "s=cramps")
    assert urgency(page) == Urgency.SELF_CARE
    assert suggested_remedies(page)

    change(Symptom, "cramps", urgency=Urgency.URGENT, advice="Ring today.")
    _, page = get(client, "s=cramps")
    assert urgency(page) == Urgency.URGENT
    assert "Ring today." in page
    assert suggested_remedies(page) == []

    change(Symptom, "cramps", urgency=Urgency.DOCTOR)
    _, page = get(client, "s=cramps")
    assert urgency(page) == Urgency.DOCTOR


def test_switching_off_a_combination_stops_it_raising_the_advice(launch, client):
    ticks = "s=leg-twitching&s=muscle-weakness"
    _, page = get(client, ticks)
    assert urgency(page) == Urgency.URGENT
    change(UrgentCombination, "twitching-with-weakness", is_active=False)
    _, page = get(client, ticks)
    assert urgency(page) == Urgency.DOCTOR  # muscle weakness on its own


def test_two_areas_with_the_same_order_each_get_one_fieldset(launch, client):
    arms = factories.body_area(name="Arms", slug="arms", order=0)
    back = factories.body_area(name="Back", slug="back", order=0)
    factories.symptom(name="Arm ache", slug="arm-ache", body_area=arms, order=1)
    factories.symptom(name="Back ache", slug="back-ache", body_area=back, order=1)
    factories.symptom(name="Arm numbness", slug="arm-numbness", body_area=arms, order=2)
    sets = fieldsets(client.get(FORM).content.decode())
    legends = [legend for legend, _ in sets]
    assert legends.count("Arms") == 1, legends
    assert legends.count("Back") == 1, legends
    assert set(checkboxes(dict(sets)["Arms"])) == {"arm-ache", "arm-numbness"}
