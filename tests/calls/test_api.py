"""GET /api/v1/calls/ and /api/v1/calls/<id>/: the list page's search as JSON (filters, facets
and labels from the calls' document), the calls still worth answering by default, labels and
titles in the language asked for."""

import datetime
import json

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from calls import mapping
from calls.models import Lot
from tests.calls.test_pages import GARBAGE, at, make_call, make_calls

pytestmark = pytest.mark.django_db
API = "/api/v1/calls/"


@pytest.fixture
def calls():
    return make_calls()


def titles(answer):
    return [call["title"] for call in answer["results"] if "Zorglub" in call["title"]]


def facet(answer, name):
    return {o["value"]: (o["label"], o["count"]) for o in answer["facets"][name]}


def find(answer, pk):
    return next(call for call in answer["results"] if call["id"] == pk)


def test_the_list_gives_open_calls_soonest_first_with_facets_in_the_requested_language(client, calls):
    assert client.get(API, {"q": "Zorglub"}).json()["count"] == 4
    answer = client.get(API, {"lang": "nl", "page_size": 100}).json()
    # No words: the soonest deadline first, the rolling grant last. Titles in Dutch when the call
    # has one, else in the first language it has (which it says).
    assert titles(answer) == [
        "Zorglub fotoreportage van monumenten",
        "Zorglub theaterproductie voor scholen",
        "Site web Zorglub de la commune",
        "Subvention Zorglub pour la création",
    ]
    assert find(answer, calls["website"].pk)["title_language"] == "fr"
    assert find(answer, calls["theatre"].pk)["title_language"] == "nl"
    answer = client.get(API, {"q": "Zorglub", "lang": "nl"}).json()
    with translation.override("nl"):
        assert facet(answer, "kind")["tender"] == (gettext("Public tender"), 2)
        # Closed calls are counted (one ?status= away) though not listed by default.
        assert facet(answer, "status")["closed"] == (pgettext("a call's status", "Closed"), 1)
    assert facet(answer, "region")["02000"] == ("Vlaams Gewest", 2)
    assert facet(answer, "closing_soon")["true"][1] == 1
    # Accept-Language when no ?lang=.
    answer = client.get(API, {"q": "Zorglub"}, HTTP_ACCEPT_LANGUAGE="de").json()
    assert facet(answer, "region")["02000"][0] == "Flämische Region"


def test_a_call_gives_every_field_and_no_one_s_address(client, calls):
    photo = calls["photo"]
    Lot.objects.create(
        call=photo, identifier="LOT-1", titles={"nl": "Luik"}, cpv_codes="79961000", deadline=at(3)
    )
    photo.source_updated_at = timezone.now()
    photo.save()
    data = client.get(f"{API}{photo.pk}/", {"lang": "nl"}).json()
    assert data["id"] == photo.pk
    assert data["url"].startswith("http") and "/nl/" in data["url"]
    assert data["title"] == "Zorglub fotoreportage van monumenten" and data["title_language"] == "nl"
    assert data["summary_language"] == "fr"  # no Dutch summary
    assert data["kind"]["code"] == "tender" and data["level"]["code"] == "regional"
    assert data["status"]["code"] == "open"
    assert data["buyer"] == "Ville de Liège"
    assert data["regions"] == [{"refnis": "03000", "name": "Waals Gewest"}]
    assert data["provinces"] == [{"refnis": "60000", "name": "Provincie Luik"}]
    assert data["sectors"][0]["code"] == "photography"
    assert data["cpv_codes"] == [{"code": "79961000", "label": mapping.cpv_label("79961000", "nl")}]
    assert data["estimated_value"] == "50000.00" and data["currency"] == "EUR"
    assert data["procedure_type"] == "open"
    assert data["publication_date"] == photo.publication_date.isoformat()
    deadline = datetime.datetime.fromisoformat(data["deadline"])
    assert deadline == photo.deadline and deadline.utcoffset() is not None
    assert data["lots"] == [
        {
            "identifier": "LOT-1",
            "title": "Luik",
            "title_language": "nl",
            "cpv_codes": [{"code": "79961000", "label": mapping.cpv_label("79961000", "nl")}],
            "deadline": timezone.localtime(at(3)).isoformat(),
        }
    ]
    assert data["official_url"] == photo.url and data["documents_url"] == photo.documents_url
    assert data["source_updated_at"]
    assert "@" not in json.dumps(data)


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"kind": "grant"}, {"grant"}),
        ({"sector": "photography,performing-arts"}, {"photo", "theatre"}),
        ({"region": "02000"}, {"theatre", "grant"}),
        ({"province": "60000", "region": "03000"}, {"photo"}),
        ({"value": "under-30k"}, {"website"}),
        ({"closing_soon": "true"}, {"photo"}),
        ({"status": "closed"}, {"closed"}),
        ({"status": ["closed", "awarded", "open"], "level": "national"}, {"closed", "website"}),
        ({"level": "european"}, {"grant"}),
    ],
)
def test_filters(client, calls, params, expected):
    answer = client.get(API, {"q": "Zorglub", **params}).json()
    assert {call["id"] for call in answer["results"]} == {calls[key].pk for key in expected}


