"""A changed charter needs a new version number (members accept each version), unless the
editor says it is an editorial correction; translations follow the source's number."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from portal.charter.models import ValuesCharterPage

pytestmark = pytest.mark.django_db


def charter(language="fr"):
    return ValuesCharterPage.objects.get(locale=Locale.objects.get(language_code=language))


def reworded(page, text="<p>Nous partageons tout, sans exception.</p>"):
    principles = page.principles.get_prep_value()
    principles[0]["value"]["text"] = text
    page.principles = principles
    return page


def test_a_changed_principle_under_the_same_version_is_refused_with_a_reason():
    page = reworded(charter())
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    with translation.override("nl"):
        assert "nieuw versienummer" in refused.value.message_dict["version"][0]


def test_a_new_version_or_an_editorial_correction_is_accepted():
    page = reworded(charter())
    page.version = "3.1"
    page.full_clean()
    page = reworded(charter())
    page.editorial_correction = True
    page.full_clean()
    charter().full_clean()  # nothing changed


def test_a_translation_keeps_the_source_version():
    reworded(charter("nl"), "<p>We delen alles.</p>").full_clean()


def test_the_editor_sees_the_choice_and_the_refusal_in_the_admin(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="admin@coop.example"))
    page = charter()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="editorial_correction"' in html
