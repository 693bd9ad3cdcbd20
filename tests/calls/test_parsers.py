"""The calls-for-tenders parsers: eForms XML, TED Search API answers, feeds, safe XML, downloads.

No database: these are pure-Python parsers. Downloads run against a real HTTP server on 127.0.0.1.
"""

import contextlib
import functools
import json
import threading
import time
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from calls.importers import download, eforms, feeds, safexml, ted_api
from calls.importers.notice import (
    DownloadError,
    HostileInput,
    ParseError,
    cpv_code,
    language_code,
    parse_datetime,
    publication_number,
)

FIXTURES = Path(__file__).parent / "fixtures"
CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
CN_ID = "c4c415ee-ac08-4465-8fa6-57568cf69462"
CN_PROCEDURE = "31f258b6-5eb2-4875-8997-affa3cdce27c"
CN_TITLE = (
    "Term Contract for a Planned Programme of In-service Inspection and Testing of Electrical Equipment"
)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# --- A local HTTP server (for downloads, and to prove the XML parser never calls out) ---


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, status, body=b"", headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if "Content-Length" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.server.requests.append(self.path)
        if self.path == "/ok":
            self._send(200, b"<rss/>", {"Content-Type": "application/xml"})
        elif self.path == "/big":
            self._send(200, b"x" * 5000)
        elif self.path == "/big-streamed":
            # No Content-Length: only counting while reading can stop it.
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"y" * 1000)
            self.close_connection = True
        elif self.path == "/to-file":
            self._send(302, headers={"Location": "file:///etc/passwd"})
        elif self.path == "/to-ftp":
            self._send(301, headers={"Location": "ftp://127.0.0.1/notices.xml"})
        elif self.path == "/to-ok":
            self._send(302, headers={"Location": "/ok"})
        elif self.path.startswith("/loop"):
            self._send(302, headers={"Location": f"/loop{len(self.path)}"})
        elif self.path == "/slow":
            time.sleep(1.5)
            # The client gave up long ago, as it should.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._send(200, b"late")
        else:
            self._send(404, b"not here")

    def do_POST(self):
        self.server.requests.append(self.path)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.bodies.append(body)
        page = (
            "ted_api_page2.json" if body.get("iterationNextToken") == "token-page-2" else "ted_api_page1.json"
        )
        self._send(200, fixture(page), {"Content-Type": "application/json"})


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.requests, httpd.bodies = [], []
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


# --- Shared helpers ---


def test_datetime_combines_date_and_time_with_their_offset():
    moment, offset = parse_datetime("2020-12-17+01:00", "12:00:00+01:00", "deadline")
    assert moment == datetime(2020, 12, 17, 12, 0, tzinfo=CET)
    assert moment.utcoffset() == timedelta(hours=1)
    assert offset == "+01:00"
    assert parse_datetime("2020-12-17Z", "08:30:00Z", "deadline") == (
        datetime(2020, 12, 17, 8, 30, tzinfo=UTC),
        "Z",
    )
    # A date alone is open until the end of that day.
    assert parse_datetime("2026-03-02+01:00", None, "deadline")[0] == datetime(
        2026, 3, 2, 23, 59, 59, tzinfo=CET
    )
    with pytest.raises(ParseError, match="invalid deadline"):
        parse_datetime("17/12/2020", None, "deadline")
    with pytest.raises(ParseError, match="invalid deadline time"):
        parse_datetime("2020-12-17+01:00", "noon", "deadline")


def test_language_and_cpv_codes():
    assert [language_code(code) for code in ("FRA", "nld", "DEU", "eng", "ITA", "fr-BE", "nl_BE", "")] == [
        "fr", "nl", "de", "en", "it", "fr", "nl", ""
    ]  # fmt: skip
    assert cpv_code("71630000-3") == "71630000"
    assert cpv_code("71630000") == "71630000"
    assert cpv_code("7163") == ""


def test_publication_numbers_are_zero_padded():
    assert publication_number("505197-2025") == "00505197-2025"
    assert publication_number("00505197-2025") == "00505197-2025"
    assert publication_number("2025/S 123-456789") == ""


# --- eForms ---


