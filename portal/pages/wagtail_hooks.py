from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages

from portal.pages import admin_language, translation_workflow


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request, serve_args, serve_kwargs):
    """When a language's home page is unpublished, Wagtail routes that language to the
    default one's tree; a French page is not served under /nl/."""
    from portal.pages.models import locale_code

    # The locales kept in the process: no query for the page's.
    if (locale_code(page.locale_id) or page.locale.language_code) != get_language():
        raise Http404


# Before wagtail-localize's own hook, which shows the translation editor for every request.
@hooks.register("before_edit_page", order=-10)
def submit_translation_for_moderation(request, page):
    """The translation editor's "Submit for moderation" (portal/pages/translation_workflow.py)."""
    if request.method != "POST" or translation_workflow.SUBMIT not in request.POST:
        return None
    translation = translation_workflow.synced_translation(page)
    if translation is None:
        return None
    try:
        translation_workflow.submit_for_moderation(translation, page, request.user)
    except translation_workflow.NotSubmitted as refusal:
        messages.error(request, str(refusal))
    except ValidationError as error:
        messages.error(request, translation_workflow.validation_failure(error))
    else:
        page.refresh_from_db()
        messages.success(
            request,
            _("Page '%(page_title)s' has been submitted for moderation.")
            % {"page_title": page.get_admin_display_title()},
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


# Before wagtail-localize's URLs: the translation editor's workflow actions, then paths of
# wagtail-localize's own, served with the portal's checks or in the editor's language.
@hooks.register("register_admin_urls", order=-10)
def moderated_translation_urls():
    return [
        path(
            "translation-workflow/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
            translation_workflow.TranslationWorkflowActionView.as_view(),
            name=translation_workflow.WORKFLOW_ACTION,
        ),
        path(
            "localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
            translation_workflow.edit_string_translation,
            name="pages_edit_string_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            translation_workflow.edit_override,
            name="pages_edit_override",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            translation_workflow.upload_pofile,
            name="pages_upload_pofile",
        ),
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            translation_workflow.machine_translate,
            name="pages_machine_translate",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            translation_workflow.ModeratedUpdateTranslationsView.as_view(),
            name="pages_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            translation_workflow.convert_to_alias,
            name="pages_convert_to_alias",
        ),
        # The translations report, its labels in the editor's language (admin_language.py).
        path(
            "localize/reports/translations/",
            admin_language.TranslationsReportView.as_view(),
            name="pages_translations_report",
        ),
        path(
            "localize/reports/translations/results/",
            admin_language.TranslationsReportView.as_view(results_only=True),
            name="pages_translations_report_results",
        ),
    ]


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias_from_those_who_may_not_publish(menu_items, request, context):
    page = context.get("page")
    if page is not None and not page.permissions_for_user(request.user).can_publish():
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]
