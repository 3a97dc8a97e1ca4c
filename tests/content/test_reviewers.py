"""Each launch page is signed off by a clinician of its own specialty
(issue 24: the neurology pages were reviewed by a GP)."""

import pytest

from conditions.models import Condition
from portal.content.loader import read_launch_content
from portal.models import ClinicalArea

content = read_launch_content()
AUTHORS = {author["slug"]: author for author in content.authors}
NEUROLOGY_PAGES = [
    item["slug"] for item in content.conditions if item["clinical_area"] == ClinicalArea.NEUROLOGY
]


def test_the_pages_on_nerve_and_muscle_disease_are_neurology_pages():
    assert {"als", "muscular-dystrophy", "epilepsy"} <= set(NEUROLOGY_PAGES)


@pytest.mark.parametrize("slug", NEUROLOGY_PAGES)
def test_a_neurology_page_is_reviewed_by_a_neurologist(slug):
    page = next(item for item in content.conditions if item["slug"] == slug)
    reviewer = AUTHORS[page["reviewer"]]
    assert reviewer["is_medical_reviewer"]
    assert "neurolog" in reviewer["role"].lower()
    assert ClinicalArea.NEUROLOGY in reviewer["review_areas"]
    assert page["reviewer"] != page["author"]


@pytest.mark.parametrize("slug", NEUROLOGY_PAGES)
def test_the_live_page_names_the_neurologist_qualified_to_review_it(launch_content, client, slug):
    page = Condition.objects.get(slug=slug)
    assert page.medical_reviewer.is_approved_clinician
    response = client.get(page.get_absolute_url())
    assert "Dr Kwame Ashdown" in response.text
    assert "qualified to review neurology" in response.text


def test_every_launch_page_is_reviewed_by_a_clinician_of_its_area():
    for kind in (content.conditions, content.remedies, content.articles):
        for item in kind:
            reviewer = AUTHORS[item["reviewer"]]
            assert item["clinical_area"] in reviewer["review_areas"], item["slug"]
