"""The Editors and Moderators groups and what each may do in the admin.

The data migrations call `sync_roles`, so a new model's permissions reach
the groups by listing them here and adding a migration that calls it again.
Publishing itself is decided by `portal.editorial.workflow`, not by these lists alone.
"""

from collections.abc import Iterable, Mapping

EDITABLE = ["add", "change", "view"]
FULL = ["add", "change", "delete", "view"]

# Content editors write; inline parts (steps, links, advice) need delete so an
# editor can remove a row from a form.
EDITOR_PERMISSIONS = {
    "portal": {
        "article": EDITABLE,
        "author": EDITABLE,
        "source": EDITABLE,
        "sitepage": EDITABLE,
        "featuredvideo": EDITABLE,
        "reviewevent": ["view"],
        # What visitors' words find: editors propose, moderators may also delete.
        "searchsynonym": EDITABLE,
    },
    "conditions": {
        "condition": EDITABLE,
        "symptom": EDITABLE,
        "bodyarea": EDITABLE,
        "urgentcombination": EDITABLE,
        "pathway": EDITABLE,
        # Four fixed tiers: their wording is edited, never added to.
        "conditiontier": ["change", "view"],
        "conditionsymptom": FULL,
        "conditionadvice": FULL,
    },
    "remedies": {"remedy": EDITABLE, "remedygroup": EDITABLE, "remedystep": FULL},
    "images": {"image": EDITABLE},
    "taggit": {"tag": EDITABLE},
}

MODERATOR_EXTRA = {
    "portal": {
        "article": ["delete", "publish"],
        "author": ["delete", "publish"],
        "source": ["delete", "publish"],
        "sitepage": ["delete", "publish"],
        "featuredvideo": ["delete", "publish"],
        "feedback": ["view", "change"],
        "searchsynonym": ["delete"],
    },
    "conditions": {
        "condition": ["delete", "publish"],
        "symptom": ["delete", "publish"],
        "bodyarea": ["delete", "publish"],
        "urgentcombination": ["delete", "publish"],
        "pathway": ["delete", "publish"],
        "conditiontier": ["publish"],
    },
    "remedies": {"remedy": ["delete", "publish"], "remedygroup": ["delete"]},
    "images": {"image": ["delete", "publish"]},
    "taggit": {"tag": ["delete"]},
}

EDITORS = "Editors"
MODERATORS = "Moderators"


def _merge(*tables: Mapping[str, Mapping[str, Iterable[str]]]) -> dict[str, dict[str, set[str]]]:
    merged: dict[str, dict[str, set[str]]] = {}
    for table in tables:
        for app_label, models in table.items():
            for model, actions in models.items():
                merged.setdefault(app_label, {}).setdefault(model, set()).update(actions)
    return merged


def role_permissions() -> dict[str, set[tuple[str, str]]]:
    """{group name: {(app_label, codename), …}} as the design gives them."""
    roles: dict[str, Mapping[str, Mapping[str, Iterable[str]]]] = {
        EDITORS: EDITOR_PERMISSIONS,
        MODERATORS: _merge(EDITOR_PERMISSIONS, MODERATOR_EXTRA),
    }
    return {
        group: {
            (app_label, f"{action}_{model}")
            for app_label, models in table.items()
            for model, actions in models.items()
            for action in actions
        }
        for group, table in roles.items()
    }


def sync_roles(apps, schema_editor=None):
    """Create the groups and give each exactly its permissions (a migration
    function: `apps` is the migration's app registry)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; make them now.
    for app_config in apps.get_app_configs():
        # Migration app registries leave models_module unset, which makes
        # create_permissions skip the app.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, wanted in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=group_name)
        # A model that a later migration adds has no permission yet at this
        # point; that migration calls sync_roles again.
        available = {
            (app_label, codename): pk
            for pk, app_label, codename in Permission.objects.values_list(
                "pk", "content_type__app_label", "codename"
            )
        }
        group.permissions.set([available[key] for key in sorted(wanted) if key in available])
