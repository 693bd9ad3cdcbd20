"""Mail goes through the queue: nothing is lost while the mail server is down."""

import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.urls import reverse

from directory.factories import ProfileFactory, UserFactory
from portal.mail.models import OutgoingMail


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """An SMTP server's handler: keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def queued_smtp(settings, task_worker):
    """The production set-up: the database task backend, its worker, and SMTP on a port where
    nothing listens yet."""
    port = free_port()
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 2
    settings.MAIL_RETRY_DELAYS = [1, 1, 1]
    return port


@pytest.mark.django_db(transaction=True)
def test_a_message_written_while_smtp_is_down_is_delivered_when_it_is_back(
    client, queued_smtp, task_worker, demo_site
):
    run_worker = task_worker
    profile = ProfileFactory(place="62063")
    client.force_login(UserFactory(email="cliente@example.org", first_name="Inès", last_name="Verbeke"))
    response = client.post(
        profile.get_absolute_url(),
        {
            "name": "Inès Verbeke",
            "subject": "L'atelier & co",
            "message": "Bonjour, j'aimerais une affiche pour L'atelier & co.",
        },
    )
    # The visitor is told it is sent: it is, as soon as the mail server answers.
    assert response.status_code == 302
    assert "Votre message a été envoyé" in client.get(response.url).content.decode()
    (queued,) = OutgoingMail.objects.all()
    assert queued.status == OutgoingMail.Status.QUEUED

    run_worker()  # the server is down: the attempt fails, a retry is scheduled
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.RETRYING and queued.attempts == 1
    assert "Connection refused" in queued.last_error
    assert queued.message["to"] == [profile.user.email]  # the message is kept

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=queued_smtp)
    server.start()
    try:
        time.sleep(1.2)  # the retry's time comes
        run_worker()
    finally:
        server.stop()
    (delivered,) = inbox.messages
    assert delivered.rcpt_tos == [profile.user.email]
    text = delivered.content.decode()
    assert "Reply-To: cliente@example.org" in text
    assert "j'aimerais une affiche pour L'atelier & co." in text.replace("=\r\n", "")
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.SENT and queued.message is None  # content erased
    # Sent once: another run sends nothing more.
    run_worker()
    assert len(inbox.messages) == 1


@pytest.mark.django_db
def test_mail_that_keeps_failing_is_shown_to_administrators_and_can_be_sent_again(client, settings):
    from django.contrib.auth import get_user_model

    # The immediate task backend cannot wait between attempts: the first failure gives up.
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    mail.EmailMessage("Convocation à l'assemblée", "Texte", to=["someone@example.org"]).send()
    failed = OutgoingMail.objects.get()
    assert failed.status == OutgoingMail.Status.FAILED

    client.force_login(get_user_model().objects.get(email="admin@coop.example"))
    listing = client.get(reverse("outgoing_mail:index"), {"status": "failed"}).content.decode()
    assert "Convocation à l&#x27;assemblée" in listing
    assert reverse("outgoing_mail:send_again", args=[failed.pk]) in listing
    health = client.get("/health/").json()
    assert health["mail"] == "queued 0, retrying 0, failed 1"

    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(reverse("outgoing_mail:send_again", args=[failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == OutgoingMail.Status.SENT
    assert mail.outbox[-1].subject == "Convocation à l'assemblée"
    # Editors do not see other people's mail.
    client.force_login(get_user_model().objects.get(email="editor@coop.example"))
    assert client.get(reverse("outgoing_mail:index")).status_code in (302, 403)


@pytest.mark.django_db
def test_sign_up_and_password_reset_work_while_the_mail_server_is_down(client, settings):
    # The mail server is unreachable and the worker has not run yet: nothing waits on SMTP.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    signup = {
        "email": "nouvelle@example.org",
        "first_name": "Inès",
        "last_name": "Verbeke",
        "password1": "un-mot-de-passe-solide-42",
        "password2": "un-mot-de-passe-solide-42",
        "accept_charter": "on",
    }
    assert client.post("/fr/accounts/signup/", signup).status_code == 302
    reset = client.post("/nl/accounts/password/reset/", {"email": "member@coop.example"})
    assert reset.status_code == 302
    queued = OutgoingMail.objects.filter(status=OutgoingMail.Status.QUEUED)
    assert sorted(m.message["to"][0] for m in queued) == ["member@coop.example", "nouvelle@example.org"]


@pytest.mark.django_db
def test_passwords_follow_the_validators(client):
    weak = {
        "email": "faible@example.org",
        "password1": "12345678",
        "password2": "12345678",
        "accept_charter": "on",
    }
    response = client.post("/de/accounts/signup/", weak)
    assert response.status_code == 200
    assert "Dieses Passwort ist zu üblich" in response.content.decode()


@pytest.mark.django_db
def test_records_the_site_creates_cannot_be_added_by_hand_in_the_admin(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="admin@coop.example"))
    for prefix in ("outgoing-mail", "referrals", "directory/profiles", "directory/reports"):
        listing = client.get(f"/admin/{prefix}/").content.decode()
        assert f'href="/admin/{prefix}/new/"' not in listing, prefix
        assert client.get(f"/admin/{prefix}/new/").status_code == 200  # the listing, not a form
        assert client.post(f"/admin/{prefix}/new/", {"subject": "x", "status": "new"}).status_code in (
            200,
            405,
        )


@pytest.mark.django_db
def test_records_of_delivered_mail_are_kept_thirty_days(settings):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    old = OutgoingMail.objects.create(
        subject="Ancien", status=OutgoingMail.Status.SENT, sent_at=now - timedelta(days=31)
    )
    recent = OutgoingMail.objects.create(
        subject="Récent", status=OutgoingMail.Status.SENT, sent_at=now - timedelta(days=29)
    )
    mail.EmailMessage("Nouveau", "Texte", to=["someone@example.org"]).send()
    subjects = set(OutgoingMail.objects.values_list("subject", flat=True))
    assert subjects == {"Récent", "Nouveau"} and not OutgoingMail.objects.filter(pk=old.pk).exists()
    assert OutgoingMail.objects.filter(pk=recent.pk).exists()
