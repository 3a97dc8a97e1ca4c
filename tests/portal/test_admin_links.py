"""The admin's change-page address (portal/admin/links.py), which the inbox,
staff mail, the preview banner and the admin's own screens all link to."""

from django.contrib.contenttypes.models import ContentType

from portal.admin.links import admin_change_url, admin_change_url_for
from portal.editorial.inbox import QueueEntry
from portal.models import Status
from tests import factories


def test_a_change_page_address_from_an_object_or_its_content_type(db):
    item = factories.condition()
    expected = f"/admin/conditions/condition/{item.pk}/change/"
    assert admin_change_url(item) == expected
    assert admin_change_url_for(ContentType.objects.get_for_model(item), item.pk) == expected
    assert QueueEntry(item, None).admin_url == expected


def test_the_preview_of_a_draft_links_staff_to_its_change_page(client, db):
    item = factories.condition(status=Status.DRAFT)
    client.force_login(factories.editor())
    html = client.get(item.get_absolute_url()).content.decode()
    assert f'href="{admin_change_url(item)}"' in html
