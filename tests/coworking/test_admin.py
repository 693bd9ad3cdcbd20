"""The coworking admin as editors and space managers use it: a space made with the
opening-hours builder, a clear error for hours that cannot be read, the day's bookings and
their spreadsheet, a maintenance block that cancels a booking and tells its member, and who
may see what."""

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext

from coworking.admin_forms import BOTH_CHANGED_ERROR, DAY_ERROR, PERIOD_ERROR, TOO_DETAILED_HELP
from coworking.groups import SPACE_MANAGERS, ensure_groups
from coworking.hours import TZ, decompose
from coworking.models import Amenity, Booking, Closure, Resource, Space
from portal.accounts.groups import EDITORS
from portal.places.models import Municipality
from tests.admin_helpers import errors_of, make_user, said, text_of

pytestmark = pytest.mark.django_db

OPENING_HOURS = "Mo-Fr 08:00-19:00; PH off"
UNREADABLE = (
    "These opening hours cannot be read. Write them like “Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off”."
)


def local(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


def today():
    return datetime.datetime.now(TZ).date()


def listing_rows(html):
    """The text of each row of the admin's listing."""
    body = re.search(r'<table class="[^"]*listing.*?<tbody[^>]*>(.*?)</tbody>', html, re.S).group(1)
    return [text_of(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def read_csv(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def space(db):
    return Space.objects.create(
        name_fr="Atelier Gent",
        municipality=Municipality.objects.get(refnis="44021"),
        email="gent@coop.example",
        street_address="Kortrijksesteenweg 12",
        postal_code="9000",
        opening_hours=OPENING_HOURS,
    )


@pytest.fixture
def room(space):
    return Resource.objects.create(space=space, name_fr="Salle Escaut", kind="room", unit="hour")


@pytest.fixture
def desk(space):
    return Resource.objects.create(space=space, name_fr="Bureau 3", kind="desk", unit="day")


@pytest.fixture
def editor(db):
    return get_user_model().objects.get(email="editor@coop.example")


@pytest.fixture
def manager(db):
    return make_user("gerant@coop.example", "Gérard", "Manager", group=SPACE_MANAGERS)


@pytest.fixture
def member(db):
    return make_user("ines@example.org", "Inès", "Lambert")


def space_form_data(**overrides):
    """What the admin's space form sends: the builder empty, public holidays ticked."""
    data = {
        "name_fr": "Atelier Gand",
        "name_nl": "Atelier Gent",
        "name_de": "",
        "name_en": "",
        "slug": "",
        "kind": "coworking",
        "published": "on",
        "street_address": "Kortrijksesteenweg 12",
        "municipality": "Gand",
        "postal_code": "9000",
        "latitude": "",
        "longitude": "",
        "description_fr": "Un atelier partagé au bord de l'Escaut.",
        "description_nl": "",
        "description_de": "",
        "description_en": "",
        "email": "gent@coop.example",
        "phone": "",
        "website": "",
        "hours_mo": "",
        "hours_tu": "",
        "hours_we": "",
        "hours_th": "",
        "hours_fr": "",
        "hours_sa": "",
        "hours_su": "",
        "closed_on_public_holidays": "on",
        "closing_periods": "",
        "opening_hours": "",
        "adviser_hours": "",
        "weekly_limit_hours": "20",
        "wheelchair": "yes",
        "capacity": "",
        "price_hour_member": "",
        "price_hour_public": "",
        "price_day_member": "",
        "price_day_public": "",
        "price_month_member": "",
        "price_month_public": "",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "resources-TOTAL_FORMS": "0",
        "resources-INITIAL_FORMS": "0",
        "resources-MIN_NUM_FORMS": "0",
        "resources-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def edit_form_data(space):
    """The edit form of an existing space, as the admin fills it in."""
    data = space_form_data(
        name_fr=space.name_fr,
        name_nl=space.name_nl or "",
        municipality=space.municipality.name,
        postal_code=space.postal_code,
        opening_hours=space.opening_hours,
    )
    # The builder shows the stored hours: Mo-Fr 08:00-19:00, public holidays closed.
    for day in ("mo", "tu", "we", "th", "fr"):
        data[f"hours_{day}"] = "08:00-19:00"
    return data


# Spaces --------------------------------------------------------------------------------


def test_an_editor_creates_a_space_with_the_weekday_builder(client, editor):
    darkroom = Amenity.objects.create(slug="test-darkroom", name_fr="Chambre noire", name_en="Darkroom")
    client.force_login(editor)
    assert client.get("/admin/coworking/spaces/new/").status_code == 200
    data = space_form_data(
        hours_mo="9:00-12:30 , 13:30-17:00",
        hours_tu="09:00-12:30, 13:30-17:00",
        hours_we="09:00-12:30,13:30-17:00",
        hours_fr="10:00-16:00",
        closing_periods="Jul 20-Aug 15; Dec 24-Dec 31",
        amenities=[darkroom.pk],
        **{
            "resources-TOTAL_FORMS": "1",
            "resources-0-id": "",
            "resources-0-ORDER": "1",
            "resources-0-name_fr": "",
            "resources-0-name_nl": "Zaal Schelde",
            "resources-0-name_de": "",
            "resources-0-name_en": "",
            "resources-0-kind": "room",
            "resources-0-unit": "hour",
            "resources-0-capacity": "8",
            "resources-0-price_member": "12.50",
            "resources-0-price_public": "",
            "resources-0-max_hours": "4",
            "resources-0-amenities": [darkroom.pk],
            "resources-0-bookable": "on",
        },
    )
    response = client.post("/admin/coworking/spaces/new/", data)
    assert response.status_code == 302, errors_of(response.content.decode())

    space = Space.objects.get(name_fr="Atelier Gand")
    assert space.opening_hours == (
        "Mo-We 09:00-12:30,13:30-17:00; Fr 10:00-16:00; PH off; Jul 20-Aug 15 off; Dec 24-Dec 31 off"
    )
    # "Gand" is Gent; the room is named in Dutch only, which is enough.
    assert space.municipality.refnis == "44021" and space.postal_code == "9000"
    assert list(space.amenities.all()) == [darkroom]
    (room,) = space.resources.all()
    assert room.name_nl == "Zaal Schelde" and list(room.amenities.all()) == [darkroom]
    assert space.schedule().is_open(local(datetime.date(2026, 3, 2), 10))  # a Monday
    assert not space.schedule().is_open(local(datetime.date(2026, 3, 5), 10))  # a Thursday

    # Edited again, the builder shows what is stored, and the place by its name.
    html = client.get(f"/admin/coworking/spaces/edit/{space.pk}/").content.decode()
    assert 'name="hours_mo" value="09:00-12:30,13:30-17:00"' in html
    assert "value=" not in re.search(r'<input[^>]*name="hours_th"[^>]*>', html).group(0)
    assert 'name="closing_periods" value="Jul 20-Aug 15; Dec 24-Dec 31"' in html
    assert re.search(r'name="municipality" value="(Gand|Gent)"', html)


def test_the_raw_expression_is_kept_when_the_builder_is_not_touched(client, editor, space):
    client.force_login(editor)
    data = edit_form_data(space)
    data["opening_hours"] = 'Mo-Fr 08:00-19:00; Sa 10:00-13:00 || "by appointment"; PH off'
    response = client.post(f"/admin/coworking/spaces/edit/{space.pk}/", data)
    assert response.status_code == 302, errors_of(response.content.decode())
    space.refresh_from_db()
    assert space.opening_hours == data["opening_hours"]
    # Too detailed for the builder: the form says so and the expression is the one to edit.
    html = client.get(f"/admin/coworking/spaces/edit/{space.pk}/").content.decode()
    assert said(TOO_DETAILED_HELP) in text_of(html)


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_unreadable_hours_get_a_translated_error_and_nothing_is_lost(client, space, language):
    editor = make_user(f"editor-{language}@coop.example", group=EDITORS, admin_language=language)
    client.force_login(editor)
    data = edit_form_data(space)
    data["opening_hours"] = "Mo-Fr 9h-18h"
    data["description_fr"] = "Une description à garder."
    response = client.post(f"/admin/coworking/spaces/edit/{space.pk}/", data)
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(language):
        expected = gettext(UNREADABLE)
    assert expected in errors_of(html)
    # What was typed is still there; nothing was saved.
    assert 'value="Mo-Fr 9h-18h"' in html and "Une description à garder." in html
    space.refresh_from_db()
    assert space.opening_hours == OPENING_HOURS


def test_a_bad_day_in_the_builder_is_named_on_its_own_box(client, editor, space):
    client.force_login(editor)
    data = edit_form_data(space)
    data["hours_sa"] = "10h-13h"
    data["closing_periods"] = "summer"
    response = client.post(f"/admin/coworking/spaces/edit/{space.pk}/", data)
    assert response.status_code == 200
    errors = errors_of(response.content.decode())
    assert said(DAY_ERROR, value="10h-13h") in errors
    assert said(PERIOD_ERROR, value="summer") in errors
    space.refresh_from_db()
    assert space.opening_hours == OPENING_HOURS


def test_changing_both_the_builder_and_the_expression_asks_to_keep_one(client, editor, space):
    client.force_login(editor)
    data = edit_form_data(space)
    data["hours_sa"] = "10:00-13:00"
    data["opening_hours"] = "Mo-Su 07:00-22:00"
    response = client.post(f"/admin/coworking/spaces/edit/{space.pk}/", data)
    assert response.status_code == 200
    assert said(BOTH_CHANGED_ERROR) in errors_of(response.content.decode())


def test_a_postcode_of_another_place_is_refused(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/coworking/spaces/new/", space_form_data(postal_code="1000", hours_mo="09:00-17:00")
    )
    assert response.status_code == 200
    errors = errors_of(response.content.decode())
    with translation.override("fr"):
        gent = Municipality.objects.get(refnis="44021").name
    assert said("%(code)s is not a postcode of %(place)s.", code="1000", place=gent) in errors
    assert not Space.objects.filter(name_fr="Atelier Gand").exists()


# Bookings ------------------------------------------------------------------------------


@pytest.fixture
def day_of_bookings(room, desk, member):
    other = make_user("noah@example.org", "Noah", "Peeters")
    day, tomorrow = today(), today() + datetime.timedelta(days=1)
    return [
        Booking.objects.create(resource=room, member=member, start=local(day, 10), end=local(day, 12)),
        Booking.objects.create(resource=desk, member=other, start=local(day, 8), end=local(day, 19)),
        Booking.objects.create(
            resource=room, member=other, start=local(tomorrow, 14), end=local(tomorrow, 16)
        ),
    ]


def test_a_space_manager_sees_the_days_bookings_and_downloads_them(client, manager, space, day_of_bookings):
    client.force_login(manager)
    # Today's, without choosing the day (here for this space: the demo has bookings too).
    listing = f"/admin/coworking/bookings/?space={space.pk}"
    html = client.get(listing).content.decode()
    rows = listing_rows(html)
    # In order, with the members' names and not their addresses; tomorrow's is not listed.
    assert len(rows) == 2
    assert "Bureau 3" in rows[0] and "Noah Peeters" in rows[0] and "Atelier Gent" in rows[0]
    assert "Salle Escaut" in rows[1] and "Inès Lambert" in rows[1]
    assert "ines@example.org" not in html and "noah@example.org" not in html
    assert f"{listing}&amp;export=csv" in html  # the download button keeps the filters

    response = client.get(f"{listing}&export=csv")
    assert response["Content-Disposition"] == 'attachment; filename="bookings.csv"'
    day = today().isoformat()
    with translation.override("fr"):  # the admin's language when the manager has chosen none
        headings = [gettext(h) for h in ("Room or desk", "Space", "Member", "Start", "End", "Status")]
        headings.append(gettext("Reason for cancelling"))
        confirmed = str(Booking.Status.CONFIRMED.label)
    assert read_csv(response) == [
        headings,
        ["Bureau 3", "Atelier Gent", "Noah Peeters", f"{day} 08:00:00", f"{day} 19:00:00", confirmed, ""],
        ["Salle Escaut", "Atelier Gent", "Inès Lambert", f"{day} 10:00:00", f"{day} 12:00:00", confirmed, ""],
    ]

    # Another day, or every day.
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    table = read_csv(client.get(f"{listing}&day={tomorrow}&export=csv"))
    assert [row[2] for row in table[1:]] == ["Noah Peeters"]
    assert len(read_csv(client.get(f"{listing}&day=&export=csv"))) == 4
    # Across the spaces, today's of this one are among the others.
    everywhere = read_csv(client.get("/admin/coworking/bookings/?export=csv"))
    assert [row[2] for row in everywhere if row[1] == "Atelier Gent"] == ["Noah Peeters", "Inès Lambert"]


def test_the_spreadsheet_speaks_the_managers_language(client, space, day_of_bookings):
    manager = make_user("beheerder@coop.example", "Bert", "Beheer", group=SPACE_MANAGERS, admin_language="nl")
    client.force_login(manager)
    table = read_csv(client.get(f"/admin/coworking/bookings/?space={space.pk}&export=csv"))
    with translation.override("nl"):
        assert table[0][:3] == [gettext("Room or desk"), gettext("Space"), gettext("Member")]
        assert table[1][5] == str(Booking.Status.CONFIRMED.label)


def test_a_manager_cancels_a_booking_and_the_member_is_told(client, manager, room, member):
    day = today() + datetime.timedelta(days=3)
    booking = Booking.objects.create(resource=room, member=member, start=local(day, 10), end=local(day, 12))
    client.force_login(manager)
    url = f"/admin/coworking/bookings/edit/{booking.pk}/"
    html = client.get(url).content.decode()
    assert "Inès Lambert" in html and "ines@example.org" not in html
    # Its times as in Brussels, in the admin's language.
    with translation.override("fr"):
        start = formats.date_format(booking.start.astimezone(TZ), "DATETIME_FORMAT")
    assert start.endswith("10:00")
    assert start in text_of(client.get(f"/admin/coworking/bookings/inspect/{booking.pk}/").content.decode())
    mail.outbox.clear()

    # A reason is needed: it goes to the member.
    response = client.post(url, {"status": "cancelled", "cancel_reason": ""})
    assert response.status_code == 200
    assert said("Tell the member why their booking is cancelled.") in errors_of(response.content.decode())
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and mail.outbox == []

    response = client.post(url, {"status": "cancelled", "cancel_reason": "Fuite d'eau"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.cancel_reason == "Fuite d'eau"
    (message,) = mail.outbox
    assert message.to == ["ines@example.org"]
    assert "Fuite d'eau" in message.body

    # A cancelled booking stays cancelled: its time may be someone else's now.
    response = client.post(url, {"status": "confirmed", "cancel_reason": ""})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and len(mail.outbox) == 1

    # A booking that is over is not cancelled after the fact.
    yesterday = today() - datetime.timedelta(days=1)
    past = Booking.objects.create(
        resource=room, member=member, start=local(yesterday, 10), end=local(yesterday, 12)
    )
    response = client.post(
        f"/admin/coworking/bookings/edit/{past.pk}/", {"status": "cancelled", "cancel_reason": "Oubli"}
    )
    over = said("This booking is over: it can no longer be cancelled.")
    assert over in errors_of(response.content.decode())
    past.refresh_from_db()
    assert past.status == Booking.Status.CONFIRMED and len(mail.outbox) == 1


def test_bookings_are_not_added_in_the_admin(client, manager):
    client.force_login(manager)
    listing = client.get("/admin/coworking/bookings/").content.decode()
    assert 'href="/admin/coworking/bookings/new/"' not in listing
    # The address of a form to add one shows the listing.
    response = client.get("/admin/coworking/bookings/new/")
    assert response.status_code == 200 and 'name="member"' not in response.content.decode()


# Maintenance blocks --------------------------------------------------------------------


def test_a_maintenance_block_over_a_booking_cancels_it_and_tells_the_member(
    client, manager, room, member, django_capture_on_commit_callbacks
):
    day = today() + datetime.timedelta(days=2)
    booking = Booking.objects.create(resource=room, member=member, start=local(day, 10), end=local(day, 12))
    elsewhere = Booking.objects.create(resource=room, member=member, start=local(day, 15), end=local(day, 17))
    client.force_login(manager)
    mail.outbox.clear()
    form = {"resource": room.pk, "start": f"{day} 09:00", "end": f"{day} 13:00", "reason": "Dégât des eaux"}

    # The end before the start: said, and nothing is saved.
    response = client.post("/admin/coworking/maintenance/new/", {**form, "end": f"{day} 08:00"})
    assert response.status_code == 200
    assert said("The end must come after the start.") in errors_of(response.content.decode())
    assert not Closure.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/coworking/maintenance/new/", form, follow=True)
    assert response.status_code == 200
    with translation.override("fr"):
        told = ngettext(
            "%(count)s booking is cancelled; its member is told by e-mail.",
            "%(count)s bookings are cancelled; their members are told by e-mail.",
            1,
        ) % {"count": 1}
    assert told in text_of(response.content.decode())
    booking.refresh_from_db()
    elsewhere.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.cancel_reason == "Dégât des eaux"
    assert elsewhere.status == Booking.Status.CONFIRMED
    (message,) = mail.outbox
    assert message.to == [member.email] and "Dégât des eaux" in message.body
    assert "Salle Escaut" in text_of(client.get("/admin/coworking/maintenance/").content.decode())


# Visit requests ------------------------------------------------------------------------


def test_visit_requests_are_read_not_written(client, manager, space):
    request = space.visit_requests.create(
        name="Lotte", email="lotte@example.org", message="Mag ik langskomen?"
    )
    client.force_login(manager)
    assert "Lotte" in client.get("/admin/coworking/visits/").content.decode()
    html = client.get(f"/admin/coworking/visits/inspect/{request.pk}/").content.decode()
    assert "Mag ik langskomen?" in html
    # "Edit" shows the request; there is no form to send.
    edit = client.get(f"/admin/coworking/visits/edit/{request.pk}/").content.decode()
    assert "Mag ik langskomen?" in edit and 'name="message"' not in edit


# Who may do what -----------------------------------------------------------------------

MANAGER_PERMISSIONS = {
    "wagtailadmin.access_admin",
    "coworking.view_space",
    "coworking.change_space",
    "coworking.add_space",
    "coworking.delete_space",
    "coworking.view_resource",
    "coworking.change_resource",
    "coworking.add_resource",
    "coworking.delete_resource",
    "coworking.view_closure",
    "coworking.change_closure",
    "coworking.add_closure",
    "coworking.delete_closure",
    "coworking.view_booking",
    "coworking.change_booking",
    "coworking.view_visitrequest",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
}


def group_permissions(name):
    group = Group.objects.get(name=name)
    return {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }


def test_the_space_managers_group_exists_with_its_permissions():
    assert group_permissions(SPACE_MANAGERS) == MANAGER_PERMISSIONS
    assert {
        "coworking.add_space",
        "coworking.change_space",
        "coworking.view_space",
        "coworking.add_amenity",
        "coworking.change_amenity",
        "coworking.view_amenity",
        "coworking.add_resource",
        "coworking.change_resource",
        "coworking.view_resource",
    } <= group_permissions(EDITORS)
    assert "coworking.view_booking" not in group_permissions(EDITORS)
    # Again, as after each migrate: nothing doubles, nothing is lost.
    ensure_groups()
    assert Group.objects.filter(name=SPACE_MANAGERS).count() == 1
    assert group_permissions(SPACE_MANAGERS) == MANAGER_PERMISSIONS


def test_the_coworking_menu_shows_what_each_group_may_use(client, manager, editor):
    client.force_login(manager)
    html = client.get("/admin/").content.decode()
    for address in (
        "coworking/spaces/",
        "coworking/bookings/",
        "coworking/maintenance/",
        "coworking/visits/",
    ):
        assert f"/admin/{address}" in html
    assert "/admin/coworking/amenities/" not in html

    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "/admin/coworking/spaces/" in html and "/admin/coworking/amenities/" in html
    assert "/admin/coworking/bookings/" not in html
    # An editor reads no bookings.
    assert client.get("/admin/coworking/bookings/").status_code == 302


def test_a_plain_member_gets_no_access(client, member, day_of_bookings):
    client.force_login(member)
    for address in (
        "/admin/coworking/spaces/",
        "/admin/coworking/bookings/",
        "/admin/coworking/bookings/?export=csv",
        f"/admin/coworking/bookings/edit/{day_of_bookings[0].pk}/",
        "/admin/coworking/maintenance/new/",
        "/admin/coworking/visits/",
    ):
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith("/admin/login/"), address
    response = client.post(
        f"/admin/coworking/bookings/edit/{day_of_bookings[0].pk}/",
        {"status": "cancelled", "cancel_reason": "x"},
    )
    assert response.status_code == 302
    assert Booking.objects.get(pk=day_of_bookings[0].pk).status == Booking.Status.CONFIRMED


def test_every_space_opens_in_the_editor_with_its_hours(client, editor, space):
    client.force_login(editor)
    # The listing pages the demo's spaces too: the test's own is found by its name.
    listing = client.get("/admin/coworking/spaces/", {"q": "Atelier Gent"}).content.decode()
    assert "Atelier Gent" in listing
    for each in Space.objects.select_related("municipality"):
        html = client.get(f"/admin/coworking/spaces/edit/{each.pk}/").content.decode()
        place = re.search(r'<input[^>]*name="municipality"[^>]*value="([^"]*)"', html).group(1)
        assert place and not place.isdigit(), each  # its name, not its key
        parts = decompose(each.opening_hours)
        if parts is None:
            assert said(TOO_DETAILED_HELP) in text_of(html), each
            continue
        for code, ranges in parts["days"].items():
            box = re.search(rf'<input[^>]*name="hours_{code.lower()}"[^>]*>', html).group(0)
            assert (f'value="{ranges}"' in box) if ranges else ("value=" not in box), (each, code)


def test_the_listings_read_a_fixed_number_of_rows(
    client, manager, day_of_bookings, django_assert_max_num_queries
):
    client.force_login(manager)
    client.get("/admin/coworking/bookings/?day=")  # the session and the menu, once
    with django_assert_max_num_queries(15):
        assert client.get("/admin/coworking/bookings/?day=").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/admin/coworking/spaces/").status_code == 200


def test_a_space_or_a_room_with_bookings_is_kept(client, manager, space, room, day_of_bookings):
    client.force_login(manager)
    # The room cannot be removed from the space…
    data = edit_form_data(space)
    data.update(
        {
            "resources-TOTAL_FORMS": "2",
            "resources-INITIAL_FORMS": "2",
        }
    )
    for index, resource in enumerate(space.resources.order_by("sort_order", "pk")):
        data.update(
            {
                f"resources-{index}-id": str(resource.pk),
                f"resources-{index}-ORDER": str(index + 1),
                f"resources-{index}-name_fr": resource.name_fr,
                f"resources-{index}-kind": resource.kind,
                f"resources-{index}-unit": resource.unit,
                f"resources-{index}-capacity": str(resource.capacity),
                f"resources-{index}-max_hours": str(resource.max_hours),
                f"resources-{index}-bookable": "on",
            }
        )
        if resource == room:
            data[f"resources-{index}-DELETE"] = "on"
    response = client.post(f"/admin/coworking/spaces/edit/{space.pk}/", data)
    assert response.status_code == 200
    removal = "“%(name)s” has bookings, so it cannot be removed: untick “members can book it” instead."
    assert said(removal, name="Salle Escaut") in text_of(response.content.decode())
    assert Resource.objects.filter(pk=room.pk).exists()

    # …nor the space deleted: the page says so, and the deletion is refused.
    url = f"/admin/coworking/spaces/delete/{space.pk}/"
    message = said("This space has bookings, so it cannot be deleted: unpublish it instead.")
    assert message in text_of(client.get(url).content.decode())
    response = client.post(url, follow=True)
    assert message in text_of(response.content.decode())
    assert Space.objects.filter(pk=space.pk).exists()


def test_editors_extend_the_amenities(client, editor):
    client.force_login(editor)
    data = {"slug": "risograph", "name_fr": "", "name_nl": "", "name_de": "", "name_en": "", "order": "50"}
    response = client.post("/admin/coworking/amenities/new/", data)
    assert response.status_code == 200
    assert said("Fill this in, in one language at least.") in errors_of(response.content.decode())
    response = client.post("/admin/coworking/amenities/new/", {**data, "name_nl": "Risografie"})
    assert response.status_code == 302
    assert Amenity.objects.get(slug="risograph").name_nl == "Risografie"


def test_a_nameless_members_address_appears_nowhere_in_the_bookings_admin(client, manager, room):
    nameless = make_user("sans-nom@example.org")
    start = local(today() + datetime.timedelta(days=1), 10)
    booking = Booking.objects.create(
        resource=room, member=nameless, start=start, end=start + datetime.timedelta(hours=1)
    )
    client.force_login(manager)
    for url in (
        "/admin/coworking/bookings/",
        f"/admin/coworking/bookings/inspect/{booking.pk}/",
        f"/admin/coworking/bookings/edit/{booking.pk}/",
        "/admin/coworking/bookings/?export=csv&day=",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"sans-nom@example.org" not in body, url


def test_space_managers_may_add_and_choose_photos(manager):
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    permission_policy = policy_registry.get_by_type(get_image_model())
    assert permission_policy.user_has_permission(manager, "add")
    assert permission_policy.user_has_permission(manager, "choose")
