"""Who may do what with the events in the admin.

"Event organisers" run the calendar: they add, edit and delete events and series, extend the
list of formats, follow the registrations (registrants, waitlist, messages, check-in at the
door) and add images for their events. "Partner organisers" do the same for the events and
series they manage only (agenda.access): a partner never sees another's registrants. Editors
(portal.accounts.groups) write every event, series and format but see no registrant. The groups
are set after every migrate (the agenda app's post_migrate), adding what is missing and never
taking away what an administrator has given.
"""

from django.db.models.signals import post_migrate
from django.dispatch import receiver

from portal.accounts.groups import EDITORS

EVENT_ORGANISERS = "Event organisers"
# The name is also the choice of Event.managers (limit_choices_to).
PARTNER_ORGANISERS = "Partner organisers"
PARTNER = [
    "wagtailadmin.access_admin",
    "agenda.add_event",
    "agenda.change_event",
    "agenda.view_event",
    "agenda.delete_event",
    "agenda.add_series",
    "agenda.change_series",
    "agenda.view_series",
    "agenda.delete_series",
    "agenda.view_eventformat",
    "agenda.view_registration",
    "agenda.change_registration",
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
]

MODEL_PERMISSIONS = {
    EVENT_ORGANISERS: [
        "wagtailadmin.access_admin",
        "agenda.manage_all_events",
        "agenda.add_event",
        "agenda.change_event",
        "agenda.view_event",
        "agenda.delete_event",
        "agenda.add_series",
        "agenda.change_series",
        "agenda.view_series",
        "agenda.delete_series",
        "agenda.add_eventformat",
        "agenda.change_eventformat",
        "agenda.view_eventformat",
        "agenda.view_registration",
        "agenda.change_registration",
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
    ],
    PARTNER_ORGANISERS: PARTNER,
    EDITORS: [
        "agenda.manage_all_events",
        "agenda.add_event",
        "agenda.change_event",
        "agenda.view_event",
        "agenda.add_series",
        "agenda.change_series",
        "agenda.view_series",
        "agenda.add_eventformat",
        "agenda.change_eventformat",
        "agenda.view_eventformat",
    ],
}

# Wagtail grants images per collection: the organisers add and choose them in the root one.
IMAGE_PERMISSIONS = ["wagtailimages.add_image", "wagtailimages.choose_image"]


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
    for name in (EVENT_ORGANISERS, PARTNER_ORGANISERS):
        _image_collections(Group.objects.get(name=name))


def _image_collections(group):
    """The organisers add and choose images in the root collection (their events' images)."""
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None:
        return
    for permission in _permissions(IMAGE_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


@receiver(post_migrate, dispatch_uid="agenda-ensure-groups")
def groups_after_migrate(sender, app_config=None, **kwargs):
    if app_config is not None and app_config.name == "agenda":
        ensure_groups()
