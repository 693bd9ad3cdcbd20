import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation

from portal.ethics.models import Referral

pytestmark = pytest.mark.django_db

VALID = {
    "topic": "situation",
    "subject": "Pression sur les tarifs",
    "message": "Un client demande à plusieurs membres de baisser leurs prix sous le coût.",
    "name": "Camille Test",
    "email": "camille@example.org",
}


def referral_url(committee):
    # The path segment follows the page's language (/fr/…/saisine/, /de/…/eingabe/).
    with translation.override(committee.locale.language_code):
        return committee.url + committee.reverse_subpage("referral")


def test_referral_is_stored_the_committee_notified_and_the_sender_acknowledged(client, committees):
    response = client.post(referral_url(committees["fr"]), VALID)
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.subject == VALID["subject"] and referral.email == VALID["email"]
    assert referral.language == "fr" and referral.status == Referral.Status.NEW

    thanks = client.get(response.url).content.decode()
    assert referral.reference in thanks
    assert "Merci, le comité a bien reçu votre saisine" in thanks

    notification, acknowledgement = mail.outbox
    assert notification.bcc == ["ethics@coop.example"] and notification.to == []
    assert referral.reference in notification.subject
    # Confidential: the content stays in the admin.
    assert VALID["message"] not in notification.body and VALID["email"] not in notification.body
    assert f"/admin/referrals/inspect/{referral.pk}/" in notification.body
    assert acknowledgement.to == [VALID["email"]]
    assert acknowledgement.subject == f"Votre saisine {referral.reference} a bien été reçue"


def test_acknowledgement_is_in_the_senders_language(client, committees):
    client.post(referral_url(committees["de"]), VALID)
    acknowledgement = mail.outbox[-1]
    assert acknowledgement.subject.startswith("Ihre Eingabe ETH-")
    assert "Das Ethikkomitee hat Ihre Eingabe" in acknowledgement.body


def test_anonymous_referral_keeps_no_identity(client, committees):
    client.post(referral_url(committees["nl"]), {**VALID, "anonymous": "on"})
    referral = Referral.objects.get()
    assert referral.anonymous and referral.name == "" and referral.email == ""
    notification, acknowledgement = mail.outbox
    assert "Camille" not in notification.body
    # The address given is used once, for the acknowledgement, and not kept.
    assert acknowledgement.to == [VALID["email"]]
    assert "anoniem" in acknowledgement.body


def test_referral_without_address_sends_no_acknowledgement(client, committees):
    client.post(referral_url(committees["en"]), {**VALID, "email": "", "name": ""})
    assert Referral.objects.count() == 1
    assert len(mail.outbox) == 1  # the committee only


@pytest.mark.parametrize(
    ("language", "error"),
    [
        ("fr", "Veuillez écrire au moins 20 caractères."),
        ("nl", "Schrijf minstens 20 tekens."),
        ("de", "Bitte schreiben Sie mindestens 20 Zeichen."),
        ("en", "Please write at least 20 characters."),
    ],
)
def test_invalid_referral_comes_back_with_what_was_typed_and_a_translated_error(
    client, committees, language, error
):
    data = {**VALID, "message": "Trop court", "email": "not-an-address"}
    response = client.post(referral_url(committees[language]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    assert 'value="Pression sur les tarifs"' in html and "Trop court</textarea>" in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_message_helptext id_message_error"' in html
    assert Referral.objects.count() == 0 and mail.outbox == []


def test_honeypot_stores_nothing(client, committees):
    response = client.post(referral_url(committees["fr"]), {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302
    assert Referral.objects.count() == 0 and mail.outbox == []


def test_rate_limit_keeps_the_text_and_explains(client, committees, settings):
    settings.REFERRAL_RATE_LIMIT = "2/h"
    url = referral_url(committees["en"])
    assert client.post(url, VALID).status_code == 302
    assert client.post(url, VALID).status_code == 302
    response = client.post(url, {**VALID, "subject": "Third one"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent several referrals in a short time" in html
    assert 'value="Third one"' in html
    assert Referral.objects.count() == 2


def test_only_the_ethics_committee_reads_referrals_in_the_admin(client, committees):
    client.post(referral_url(committees["fr"]), VALID)
    referral = Referral.objects.get()
    User = get_user_model()
    list_url = reverse("referrals:index")
    inspect_url = reverse("referrals:inspect", args=[referral.pk])

    client.force_login(User.objects.get(email="editor@coop.example"))
    for url in (list_url, inspect_url):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert VALID["message"].encode() not in response.content
    assert b"Ethics referrals" not in client.get(reverse("wagtailadmin_home")).content

    client.force_login(User.objects.get(email="ethics@coop.example"))
    assert client.get(list_url).status_code == 200
    response = client.get(inspect_url)
    assert response.status_code == 200 and VALID["message"] in response.content.decode()


def test_attempts_with_mistakes_do_not_count_against_the_limit(client, committees, settings):
    settings.REFERRAL_RATE_LIMIT = "2/h"
    url = referral_url(committees["fr"])
    for _attempt in range(4):
        assert client.post(url, {**VALID, "message": "court"}).status_code == 400
    assert client.post(url, VALID).status_code == 302
    assert Referral.objects.count() == 1


def test_acknowledgement_does_not_repeat_what_the_sender_typed(client, committees):
    client.post(referral_url(committees["fr"]), {**VALID, "subject": "Buy cheap pills at spam.example"})
    acknowledgement = mail.outbox[-1]
    assert "spam.example" not in acknowledgement.subject + acknowledgement.body


def test_committee_members_are_notified_in_their_language(client, committees):
    ethics = get_user_model().objects.get(email="ethics@coop.example")
    ethics.preferred_language = "nl"
    ethics.save()
    client.post(referral_url(committees["fr"]), VALID)
    notification = mail.outbox[0]
    assert notification.bcc == ["ethics@coop.example"]
    assert notification.subject.startswith("[Ethisch comité] Nieuwe melding")
