"""Translations go through the same moderation workflow as the pages they translate.

wagtail-localize's translation editor (1.14) offers one way out: "Publish in <language>", shown
to those who may publish. An editor, who may not, could translate every string and then had no
way to hand the result to a moderator. Here the editor saves the translation as a draft
revision of the translated page and submits it to the page's workflow (the one assigned to the
root of the tree, so every language's tree has it); the moderators then approve it from their
dashboard or from the translation editor, which publishes it, as for any page.

Once submitted, the translation is what the moderators review: its strings (which
wagtail-localize's editor saves one by one as they are typed) may then be changed by the
reviewers of the task only, and approving from the translation editor first saves them as a new
draft revision, which the approval publishes: what is published is what the moderator approved.

The other ways wagtail-localize publishes a translation at once are kept for those who may
publish: "Publish immediately" when syncing translations, and converting a translation into
an alias of its source (which puts the source's text on the live page).
"""

import html

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.coreutils import find_available_slug
from wagtail.models import DraftStateMixin, Page, WorkflowState
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation, TranslationLog
from wagtail_localize.views import convert, edit_translation
from wagtail_localize.views.update_translations import UpdateTranslationsForm, UpdateTranslationsView

from portal.pages.workflow_action import AnnouncedWorkflowActionView

# The name of the button of the translation editor's footer that submits for moderation.
SUBMIT = "portal-translation-submit"
# The URL name of the workflow actions offered in the translation editor.
WORKFLOW_ACTION = "pages_translation_workflow_action"


def synced_translation(page):
    """The enabled wagtail-localize translation whose target is this page, or None: the page
    then opens in the translation editor rather than Wagtail's page editor."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def save_draft(translation, user):
    """A new revision of the translated page with the current translations, the live page
    left as it is (wagtail-localize's own "save as draft" writes the text on the live row)."""
    source, locale = translation.source, translation.target_locale
    page = source.get_ephemeral_translated_instance(locale, fallback=True)
    original = source.as_instance()
    page.slug = find_available_slug(page.get_parent(), slugify(page.slug), ignore_page_id=page.id)
    if not page.live:
        # As Wagtail's page editor does: a page that is not live keeps its draft in the row too.
        page.save()
    revision = page.save_revision(user=user, log_action=True)
    source.sync_view_restrictions(original, page)
    TranslationLog.objects.create(source=source, locale=locale, revision=revision)
    return revision


def drafts_keep_the_live_page(save_target):
    """wagtail-localize's Translation.save_target(publish=False) (translating a subtree, syncing)
    writes the new text on the row of a translated page that is live, so visitors read it before
    anyone approved it. For a live page such a draft goes through save_draft: a revision only."""

    def save_target_as_draft(self, user=None, publish=True):
        if not publish:
            try:
                page = self.get_target_instance()
            except ObjectDoesNotExist:
                page = None
            if isinstance(page, Page) and page.live:
                save_draft(self, user)
                return None
        return save_target(self, user=user, publish=publish)

    save_target_as_draft.keeps_live_pages = True
    return save_target_as_draft


def install():
    """Called once the apps are ready (portal.pages.apps)."""
    if not getattr(Translation.save_target, "keeps_live_pages", False):
        Translation.save_target = drafts_keep_the_live_page(Translation.save_target)


class NotSubmitted(Exception):
    """The translation cannot be submitted now; the message says why."""


def submit_for_moderation(translation, page, user):
    """Saves the translation as a draft and starts the page's workflow, or takes up again the
    workflow in which a moderator asked for changes. Raises PermissionDenied when the user may
    not edit the page or no workflow applies to it, NotSubmitted when it is already in
    moderation or locked, ValidationError when the translated page is not valid."""
    perms = page.permissions_for_user(user)
    if not perms.can_edit() or not page.has_workflow:
        raise PermissionDenied
    if page.workflow_in_progress:
        raise NotSubmitted(
            _("The page '%(page_title)s' is already awaiting moderation.")
            % {"page_title": page.get_admin_display_title()}
        )
    if not perms.can_submit_for_moderation():
        raise NotSubmitted(_("The page could not be saved as it is locked."))
    with transaction.atomic():
        save_draft(translation, user)
        state = page.current_workflow_state
        if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user)
        else:
            page.get_workflow().start(page, user)


def editor_actions(page, user):
    """What the translation editor offers this user besides wagtail-localize's own actions:
    {"submit": label or None, "task": [(label, url, needs a comment form), …]}."""
    page = Page.objects.prefetch_workflow_states().get(pk=page.pk).specific
    perms = page.permissions_for_user(user)
    actions = {"submit": None, "task": []}
    if perms.can_edit() and perms.can_submit_for_moderation() and not perms.can_publish():
        # Those who may publish do so with "Publish in …"; the others submit, or submit again
        # when a moderator asked for changes. (Wagtail's label, without the workflow's name,
        # which is data in one language.)
        actions["submit"] = _("Submit for moderation")
    task_state = page.current_workflow_task_state
    if task_state:
        task = task_state.task.specific
        for name, label, modal in task.get_actions(page, user):
            url = reverse(WORKFLOW_ACTION, args=[page.pk, name, task_state.pk])
            actions["task"].append((label, url, modal))
        # The one that needs no comment first: it is the footer's main button.
        actions["task"].sort(key=lambda action: action[2])
    return actions


