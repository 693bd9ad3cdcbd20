"""What a visitor sees of the filter panel (long lists folded, chips, clear all), the avatars,
and what a member does with the place picker and their photo."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from portal.search import views as search_views
from tests.directory.test_views import profile_form_data

pytestmark = pytest.mark.django_db


def _html(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def test_long_facets_show_the_top_options_and_fold_the_rest_alphabetically(client, people, monkeypatch):
    # The small directory uses 8 sectors: fold after 4 to see the long-list behaviour.
    monkeypatch.setattr(search_views, "PANEL_FOLD_AFTER", 4)
    html = _html(client, "/fr/annuaire/")
    sectors = html[
        html.index('id="facet-sector"') : html.index("</fieldset>", html.index('id="facet-sector"'))
    ]
    top, _sep, more = sectors.partition('class="facet-more"')
    assert top.count('class="facet-option"') == 6
    # The folded part is in alphabetical order of the French labels, accents in their place.
    labels = re.findall(r'data-folded="([^"]+)"', more)
    assert labels == sorted(labels) and len(labels) >= 2
    assert "Filtrer les options" in sectors or "Filter the options" in sectors
    # Every option keeps a unique id (a label focuses its own box).
    ids = re.findall(r'id="(f-[^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_chosen_options_stay_on_top_and_appear_as_removable_chips(client, people, monkeypatch):
    monkeypatch.setattr(search_views, "PANEL_FOLD_AFTER", 4)
    html = _html(client, "/nl/ledengids/", sector=["illustration", "photography"], region="03000")
    sectors = html[
        html.index('id="facet-sector"') : html.index("</fieldset>", html.index('id="facet-sector"'))
    ]
    top = sectors.partition("facet-more")[0]
    assert 'value="illustration" id="f-sector-illustration" checked' in top
    assert 'value="photography" id="f-sector-photography" checked' in top
    chips = html[html.index('class="chips"') : html.index("</div>", html.index('class="chips"'))]
    assert "Sector: Fotografie" in chips and "Gewest: Waals Gewest" in chips
    # "a,b" and repeated values are understood as the form does: each chip removes its value.
    listed = _html(client, "/fr/annuaire/", sector="photography,illustration")
    assert 'href="/fr/annuaire/?sector=illustration"' in listed
    assert "Parrainage : Non" in _html(client, "/fr/annuaire/", mentor="false")
    # Removing one chip keeps the others; "clear all" keeps the words typed.
    assert 'href="/nl/ledengids/?sector=photography&amp;region=03000"' in chips
    assert "Alle filters wissen" in chips


def test_clear_all_keeps_the_words_typed(client, people):
    html = _html(client, "/fr/annuaire/", q="photo", sector="photography", near="Liège", radius_km="10")
    assert 'class="clear-all" href="/fr/annuaire/?q=photo"' in html
    assert "Près de : Liège, dans un rayon de 10 km" in html


def test_a_radius_from_the_address_stays_in_the_menu(client, people):
    html = _html(client, "/fr/annuaire/", near="Liège", radius_km="200")
    assert '<option value="200" selected>' in html


def test_cards_and_profiles_show_initials_or_the_square_photo(client, people):
    profile = people["Chloé Dubois"]
    html = _html(client, "/fr/annuaire/")
    assert re.search(r'<span class="avatar avatar-sm avatar-c\d" aria-hidden="true">CD</span>', html)
    client.force_login(profile.user)
    picture = io.BytesIO()
    Image.new("RGB", (1200, 800), "orange").save(picture, "PNG")
    data = profile_form_data(profile, show_photo="on")
    data["photo"] = SimpleUploadedFile("me.png", picture.getvalue(), content_type="image/png")
    response = client.post(reverse("directory:profile_edit"), {**data, "save": "1"})
    assert response.status_code == 302
    profile.refresh_from_db()
    with profile.photo.open("rb") as stored, Image.open(stored) as saved:
        assert saved.size == (480, 480) and saved.format == "JPEG"
    client.logout()
    page = _html(client, profile.get_absolute_url())
    assert f'<img src="{profile.photo.url}" alt=""' in page


def test_a_file_that_is_not_a_picture_is_refused_in_the_members_language(client, people):
    profile = people["Chloé Dubois"]
    client.force_login(profile.user)
    data = profile_form_data(profile)
    data["photo"] = SimpleUploadedFile("me.png", b"not a picture", content_type="image/png")
    response = client.post("/de/konto/profil/", {**data, "save": "1"})
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert "Bild" in html  # Django's own image check, in German
    profile.refresh_from_db()
    assert not profile.photo


@pytest.mark.parametrize(
    ("typed", "municipality", "postcode"),
    [
        ("Luik", "62063", ""),
        ("4020 Liège", "62063", "4020"),
        ("4000", "62063", "4000"),
        ("Bergen", "53053", ""),
        ("1050 Ixelles", "21009", "1050"),
    ],
)
def test_the_place_picker_takes_names_in_every_language_and_postcodes(
    client, people, typed, municipality, postcode
):
    profile = people["Chloé Dubois"]
    client.force_login(profile.user)
    data = profile_form_data(profile, municipality=typed, postal_code="")
    response = client.post(reverse("directory:profile_edit"), {**data, "save": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    profile.refresh_from_db()
    assert profile.municipality.refnis == municipality
    assert profile.postal_code == postcode


def test_the_place_picker_explains_an_unknown_place_and_keeps_what_was_typed(client, people):
    profile = people["Chloé Dubois"]
    client.force_login(profile.user)
    data = profile_form_data(profile, municipality="Atlantis", title="Keep me")
    response = client.post("/nl/account/profiel/", {**data, "save": "1"})
    html = response.content.decode()
    assert "Atlantis" in html and "Keep me" in html
    assert "We kennen de gemeente “Atlantis” niet" in html
    edit = _html(client, "/nl/account/profiel/")
    # The editor shows a text box with suggestions, not a drop-down of 565 municipalities.
    assert 'name="municipality"' in edit and '<select name="municipality"' not in edit
    assert 'data-place-suggest="/nl/places/suggest/"' in edit


def test_a_shared_postcode_alone_asks_for_the_name(client, people):
    profile = people["Chloé Dubois"]
    client.force_login(profile.user)
    data = profile_form_data(profile, municipality="1050", postal_code="")
    html = client.post("/fr/compte/profil/", {**data, "save": "1"}).content.decode()
    assert "Le code postal 1050 appartient à Bruxelles / Ixelles" in html


def test_the_home_page_shows_members_of_the_day_and_its_picture(client, demo_site):
    html = client.get("/nl/").content.decode()
    section = html[html.index('class="home-members"') :]
    assert section.count('class="member-tile"') == 6
    assert '<img alt="Tekening: een twaalftal leden rond een grote tafel' in html
    assert client.get("/nl/").content.decode().count('class="member-tile"') == 6  # from the cache


def test_place_suggestions_come_in_the_visitors_language(client, people):
    assert client.get("/nl/places/suggest/", {"q": "lui"}).json()["results"][0]["label"] == "Luik"
    assert client.get("/de/places/suggest/", {"q": "lüt"}).json()["results"][0]["label"] == "Lüttich"
    assert client.get("/fr/places/suggest/", {"q": "4000"}).json()["results"][0]["label"] == "4000 Liège"


def test_a_photo_with_too_many_pixels_is_refused_before_it_is_decoded(client, people):
    profile = people["Chloé Dubois"]
    client.force_login(profile.user)
    picture = io.BytesIO()
    Image.new("L", (8000, 6000)).save(picture, "PNG")  # 48 megapixels, a few kB
    data = profile_form_data(profile)
    data["photo"] = SimpleUploadedFile("big.png", picture.getvalue(), content_type="image/png")
    html = client.post("/fr/compte/profil/", {**data, "save": "1"}).content.decode()
    assert "40 mégapixels" in html
    profile.refresh_from_db()
    assert not profile.photo


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (
            "/de/konto/profil/",
            [
                # Each profession offers its forms in every language, the visitor's first, for
                # the script; the saved profession's are in the labels without the script.
                'data-feminine="Illustratorin / Illustratrice / Illustrator"',
                'data-neutral="Illustrator:in / Illustrateur·rice / Illustrator"',
                'data-base-label="Weibliche Form"',
                "Weibliche Form (Fotografin / Photographe / Fotograaf / Photographer)",
            ],
        ),
        (
            # "Fotograaf" is the Dutch word in every form: each choice shows what it changes
            # in the other languages.
            "/nl/account/profiel/",
            [
                "Mannelijke vorm (Fotograaf / Photographe / Fotograf / Photographer)",
                "Vrouwelijke vorm (Fotograaf / Photographe / Fotografin / Photographer)",
                "Neutrale vorm (Fotograaf / Photographe / Fotograf:in / Photographer)",
            ],
        ),
    ],
)
def test_the_title_form_choices_carry_the_words_of_every_profession(client, people, address, expected):
    client.force_login(people["Lukas Schmitz"].user)
    html = _html(client, address)
    for text in expected:
        assert text in html
