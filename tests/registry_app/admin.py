from django.contrib import admin

from portal.admin.workflow import WorkflowVersionAdmin
from tests.registry_app.models import Leaflet


@admin.register(Leaflet)
class LeafletAdmin(WorkflowVersionAdmin):
    search_fields = ["title"]
