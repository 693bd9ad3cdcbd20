"""Members following a call and looking for partners: the actions, who sees what (public
profiles, never addresses), the deadline in a calendar file, reminders sent once."""

import datetime

import icalendar
import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from calls.interest_views import interest_context
from calls.management.commands.send_deadline_reminders import send_reminders
from calls.models import Call, Interest, Status
from portal.taxonomy.models import Sector

pytestmark = pytest.mark.django_db


def make_member(email, language="fr", verified=True):
    user = get_user_model().objects.create_user(
        email=email,
        password="a-good-password-42",
        first_name=email.split("@")[0].title(),
        preferred_language=language,
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user


def listed_profile(user, name, sectors):
    from directory.factories import ProfileFactory

    return ProfileFactory(user=user, display_name=name, sectors=sectors)


@pytest.fixture
def call():
    deadline = (timezone.now() + datetime.timedelta(days=2, hours=3)).replace(microsecond=0)
    call = Call.objects.create(
        title_fr="Identité visuelle d’un festival",
        title_nl="Visuele identiteit van een festival",
        buyer_name="Festival asbl",
        deadline=deadline,
        status=Status.OPEN,
    )
    call.sectors.set(Sector.objects.filter(slug="graphic-design"))
    return call


def interest_url(call):
    with translation.override("fr"):
        return reverse("calls:interest", args=[call.pk])


def test_a_member_follows_a_call_and_is_reminded_once_before_its_deadline(client, call):
    member = make_member("ana@example.org", language="nl")
    client.force_login(member)
    response = client.post(interest_url(call), {"action": "follow"})
    assert response.status_code == 302 and response["Location"].endswith("#interest")
    assert Interest.objects.get(user=member, call=call).follows
    assert send_reminders() == 1
    (message,) = mail.outbox
    # In the member's language, with the title in that language and the call's page.
    assert message.to == ["ana@example.org"] and "Visuele identiteit van een festival" in message.subject
    assert call.get_absolute_url().replace("/fr/", "/") in message.body or "/nl/" in message.body
    assert send_reminders() == 0 and len(mail.outbox) == 1
    client.post(interest_url(call), {"action": "unfollow"})
    assert not Interest.objects.filter(user=member, call=call).exists()


def test_a_call_far_from_its_deadline_is_not_reminded_yet(call):
    member = make_member("ben@example.org")
    call.deadline = timezone.now() + datetime.timedelta(days=20)
    call.save()
    Interest.objects.create(user=member, call=call, follows=True)
    assert send_reminders() == 0


def test_looking_for_partners_shows_the_public_profile_and_note_never_the_address(client, call):
    seeker = make_member("claire@example.org")
    listed_profile(seeker, "Claire Dumont", ["graphic-design"])
    other = make_member("dirk@example.org")
    listed_profile(other, "Dirk Peeters", ["graphic-design"])
    client.force_login(seeker)
    client.post(
        interest_url(call), {"action": "seek", "note": "  Graphiste,   je cherche une illustratrice.  "}
    )
    found = Interest.objects.get(user=seeker, call=call)
    assert found.seeks_partners and found.note == "Graphiste, je cherche une illustratrice."
    request = RequestFactory().get("/")
    request.user = other
    context = interest_context(request, call)
    assert [p.display_name for p in context["partners"]] == ["Claire Dumont"]
    assert context["partners"][0].partner_note == "Graphiste, je cherche une illustratrice."
    # Members whose sectors fit the call are suggested (not the visitor, not those already listed).
    assert [p.display_name for p in context["suggested_members"]] == []
    third = make_member("eva@example.org")
    listed_profile(third, "Eva Janssens", ["graphic-design"])
    context = interest_context(request, call)
    assert [p.display_name for p in context["suggested_members"]] == ["Eva Janssens"]
    # A note too long is refused and nothing changes.
    client.post(interest_url(call), {"action": "stop_seeking"})
    response = client.post(interest_url(call), {"action": "seek", "note": "x" * 400})
    assert response.status_code == 302 and not Interest.objects.filter(user=seeker, call=call).exists()


def test_visitors_and_unverified_members_cannot_act(client, call):
    response = client.post(interest_url(call), {"action": "follow"})
    assert (
        response.status_code == 302
        and "/accounts/login/" in response["Location"]
        or "login" in response["Location"]
    )
    unverified = make_member("fred@example.org", verified=False)
    client.force_login(unverified)
    client.post(interest_url(call), {"action": "follow"})
    assert not Interest.objects.exists()
    verified = make_member("gina@example.org")
    client.force_login(verified)
    for bad in ({"action": "explode"}, {}, {"action": "follow", "note": "\x00"}):
        assert client.post(interest_url(call), bad).status_code == 302
    assert client.get(interest_url(call)).status_code == 405
    call.status = Status.CLOSED
    call.save()
    Interest.objects.all().delete()
    client.post(interest_url(call), {"action": "follow"})
    assert not Interest.objects.exists()
    assert client.post(f"/fr/{'9' * 30}/", {"action": "follow"}).status_code == 404


def test_the_deadline_in_a_calendar_file(client, call):
    with translation.override("fr"):
        url = reverse("calls:deadline_ics", args=[call.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    (entry,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert entry.decoded("dtend") == call.deadline
    assert str(entry["uid"]).startswith(f"call-{call.pk}-deadline@")
    assert "Identité visuelle d’un festival" in str(entry["summary"])
    (alarm,) = entry.walk("VALARM")
    assert alarm.decoded("trigger") == -datetime.timedelta(days=1)
    first_sequence = int(entry["sequence"])
    # A moved deadline: same UID, a higher SEQUENCE.
    call.deadline += datetime.timedelta(days=7)
    call.source_updated_at = timezone.now() + datetime.timedelta(minutes=5)
    call.save()
    (moved,) = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert str(moved["uid"]) == str(entry["uid"]) and int(moved["sequence"]) > first_sequence
    call.deadline = None
    call.save()
    assert client.get(url).status_code == 404


def test_the_account_page_lists_the_calls_a_member_follows_or_seeks_partners_on(client, call):
    member = make_member("ana@example.org", language="nl")
    closed = Call.objects.create(title_nl="Afgesloten opdracht", status=Status.CLOSED)
    other = Call.objects.create(title_nl="Residentie voor kunstenaars", status=Status.OPEN)
    Interest.objects.create(user=member, call=call, follows=True)
    Interest.objects.create(user=member, call=other, seeks_partners=True, note="Ik zoek een fotograaf")
    Interest.objects.create(user=member, call=closed, follows=True)
    Interest.objects.create(user=make_member("ben@example.org"), call=Call.objects.create(title_nl="Van Ben"))
    client.force_login(member)
    with translation.override("nl"):
        page = client.get(reverse("accounts:account")).content.decode()
    section = page[page.index('id="my-calls-title"') :]
    section = section[: section.index("</section>")]
    # Soonest deadline first, the call without one after it; closed calls and others' calls not.
    assert section.index("Visuele identiteit van een festival") < section.index("Residentie voor kunstenaars")
    with translation.override("nl"):
        assert call.get_absolute_url() in section
    assert "Afgesloten opdracht" not in section and "Van Ben" not in section
    with translation.override("nl"):
        from django.utils.translation import gettext

        assert gettext("Looking for partners") in section


def test_the_language_switcher_links_each_languages_own_address(client, call):
    with translation.override("nl"):
        dutch = call.get_absolute_url()
    with translation.override("fr"):
        french = call.get_absolute_url()
    assert dutch.endswith("-visuele-identiteit-van-een-festival/")
    html = client.get(dutch).content.decode()
    # The French title's slug, not the Dutch one kept (which would answer with a redirect).
    assert f'href="{french}"' in html and f'hreflang="fr" href="http://testserver{french}"' in html
    assert client.get(french).status_code == 200