def test_eforms_contract_notice():
    notice = eforms.parse(fixture("eforms_cn_24_open.xml"))
    assert notice.source_kind == "eforms"
    assert notice.source_id == f"{CN_ID}-01"
    assert (notice.notice_uuid, notice.version, notice.procedure_id) == (CN_ID, "01", CN_PROCEDURE)
    assert (notice.notice_type, notice.form, notice.changes) == ("cn-standard", "cn", [])
    assert notice.title == {"en": CN_TITLE}
    assert notice.summary["en"].startswith("The purpose of this contract is to formalise")
    assert notice.original_language == "en"
    assert (notice.buyer_name, notice.buyer_country) == ("Renfrewshire Council", "GBR")
    assert notice.nuts_codes == []  # the place of performance is only "GBR", the buyer has no NUTS code
    assert notice.cpv_codes == ["71630000", "71314100", "50300000", "31600000"]
    assert (notice.estimated_value, notice.currency) == (Decimal("500000"), "EUR")
    assert notice.procedure_type == "open"
    assert notice.deadline == datetime(2020, 4, 3, 12, 0, tzinfo=CET)
    assert notice.deadline.utcoffset() == timedelta(hours=1)
    assert notice.deadline_timezone == "+01:00"
    assert [(lot.identifier, lot.cpv_codes[0], lot.deadline) for lot in notice.lots] == [
        ("LOT-0000", "71630000", datetime(2020, 4, 3, 12, 0, tzinfo=CET))
    ]
    assert notice.lots[0].title["en"].startswith("Term Contract")
    assert notice.documents_url == "https://www.publictendersscotland.publiccontractsscotland.gov.uk"
    # Not yet published: no OJ S number, no TED link; the issue date stands in for publication.
    assert (notice.publication_number, notice.url) == ("", "")
    assert notice.publication_date == date(2020, 2, 28)
    assert notice.updated_at == datetime(2020, 2, 28, 12, 32, 13, tzinfo=CET)
    assert notice.award_status is None
    assert notice.kind is None


def test_eforms_published_prior_information_notice():
    notice = eforms.parse(fixture("eforms_pin-buyer_24_published.xml"))
    assert notice.source_id == "e5dc3c2b-3df5-45e0-af7f-399ca201d7e0-02"
    assert (notice.notice_type, notice.form, notice.version) == ("pin-buyer", "pin", "02")
    assert notice.publication_number == "12345678-2025"
    assert notice.url == "https://ted.europa.eu/en/notice/-/detail/12345678-2025"
    assert notice.publication_date == date(2025, 5, 22)
    assert notice.title == {
        "it": "Avviso consultazione preliminare mat. dedicato a ventilatore polmonare mod. Monnal T75"
    }
    assert notice.original_language == "it"
    assert (notice.buyer_name, notice.buyer_country) == ("IRCCS Policlinico ospedale San Martino", "ITA")
    assert notice.nuts_codes == ["ITC33"]
    assert notice.cpv_codes == ["33157000"]
    assert (notice.lots, notice.deadline, notice.deadline_timezone) == ([], None, "")
    assert notice.procedure_id == ""


def test_eforms_contract_award_notice_sample():
    notice = eforms.parse(fixture("eforms_can_24_minimal.xml"))
    assert (notice.notice_type, notice.form) == ("can-standard", "can")
    assert notice.award_status == "awarded"
    assert notice.procedure_id == "022d0ef9-6338-42d9-afa4-a87709128061"
    assert notice.title == {"fr": "Service d'entretien de remise en état et de nettoyage des espaces verts"}
    assert notice.original_language == "fr"
    assert (notice.buyer_name, notice.buyer_country) == ("Rouen Habitat", "FRA")
    assert notice.nuts_codes == ["FRD22"]
    assert notice.cpv_codes == ["77310000"]
    assert [(lot.identifier, lot.title) for lot in notice.lots] == [("LOT-0000", {"fr": "Agence centre"})]
    assert notice.updated_at == datetime(2019, 10, 23, 0, 0, tzinfo=CET)


