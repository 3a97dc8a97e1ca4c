"""Addresses of the admin's pages, written once: a change page's name is
`admin:<app label>_<model name>_change`, whichever side links to it."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.urls import reverse


def admin_change_url(obj: Model) -> str:
    """The admin's change page of `obj`."""
    opts = obj._meta
    return _change_url(opts.app_label, str(opts.model_name), obj.pk)


def admin_change_url_for(content_type: ContentType, object_id: Any) -> str:
    """The change page of the object a (content type, id) pair names, which
    may be gone: a review event's, say."""
    return _change_url(content_type.app_label, content_type.model, object_id)


def _change_url(app_label: str, model_name: str, pk: Any) -> str:
    return reverse(f"admin:{app_label}_{model_name}_change", args=[pk])
