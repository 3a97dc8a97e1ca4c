"""The launch content's files (portal/content/launch/): what an editor writes
is what the loader reads, and a mistake is refused with the file named."""

import re
import shutil

import pytest
from django.urls import resolve

from portal.content.loader import LAUNCH_DIR, ContentFileError, read_launch_content

content = read_launch_content()
PAGES = {
    "conditions": content.conditions,
    "remedies": content.remedies,
    "articles": content.articles,
    "site_pages": content.site_pages,
}
# A Markdown link: the address runs from "](" to the closing bracket.
LINK = re.compile(r"\]\(([^)\s]*)(\)?)")


@pytest.fixture
def launch_copy(tmp_path):
    """A copy of the launch content an editor's mistake can be made in."""
    return shutil.copytree(LAUNCH_DIR, tmp_path / "launch")


def test_a_condition_page_reads_its_sections_into_their_fields():
    als = next(item for item in content.conditions if item["slug"] == "als")
    assert als["title"] == "Amyotrophic lateral sclerosis (ALS)"
    assert als["body"].startswith("ALS is a type of motor neurone disease. It affects")
    assert als["symptoms_text"].startswith("- ")
    # Each field stops at the next heading, without the blank lines around it.
    for field in ("body", "symptoms_text", "causes_text", "treatment_text", "prevention_text"):
        assert als[field] == als[field].strip("\n")
        assert "\n# " not in als[field]


@pytest.mark.parametrize("kind", PAGES)
def test_every_link_in_a_page_is_whole_and_internal_ones_lead_to_a_launch_page(kind):
    slugs = {folder: {item["slug"] for item in items} for folder, items in PAGES.items()}
    for item in PAGES[kind]:
        for text in (value for value in item.values() if isinstance(value, str)):
            for address, closed in LINK.findall(text):
                assert closed, f"{kind}/{item['slug']}: unclosed link {address!r}"
                if address.startswith("/"):
                    resolve(address)
                    folder, _, slug = address.strip("/").partition("/")
                    if folder in slugs:
                        assert slug in slugs[folder], f"{kind}/{item['slug']}: {address}"
                else:
                    assert address.startswith("https://"), address


def test_a_misspelt_heading_is_refused_naming_the_file(launch_copy):
    page = launch_copy / "conditions" / "als.md"
    page.write_text(page.read_text().replace("# Causes\n", "# Cause\n"))
    with pytest.raises(ContentFileError, match=r"als\.md: unexpected heading '# Cause'"):
        read_launch_content(launch_copy)


def test_a_missing_section_is_refused(launch_copy):
    page = launch_copy / "remedies" / "massage.md"
    text = page.read_text()
    page.write_text(text[: text.index("\n# Safety notes\n")] + "\n")
    with pytest.raises(ContentFileError, match=r"massage\.md: missing '# Safety notes'"):
        read_launch_content(launch_copy)


def test_a_page_without_front_matter_is_refused(launch_copy):
    page = launch_copy / "site_pages" / "about.md"
    page.write_text(page.read_text().removeprefix("+++\n"))
    with pytest.raises(ContentFileError, match=r"about\.md: must open with front matter"):
        read_launch_content(launch_copy)


def test_a_new_page_must_be_given_its_place_in_the_order(launch_copy):
    shutil.copy(launch_copy / "remedies" / "massage.md", launch_copy / "remedies" / "rubbing.md")
    with pytest.raises(ContentFileError, match=r"not listed: \['rubbing'\]"):
        read_launch_content(launch_copy)


def test_broken_toml_is_refused_naming_the_file(launch_copy):
    rules = launch_copy / "checker_rules.toml"
    rules.write_text(rules.read_text().replace('urgency = "', "urgency = ", 1))
    with pytest.raises(ContentFileError, match=r"checker_rules\.toml"):
        read_launch_content(launch_copy)