def test_eforms_change_notice_points_to_the_contract_notice():
    notice = eforms.parse(fixture("eforms_change_synthetic.xml"))
    original = eforms.parse(fixture("eforms_cn_24_open.xml"))
    assert notice.form == "change"
    assert notice.changes == [original.source_id] == [f"{CN_ID}-01"]
    assert notice.procedure_id == original.procedure_id
    assert notice.source_id == "9b7a2c91-ef17-435a-9b7e-54d985cfad3e-01"
    assert notice.deadline == datetime(2020, 4, 17, 12, 0, tzinfo=CET)
    assert notice.deadline > original.deadline
    assert notice.deadline_timezone == "+01:00"
    assert notice.award_status is None


def test_eforms_award_notice_for_the_same_procedure():
    notice = eforms.parse(fixture("eforms_can_synthetic.xml"))
    assert (notice.form, notice.procedure_id, notice.award_status) == ("can", CN_PROCEDURE, "awarded")
    assert notice.publication_number == "00234567-2020"
    assert notice.url == "https://ted.europa.eu/en/notice/-/detail/00234567-2020"
    assert notice.publication_date == date(2020, 8, 5)
    assert notice.updated_at == datetime(2020, 7, 31, 16, 40, tzinfo=CEST)
    # The check digit of "71630000-3" is dropped; the lots' codes follow the procedure's.
    assert notice.cpv_codes == ["71630000", "50300000"]
    # No place of performance: the buyer's NUTS code stands in.
    assert notice.nuts_codes == ["UKM83"]
    assert [lot.identifier for lot in notice.lots] == ["LOT-0001", "LOT-0002"]
    assert notice.lots[1].title == {"en": "Repair of electrical equipment"}


def test_eforms_award_notice_closed_without_winner():
    data = fixture("eforms_can_synthetic.xml").replace(b">selec-w<", b">clos-nw<")
    assert eforms.parse(data).award_status == "closed"
    still_open = fixture("eforms_can_synthetic.xml").replace(b">selec-w<", b">open-nw<")
    assert eforms.parse(still_open).award_status is None


def test_eforms_corrigendum_notice_type():
    data = fixture("eforms_cn_24_open.xml").replace(b">cn-standard<", b">corr<")
    assert eforms.parse(data).form == "change"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (b'<cbc:ID schemeName="notice-id">', b'<cbc:ID schemeName="other">', "The notice has no notice-id"),
        (b"<cbc:VersionID>01</cbc:VersionID>", b"", r"no version \(cbc:VersionID\)"),
        (b"<cbc:NoticeLanguageCode>ENG</cbc:NoticeLanguageCode>", b"", "no language"),
        (b"<cbc:EndDate>2020-04-03+01:00</cbc:EndDate>", b"<cbc:EndDate>03/04/2020</cbc:EndDate>", "invalid"),
        (b"<cbc:IssueDate>2020-02-28+01:00", b"<cbc:IssueDate>2020-02-30+01:00", "invalid issue date"),
        (b'currencyID="EUR">500000<', b'currencyID="EUR">lots<', "invalid estimated value"),
        (b"</ContractNotice>", b"", "not well-formed XML"),
    ],
)
def test_eforms_bad_notices_say_what_is_wrong(old, new, message):
    data = fixture("eforms_cn_24_open.xml")
    assert old in data
    with pytest.raises(ParseError, match=message):
        eforms.parse(data.replace(old, new, 1))


def test_eforms_refuses_other_documents():
    with pytest.raises(ParseError, match=r"root element is <rss>, not an eForms notice"):
        eforms.parse(b"<rss version='2.0'><channel/></rss>")
    with pytest.raises(ParseError, match="empty"):
        eforms.parse(b"  ")
    with pytest.raises(ParseError, match="no title"):
        eforms.parse(
            fixture("eforms_pin-buyer_24_published.xml")
            .replace(b'<cbc:Name languageID="ITA">Avviso', b"<cbc:X>")
            .replace(b"Monnal T75</cbc:Name>", b"</cbc:X>", 1)
        )


# --- Safe XML ---

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""


def test_safexml_parses_ordinary_xml():
    root = safexml.parse(b"<?xml version='1.0'?><!-- fine --><a><b>&amp; &#233;</b></a>")
    assert root.findtext("b") == "& é"


def test_safexml_refuses_billion_laughs():
    with pytest.raises(HostileInput, match=r"DTD \(<!DOCTYPE>\).*billion-laughs"):
        safexml.parse(BILLION_LAUGHS)


