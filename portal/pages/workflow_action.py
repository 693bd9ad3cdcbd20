"""Wagtail's workflow action on a page ("Approve", "Request changes" on the dashboard and in the
page editor), followed by a message saying what became of the page. Wagtail redirects without
one: a moderator who approved from the dashboard could not tell that the page was now live.
Served at Wagtail's own address (portal/urls.py), so every link to it leads here."""

from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import TaskState, WorkflowState


def announce(request, page, task_state, before):
    """The message for what the action did to the task, whose status was `before` (none when it
    did nothing: a refusal, or a form shown again)."""
    task_state.refresh_from_db()
    if task_state.status == before:
        return
    title = page.get_admin_display_title()
    if task_state.status == TaskState.STATUS_APPROVED:
        workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
        if workflow_state.status == WorkflowState.STATUS_APPROVED:
            text = _("The page “%(title)s” is approved and published.")
        else:
            text = _("The page “%(title)s” is approved at this step and goes on to the next one.")
        messages.success(request, text % {"title": title})
    elif task_state.status == TaskState.STATUS_REJECTED:
        messages.success(
            request,
            _("Changes requested on the page “%(title)s”: it goes back to its author.") % {"title": title},
        )


class AnnouncedWorkflowActionView(WorkflowActionView):
    def post(self, request, *args, **kwargs):
        before = self.task_state.status  # Wagtail changes this very object
        response = super().post(request, *args, **kwargs)
        announce(request, self.object, self.task_state, before)
        return response
