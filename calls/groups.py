"""Who may do what with the calls in the admin.

"Calls editors" run the calls watch: they add, edit and delete calls, manage the sources and
import them now, and read the import runs and the members' alerts (what they ask for, never
their addresses). Editors (portal.accounts.groups) add and edit calls
and sources (and read the runs of the imports they start) but delete neither. The groups are set
after every migrate (the calls app's post_migrate), adding what is missing and never taking away
what an administrator has given.
"""

from django.db.models.signals import post_migrate
from django.dispatch import receiver

from portal.accounts.groups import EDITORS

CALLS_EDITORS = "Calls editors"

MODEL_PERMISSIONS = {
    CALLS_EDITORS: [
        "wagtailadmin.access_admin",
        "calls.add_call",
        "calls.change_call",
        "calls.view_call",
        "calls.delete_call",
        "calls.add_source",
        "calls.change_source",
        "calls.view_source",
        "calls.delete_source",
        "calls.view_importrun",
        "calls.view_savedsearch",
    ],
    EDITORS: [
        "calls.add_call",
        "calls.change_call",
        "calls.view_call",
        "calls.add_source",
        "calls.change_source",
        "calls.view_source",
        "calls.view_importrun",
    ],
}


def _permissions(dotted_names):
    from django.contrib.auth.models import Permission

    found = []
    for dotted in dotted_names:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission:
            found.append(permission)
    return found


def ensure_groups(**kwargs):
    """Create the groups that are missing and give them their permissions (idempotent)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.management import create_contenttypes

    # post_migrate reaches this app before auth has created every app's permissions.
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)

    for name, dotted_names in MODEL_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(dotted_names))


@receiver(post_migrate, dispatch_uid="calls-ensure-groups")
def groups_after_migrate(sender, app_config=None, **kwargs):
    if app_config is not None and app_config.name == "calls":
        ensure_groups()
