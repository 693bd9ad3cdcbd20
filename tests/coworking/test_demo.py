"""The coworking demo (coworking.demo, run by `seed_demo` and by the session fixture): the
cooperative's offices in the three regions, the partner spaces visitors look for, readable
opening hours, every text in four languages, bookings that keep the rules, and a second run
that changes nothing."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.images.models import Image

from coworking import demo, hours
from coworking.booking import day_span
from coworking.documents import SPACES, open_now_ids
from coworking.models import Booking, MemberBase, Resource, Space, SpacePhoto
from portal.places.geo import haversine_km
from portal.search.backends import get_backend

pytestmark = pytest.mark.django_db
LANGUAGES = ["fr", "nl", "de", "en"]
FLANDERS, WALLONIA, BRUSSELS = "02000", "03000", "04000"
DEMO_SLUGS = [spec["slug"] for spec in demo.SPACES]
# A full stop that ends a sentence (not "21. Juli").
SENTENCE_END = re.compile(r"(?<!\d)[.!?]\s+(?=\w)")


def demo_spaces():
    return Space.objects.filter(slug__in=DEMO_SLUGS).select_related("municipality__region")


def with_amenity(slug, refnis):
    return demo_spaces().filter(municipality__refnis=refnis, amenities__slug=slug).exclude(kind="office")


def local(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=hours.TZ)


def counts():
    return {
        "spaces": Space.objects.count(),
        "rooms": Resource.objects.count(),
        "photos": SpacePhoto.objects.count(),
        "images": Image.objects.count(),
        "bookings": Booking.objects.count(),
        "bases": MemberBase.objects.count(),
        "space amenities": Space.amenities.through.objects.count(),
        "room amenities": Resource.amenities.through.objects.count(),
    }


def test_the_offices_are_in_the_main_cities_of_the_three_regions():
    offices = demo_spaces().filter(kind=Space.Kind.OFFICE)
    assert {o.municipality.region.refnis for o in offices} == {FLANDERS, WALLONIA, BRUSSELS}
    cities = {o.municipality.name_nl for o in offices}
    assert {"Brussel", "Luik", "Namen", "Charleroi", "Gent", "Antwerpen", "Leuven", "Eupen"} <= cities
    for office in offices:
        assert office.adviser_hours and office.adviser_schedule(), office.slug
        assert office.email.endswith("@coop.example") and office.phone.startswith("+32 ")
    # Eupen's office speaks German first, and its description says so in German.
    eupen = offices.get(municipality__refnis="63023")
    assert eupen.name_de == "Regionalbüro Eupen"
    assert "Deutschsprachigen Gemeinschaft" in eupen.description_de


def test_visitors_find_the_rooms_they_look_for_where_they_look():
    # Gent: a partner space with a rehearsal room members can book by the hour, open late
    # every day of the week, weekends included.
    (gent,) = with_amenity("rehearsal-room", "44021")
    room = gent.resources.get(amenities__slug="rehearsal-room", sort_order=0)
    assert room.bookable and room.unit == Resource.Unit.HOUR and room.max_hours == 4
    sunday, wednesday = datetime.date(2027, 1, 17), datetime.date(2027, 1, 20)
    assert gent.schedule().is_open(local(sunday, 10)) and gent.schedule().is_open(local(wednesday, 21, 30))
    assert gent.pk in open_now_ids(local(sunday, 20)) and gent.pk in open_now_ids(local(wednesday, 8, 30))
    # Namur: a rehearsal room too. Liège: a photo studio with a darkroom. Antwerp: a recording
    # studio. Charleroi: a workshop with a loading dock.
    assert with_amenity("rehearsal-room", "92094").exists()
    (studio,) = with_amenity("photo-studio", "62063")
    assert studio.amenities.filter(slug="darkroom").exists()
    assert studio.resources.filter(amenities__slug="darkroom").exists()
    assert with_amenity("recording-studio", "11002").exists()
    assert with_amenity("workshop", "52011").filter(amenities__slug="loading-dock").exists()
    # A space near Eupen, for the German-speaking east.
    near = [s for s in demo_spaces().exclude(kind="office") if haversine_km(50.6279, 6.0365, *s.point) < 15]
    assert near and near[0].description_de


def test_every_space_is_complete_and_valid():
    spaces = list(demo_spaces().prefetch_related("resources__amenities", "photos", "amenities"))
    assert len(spaces) == len(DEMO_SLUGS) >= 20
    assert sum(s.kind != Space.Kind.OFFICE for s in spaces) >= 12
    for space in spaces:
        space.full_clean()  # postcode, e-mail, opening hours' syntax…
        assert hours.Schedule(space.opening_hours), space.slug
        assert space.municipality.postal_codes.filter(code=space.postal_code).exists(), space.slug
        lat, lon = space.municipality.latitude, space.municipality.longitude
        assert abs(space.latitude - lat) < 0.05 and abs(space.longitude - lon) < 0.05, space.slug
        assert space.amenities.exists() and space.capacity and space.has_prices
        for _label, member, public in space.price_rows():
            assert member < public, space.slug
        rooms = list(space.resources.all())
        assert rooms, space.slug
        for room in rooms:
            assert room.price_member < room.price_public and room.amenities.exists(), room
            if room.unit == Resource.Unit.HOUR:
                assert room.max_hours <= 6
        assert 1 <= len(space.photos.all()) <= 2


def test_every_text_exists_in_the_four_languages():
    for space in demo_spaces():
        descriptions = [getattr(space, f"description_{code}") for code in LANGUAGES]
        assert all(getattr(space, f"name_{code}") for code in LANGUAGES), space.slug
        # Written for each language, two to four sentences.
        assert len(set(descriptions)) == 4, space.slug
        for text in descriptions:
            assert 2 <= len(SENTENCE_END.findall(text)) + 1 <= 4, (space.slug, text)
        for room in space.resources.all():
            assert all(getattr(room, f"name_{code}") for code in LANGUAGES), room
        for photo in space.photos.all():
            # What the photo shows, in each language, naming the space in that language.
            alts = {code: getattr(photo, f"alt_{code}") for code in LANGUAGES}
            assert len(set(alts.values())) == 4
            assert all(alt.startswith(getattr(space, f"name_{code}")) for code, alt in alts.items())
    rehearsal = Resource.objects.filter(space__slug="loods-9", sort_order=0).get()
    names = {code: getattr(rehearsal, f"name_{code}") for code in LANGUAGES}
    assert names == {
        "fr": "Grand local de répétition",
        "nl": "Grote repetitieruimte",
        "de": "Großer Proberaum",
        "en": "Large rehearsal room",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_space_page_shows_the_demo_in_the_visitors_language(client, language):
    space = Space.objects.get(slug="atelier-lumiere")
    with translation.override(language):
        url = reverse("coworking:space", kwargs={"pk": space.pk, "slug": space.slug})
    page = client.get(url).content.decode()
    assert getattr(space, f"description_{language}").split(".")[0] in page
    assert getattr(space.photos.first(), f"alt_{language}").split(":")[0] in page


def test_the_spaces_are_in_the_search_index():
    assert set(DEMO_SLUGS) <= set(Space.objects.public().values_list("slug", flat=True))
    assert get_backend(SPACES).count() == Space.objects.public().count()


def test_demo_bookings_keep_the_booking_rules():
    seeded = Booking.objects.filter(resource__space__slug__in=DEMO_SLUGS).select_related("resource__space")
    lotte = get_user_model().objects.get(email="member@coop.example")
    assert seeded.filter(member=lotte).exists()
    assert MemberBase.objects.get(user=lotte).space.slug == "atelier-lumiere"
    for booking in seeded:
        assert booking.start > timezone.now() - datetime.timedelta(days=1)
        if booking.resource.unit == Resource.Unit.HOUR:
            schedule = booking.resource.space.schedule()
            assert schedule.is_open_throughout(booking.start, booking.end), booking
            assert booking.hours <= booking.resource.max_hours
        else:
            # A desk for the day: from the space's opening to its closing (lunch break included).
            day = timezone.localtime(booking.start, hours.TZ).date()
            assert (booking.start, booking.end) == day_span(booking.resource, day), booking
        others = Booking.objects.confirmed().filter(resource=booking.resource).exclude(pk=booking.pk)
        assert not others.overlapping(booking.start, booking.end).exists(), booking


def test_seeding_again_creates_nothing(django_capture_on_commit_callbacks):
    before = counts()
    stamps = dict(demo_spaces().values_list("slug", "updated_at"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert demo.seed() == 0
    assert counts() == before
    # Nothing is even written again (no reindexing either).
    assert dict(demo_spaces().values_list("slug", "updated_at")) == stamps
    assert callbacks == []


def test_the_directorys_members_get_bookings_and_base_spaces_once(django_capture_on_commit_callbacks):
    User = get_user_model()
    members = [
        User.objects.create_user(
            email=f"member{n}@{demo.DEMO_MEMBERS_DOMAIN}", password="!", preferred_language=code
        )
        for n, code in enumerate(["nl", "fr", "nl", "fr", "nl", "nl", "fr", "de", "fr", "nl"], start=1)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        created = demo.seed()
    assert created >= 12
    first = Booking.objects.filter(member__in=members).select_related("resource__space")
    assert {b.resource.space.slug for b in first} >= {"loods-9", "studio-klankkast", "ateliers-de-la-sambre"}
    assert MemberBase.objects.filter(user__in=members).count() == 8
    assert all(b.language == b.member.preferred_language for b in first)
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        assert demo.seed() == 0
    assert counts() == before


def test_a_flushed_database_is_seeded_again(django_capture_on_commit_callbacks):
    # The browser tests flush the database: amenities (a migration's data) included.
    from coworking.models import Amenity

    Booking.objects.all().delete()
    Space.objects.all().delete()
    Amenity.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        created = demo.seed()
    assert Amenity.objects.count() == 16
    assert Space.objects.count() == len(DEMO_SLUGS) and created > len(DEMO_SLUGS)
    assert get_backend(SPACES).count() == len(DEMO_SLUGS)
