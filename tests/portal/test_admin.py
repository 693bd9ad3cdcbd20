import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page, Workflow

from portal.charter.models import ValuesCharterPage

pytestmark = pytest.mark.django_db


def user(email):
    return get_user_model().objects.get(email=email)


def test_editors_submit_for_moderation_and_moderators_publish(charters):
    charter = charters["fr"]
    editor_perms = charter.permissions_for_user(user("editor@coop.example"))
    moderator_perms = charter.permissions_for_user(user("moderator@coop.example"))
    ethics_perms = charter.permissions_for_user(user("ethics@coop.example"))
    assert editor_perms.can_edit() and not editor_perms.can_publish()
    assert moderator_perms.can_edit() and moderator_perms.can_publish()
    assert not ethics_perms.can_edit()
    workflow = Page.get_first_root_node().get_workflow()
    assert isinstance(workflow, Workflow) and workflow.active


def test_editor_translates_in_wagtail_localize(client, charters):
    client.force_login(user("editor@coop.example"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[charters["nl"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    # The Dutch page opens in wagtail-localize's translation editor, not as a separate page.
    assert "edit_translation" in html or "translation-editor" in html or "data-props" in html
    assert "Waardenhandvest" in html


def test_translations_report_lists_each_translation(client, charters):
    client.force_login(user("admin@coop.example"))
    response = client.get(reverse("wagtail_localize:translations_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Charte des valeurs" in html
    # A change to the French page leaves the translations as they were until an editor syncs them.
    french = charters["fr"]
    french.title = "Charte des valeurs et des engagements"
    french.save_revision().publish()
    assert ValuesCharterPage.objects.get(locale__language_code="nl").title == "Waardenhandvest"


def test_admin_is_not_under_a_language_prefix(client):
    assert client.get("/admin/login/").url == "/fr/accounts/login/?next=%2Fadmin%2F"
    assert client.get("/fr/admin/").status_code == 404
