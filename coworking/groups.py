"""Who may do what with the coworking spaces in the admin.

"Space managers" run the spaces day to day: they edit spaces and their rooms and desks, block
a room for maintenance, follow the bookings (and cancel one) and read the visit requests.
Editors (portal.accounts.groups) also publish spaces and amenities. Both are set after every
migrate (the coworking app's post_migrate), adding what is missing and never taking away what
an administrator has given.
"""

from django.db.models.signals import post_migrate
from django.dispatch import receiver

from portal.accounts.groups import EDITORS

SPACE_MANAGERS = "Space managers"

MODEL_PERMISSIONS = {
    SPACE_MANAGERS: [
        "wagtailadmin.access_admin",
        "coworking.view_space",
        "coworking.change_space",
        "coworking.add_space",
        "coworking.delete_space",
        "coworking.view_resource",
        "coworking.change_resource",
        "coworking.add_resource",
        "coworking.delete_resource",
        "coworking.view_closure",
        "coworking.change_closure",
        "coworking.add_closure",
        "coworking.delete_closure",
        "coworking.view_booking",
        "coworking.change_booking",
        "coworking.view_visitrequest",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
    ],
    EDITORS: [
        "coworking.add_space",
        "coworking.change_space",
        "coworking.view_space",
        "coworking.add_amenity",
        "coworking.change_amenity",
        "coworking.view_amenity",
        "coworking.add_resource",
        "coworking.change_resource",
        "coworking.view_resource",
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
    _image_collections(Group.objects.get(name=SPACE_MANAGERS))


def _image_collections(group):
    """Wagtail grants images per collection, not by model permission: the managers add, choose
    and change images in the root collection (the spaces' photos)."""
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None:
        return
    for permission in _permissions(
        ["wagtailimages.add_image", "wagtailimages.choose_image", "wagtailimages.change_image"]
    ):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


@receiver(post_migrate, dispatch_uid="coworking-ensure-groups")
def groups_after_migrate(sender, app_config=None, **kwargs):
    if app_config is not None and app_config.name == "coworking":
        ensure_groups()
