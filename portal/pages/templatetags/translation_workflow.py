from django import template

from portal.pages import translation_workflow

register = template.Library()


@register.inclusion_tag("pages/admin/translation_workflow_actions.html", takes_context=True)
def translation_workflow_actions(context, page):
    """The workflow actions of wagtail-localize's translation editor for the current user."""
    user = context["request"].user
    actions = translation_workflow.editor_actions(page, user)
    return {
        "submit_label": actions["submit"],
        "submit_name": translation_workflow.SUBMIT,
        "task_actions": actions["task"],
        "may_publish": page.permissions_for_user(user).can_publish(),
        # Drawn read-only for those the server would refuse (the editor once she has submitted).
        "strings_locked": translation_workflow.strings_lock(page, user) is not None,
        "csrf_token": context.get("csrf_token"),
    }