def test_safexml_refuses_quadratic_blowup():
    entity = b"A" * 100_000
    data = b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "' + entity + b'">]><q>' + b"&a;" * 20_000 + b"</q>"
    with pytest.raises(HostileInput, match="DTD"):
        safexml.parse(data)


def test_safexml_refuses_xxe_to_a_file():
    data = b'<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>'
    with pytest.raises(HostileInput, match="external-entity") as raised:
        safexml.parse(data)
    assert "root:" not in str(raised.value)
    # Same through the notice parser, hidden inside a real sample.
    sample = fixture("eforms_cn_24_open.xml").replace(
        b"<ContractNotice ",
        b'<!DOCTYPE ContractNotice [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<ContractNotice ',
        1,
    )
    with pytest.raises(HostileInput):
        eforms.parse(sample)


def test_safexml_refuses_xxe_over_http_without_calling_out(server):
    entity = f'<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "{server.base}/xxe">]><foo>&xxe;</foo>'
    with pytest.raises(HostileInput):
        safexml.parse(entity.encode())
    parameter = f'<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY % p SYSTEM "{server.base}/p.dtd"> %p;]><foo/>'
    with pytest.raises(HostileInput):
        safexml.parse(parameter.encode())
    external = f'<?xml version="1.0"?><!DOCTYPE foo SYSTEM "{server.base}/evil.dtd"><foo/>'
    with pytest.raises(HostileInput, match=f"external DTD or entity \\({server.base}/evil.dtd\\)"):
        safexml.parse(external.encode())
    assert server.requests == []


def test_safexml_refuses_a_doctype_in_utf16():
    data = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'.encode("utf-16")
    with pytest.raises(HostileInput):
        safexml.parse(data)


def test_safexml_refuses_oversized_input():
    with pytest.raises(HostileInput, match="more than the 1,000-byte limit"):
        safexml.parse(b"<a>" + b"x" * 1000 + b"</a>", max_bytes=1000)
    with pytest.raises(HostileInput, match="10,485,760-byte limit"):
        safexml.parse(b"<a>" + b" " * safexml.MAX_BYTES + b"</a>")


def test_safexml_refuses_undeclared_entities_and_text():
    with pytest.raises(ParseError, match="not well-formed"):
        safexml.parse(b"<a>&undeclared;</a>")
    with pytest.raises(TypeError):
        safexml.parse("<a/>")


# --- TED Search API ---


def test_ted_api_first_page():
    notices, token, total = ted_api.parse(fixture("ted_api_page1.json"))
    assert (len(notices), token, total) == (3, "token-page-2", 5)
    ixelles, antwerp, eupen = notices

    assert ixelles.source_kind == "ted-api"
    assert ixelles.source_id == ixelles.publication_number == "00012345-2026"
    assert ixelles.url == "https://ted.europa.eu/en/notice/-/detail/00012345-2026"
    assert ixelles.title == {
        "fr": "Belgique – Services de nettoyage de bâtiments – Nettoyage des bibliothèques communales",
        "nl": "België – Reinigen van gebouwen – Schoonmaak van de gemeentelijke bibliotheken",
        "de": "Belgien – Gebäudereinigung – Reinigung der Gemeindebibliotheken",
        "en": "Belgium – Building-cleaning services – Cleaning of the municipal libraries",
    }
    assert ixelles.summary == {"fr": "Nettoyage hebdomadaire de quatre bibliothèques communales."}
    assert (ixelles.notice_uuid, ixelles.version) == ("3f1d2c4b-8a6e-4f0d-9c51-2b7e6a9d1c01", "01")
    assert ixelles.procedure_id == "b6e0c1a2-5d3f-4e8b-a1c9-7f2d4e6b8a10"
    assert (ixelles.notice_type, ixelles.form, ixelles.procedure_type) == ("cn-standard", "cn", "open")
    assert (ixelles.buyer_name, ixelles.buyer_country, ixelles.original_language) == (
        "Commune d'Ixelles",
        "BEL",
        "fr",
    )
    assert ixelles.nuts_codes == ["BE100"]
    assert ixelles.cpv_codes == ["90911200", "90919200"]
    assert (ixelles.estimated_value, ixelles.currency) == (Decimal("200000.50"), "EUR")
    assert ixelles.publication_date == date(2026, 1, 15)
    # The earliest of the two lots' deadlines, each date paired with its time.
    assert ixelles.deadline == datetime(2026, 2, 16, 10, 0, tzinfo=CET)
    assert ixelles.deadline_timezone == "+01:00"
    assert [(lot.identifier, lot.deadline) for lot in ixelles.lots] == [
        ("LOT-0001", datetime(2026, 2, 20, 11, 0, tzinfo=CET)),
        ("LOT-0002", datetime(2026, 2, 16, 10, 0, tzinfo=CET)),
    ]

    # Plain strings where the first notice had lists.
    assert (antwerp.form, antwerp.buyer_name, antwerp.original_language) == ("pin", "Stad Antwerpen", "nl")
    assert set(antwerp.title) == {"nl", "fr"}
    assert (antwerp.cpv_codes, antwerp.nuts_codes, antwerp.buyer_country) == (["92312000"], ["BE211"], "BEL")
    assert (antwerp.estimated_value, antwerp.currency) == (Decimal("250000"), "EUR")
    assert (antwerp.deadline, antwerp.lots, antwerp.procedure_type) == (None, [], "restricted")

    # A date without a time stays open until the end of that day; the check digit is dropped.
    assert eupen.deadline == datetime(2026, 3, 2, 23, 59, 59, tzinfo=CET)
    assert (eupen.cpv_codes, eupen.nuts_codes) == (["22458000"], ["BE336"])
    assert (eupen.buyer_name, eupen.title["de"]) == (
        "Gemeinde Eupen",
        "Belgien – Druckerzeugnisse – Druck des Gemeindeblatts",
    )
    assert (eupen.procedure_type, eupen.estimated_value, eupen.currency) == ("neg-w-call", None, "")


