"""Translations go through the same moderation workflow as the pages they translate.

wagtail-localize's translation editor (1.14) offers one way out: "Publish in <language>", shown
to those who may publish. An editor, who may not, could translate every string and then had no
way to hand the result to a moderator. Here the editor saves the translation as a draft
revision of the translated page and submits it to the page's workflow (the one assigned to the
root of the tree, so every language's tree has it); the moderators then approve it from their
dashboard or from the translation editor, which publishes it, as for any page.

The other ways wagtail-localize publishes a translation at once are kept for those who may
publish: "Publish immediately" when syncing translations, and converting a translation into
an alias of its source (which puts the source's text on the live page).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import DraftStateMixin, Page, WorkflowState
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation, TranslationLog
from wagtail_localize.views import convert
from wagtail_localize.views.update_translations import UpdateTranslationsForm, UpdateTranslationsView

# The name of the button of the translation editor's footer that submits for moderation.
SUBMIT = "portal-translation-submit"


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
            url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, name, task_state.pk])
            actions["task"].append((label, url, modal))
        # The one that needs no comment first: it is the footer's main button.
        actions["task"].sort(key=lambda action: action[2])
    return actions


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
