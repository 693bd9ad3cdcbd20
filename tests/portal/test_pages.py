import json
import re

import pytest
from wagtail.models import Locale, Page

from portal.charter.models import ValuesCharterPage
from portal.ethics.models import EthicsOpinionPage
from portal.pages.models import StandardPage
from tests.conftest import LANGUAGES

pytestmark = pytest.mark.django_db

# A word each language's pages are known to contain (from the demo content).
PAGE_WORDS = {
    "pages.HomePage": {"fr": "Bienvenue", "nl": "Welkom", "de": "Willkommen", "en": "Welcome"},
    "pages.StandardPage": {"fr": "propos", "nl": "Over de", "de": "Über die", "en": "About"},
    "charter.ValuesCharterPage": {
        "fr": "Solidarité",
        "nl": "Solidariteit",
        "de": "Solidarität",
        "en": "Solidarity",
    },
    "ethics.EthicsCommitteePage": {
        "fr": "Comité d&#x27;éthique",
        "nl": "Ethisch comité",
        "de": "Ethikkomitee",
        "en": "Ethics committee",
    },
    "ethics.EthicsOpinionPage": {
        "fr": "avis du comité",
        "nl": "advies van het comité",
        "de": "Stellungnahme des Komitees",
        "en": "committee's opinion",
    },
}


def pages_of_type(dotted):
    app_label, model_name = dotted.split(".")
    from django.apps import apps

    return apps.get_model(app_label, model_name).objects.live()


@pytest.mark.parametrize("page_type", sorted(PAGE_WORDS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_renders_in_every_language(client, page_type, language):
    page = pages_of_type(page_type).filter(locale__language_code=language).first()
    assert page is not None, f"no {page_type} in {language}"
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert PAGE_WORDS[page_type][language] in html
    assert '<main id="main"' in html and 'class="skip-link" href="#main"' in html


def test_root_redirects_by_accept_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="nl-BE,nl;q=0.9").url == "/nl/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").url == "/de/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ja").url == "/fr/"


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return dict(re.findall(r'href="([^"]+)" hreflang="(\w+)"', nav)[i][::-1] for i in range(4))


def test_switcher_and_hreflang_point_at_the_translations(client, charters):
    html = client.get(charters["nl"].url).content.decode()
    assert switcher_links(html) == {lang: charters[lang].url for lang in LANGUAGES}
    for lang in LANGUAGES:
        assert f'<link rel="alternate" hreflang="{lang}" href="{charters[lang].get_full_url()}">' in html
    assert f'hreflang="x-default" href="{charters["fr"].get_full_url()}"' in html
    assert f'<link rel="canonical" href="{charters["nl"].get_full_url()}">' in html


def test_page_without_translation_falls_back_to_that_languages_home(client, homes):
    only_french = homes["fr"].add_child(
        instance=StandardPage(title="Seulement en français", slug="seulement")
    )
    only_french.save_revision().publish()
    html = client.get(only_french.url).content.decode()
    links = switcher_links(html)
    assert links["fr"] == only_french.url
    assert links["nl"] == "/nl/" and links["de"] == "/de/" and links["en"] == "/en/"
    # No hreflang alternates for translations that do not exist.
    assert 'hreflang="nl"' not in html.split("</head>")[0]
    # The Dutch tree does not have the page.
    assert client.get("/nl/seulement/").status_code == 404


def test_unpublished_translation_is_not_offered(client, charters):
    charters["de"].unpublish()
    html = client.get(charters["fr"].url).content.decode()
    assert switcher_links(html)["de"] == "/de/"
    assert client.get("/de/wertecharta/").status_code == 404


def test_non_page_views_switch_language_in_place(client):
    html = client.get("/de/suche/?q=charta").content.decode()
    links = switcher_links(html)
    # The visitor keeps their search in the other language.
    search = {"fr": "/fr/recherche/", "nl": "/nl/zoeken/", "de": "/de/suche/", "en": "/en/search/"}
    assert links == {lang: f"{search[lang]}?q=charta" for lang in LANGUAGES}


