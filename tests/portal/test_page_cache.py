"""Anonymous visitors get cached pages that are never stale after a change."""

import ast
import copy
import inspect
import secrets
import sys
import textwrap
from collections import Counter

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve

from conditions import views as conditions_views
from portal.caching import page_cache
from portal.models import Status
from tests import factories


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()


def test_second_anonymous_visit_is_served_from_the_cache(client, db):
    page = factories.condition()
    assert client.get(page.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(page.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_publish_shows_at_once(client, db):
    client.get("/conditions/")
    draft = factories.condition(title="Fresh condition", status=Status.DRAFT)
    assert "Fresh condition" not in client.get("/conditions/").content.decode()
    draft.status = Status.PUBLISHED
    draft.published_at = draft.created_at
    draft.save()
    assert "Fresh condition" in client.get("/conditions/").content.decode()


def test_an_unpublish_removes_the_page_at_once(client, db):
    page = factories.condition(title="Going away")
    assert client.get(page.get_absolute_url()).status_code == 200
    page.status = Status.DRAFT
    page.save()
    assert client.get(page.get_absolute_url()).status_code == 404


def test_a_tag_change_shows_at_once(client, db):
    factories.condition(tags=["legs"])
    client.get("/tags/legs/")
    other = factories.remedy(title="Newly tagged")
    other.tags.add("legs")
    assert "Newly tagged" in client.get("/tags/legs/").content.decode()


def test_logged_in_staff_never_get_cached_pages(client, db):
    page = factories.condition()
    client.get(page.get_absolute_url())
    client.force_login(factories.editor())
    assert "X-Page-Cache" not in client.get(page.get_absolute_url())


def test_symptom_checker_results_are_never_cached(client, db):
    response = client.get("/symptom-checker/results/?s=x")
    assert "X-Page-Cache" not in response


def test_visitor_feedback_does_not_empty_the_cache(client, db):
    from portal.models import Feedback

    page = factories.condition()
    client.get(page.get_absolute_url())
    Feedback.objects.create(item=page, helpful=True)
    assert client.get(page.get_absolute_url())["X-Page-Cache"] == "hit"


def test_each_host_gets_its_own_cached_pages(client, db, settings):
    settings.ALLOWED_HOSTS = ["public.example", "internal.example"]
    factories.condition()
    client.get("/sitemap.xml", HTTP_HOST="internal.example")
    public = client.get("/sitemap.xml", HTTP_HOST="public.example")
    assert public["X-Page-Cache"] == "miss"
    assert "internal.example" not in public.content.decode()


def test_a_copy_read_while_a_change_was_open_is_dropped_when_it_commits(
    db, django_capture_on_commit_callbacks
):
    from portal.caching.content_version import VERSION_KEY, content_version

    before = content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        factories.condition()
        # Another worker read the committed (old) number meanwhile.
        cache.set(VERSION_KEY, before, 5)
    assert callbacks
    assert content_version() != before


def test_the_version_lives_in_the_database_and_moves_with_the_change(db):
    from django.db import transaction

    from portal.caching.content_version import content_version
    from portal.models import ContentVersion

    cache.clear()
    first = content_version()

    def change_then_fail():
        with transaction.atomic():
            factories.condition()
            raise RuntimeError("the change is rolled back")

    with pytest.raises(RuntimeError):
        change_then_fail()
    cache.clear()
    assert content_version() == first  # nothing changed, nothing moved
    factories.condition()
    moved = content_version()
    assert moved != first
    assert ContentVersion.objects.get().value == moved


def test_with_the_cache_down_the_version_comes_from_the_database(db, monkeypatch):
    from portal.caching import content_version, shared_cache

    factories.condition()
    expected = content_version.content_version()

    def down(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    for name in ("get", "set", "delete"):
        monkeypatch.setattr(shared_cache.cache, name, down)
    assert content_version.content_version() == expected
    factories.condition()  # publishing still works, and moves the version
    assert content_version.content_version() != expected


# --- Query parameters: only those a page reads make a key -------------------------------------

UNKNOWN = {"utm_source": "newsletter", "fbclid": "IwAR0x"}


def _random_value():
    return secrets.token_urlsafe(8)


def test_random_tracking_parameters_are_served_from_one_cached_page(client, db):
    """400 random `?utm=` values in 15 s used to turn every popular page into
    a miss: each made a key of its own (50 here gave 50 misses)."""
    page = factories.condition().get_absolute_url()
    states = Counter(client.get(page, {"utm": _random_value()})["X-Page-Cache"] for _ in range(50))
    assert states == {"miss": 1, "hit": 49}
    assert client.get(page)["X-Page-Cache"] == "hit"


def test_a_flood_of_unknown_parameters_leaves_popular_pages_cached(client, db):
    pages = [factories.condition().get_absolute_url() for _ in range(3)]
    pages += ["/", "/conditions/", "/remedies/"]
    for page in pages:
        client.get(page)
    for index in range(400):
        client.get(pages[index % len(pages)], {"utm": _random_value()})
    assert {client.get(page)["X-Page-Cache"] for page in pages} == {"hit"}


def test_the_page_with_unknown_parameters_is_the_page_without_them(client, db, monkeypatch):
    """Rendered from the address without them: the pages' own links (the A–Z's
    pagination keeps the query string) never carry them."""
    monkeypatch.setattr(conditions_views, "AZ_PAGE_SIZE", 2)
    for _ in range(5):
        factories.condition()
    with_unknown = client.get("/conditions/", {**UNKNOWN, "page": "2"})
    assert with_unknown["X-Page-Cache"] == "miss"
    html = with_unknown.content.decode()
    assert "?page=3" in html and "?page=1" in html
    assert "utm_source" not in html and "fbclid" not in html
    plain = client.get("/conditions/?page=2")
    assert plain["X-Page-Cache"] == "hit"
    assert plain.content == with_unknown.content


def test_parameters_a_page_reads_keep_a_page_of_their_own(client, db):
    assert client.get("/search/", {"q": "cramp"})["X-Page-Cache"] == "miss"
    assert client.get("/search/", {"q": "cramp", **UNKNOWN})["X-Page-Cache"] == "hit"
    assert client.get("/search/", {"q": "sprain"})["X-Page-Cache"] == "miss"
    # The same parameters in another order are the same page.
    factories.condition(tags=["legs"])
    assert client.get("/conditions/?tag=legs&category=common")["X-Page-Cache"] == "miss"
    assert client.get("/conditions/?category=common&tag=legs")["X-Page-Cache"] == "hit"


def test_a_remedy_group_is_still_shown_behind_a_tracking_parameter(client, db):
    remedy = factories.remedy(title="Ice pack")
    response = client.get("/remedies/", {"group": remedy.group.slug, **UNKNOWN})
    assert response.templates[0].name == "remedies/remedy_group.html"
    assert "Ice pack" in response.content.decode()


def test_planner_answers_stay_private_behind_unknown_parameters(client, db):
    assert client.get("/calorie-planner/")["X-Page-Cache"] == "miss"
    assert client.get("/calorie-planner/", UNKNOWN)["X-Page-Cache"] == "hit"
    answered = client.get("/calorie-planner/", {"age": "40", **UNKNOWN})
    assert "no-store" in answered["Cache-Control"]
    assert not answered.has_header("X-Page-Cache")
    assert "Enter" in answered.content.decode()  # its errors, not the empty form


def test_an_address_no_page_answers_is_never_stored_with_its_query(client, db):
    assert not client.get("/conditions", UNKNOWN).has_header("X-Page-Cache")


def test_members_get_the_shared_page_behind_unknown_parameters(client, db):
    from tests.members.conftest import log_in

    page = factories.condition().get_absolute_url()
    assert client.get(page)["X-Page-Cache"] == "miss"
    member = log_in(Client(), factories.member())
    assert member.get(page, {"utm": _random_value()})["X-Page-Cache"] == "member-hit"


# --- Every page lists the parameters it reads --------------------------------------------------


def _url_patterns(patterns=None, prefix="", namespace=""):
    """(address pattern, view name, callback) of every URL pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern).lstrip("^")
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            yield from _url_patterns(pattern.url_patterns, route, inner)
        else:
            name = pattern.name or pattern.lookup_str
            yield "/" + route, f"{namespace}:{name}" if namespace else name, pattern.callback


def _cached_views():
    return [
        (route, name, callback)
        for route, name, callback in _url_patterns()
        if not route.startswith(page_cache.NEVER_CACHED_PREFIXES)
    ]


def test_every_page_the_cache_may_store_lists_its_parameters():
    names = [name for _, name, _ in _cached_views()]
    assert sorted(names) == sorted(page_cache.QUERY_PARAMETERS)


# Views that hand their whole query string to another function: what that
# reads is checked by requesting the page (the next test).
HANDED_ON = {"portal:calorie_planner"}
PROJECT = ("portal", "conditions", "remedies")


def _in_project(obj) -> bool:
    return getattr(obj, "__module__", "").split(".")[0] in PROJECT


def _units(callback):
    """The project's functions and classes a view runs: itself, its project
    base classes, and the project functions they call by name."""
    view = getattr(callback, "view_class", None) or inspect.unwrap(callback)
    if not (inspect.isfunction(view) or inspect.isclass(view)):
        view = type(view)  # a Feed instance
    todo = [cls for cls in view.__mro__ if _in_project(cls)] if inspect.isclass(view) else [view]
    seen = []
    while todo:
        unit = todo.pop()
        if unit in seen:
            continue
        seen.append(unit)
        names = vars(sys.modules[unit.__module__])
        for node in ast.walk(ast.parse(textwrap.dedent(inspect.getsource(unit)))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                called = names.get(node.func.id)
                if inspect.isfunction(called) and _in_project(called):
                    todo.append(called)
    return seen


def _reads(unit):
    """The query parameters the unit's code names, "?" for one it does not
    name, and "*" when it hands the whole query string on."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(unit)))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr == "GET"):
            continue
        parent = parents[node]
        key = None
        if isinstance(parent, ast.Attribute) and parent.attr in ("get", "getlist"):
            call = parents[parent]
            key = call.args[0] if isinstance(call, ast.Call) and call.args else None
        elif isinstance(parent, ast.Subscript) and parent.value is node:
            key = parent.slice
        elif isinstance(parent, ast.Compare) and parent.comparators == [node]:
            key = parent.left
        elif isinstance(parent, ast.Call) and node in parent.args:
            found.add("*")
            continue
        found.add(key.value if isinstance(key, ast.Constant) else "?")
    return found


@pytest.mark.parametrize(
    ("name", "callback"), [(name, callback) for _, name, callback in _cached_views()]
)
def test_no_view_reads_a_parameter_its_page_drops(name, callback):
    read = set().union(*(_reads(unit) for unit in _units(callback)))
    if "*" in read:
        assert name in HANDED_ON
        read.discard("*")
    allowed = page_cache.QUERY_PARAMETERS[name] | page_cache.STAFF_ONLY_PARAMETERS
    assert read <= allowed


class _Recording(QueryDict):
    """A query string that notes every parameter asked for by name."""

    asked: set[str] = set()

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.asked.add(key)
        return super().getlist(key, default)

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.asked.add(key)
        return super().__contains__(key)


def test_the_pages_ask_for_no_parameter_they_drop(client, db, monkeypatch):
    """Each page requested with the parameters it reads, as anyone; what
    the view, its templates and Django's own views ask for is noted."""
    shared = page_cache._for_everyone

    def recording(request):
        request = shared(request)
        if request is not None:
            request = copy.copy(request)
            request.GET = _Recording(request.META.get("QUERY_STRING", ""))
        return request

    monkeypatch.setattr(page_cache, "_for_everyone", recording)
    condition = factories.condition(tags=["legs"])
    remedy = factories.remedy()
    article = factories.article()
    answer = "not-a-reference"
    addresses = [
        "/",
        f"{article.get_absolute_url()}?preview=draft",
        f"{article.author.get_absolute_url()}?list=written&page=1",
        "/tags/legs/?kind=conditions&page=1",
        f"{factories.site_page().get_absolute_url()}",
        "/search/?q=legs",
        "/calorie-planner/?age=40",
        f"/feedback/condition/{condition.slug}/",
        f"/feedback/condition/{condition.slug}/thanks/?answer={answer}",
        "/feeds/latest/",
        "/feeds/latest/atom/",
        "/conditions/?category=common&tag=legs&page=1",
        condition.get_absolute_url(),
        "/remedies/?page=1",
        f"/remedies/?group={remedy.group.slug}&page=1",
        remedy.get_absolute_url(),
        "/sitemap.xml",
        "/sitemap-conditions.xml?p=1",
        "/robots.txt",
        "/favicon.ico",
        "/media/authors/none.png",
    ]
    visited = set()
    for address in addresses:
        _Recording.asked = set()
        client.get(address)
        name = resolve(address.partition("?")[0]).view_name
        visited.add(name)
        allowed = page_cache.QUERY_PARAMETERS[name] | page_cache.STAFF_ONLY_PARAMETERS
        assert _Recording.asked <= allowed, address
    # A page added to the allow-list is added here too.
    assert visited == set(page_cache.QUERY_PARAMETERS)
