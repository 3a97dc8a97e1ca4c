"""The plain-English checks in the admin: an editor is told after each save,
the change form lists them (for a live page, its pending changes), and a
moderator sees the same list before approving."""

import pytest

from conditions.urgency import Urgency
from portal.admin.plain_english import link_problem
from portal.models import Status
from tests import factories
from tests.portal.test_live_drafts import change_url, edit

PASSIVE = "Cramp is caused by tired muscles."


@pytest.fixture
def draft_page(db):
    item = factories.condition(title="Night cramp", slug="night-cramp", status=Status.DRAFT)
    factories.advice(item, Urgency.URGENT, "Contact your local urgent care line.")
    return item


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_an_editor_is_told_what_the_checks_found_on_save(client, draft_page):
    client.force_login(factories.editor())
    response = edit(
        client,
        draft_page,
        body=f"{PASSIVE} See [the old page](/conditions/no-such-page/).",
        _continue="1",
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    [told] = [m for m in messages_of(page) if m.startswith("Plain English:")]
    assert "3 things to look at" in told
    assert "“is caused”" in told
    panel = page.content.decode().split('data-role="plain-english"')[1].split("</section>")[0]
    assert "/conditions/no-such-page/ goes to no page on this site" in panel
    assert "When to get help: Urgent" in panel and "999 or 111" in panel


def test_a_save_with_nothing_to_look_at_says_nothing(client, draft_page):
    draft_page.advice.update(text="Call 111 today if the cramp will not ease.")
    client.force_login(factories.editor())
    response = edit(client, draft_page, body="Stretch the calf.", _continue="1")
    page = client.get(response["Location"])
    assert not [m for m in messages_of(page) if m.startswith("Plain English:")]
    assert "Plain English: nothing to look at" in page.content.decode()


def test_a_moderator_sees_the_checks_on_the_pending_changes_before_approving(client, db):
    live = factories.condition(title="Calf cramp", body="Stretch the calf.")
    factories.advice(live, Urgency.EMERGENCY, "Call 999 if the leg turns cold and pale.")
    client.force_login(factories.editor())
    assert edit(client, live, body=f"Stretch the calf. {PASSIVE}").status_code == 302
    client.force_login(factories.moderator())
    page = client.get(change_url(live))
    report = page.context["plain_english"]
    # The draft's words, not the live page's.
    assert [(f.check, f.where) for f in report.findings] == [("passive-voice", "Body")]
    html = page.content.decode()
    assert html.index('data-role="plain-english"') < html.index('id="workflow-actions-top"')


def test_links_are_tried_against_the_site_and_its_published_pages(db):
    factories.condition(slug="cramp")
    factories.condition(slug="in-draft", status=Status.DRAFT)
    assert link_problem("/conditions/cramp/") is None
    assert link_problem("/conditions/cramp/#when-to-get-help") is None
    assert link_problem("/symptom-checker/") is None
    assert link_problem("/conditions/in-draft/").endswith("which is not published (draft)")
    assert link_problem("/conditions/gone/") == "goes to no page on this site"
    assert link_problem("/no/such/address/") == "goes to no page on this site"