def validation_failure(error):
    return " ".join([_("The page could not be saved due to validation errors."), *error.messages])


class TranslationWorkflowActionView(AnnouncedWorkflowActionView):
    """Wagtail's workflow action (wagtailadmin_pages:workflow_action), as the translation editor
    offers it. The reviewer reads, and may correct, the translation's current strings there,
    while Wagtail's approval publishes the page's latest revision, the one saved when it was
    submitted: approving from here first saves the current strings as a new draft revision,
    so that what is published is what the reviewer approved. (Approving from the dashboard
    publishes the submitted revision, which its preview shows.)"""

    # "Approve with comment" and "Request changes" post their form back here.
    submit_url_name = WORKFLOW_ACTION

    def post(self, request, *args, **kwargs):
        translation = synced_translation(self.object)
        current = self.object.current_workflow_task_state
        if (
            self.action_name != "approve"
            or translation is None
            or current is None
            or current.pk != self.task_state.pk
            or (self.form_class and not self.form_class(request.POST).is_valid())
        ):
            # Nothing to save first: Wagtail acts, refuses, or shows the form's errors.
            return super().post(request, *args, **kwargs)
        try:
            with transaction.atomic():
                save_draft(translation, request.user)
                return super().post(request, *args, **kwargs)
        except ValidationError as error:
            # Neither saved nor approved: the moderator sees why, the workflow goes on.
            messages.error(request, validation_failure(error))
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(request, {"step": "success", "redirect": self.redirect_url})
            return redirect(self.redirect_url)


def strings_lock(page, user):
    """The lock that keeps this user from changing the strings of the page's translation now,
    or None. As in Wagtail's page editor: a lock by someone else or by a schedule, or the task
    in progress for those who do not review it; but the user's own lock does not lift the
    task's, so that once submitted, the text only changes by the reviewers' hand."""
    lock = page.get_lock()
    if lock is not None and lock.for_user(user):
        return lock
    task = page.current_workflow_task
    if task is not None and task.locked_for_user(page, user):
        return task.lock_class(page, task)
    return None


def refused_while_locked(view, api=False):
    """wagtail-localize's view that changes the strings (or overrides) of a translation, refused
    while the translated page is locked for the user (strings_lock): with a 403 JSON answer for
    the editor's API, else with a message, back where the user came from."""

    def guarded(request, translation_id, **kwargs):
        translation = Translation.objects.filter(pk=translation_id).select_related("source").first()
        try:
            instance = translation.get_target_instance() if translation else None
        except ObjectDoesNotExist:
            instance = None
        lock = strings_lock(instance, request.user) if isinstance(instance, Page) else None
        if lock is None:
            return view(request, translation_id=translation_id, **kwargs)
        message = lock.get_message(request.user)
        if api:
            return JsonResponse({"detail": html.unescape(strip_tags(message))}, status=403)
        messages.error(request, message)
        return redirect(
            get_valid_next_url_from_request(request) or reverse("wagtailadmin_pages:edit", args=[instance.pk])
        )

    return guarded


edit_string_translation = refused_while_locked(edit_translation.edit_string_translation, api=True)
edit_override = refused_while_locked(edit_translation.edit_override, api=True)
upload_pofile = refused_while_locked(edit_translation.upload_pofile)
machine_translate = refused_while_locked(edit_translation.machine_translate)


def may_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if isinstance(instance, DraftStateMixin):
        return user.is_superuser or user.has_perm(get_permission_name("publish", type(instance)))
    return True


class ModeratedUpdateTranslationsForm(UpdateTranslationsForm):
    def __init__(self, *args, may_publish=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_publish:
            del self.fields["publish_translations"]

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data.setdefault("publish_translations", False)
        return cleaned_data


class ModeratedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", whose "Publish immediately" is offered only
    to a user who may publish every translation it would publish."""

    def get_form(self):
        allowed = all(
            may_publish(self.request.user, translation.get_target_instance())
            for translation in self.object.translations.filter(enabled=True).select_related("target_locale")
        )
        data = self.request.POST if self.request.method == "POST" else None
        return ModeratedUpdateTranslationsForm(data, may_publish=allowed)


def convert_to_alias(request, page_id):
    """Converting a translation into an alias puts the source's text on the live page at once:
    for those who may publish it."""
    page = Page.objects.filter(pk=page_id).first()
    if page is not None and not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)