def test_sitemap_lists_every_public_page_with_alternates(client):
    index = client.get("/sitemap.xml").content.decode()
    # One sitemap per section, every address on the canonical host.
    sections = re.findall(r"<loc>([^<]+)</loc>", index)
    assert sections == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-members.xml",
        "http://testserver/sitemap-spaces.xml",
        "http://testserver/sitemap-events.xml",
        "http://testserver/sitemap-calls.xml",
    ]
    response = client.get("/sitemap-pages.xml", HTTP_HOST="other-name.example")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "other-name.example" not in xml
    pages = Page.objects.live().public().filter(depth__gt=1)
    locs = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert sorted(locs) == sorted(p.get_full_url() for p in pages)
    charter = ValuesCharterPage.objects.get(locale__language_code="en")
    block = re.search(rf"<url><loc>{re.escape(charter.get_full_url())}</loc>.*?</url>", xml, re.S).group(0)
    for other in charter.get_translations(inclusive=True):
        lang = other.locale.language_code
        assert f'hreflang="{lang}" href="{other.get_full_url()}"' in block


def test_sitemaps_are_kept_until_a_page_is_published(client, django_assert_max_num_queries, charters):
    client.get("/sitemap-pages.xml")
    with django_assert_max_num_queries(2):  # the content stamp and the kept answer
        cached = client.get("/sitemap-pages.xml")
    assert cached.status_code == 200 and cached["Content-Type"].startswith("application/xml")
    charter = charters["fr"]
    charter.slug = "charte-des-valeurs-2026"
    charter.save_revision().publish()
    assert "/fr/charte-des-valeurs-2026/" in client.get("/sitemap-pages.xml").content.decode()


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_api_filters_pages_by_type_and_locale(client):
    response = client.get(
        "/api/v2/pages/", {"type": "charter.ValuesCharterPage", "locale": "de", "fields": "version"}
    )
    data = response.json()
    assert data["meta"]["total_count"] == 1
    assert data["items"][0]["title"] == "Wertecharta"
    assert data["items"][0]["version"] == "3.0"
    opinions = client.get("/api/v2/pages/", {"type": "ethics.EthicsOpinionPage", "locale": "nl"}).json()
    assert opinions["meta"]["total_count"] == 3


def test_opengraph_and_organisation_data(client, homes):
    html = client.get(homes["en"].url).content.decode()
    assert '<meta property="og:title" content="Welcome to the cooperative">' in html
    assert '<meta property="og:locale" content="en_BE">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Organization" and data["name"] == "Coop"
    assert data["address"]["addressCountry"] == "BE"


def test_charter_shows_version_principles_and_history(client, charters):
    html = client.get(charters["en"].url).content.decode()
    assert "Version 3.0, in force since" in html
    assert "In a few words" in html
    assert html.count('class="principle"') == 6
    assert "Earlier versions" in html and "Version 2.0" in html and "Version 1.0" in html
    html_nl = client.get(charters["nl"].url).content.decode()
    assert "Versie 3.0" in html_nl and "Eerdere versies" in html_nl


def test_committee_groups_members_by_stakeholder_and_lists_opinions(client, committees):
    html = client.get(committees["de"].url).content.decode()
    for heading in ["Mitglieder", "Kunden", "Festangestellte", "Partner"]:
        assert f"<h3>{heading}</h3>" in html
    assert html.index("Amélie Dufrasne") < html.index("Nadia El Khatib") < html.index("Sophie Lambotte")
    assert html.count('class="card"') == 3


def test_opinions_are_searchable(client, committees):
    html = client.get(committees["fr"].url, {"q": "cadeau"}).content.decode()
    assert "Accepter un cadeau" in html
    assert "Un tarif très bas" not in html
    html = client.get(committees["fr"].url, {"q": "zzzzqqq"}).content.decode()
    assert "Aucun avis publié ne correspond" in html


def test_site_search_stays_in_the_current_language(client):
    html = client.get("/nl/zoeken/", {"q": "handvest"}).content.decode()
    assert "Waardenhandvest" in html
    assert "Charte des valeurs" not in html
    html = client.get("/fr/recherche/", {"q": "charte"}).content.decode()
    assert "Charte des valeurs" in html and "Waardenhandvest" not in html


GARBAGE = [
    "?q=%00%01%ff",
    "?page=-1&q=",
    "?page=abc",
    "?page=99999999999999999999",
    "?q=" + "a" * 5000,
    # Cut to 200 characters after balancing quotes, this once left an odd quote behind.
    "?q=" + "a" * 199 + "%22b%22",
    "?search=" + "a" * 199 + "%22b%22",
    "?q=%22unbalanced&page[]=1",
    "?q=AND+OR+NOT+(((",
    "?q=*&q=%27;DROP+TABLE",
    "?lang=xx&type=nope&locale=%00",
    "?%E2%80%AE=%F0%9F%92%A9",
    "?search=%22&search_operator=xx",
    "?search=%22",
    "?offset=1000000000000000000000&limit=-1",
]


