"""The content-type registry: a new kind of content is one model and its
registration, and the site's lists pick it up."""

import pytest

from portal.editorial import inbox, registry
from portal.models import Article, Author, ContentItem, Source, Status
from tests import factories
from tests.registry_app.models import Leaflet

TITLE = "Quokka leaflet on leg cramps"


@pytest.fixture
def leaflet_kind(db):
    registry.register(search_fields={"title": "A", "summary": "B", "body": "C"})(Leaflet)
    yield registry.for_model(Leaflet)
    registry.unregister(Leaflet)


def leaflet(**fields):
    author = factories.author()
    defaults = {
        "title": TITLE,
        "slug": "quokka-leaflet",
        "summary": "What to do about cramps at night.",
        "author": author,
        "medical_reviewer": factories.reviewer(),
        "status": Status.PUBLISHED,
        "published_at": factories.timezone.now(),
    }
    return Leaflet.objects.create(**{**defaults, **fields})


def test_a_registered_kind_takes_its_labels_from_the_model(leaflet_kind):
    assert leaflet_kind.key == "leaflet"
    assert leaflet_kind.label == "Leaflet"
    assert leaflet_kind.section == "leaflets"
    assert leaflet_kind.reviewed  # a ContentItem is clinical content


@pytest.mark.parametrize(
    "url", ["/search/?q=quokka", "/feeds/latest/", "/feeds/latest/atom/", "/sitemap-leaflets.xml"]
)
def test_a_new_kind_appears_in_search_feeds_and_the_sitemap(client, leaflet_kind, url):
    leaflet()
    body = client.get(url).content.decode()
    assert "quokka-leaflet" in body or TITLE in body


@pytest.mark.parametrize("url", ["/search/?q=quokka", "/feeds/latest/", "/sitemap.xml"])
def test_an_unregistered_model_appears_nowhere(client, db, url):
    leaflet()
    body = client.get(url).content.decode()
    assert "quokka-leaflet" not in body and TITLE not in body


def test_a_new_kind_in_review_waits_in_the_moderators_queue(client, leaflet_kind):
    item = leaflet(status=Status.IN_REVIEW, published_at=None)
    moderator = factories.moderator()
    assert [entry.item for entry in inbox.build(moderator).waiting] == [item]
    assert inbox.count_for_moderator() == 1
    client.force_login(moderator)
    page = client.get("/admin/queue/").content.decode()
    assert TITLE in page
    assert f"/admin/registry_app/leaflet/{item.pk}/change/" in page


def test_a_new_kind_past_its_review_date_is_listed_as_due(leaflet_kind):
    item = leaflet(next_review_due=factories.timezone.localdate())
    assert [entry.item for entry in inbox.due_for_review()] == [item]


def test_a_new_kind_asks_for_feedback(client, leaflet_kind):
    url = leaflet().feedback_url
    assert client.get(url).status_code == 200
    registry.unregister(Leaflet)
    assert client.get(url).status_code == 404


def test_the_launch_kinds_declare_where_they_appear(db):
    keys = {kind.key for kind in registry.kinds()}
    assert {"condition", "remedy", "article", "author"} <= keys
    assert registry.for_model(Author).reviewed is False
    assert registry.for_model(Author) not in registry.fed()
    assert registry.for_model(Author) in registry.mapped()
    assert [kind.key for kind in registry.az_indexed()] == ["condition"]
    assert registry.for_model(Article).search_fields["title"] == "A"


def test_a_searchable_kind_needs_a_title_like_field():
    with pytest.raises(registry.ImproperlyConfigured):
        registry.register(search_fields={"body": "C"})


def test_kinds_of_one_base_are_the_kinds_of_its_subclasses(leaflet_kind):
    pages = registry.of_type(ContentItem)
    assert {kind.key for kind in pages} >= {"condition", "remedy", "article", "leaflet"}
    assert registry.for_model(Author) not in pages
    assert registry.for_model(Source) not in pages
    # Narrowing a list keeps its order and leaves out only the other kinds.
    assert registry.of_type(ContentItem, registry.fed()) == tuple(
        kind for kind in registry.fed() if kind in pages
    )
    assert registry.of_type(Article) == (registry.for_model(Article),)


def test_a_model_is_looked_up_only_as_itself(leaflet_kind):
    assert registry.for_model(Leaflet).model is Leaflet
    with pytest.raises(LookupError):
        registry.for_model(ContentItem)
