"""The publisher in every page's footer: links to the site's own pages and,
for a page without structured data of its own, the Organization as JSON-LD.

The 500 page includes the footer too, rendered without a request or
context processors, so nothing here may need either.
"""

from django import template
from django.urls import NoReverseMatch, reverse

from portal.models import SitePageSlug
from portal.public.structured_data import ld_json_script, publisher_page

register = template.Library()


@register.simple_tag
def site_page_links() -> list[tuple[str, str]]:
    """(label, address) of About, Editorial policy, Contact and Privacy."""
    links = []
    for slug, label in SitePageSlug.choices:
        try:
            links.append((str(label), reverse("portal:site_page", kwargs={"slug": slug})))
        except NoReverseMatch:
            # The error page must render whatever is broken.
            continue
    return links


@register.simple_tag(takes_context=True)
def publisher_json_ld(context) -> str:
    """The Organization's JSON-LD, unless the page's own data names it."""
    data = context.get("structured_data")
    if isinstance(data, dict) and "publisher" in data:
        return ""
    try:
        organization = publisher_page(context.get("request"))
    except NoReverseMatch:
        return ""  # the error page of a broken URLconf
    if not organization["url"]:
        return ""  # neither SITE_URL nor a request: no address to give
    return ld_json_script(organization)
