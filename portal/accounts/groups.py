"""The admin groups and what each may do.

Wagtail's first migration creates Editors and Moderators with page permissions on the
root page and the "Moderators approval" workflow. Here editors lose the right to publish
(moderators approve), and the Ethics committee group alone reads referrals.
"""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
MODERATORS = "Moderators"
ETHICS_COMMITTEE = "Ethics committee"

# Model permissions per group, as app_label.codename.
MODEL_PERMISSIONS = {
    EDITORS: [
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    MODERATORS: [
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "wagtailcore.change_locale",
        "directory.view_memberprofile",
        "directory.change_memberprofile",
        "directory.view_profilereport",
        "directory.change_profilereport",
    ],
    ETHICS_COMMITTEE: [
        "wagtailadmin.access_admin",
        "ethics.view_referral",
        "ethics.change_referral",
    ],
}

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page", "unlock_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def ensure_groups(**kwargs):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from wagtail.models import GroupPagePermission, Page

    # post_migrate reaches this app before auth has created the other apps' permissions.
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)

    for name, dotted_names in MODEL_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = [p for p in map(_permission, dotted_names) if p]
        group.permissions.add(*permissions)

    root = Page.get_first_root_node()
    if root is None:
        return
    for name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        wanted = set(codenames)
        GroupPagePermission.objects.filter(group=group, page=root).exclude(
            permission__codename__in=wanted
        ).delete()
        for codename in wanted:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def ensure_moderation_workflow():
    """The root page, and so every language's tree under it, goes through the moderators'
    approval. Wagtail's migration 0048 sets this up on a new database (a workflow per group that
    may publish); this puts it back where that data is gone (a flushed test database), without
    touching a root to which an administrator has assigned a workflow."""
    from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

    root = Page.get_first_root_node()
    if root is None or WorkflowPage.objects.filter(page=root).exists():
        return None
    name = f"{MODERATORS} approval"
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
        task.groups.set([Group.objects.get_or_create(name=MODERATORS)[0]])
    workflow, created = Workflow.objects.get_or_create(name=name)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)
    return workflow
