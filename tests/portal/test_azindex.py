"""The A–Z index and the home page: their cost does not grow with the
number of conditions (the sorted names are kept per process; a page reads
only its own rows)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.public.azindex import az_index, index_letter
from tests import factories


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def conditions(n, reviewer):
    for i in range(n):
        factories.condition(
            title=f"{'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i % 26]}ondition {i}",
            also_called=f"Other name {i}" if i % 3 == 0 else "",
            medical_reviewer=reviewer,
        )


@pytest.mark.parametrize("url", ["/", "/conditions/", "/conditions/?page=2"])
def test_queries_do_not_grow_with_the_number_of_conditions(client, db, monkeypatch, url):
    monkeypatch.setattr("conditions.views.AZ_PAGE_SIZE", 4)
    reviewer = factories.reviewer()
    conditions(5, reviewer)
    few_cold, few_warm = queries(client, url), queries(client, url)
    conditions(55, reviewer)
    many_cold, many_warm = queries(client, url), queries(client, url)
    assert (many_cold, many_warm) == (few_cold, few_warm)
    # Once warm: the home page reads nothing, an A–Z page its own rows (the
    # content version's cached copy may lapse: one more).
    assert many_warm <= (1 if url == "/" else 2)


def test_an_a_z_page_reads_only_its_own_rows(client, db, monkeypatch):
    monkeypatch.setattr("conditions.views.AZ_PAGE_SIZE", 4)
    conditions(12, factories.reviewer())
    client.get("/conditions/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/conditions/?page=2")
    [rows] = [q["sql"] for q in captured if "conditions_condition" in q["sql"]]
    [ids] = re.findall(r'"conditions_condition"\."id" IN \(([^)]*)\)', rows)
    assert len(ids.split(",")) == 4


def test_an_expired_condition_leaves_the_page_at_once(client, db):
    kept = factories.condition(title="Kept")
    gone = factories.condition(title="Going")
    client.get("/conditions/")  # the names are now kept by this process
    # Expiry is a matter of time, not a change: the kept names still hold it,
    # but the page's rows are read as published now.
    type(gone).objects.filter(pk=gone.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    html = client.get("/conditions/").content.decode()
    assert kept.title in html and "Going" not in html


def test_the_index_keeps_names_sorted_with_synonyms_under_their_letter(db):
    from conditions.models import Condition

    factories.condition(title="Zeta thing", also_called="Alpha name\n\nÉlan")
    factories.condition(title="beta thing")
    entries = az_index(Condition).entries
    assert [(e.letter, e.name, e.is_synonym) for e in entries] == [
        ("A", "Alpha name", True),
        ("B", "beta thing", False),
        ("E", "Élan", True),
        ("Z", "Zeta thing", False),
    ]
    assert az_index(Condition).letter_pages(2) == [("A", 1), ("B", 1), ("E", 2), ("Z", 2)]
    assert index_letter("3 day fever") == "#"