def test_deadline_range_and_orderings(client, calls):
    day = lambda n: (timezone.localdate() + datetime.timedelta(days=n)).isoformat()  # noqa: E731
    answer = client.get(API, {"q": "Zorglub", "deadline_from": day(10), "deadline_to": day(30)}).json()
    assert [c["id"] for c in answer["results"]] == [calls["theatre"].pk]
    answer = client.get(API, {"q": "Zorglub", "ordering": "published", "lang": "en"}).json()
    assert titles(answer) == [
        "Zorglub municipal website",
        "Zorglub theaterproductie voor scholen",
        "Zorglub photo report of monuments",
        "Zorglub creation grant",
    ]


def test_an_open_call_past_its_deadline_says_closed(client, calls):
    late = make_call(
        title_en="Zorglub late", status="open", deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    assert client.get(f"{API}{late.pk}/").json()["status"]["code"] == "closed"


def test_bad_parameters_give_400_with_messages_and_missing_calls_404(client, calls):
    response = client.get(API, {"region": "99999", "status": "zombie", "lang": "nl"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"region", "status"}
    response = client.get(API, {"deadline_from": "2026-02-31"})
    assert response.status_code == 400 and response.json()["errors"]["deadline_from"]
    assert client.get(f"{API}99999999/").status_code == 404
    assert client.get(f"{API}99999999999999999999999/").status_code == 404
    calls["photo"].published = False
    calls["photo"].save()
    assert client.get(f"{API}{calls['photo'].pk}/").status_code == 404


@pytest.mark.parametrize("garbage", GARBAGE)
def test_garbage_parameters_never_give_a_500(client, calls, garbage):
    for address in (API, f"{API}{calls['photo'].pk}/"):
        assert client.get(address + garbage).status_code < 500, (address, garbage)


def test_list_queries_are_bounded(client, calls, django_assert_max_num_queries):
    client.get(API)
    with django_assert_max_num_queries(12):
        response = client.get(API, {"status": "open,closed,awarded,forthcoming", "page_size": 100})
    assert response.json()["count"] >= 6


def test_openapi_schema_documents_the_calls_api(client, capsys):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert "identical names" not in capsys.readouterr().err
    assert "/api/v1/calls/" in schema["paths"] and "/api/v1/calls/{id}/" in schema["paths"]
    parameters = schema["paths"]["/api/v1/calls/"]["get"]["parameters"]
    documented = {p["name"] for p in parameters}
    assert {
        "q",
        "kind",
        "level",
        "sector",
        "region",
        "province",
        "status",
        "value",
        "closing_soon",
    } <= documented
    assert {"deadline_from", "deadline_to", "ordering", "page", "page_size", "lang"} <= documented
    status = next(p for p in parameters if p["name"] == "status")
    assert "Default: forthcoming and open" in status["description"]
    text = json.dumps(schema)
    assert "title_language" in text and "source_updated_at" in text and "documents_url" in text
