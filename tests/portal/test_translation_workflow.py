"""Translations go through the pages' moderation workflow: an editor translates and submits,
a moderator approves, which publishes (portal/pages/translation_workflow.py)."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from portal.pages.models import StandardPage
from portal.pages.translation_workflow import SUBMIT, WORKFLOW_ACTION, synced_translation

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "nl", "de", "en"]


def user(email, admin_language=None):
    account = get_user_model().objects.get(email=email)
    if admin_language:
        profile = UserProfile.get_for_user(account)
        profile.preferred_language = admin_language
        profile.save()
    return account


def about(language):
    return StandardPage.objects.get(locale__language_code=language)


def retranslate(page, path, text):
    """What the translation editor does when the translator saves a string."""
    translation = synced_translation(page)
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    StringTranslation.objects.update_or_create(
        translation_of_id=segment.string_id,
        locale=translation.target_locale,
        context_id=segment.context_id,
        defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
    )


def string_url(page, path):
    """The address at which the translation editor saves (PUT) or clears (DELETE) a string."""
    translation = synced_translation(page)
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    return reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])


def save_string(client, page, path, text):
    """What the translation editor sends when the translator saves a string."""
    return client.put(
        string_url(page, path),
        urlencode({"value": text}),
        content_type="application/x-www-form-urlencoded",
    )


def translated_string(page, path):
    translation = synced_translation(page)
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    return StringTranslation.objects.get(
        translation_of_id=segment.string_id, locale=translation.target_locale, context_id=segment.context_id
    ).data


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def live_title(page):
    return Page.objects.get(pk=page.pk).title


def draft_title(page):
    return Page.objects.get(pk=page.pk).get_latest_revision_as_object().title


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_tree_goes_through_the_moderators_approval(homes, language):
    # Wagtail's migration assigns the workflow to the root, above every language's home page.
    assert homes[language].get_workflow().name == "Moderators approval"


def test_a_new_language_tree_is_under_the_workflow_from_the_start():
    # wagtail-localize puts a new language's home page under the root, as the existing ones.
    root = Page.get_first_root_node()
    page = root.add_child(
        instance=Page(title="Bienvenida", slug="es", locale=Locale.objects.get(language_code="fr"))
    )
    assert page.has_workflow and page.get_workflow().name == "Moderators approval"


def test_an_editor_cannot_publish_a_translation_a_moderator_can(client, django_capture_on_commit_callbacks):
    page = about("nl")
    retranslate(page, "title", "Over onze coöperatie")

    client.force_login(user("editor@coop.example"))
    response = client.post(edit_url(page), {"action": "publish"})
    # Wagtail's admin answers a refusal by sending the user to the dashboard.
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert live_title(page) == "Over de coöperatie"

    client.force_login(user("moderator@coop.example"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(page), {"action": "publish"})
    assert (response.status_code, response.url) == (302, edit_url(page))
    assert live_title(page) == "Over onze coöperatie"
    client.logout()
    assert "Over onze coöperatie" in client.get(page.url).content.decode()


def test_the_translation_editor_offers_the_editor_to_submit_in_her_language(client):
    page = about("nl")
    for language, label in [
        ("nl", "Ter moderatie indienen"),
        ("fr", "Soumettre à la modération"),
        ("de", "Zur Moderation einreichen"),
        ("en", "Submit for moderation"),
    ]:
        client.force_login(user("editor@coop.example", admin_language=language))
        html = client.get(edit_url(page)).content.decode()
        assert label in html, language
        assert f'name="{SUBMIT}"' in html
    client.force_login(user("moderator@coop.example"))
    html = client.get(edit_url(page)).content.decode()
    # The moderator publishes with wagtail-localize's "Publish in …"; nothing to submit.
    assert f'name="{SUBMIT}"' not in html


def test_submitting_keeps_the_live_page_until_a_moderator_approves(client):
    page = about("nl")
    retranslate(page, "title", "Over onze coöperatie")
    editor = user("editor@coop.example", admin_language="nl")
    client.force_login(editor)

    response = client.post(edit_url(page), {SUBMIT: "1"}, follow=True)
    assert "De pagina “Over onze coöperatie” is ter goedkeuring ingediend." in response.content.decode()
    state = page.workflow_states.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == editor
    # Visitors still read the published text; the draft waits for the moderators.
    assert live_title(page) == "Over de coöperatie"
    assert "Over de coöperatie" in client.get(page.url).content.decode()
    assert draft_title(page) == "Over onze coöperatie"
    # Submitted once: the button is gone, and a second submission is refused with a reason.
    assert f'name="{SUBMIT}"' not in client.get(edit_url(page)).content.decode()
    response = client.post(edit_url(page), {SUBMIT: "1"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert page.workflow_states.count() == 1

    moderator = user("moderator@coop.example", admin_language="fr")
    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Over onze coöperatie" in dashboard
    task_state = state.current_task_state
    approve = reverse(WORKFLOW_ACTION, args=[page.pk, "approve", task_state.pk])
    # The moderator finds "Approve" in the translation editor too.
    assert approve in client.get(edit_url(page)).content.decode()
    client.post(approve)

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert live_title(page) == "Over onze coöperatie"
    client.logout()
    assert "Over onze coöperatie" in client.get(page.url).content.decode()


def test_after_a_request_for_changes_the_editor_resubmits(client):
    page = about("de")
    editor = user("editor@coop.example", admin_language="de")
    client.force_login(editor)
    client.post(edit_url(page), {SUBMIT: "1"})
    state = page.workflow_states.get()

    client.force_login(user("moderator@coop.example"))
    reject = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "reject", state.current_task_state.pk]
    )
    client.post(reject, {"comment": "Bitte den Titel kürzen."})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(editor)
    assert "Zur Moderation einreichen" in client.get(edit_url(page)).content.decode()
    retranslate(page, "title", "Über uns")
    client.post(edit_url(page), {SUBMIT: "1"})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert draft_title(page) == "Über uns"
    assert live_title(page) == "Über die Genossenschaft"


def test_once_submitted_only_the_moderators_change_the_strings(client):
    page = about("nl")
    editor = user("editor@coop.example", admin_language="nl")
    client.force_login(editor)
    assert save_string(client, page, "title", "Over onze cooperatie").status_code == 200
    client.post(edit_url(page), {SUBMIT: "1"}, follow=True)
    state = page.workflow_states.get()

    # What the moderators review no longer changes under their eyes: refused, with Wagtail's
    # reason in her language, however she tries.
    response = save_string(client, page, "title", "Over ons")
    assert response.status_code == 403
    assert "wacht momenteel op goedkeuring" in response.json()["detail"]
    assert client.delete(string_url(page, "title")).status_code == 403
    upload = reverse("wagtail_localize:upload_pofile", args=[synced_translation(page).pk])
    response = client.post(upload, {"next": edit_url(page)}, follow=True)
    assert response.redirect_chain == [(edit_url(page), 302)]
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert translated_string(page, "title") == "Over onze cooperatie"
    # And the editor draws the strings read-only for her (the moderator's stays editable).
    assert "data-strings-locked" in client.get(edit_url(page)).content.decode()
    client.force_login(user("moderator@coop.example"))
    assert "data-strings-locked" not in client.get(edit_url(page)).content.decode()
    client.force_login(editor)

    # When the moderator asks for changes, the text is hers again.
    client.force_login(user("moderator@coop.example"))
    reject = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "reject", state.current_task_state.pk]
    )
    client.post(reject, {"comment": "Het trema, graag."})
    client.force_login(editor)
    assert save_string(client, page, "title", "Over onze coöperatie").status_code == 200
    assert translated_string(page, "title") == "Over onze coöperatie"


def test_a_lock_of_her_own_does_not_let_the_editor_change_what_she_submitted(client):
    # Wagtail lets a page's own lock take precedence over the workflow's: not for the strings.
    page = about("nl")
    client.force_login(user("editor@coop.example"))
    client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
    assert Page.objects.get(pk=page.pk).locked
    client.post(edit_url(page), {SUBMIT: "1"})
    assert page.workflow_states.get().status == WorkflowState.STATUS_IN_PROGRESS
    assert save_string(client, page, "title", "Over ons").status_code == 403
    assert translated_string(page, "title") == "Over de coöperatie"


@pytest.mark.parametrize("comment", [None, "Trema toegevoegd."])
def test_the_moderator_publishes_the_text_she_corrected_and_approved(client, comment):
    page = about("nl")
    retranslate(page, "title", "Over onze cooperatie")
    client.force_login(user("editor@coop.example"))
    client.post(edit_url(page), {SUBMIT: "1"})
    state = page.workflow_states.get()

    # The moderator corrects the translation in the translation editor, then approves there.
    client.force_login(user("moderator@coop.example"))
    assert save_string(client, page, "title", "Over onze coöperatie").status_code == 200
    assert live_title(page) == "Over de coöperatie"
    approve = reverse(WORKFLOW_ACTION, args=[page.pk, "approve", state.current_task_state.pk])
    assert approve in client.get(edit_url(page)).content.decode()
    if comment:
        # "Approve with comment" opens Wagtail's form, which posts back to the same view.
        modal = client.get(approve, headers={"x-requested-with": "XMLHttpRequest"}).json()
        assert f'action="{approve}"' in modal["html"]
        client.post(approve, {"comment": comment})
    else:
        client.post(approve)

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    # Published as the moderator read it, not as it was submitted.
    assert live_title(page) == "Over onze coöperatie"
    client.logout()
    assert "Over onze coöperatie" in client.get(page.url).content.decode()


def test_a_draft_of_a_live_translation_never_reaches_its_live_page():
    # What translating a subtree or syncing does for those who may not publish.
    page = about("nl")
    retranslate(page, "title", "Over onze coöperatie")
    synced_translation(page).save_target(user=user("editor@coop.example"), publish=False)
    assert live_title(page) == "Over de coöperatie"
    assert draft_title(page) == "Over onze coöperatie"
    assert Page.objects.get(pk=page.pk).has_unpublished_changes


def test_syncing_translations_publishes_them_only_for_those_who_may_publish(client):
    source = synced_translation(about("nl")).source
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    retranslate(about("nl"), "title", "Over onze coöperatie")

    client.force_login(user("editor@coop.example"))
    assert 'name="publish_translations"' not in client.get(url).content.decode()
    client.post(url, {"publish_translations": "on"})
    assert live_title(about("nl")) == "Over de coöperatie"

    client.force_login(user("moderator@coop.example"))
    assert 'name="publish_translations"' in client.get(url).content.decode()


def test_converting_a_translation_into_an_alias_is_for_those_who_may_publish(client):
    page = about("en")
    url = reverse("wagtail_localize:convert_to_alias", args=[page.pk])
    client.force_login(user("editor@coop.example"))
    assert client.post(url).url == reverse("wagtailadmin_home")
    assert Page.objects.get(pk=page.pk).alias_of_id is None
    # The translation editor is told not to offer it (pages/js/translation-workflow.js).
    assert "data-no-convert-to-alias" in client.get(edit_url(page)).content.decode()
    client.force_login(user("moderator@coop.example"))
    assert "data-no-convert-to-alias" not in client.get(edit_url(page)).content.decode()
    assert client.get(url).status_code == 200


def test_a_new_translation_starts_as_a_draft(client):
    french = about("fr")
    news = french.add_child(
        instance=StandardPage(
            title="Nouvelles", slug="nouvelles", locale=french.locale, intro="Les nouvelles."
        )
    )
    news.save_revision().publish()
    client.force_login(user("editor@coop.example"))
    nl = Locale.objects.get(language_code="nl")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[news.pk]), {"locales": [nl.pk]}
    )
    assert response.status_code == 302
    dutch = news.get_translation(nl)
    # Not published in French under /nl/: it waits for its translation and the moderators.
    assert not dutch.live
    assert Translation.objects.get(target_locale=nl, source__object_id=news.translation_key).enabled


def test_once_no_longer_synced_the_page_editor_offers_the_alias_only_to_those_who_may_publish(client):
    page = about("en")
    Translation.objects.filter(target_locale=page.locale, source__object_id=page.translation_key).update(
        enabled=False
    )
    client.force_login(user("editor@coop.example", admin_language="en"))
    html = client.get(edit_url(page)).content.decode()
    assert "Submit to Moderators approval" in html  # Wagtail's own page editor now
    assert "localize-convert-to-alias" not in html
    client.force_login(user("moderator@coop.example", admin_language="en"))
    assert "localize-convert-to-alias" in client.get(edit_url(page)).content.decode()


def test_the_moderator_is_told_what_became_of_the_page_she_approved_or_sent_back(client):
    """Wagtail's dashboard "Approve" and "Request changes" redirect without a word; the portal
    says, in the moderator's language, that the page is now live or back with its author."""
    editor = user("editor@coop.example", admin_language="nl")
    client.force_login(editor)
    page = about("nl")
    retranslate(page, "title", "Over onze coöperatie")
    client.post(edit_url(page), {SUBMIT: "1"}, follow=True)  # its message read
    state = page.workflow_states.get()

    client.force_login(user("moderator@coop.example", admin_language="de"))
    reject = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "reject", state.current_task_state.pk]
    )
    response = client.post(reject, {"comment": "Bitte kürzer."}, follow=True)
    assert [str(m).strip() for m in response.context["messages"]] == [
        "Änderungen an der Seite „Over onze coöperatie“ angefordert: "
        "Sie geht an die verfassende Person zurück."
    ]
    assert live_title(page) == "Over de coöperatie"

    client.force_login(editor)
    client.post(edit_url(page), {SUBMIT: "1"}, follow=True)
    state.refresh_from_db()
    client.force_login(user("moderator@coop.example", admin_language="fr"))
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk]
    )
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert approve in dashboard  # the button the moderator clicks
    response = client.post(approve, follow=True)
    assert [str(m).strip() for m in response.context["messages"]] == [
        "La page « Over onze coöperatie » est approuvée et publiée."
    ]
    assert live_title(page) == "Over onze coöperatie"
    # A second click (another tab) changes nothing and claims nothing.
    response = client.post(approve, follow=True)
    assert "est approuvée et publiée" not in " ".join(str(m) for m in response.context["messages"])