def test_ted_api_second_page_has_no_token():
    notices, token, total = ted_api.parse(json.loads(fixture("ted_api_page2.json")))
    assert (len(notices), token, total) == (2, None, 5)
    award, change = notices
    assert (award.form, award.title["en"][:7], award.nuts_codes) == ("can", "Belgium", ["BE251"])
    assert (change.notice_type, change.form) == ("corr", "change")
    assert change.changes == ["3f1d2c4b-8a6e-4f0d-9c51-2b7e6a9d1c01-01"]
    assert change.deadline == datetime(2026, 3, 6, 11, 0, tzinfo=CET)


def test_ted_api_fetch_all_follows_the_token():
    pages = {
        None: json.loads(fixture("ted_api_page1.json")),
        "token-page-2": json.loads(fixture("ted_api_page2.json")),
    }
    bodies = []

    def post(url, body):  # stands in for the remote TED server
        bodies.append((url, body))
        return pages[body.get("iterationNextToken")]

    notices = ted_api.fetch_all(
        ted_api.SEARCH_URL, "CY=BEL AND PD>=20260101", ["publication-number"], 3, post=post
    )
    assert [notice.publication_number for notice in notices] == [
        "00012345-2026", "00012399-2026", "00012400-2026", "00013001-2026", "00013050-2026"
    ]  # fmt: skip
    assert len(bodies) == 2
    first = bodies[0][1]
    assert first == {
        "query": "CY=BEL AND PD>=20260101",
        "fields": ["publication-number"],
        "limit": 3,
        "paginationMode": "ITERATION",
    }
    assert bodies[1][1]["iterationNextToken"] == "token-page-2"


def test_ted_api_fetch_all_stops_on_a_repeated_token():
    page = json.loads(fixture("ted_api_page1.json"))
    calls = []

    def post(url, body):
        calls.append(body)
        return page  # always the same token

    assert len(ted_api.fetch_all("https://ted.test/search", "q", post=post)) == 6
    assert len(calls) == 2


def test_ted_api_fetch_all_over_http(server):
    notices = ted_api.fetch_all(
        f"{server.base}/v3/notices/search",
        "CY=BEL",
        limit=3,
        post=functools.partial(download.post_json, allow_private=True),
    )
    assert len(notices) == 5
    assert server.requests == ["/v3/notices/search", "/v3/notices/search"]
    assert server.bodies[0]["fields"] == ted_api.DEFAULT_FIELDS
    assert server.bodies[1]["iterationNextToken"] == "token-page-2"


