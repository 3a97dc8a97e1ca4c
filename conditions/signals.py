"""Related conditions are linked both ways: a change to Alpha's list also
changes Beta's, so Beta's edit token must change too (see
portal.admin.workflow.ConcurrentEditForm)."""

from django.utils import timezone

from portal import fixtures


def touch_related_conditions(sender, instance, action, pk_set, model, **kwargs):
    # Loading a backup re-adds every link: the rows' dates are the backup's,
    # and the pages that show them must come back unchanged.
    if fixtures.loading():
        return
    if action == "pre_clear":
        pk_set = set(instance.related_conditions.values_list("pk", flat=True))
    elif action not in ("post_add", "post_remove"):
        return
    model.objects.filter(pk__in={instance.pk, *(pk_set or ())}).update(updated_at=timezone.now())