@pytest.mark.parametrize("garbage", GARBAGE)
def test_garbage_query_strings_never_give_a_500(client, garbage, homes, charters, committees):
    urls = [
        homes["fr"].url,
        charters["nl"].url,
        committees["de"].url,
        committees["en"].url + "referral/",
        EthicsOpinionPage.objects.first().url,
        "/fr/recherche/",
        "/en/accounts/login/",
        "/sitemap.xml",
        "/api/v2/pages/",
        "/api/v2/pages/99999/",
        "/api/v2/images/",
    ]
    for url in urls:
        response = client.get(url + garbage)
        assert response.status_code < 500, (url, garbage, response.status_code)


def test_new_locale_pages_have_language_attribute(client):
    # Each locale exists for the four languages.
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == sorted(LANGUAGES)


def test_home_survives_a_call_to_action_whose_page_is_unpublished(client, homes, charters):
    charters["fr"].unpublish()
    response = client.get(homes["fr"].url)
    assert response.status_code == 200
    assert charters["fr"].url not in response.content.decode().split("<main", 1)[1]


def test_a_language_whose_home_is_unpublished_is_not_served_from_another_tree(client, homes, charters):
    homes["nl"].unpublish()
    assert client.get("/nl/").status_code == 404
    assert client.get("/nl/waardenhandvest/").status_code == 404
    html = client.get(charters["fr"].url).content.decode()
    assert 'hreflang="nl"' not in html
    assert "/nl/" not in client.get("/sitemap.xml").content.decode()


def test_switcher_follows_the_referral_form_into_other_languages(client, committees):
    html = client.get(committees["fr"].url + "saisine/").content.decode()
    links = switcher_links(html)
    assert links["de"] == committees["de"].url + "eingabe/"
    assert f'<link rel="canonical" href="http://testserver{committees["fr"].url}saisine/">' in html
    # The English segment of old addresses leads to the page's own one.
    old = client.get(committees["nl"].url + "referral/")
    assert old.status_code == 301 and old["Location"] == committees["nl"].url + "melding/"
    # A form sent to the old address is sent on to the new one (308), nothing typed lost.
    sent = client.post(committees["de"].url + "referral/?x=1", {"message": "…"})
    assert sent.status_code == 308 and sent["Location"] == committees["de"].url + "eingabe/?x=1"


def test_every_translated_segment_sends_its_english_address_on(client, db):
    assert client.get("/fr/account/")["Location"] == "/fr/compte/"
    assert client.get("/de/account/profile/delete/")["Location"] == "/de/konto/profil/loeschen/"
    assert client.get("/nl/search/?q=x")["Location"] == "/nl/zoeken/?q=x"
    assert client.get("/fr/sitemap/")["Location"] == "/fr/plan-du-site/"
    sent = client.post("/nl/directory/12/report/", {"report-reason": "spam"})
    assert sent.status_code == 308 and sent["Location"] == "/nl/ledengids/12/melden/"
    assert client.get("/fr/nothing-like-this/").status_code == 404


def test_directory_paths_speak_the_visitors_language_and_old_ones_redirect(client, db):
    assert client.get("/nl/ledengids/").status_code == 200
    assert client.get("/de/mitgliederverzeichnis/").status_code == 200
    assert client.get("/en/directory/").status_code == 200
    old = client.get("/nl/directory/", {"sector": "photography"})
    assert old.status_code == 301 and old["Location"] == "/nl/ledengids/?sector=photography"
    assert client.get("/de/directory/12-x/")["Location"] == "/de/mitgliederverzeichnis/12-x/"
    assert client.get("/en/directory/nothing-here/").status_code == 404


def test_switcher_translates_the_next_page_of_the_login_form(client):
    html = client.get("/en/accounts/login/?next=/en/account/").content.decode()
    assert switcher_links(html)["fr"] == "/fr/accounts/login/?next=/fr/compte/"


def test_the_footer_leads_to_a_site_map_for_people_in_the_pages_language(client):
    home = client.get("/nl/").content.decode()
    assert 'href="/nl/sitemap/">Sitemap</a>' in home
    html = client.get("/nl/sitemap/").content.decode()
    assert "<h1>" in html and "Waardenhandvest" in html and 'href="/nl/ledengids/">Ledengids</a>' in html
    assert "Charte des valeurs" not in html  # only the visitor's language