def test_ted_api_bad_notices():
    good = json.loads(fixture("ted_api_page1.json"))["notices"][0]
    no_number = {key: value for key, value in good.items() if key != "publication-number"}
    no_title = {**good, "notice-title": {}}
    payload = {"notices": [no_number, good, no_title], "totalNoticeCount": 3}
    with pytest.raises(
        ParseError, match="Notice 1 of the TED answer: The TED notice has no publication-number."
    ):
        ted_api.parse(payload)
    errors = []
    notices, _, _ = ted_api.parse(payload, on_error=lambda index, error: errors.append((index, str(error))))
    assert [notice.publication_number for notice in notices] == ["00012345-2026"]
    assert errors == [
        (0, "The TED notice has no publication-number."),
        (2, "The TED notice 00012345-2026 has no notice-title."),
    ]
    with pytest.raises(ParseError, match="invalid publication-date"):
        ted_api.parse({"notices": [{**good, "publication-date": "15/01/2026"}]})
    # As the live API writes it: no leading zeros, and values as lists.
    notices, _, _ = ted_api.parse({"notices": [{**good, "publication-number": ["12345-2026"]}]})
    assert notices[0].source_id == "00012345-2026"
    with pytest.raises(ParseError, match="invalid publication-number: '2026/S 012-012345'"):
        ted_api.parse({"notices": [{**good, "publication-number": "2026/S 012-012345"}]})
    with pytest.raises(ParseError, match="not valid JSON"):
        ted_api.parse(b"<html>")
    with pytest.raises(ParseError, match="no list of notices"):
        ted_api.parse({"notices": "none"})


# --- Feeds ---


def test_rss_feed_in_french():
    notices = feeds.parse(
        fixture("feed_rss_fr.xml"),
        base_url="https://culture-hainaut.example/appels/rss.xml",
        kind="call-for-projects",
    )
    assert len(notices) == 2
    residences, festivals = notices
    assert residences.source_kind == "feed"
    assert residences.source_id == "culture-hainaut-appel-2026-001"
    assert residences.title == {"fr": "Appel à projets « Résidences d’artistes 2026 »"}
    assert residences.summary == {
        "fr": "L’agence soutient six résidences de création dans les centres culturels de la province. "
        "Dossiers à déposer en ligne."
    }
    assert residences.original_language == "fr"
    assert residences.url == "https://culture-hainaut.example/appels/residences-2026"
    assert residences.publication_date == date(2026, 1, 12)
    assert residences.updated_at == datetime(2026, 1, 12, 9, 0, tzinfo=CET)
    assert (residences.kind, residences.deadline, residences.form) == ("call-for-projects", None, "other")
    # No guid: the link, made absolute, is the id.
    assert festivals.source_id == festivals.url == "https://culture-hainaut.example/appels/festivals-quartier"
    assert festivals.summary["fr"].endswith("associations locales & des comités de quartier.")


def test_atom_feed_in_dutch():
    swimming_pool, youth = feeds.parse(fixture("feed_atom_nl.xml"))
    assert swimming_pool.source_id == "tag:voorbeeldegem.example,2026:oproep-17"
    assert swimming_pool.title == {"nl": "Oproep: kunstintegratie in het nieuwe zwembad"}
    assert swimming_pool.summary == {
        "nl": "De gemeente zoekt een kunstenaar of collectief voor een werk in de inkomhal."
    }
    assert swimming_pool.url == "https://voorbeeldegem.example/oproepen/17"
    assert swimming_pool.publication_date == date(2026, 2, 2)
    assert swimming_pool.updated_at == datetime(2026, 2, 3, 10, 15, tzinfo=CET)
    assert swimming_pool.kind is None
    # No <published>: the update date stands in; the XHTML content is the summary.
    assert youth.publication_date == date(2026, 1, 28)
    assert youth.summary == {"nl": "Jeugdverenigingen kunnen tot 5 000 euro aanvragen."}


def test_feed_language_must_be_known():
    data = fixture("feed_rss_fr.xml").replace(b"<language>fr-BE</language>", b"")
    with pytest.raises(ParseError, match="does not say its language"):
        feeds.parse(data)
    assert feeds.parse(data, language="fr")[0].title["fr"].startswith("Appel à projets")


def test_feed_bad_documents():
    with pytest.raises(HostileInput):
        feeds.parse(BILLION_LAUGHS)
    hostile = fixture("feed_rss_fr.xml").replace(
        b'<rss version="2.0"', b'<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<rss version="2.0"'
    )
    with pytest.raises(HostileInput):
        feeds.parse(hostile)
    with pytest.raises(ParseError, match="not an RSS or Atom feed"):
        feeds.parse(b"<notices><notice/></notices>")
    with pytest.raises(ParseError, match="not well-formed"):
        feeds.parse(b"<rss version='2.0'><channel><item></channel></rss>")
    no_id = fixture("feed_rss_fr.xml").replace(b"<link>/appels/festivals-quartier</link>", b"")
    with pytest.raises(ParseError, match="Entry 2 of the feed has neither an id nor a link"):
        feeds.parse(no_id)
    errors = []
    kept = feeds.parse(no_id, on_error=lambda index, error: errors.append(index))
    assert ([notice.source_id for notice in kept], errors) == (["culture-hainaut-appel-2026-001"], [1])


def test_feed_bytes_are_never_taken_for_a_path(tmp_path):
    # feedparser opens a str/bytes argument as a file when it can; the parser must not.
    path = tmp_path / "feed.xml"
    path.write_bytes(fixture("feed_atom_nl.xml"))
    with pytest.raises(ParseError):
        feeds.parse(str(path).encode())


# --- Downloads ---

# The test server is on 127.0.0.1, which the importers refuse unless told otherwise.
local_fetch = functools.partial(download.fetch, allow_private=True)


def test_download_refuses_private_and_local_addresses(server):
    port = server.base.rsplit(":", 1)[1]
    for url in (f"{server.base}/ok", f"http://localhost:{port}/ok"):
        with pytest.raises(DownloadError, match=r"is a private or local address \((127\.0\.0\.1|::1)\)"):
            download.fetch(url)
    with pytest.raises(DownloadError, match="private or local address"):
        download.post_json(f"{server.base}/v3/notices/search", {"query": "CY=BEL"})
    # Only the connection checked was made: the server never answered a request.
    assert not [path for path in server.requests if path == "/ok"]


def test_download_normal_answer(server):
    assert local_fetch(f"{server.base}/ok") == b"<rss/>"
    assert local_fetch(f"{server.base}/to-ok") == b"<rss/>"


def test_download_refuses_other_schemes():
    for url in ("file:///etc/passwd", "ftp://example.org/x.xml", "data:text/plain,hello", "/etc/passwd"):
        with pytest.raises(DownloadError, match="is not http or https"):
            download.fetch(url)


def test_download_too_large(server):
    with pytest.raises(DownloadError, match="5,000 bytes, more than 1,000"):
        local_fetch(f"{server.base}/big", max_bytes=1000)
    with pytest.raises(DownloadError, match="larger than 10,000 bytes"):
        local_fetch(f"{server.base}/big-streamed", max_bytes=10_000)
    assert len(local_fetch(f"{server.base}/big-streamed")) == 50_000


def test_download_redirects_stay_on_the_web(server):
    with pytest.raises(DownloadError, match=r"redirect target 'file:///etc/passwd' is not http or https"):
        local_fetch(f"{server.base}/to-file")
    with pytest.raises(DownloadError, match="redirect target 'ftp://"):
        local_fetch(f"{server.base}/to-ftp")
    with pytest.raises(DownloadError, match="redirects more than 5 times"):
        local_fetch(f"{server.base}/loop")
    assert len([path for path in server.requests if path.startswith("/loop")]) == 6


def test_download_timeout_and_errors(server):
    started = time.monotonic()
    with pytest.raises(DownloadError, match="took more than 0.3 seconds"):
        local_fetch(f"{server.base}/slow", timeout=0.3)
    assert time.monotonic() - started < 1.4
    with pytest.raises(DownloadError, match="answered 404 Not Found"):
        local_fetch(f"{server.base}/missing")
    with pytest.raises(DownloadError, match="could not be downloaded"):
        local_fetch("http://127.0.0.1:9/closed-port")
    # One except clause in the import command catches every refusal.
    assert issubclass(DownloadError, ParseError) and issubclass(HostileInput, ParseError)
