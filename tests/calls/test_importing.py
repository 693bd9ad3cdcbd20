"""Parsed notices become calls: fields and languages, lots, sectors and places, idempotence,
corrections (by notice UUID and version or by publication number), award notices, the merge of a
TED XML notice with its Search API hit, hostile files, one bad notice among good ones, and one
search reindex per run. On the real samples in fixtures/ (see its README)."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from calls import importing
from calls.importers import eforms, ted_api
from calls.importers.notice import Notice
from calls.importing import Failure, import_notices, refresh_statuses, run_import
from calls.models import Call, ImportRun, Kind, Level, Source, SourceKind, Status
from portal import search
from portal.places.models import Province, Region
from portal.taxonomy.models import Sector

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
CET = datetime.timezone(datetime.timedelta(hours=1))
CN_UUID = "c4c415ee-ac08-4465-8fa6-57568cf69462"
CN_PROCEDURE = "31f258b6-5eb2-4875-8997-affa3cdce27c"
CN_TITLE = (
    "Term Contract for a Planned Programme of In-service Inspection and Testing of Electrical Equipment"
)
# The samples are from 2020; page1/page2 of the TED API from January 2026.
IN_2020 = datetime.datetime(2020, 3, 1, 12, tzinfo=datetime.UTC)
IN_APRIL_2020 = datetime.datetime(2020, 4, 10, 12, tzinfo=datetime.UTC)
IN_JANUARY_2026 = datetime.datetime(2026, 1, 25, 12, tzinfo=datetime.UTC)
LATER = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)


def fixture(name):
    return FIXTURES / name


def eforms_notice(name):
    return eforms.parse(fixture(name).read_bytes())


def ted_page(name):
    return ted_api.parse(fixture(name).read_bytes())[0]


def run_files(kind, *names, now=LATER, **kwargs):
    return run_import(kind, paths=[fixture(name) for name in names], now=now, **kwargs)


def the_call(**lookup):
    calls = list(Call.objects.filter(**lookup))
    assert len(calls) == 1, calls
    return calls[0]


def sector_slugs(call):
    return set(call.sectors.values_list("slug", flat=True))


def region_codes(call):
    return set(call.regions.values_list("refnis", flat=True))


def province_codes(call):
    return set(call.provinces.values_list("refnis", flat=True))


def reasons(run, action=None):
    return [entry["reason"] for entry in run.log if action is None or entry["action"] == action]


# Fields, languages, lots, sectors, places ------------------------------------------------


def test_a_contract_notice_becomes_an_open_call_with_its_lot_and_sectors():
    run = run_files("eforms", "eforms_cn_24_open.xml", now=IN_2020)
    assert (run.created, run.updated, run.skipped, run.failed, run.error) == (1, 0, 0, 0, "")
    assert run.finished_at is not None and run.kind == "eforms"
    call = the_call(procedure_id=CN_PROCEDURE)
    assert call.title_en == CN_TITLE and not call.title_fr and call.original_language == "en"
    assert call.summary_en.startswith("The purpose of this contract")
    assert (call.source_kind, call.source_ref) == ("eforms", f"{CN_UUID}-01")
    assert (call.notice_uuid, call.notice_version) == (CN_UUID, "01")
    assert call.status == Status.OPEN and call.kind == Kind.TENDER
    # A British buyer: a European call, in no Belgian region.
    assert call.level == Level.EUROPEAN and region_codes(call) == set()
    assert (
        call.deadline == datetime.datetime(2020, 4, 3, 12, tzinfo=CET) and call.deadline_timezone == "+01:00"
    )
    assert (call.estimated_value, call.currency) == (Decimal("500000.00"), "EUR")
    assert call.procedure_type == "open" and call.publication_date == datetime.date(2020, 2, 28)
    assert call.documents_url == "https://www.publictendersscotland.publiccontractsscotland.gov.uk"
    assert call.cpv_list() == ["71630000", "71314100", "50300000", "31600000"]
    # Technical inspection, electrical services, repairs of office equipment: engineering work
    # no sector of the cooperative's does (division 71 also holds architecture, 50 repairs).
    assert sector_slugs(call) == set()
    assert not call.sectors_edited
    lot = call.lots.get()
    assert lot.identifier == "LOT-0000" and lot.titles == {"en": CN_TITLE}
    assert lot.deadline == datetime.datetime(2020, 4, 3, 12, tzinfo=CET)
    assert [entry["action"] for entry in run.log] == ["created"]


def test_a_contract_notice_past_its_deadline_is_closed():
    run_files("eforms", "eforms_cn_24_open.xml", now=LATER)
    assert the_call(procedure_id=CN_PROCEDURE).status == Status.CLOSED


def test_ted_api_pages_give_four_languages_places_and_lots():
    run = run_files("ted-api", "ted_api_page1.json", now=IN_JANUARY_2026)
    assert (run.created, run.failed) == (3, 0)

    ixelles = the_call(publication_number="00012345-2026")
    assert ixelles.title_fr.startswith("Belgique – Services de nettoyage")
    assert ixelles.title_nl.startswith("België") and ixelles.title_de.startswith("Belgien")
    assert ixelles.title_en.startswith("Belgium") and ixelles.summary_fr.startswith("Nettoyage hebdomadaire")
    assert ixelles.original_language == "fr" and ixelles.buyer_name == "Commune d'Ixelles"
    assert ixelles.level == Level.REGIONAL and ixelles.status == Status.OPEN
    assert region_codes(ixelles) == {"04000"} and province_codes(ixelles) == set()
    assert sector_slugs(ixelles) == set()  # building cleaning: no sector of the cooperative's
    assert ixelles.estimated_value == Decimal("200000.50")
    # The earliest lot deadline is the call's; each lot keeps its own.
    assert ixelles.deadline == datetime.datetime(2026, 2, 16, 10, tzinfo=CET)
    assert {lot.identifier: lot.deadline for lot in ixelles.lots.all()} == {
        "LOT-0001": datetime.datetime(2026, 2, 20, 11, tzinfo=CET),
        "LOT-0002": datetime.datetime(2026, 2, 16, 10, tzinfo=CET),
    }
    assert ixelles.url == "https://ted.europa.eu/en/notice/-/detail/00012345-2026"

    antwerp = the_call(publication_number="00012399-2026")
    assert antwerp.status == Status.FORTHCOMING  # a prior information notice
    assert region_codes(antwerp) == {"02000"} and province_codes(antwerp) == {"10000"}
    assert {"performing-arts", "cultural-management-and-production"} <= sector_slugs(antwerp)

    eupen = the_call(publication_number="00012400-2026")
    assert eupen.title_de.startswith("Belgien") and eupen.original_language == "de"
    assert region_codes(eupen) == {"03000"} and province_codes(eupen) == {"60000"}
    # A deadline date without a time: the end of that day.
    assert eupen.deadline == datetime.datetime(2026, 3, 2, 23, 59, 59, tzinfo=CET)


def test_a_language_outside_the_four_is_kept_apart():
    run_files("eforms", "eforms_pin-buyer_24_published.xml")
    call = the_call(publication_number="12345678-2025")
    assert call.other_language == "it" and call.other_title.startswith("Avviso consultazione")
    assert call.other_summary.startswith("Oggetto:")
    assert not any((call.title_fr, call.title_nl, call.title_de, call.title_en))
    assert call.status == Status.FORTHCOMING and call.level == Level.EUROPEAN
    assert call.display("title", "fr") == (call.other_title, "it")


def test_level_rules():
    level = importing.ted_level
    assert level("BEL", "Commune de Namur", ["BE352"]) == Level.REGIONAL
    assert level("BEL", "SPF Finances", []) == Level.NATIONAL
    assert level("BEL", "SPF Finances", ["BE"]) == Level.NATIONAL
    assert level("BEL", "European Commission, DG EAC", ["BE100"]) == Level.EUROPEAN
    assert level("FRA", "Ville de Lille", ["BE328"]) == Level.EUROPEAN
    assert level("", "", ["FRD22"]) == Level.EUROPEAN


# Idempotence ------------------------------------------------------------------------------


def test_importing_twice_changes_nothing_and_says_why():
    run_files("eforms", "eforms_cn_24_open.xml")
    run_files("ted-api", "ted_api_page1.json", "ted_api_page2.json")
    count = Call.objects.count()
    first = run_files("eforms", "eforms_cn_24_open.xml")
    again = run_files("ted-api", "ted_api_page1.json", "ted_api_page2.json")
    assert Call.objects.count() == count
    assert (first.created, first.updated, first.skipped) == (0, 0, 1)
    assert (again.created, again.updated, again.skipped, again.failed) == (0, 0, 5, 0)
    assert all(reason for reason in reasons(again, "skipped"))
    assert importing.SKIP_UNCHANGED in reasons(first)


# Corrections ------------------------------------------------------------------------------


def test_a_change_notice_corrects_its_call_by_uuid_and_version():
    run_files("eforms", "eforms_cn_24_open.xml", now=IN_2020)
    run = run_files("eforms", "eforms_change_synthetic.xml", now=IN_APRIL_2020)
    assert (run.created, run.updated, run.skipped) == (0, 1, 0)
    call = the_call(procedure_id=CN_PROCEDURE)
    # The deadline moves on (the call reopens: 10 April is past the old one, not the new one).
    assert call.deadline == datetime.datetime(2020, 4, 17, 12, tzinfo=CET)
    assert call.status == Status.OPEN
    assert call.summary_en.endswith("(deadline extended).")
    assert call.lots.get().deadline == datetime.datetime(2020, 4, 17, 12, tzinfo=CET)
    # The call keeps its identity and its publication date.
    assert call.source_ref == f"{CN_UUID}-01" and call.publication_date == datetime.date(2020, 2, 28)
    assert "deadline" in run.log[0]["reason"]

    # The original seen again is older: it changes nothing (the deadline stays corrected).
    again = run_files("eforms", "eforms_cn_24_open.xml", now=IN_APRIL_2020)
    assert (again.updated, again.skipped) == (0, 1)
    assert reasons(again, "skipped")[0].startswith("Older than what we have")
    call.refresh_from_db()
    assert call.deadline == datetime.datetime(2020, 4, 17, 12, tzinfo=CET)
    assert Call.objects.count() == 1


def test_a_change_notice_by_publication_number_and_the_api_merge():
    run_files("eforms", "eforms_cn_24_open.xml")
    merged = run_files("ted-api", "ted_api_cn_24_open.json")
    assert (merged.created, merged.updated) == (0, 1)
    call = the_call(procedure_id=CN_PROCEDURE)
    # One call: the API's languages added, the XML's lot title and documents link kept.
    assert call.publication_number == "00145678-2020" and call.source_kind == "eforms"
    assert call.title_fr.startswith("Contrat-cadre") and call.title_nl.startswith("Raamcontract")
    assert call.title_en == CN_TITLE and call.summary_en.startswith("The purpose")
    assert call.documents_url.startswith("https://www.publictendersscotland")
    assert call.lots.get().titles == {"en": CN_TITLE}

    run = run_files("ted-api", "ted_api_change_by_number.json")
    assert (run.created, run.updated, run.skipped) == (0, 1, 1)
    call.refresh_from_db()
    assert call.deadline == datetime.datetime(2020, 4, 24, 12, tzinfo=CET)
    assert call.title_de.startswith("Rahmenvertrag") and call.title_fr.startswith("Contrat-cadre")
    assert reasons(run, "skipped") == ["It corrects a notice we do not have: 00999999-2020."]
    assert Call.objects.count() == 1


def test_the_api_hit_first_then_the_xml_notice_is_still_one_call():
    run_files("ted-api", "ted_api_cn_24_open.json")
    run = run_files("eforms", "eforms_cn_24_open.xml")
    assert (run.created, run.updated) == (0, 1)
    call = the_call(procedure_id=CN_PROCEDURE)
    assert call.title_fr.startswith("Contrat-cadre") and call.summary_en.startswith("The purpose")
    assert call.documents_url.startswith("https://www.publictendersscotland")
    assert call.lots.get().titles == {"en": CN_TITLE}


def _coarser_api_answer(tmp_path):
    """The API's answer about the same notice, published days after the XML was issued, with a
    rounder value and another deadline time (as its lot fields can disagree with the XML)."""
    answer = json.loads(fixture("ted_api_cn_24_open.json").read_text())
    answer["notices"][0].update(
        {"estimated-value-proc": "480000", "deadline-receipt-tender-time-lot": ["10:00:00+01:00"]}
    )
    path = tmp_path / "api.json"
    path.write_text(json.dumps(answer))
    return path


@pytest.mark.parametrize("xml_first", [True, False])
def test_the_xml_notice_wins_over_the_api_answer_about_it_in_either_order(tmp_path, xml_first):
    api = _coarser_api_answer(tmp_path)
    steps = [("eforms", [fixture("eforms_cn_24_open.xml")]), ("ted-api", [api])]
    for kind, paths in steps if xml_first else reversed(steps):
        run_import(kind, paths=paths, now=LATER)
    # A daily import brings the API's answer again: it still only fills gaps.
    run_import("ted-api", paths=[api], now=LATER)
    call = the_call(procedure_id=CN_PROCEDURE)
    assert call.deadline == datetime.datetime(2020, 4, 3, 12, tzinfo=CET)  # the XML's 12:00
    assert call.estimated_value == Decimal("500000.00")
    assert call.title_fr.startswith("Contrat-cadre")  # what the XML lacks, the API gave
    assert call.from_eforms and Call.objects.count() == 1


def test_both_change_forms_on_the_api_pages():
    run_files("ted-api", "ted_api_page1.json", now=IN_JANUARY_2026)
    run = run_files("ted-api", "ted_api_page2.json", now=IN_JANUARY_2026)
    call = the_call(publication_number="00012345-2026")
    assert call.deadline == datetime.datetime(2026, 3, 6, 11, tzinfo=CET)
    # The French and Dutch titles of the change, the German and English ones kept.
    assert call.title_de.startswith("Belgien") and call.title_en.startswith("Belgium")
    assert run.updated == 1


def test_a_change_for_a_notice_we_do_not_have_is_skipped():
    run = run_files("eforms", "eforms_change_synthetic.xml")
    assert (run.created, run.skipped) == (0, 1)
    assert reasons(run) == [f"It corrects a notice we do not have: {CN_UUID}-01."]
    assert not Call.objects.exists()


# Award notices ----------------------------------------------------------------------------


def test_an_award_notice_awards_the_call_of_its_procedure():
    run_files("eforms", "eforms_cn_24_open.xml", now=IN_2020)
    run = run_files("eforms", "eforms_can_synthetic.xml", now=IN_2020)
    assert (run.created, run.updated) == (0, 1)
    call = the_call(procedure_id=CN_PROCEDURE)
    assert call.status == Status.AWARDED
    # The call keeps its identity and what the contract notice said.
    assert call.source_ref == f"{CN_UUID}-01" and call.summary_en.startswith("The purpose")
    assert call.lots.get().identifier == "LOT-0000"
    # The contract notice read again afterwards is older: it does not reopen it.
    again = run_files("eforms", "eforms_cn_24_open.xml", now=IN_2020)
    assert again.skipped == 1
    call.refresh_from_db()
    assert call.status == Status.AWARDED


def test_an_award_notice_of_an_unknown_procedure_creates_an_awarded_call():
    run = run_files("eforms", "eforms_can_24_minimal.xml")
    call = the_call(procedure_id="022d0ef9-6338-42d9-afa4-a87709128061")
    assert run.created == 1 and call.status == Status.AWARDED
    assert call.title_fr.startswith("Service d'entretien")
    assert reasons(run) == ["Award notice of a procedure we did not have: added as awarded."]


def test_an_award_notice_without_award_closes_the_call():
    notice = Notice(
        source_kind="ted-api",
        source_id="00020001-2026",
        publication_number="00020001-2026",
        procedure_id="p-closed",
        form="can",
        award_status="closed",
        title={"fr": "Marché sans suite"},
        buyer_country="BEL",
    )
    opened = Notice(
        source_kind="ted-api",
        source_id="00010001-2026",
        publication_number="00010001-2026",
        procedure_id="p-closed",
        form="cn",
        title={"fr": "Marché"},
        buyer_country="BEL",
        deadline=LATER,
        publication_date=datetime.date(2026, 1, 2),
    )
    import_notices([opened], "ted-api", "test")
    assert the_call(procedure_id="p-closed").status == Status.OPEN
    notice.publication_date = datetime.date(2026, 2, 2)
    import_notices([notice], "ted-api", "test")
    call = the_call(procedure_id="p-closed")
    assert call.status == Status.CLOSED and call.level == Level.NATIONAL


# Bad input --------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<ContractNotice>&lol3;</ContractNotice>"""


def test_a_hostile_file_is_refused_and_nothing_changes(tmp_path):
    run_files("eforms", "eforms_cn_24_open.xml", now=IN_2020)
    before = list(Call.objects.values())
    folder = tmp_path / "notices"
    folder.mkdir()
    (folder / "a.xml").write_bytes(fixture("eforms_can_synthetic.xml").read_bytes())
    (folder / "b.xml").write_bytes(BILLION_LAUGHS)
    run = run_import("eforms", paths=[folder])
    assert run.error.startswith("Refused, nothing was imported:") and "DOCTYPE" in run.error
    assert (run.created, run.updated) == (0, 0)
    assert list(Call.objects.values()) == before  # the award notice beside it was not applied
    assert ImportRun.objects.filter(pk=run.pk, finished_at__isnull=False).exists()


def test_an_unreadable_file_is_refused(tmp_path):
    run = run_import("ted-api", paths=[tmp_path / "missing.json"])
    assert run.error.startswith("Cannot read")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    run = run_import("ted-api", paths=[broken])
    assert run.error.startswith("Unreadable, nothing was imported: The TED answer is not valid JSON")


def test_one_bad_notice_in_a_ted_page_does_not_stop_the_others(tmp_path):
    page = json.loads(fixture("ted_api_page1.json").read_text())
    page["notices"].insert(1, {"publication-number": "00012346-2026", "notice-type": "cn-standard"})
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page))
    run = run_import("ted-api", paths=[path])
    assert (run.created, run.failed) == (3, 1)
    assert reasons(run, "failed") == ["Unreadable notice: The TED notice 00012346-2026 has no notice-title."]
    assert run.log[1]["notice"] == "page.json #2"


def test_a_notice_that_cannot_be_saved_fails_alone():
    good = eforms_notice("eforms_cn_24_open.xml")
    bad = Notice(source_kind="ted-api", source_id="00000001-2026", title={"fr": "Mauvais"}, form="cn")
    bad.publication_date = "not a date"
    run = import_notices([Failure("x.xml", "broken"), bad, good], "eforms", "test")
    assert (run.created, run.failed) == (1, 2)
    assert reasons(run, "failed")[0] == "Unreadable notice: broken"
    assert reasons(run, "failed")[1].startswith("Could not be saved:")
    assert Call.objects.count() == 1


# Feeds ------------------------------------------------------------------------------------


def test_feed_notices_take_their_sources_defaults():
    hainaut = Province.objects.get(refnis="50000")
    wallonia = Region.objects.get(refnis="03000")
    arts = Sector.objects.get(slug="visual-arts")
    source = Source.objects.create(
        name="Culture Hainaut",
        kind=SourceKind.FEED,
        url="https://culture-hainaut.example/appels.rss",
        default_kind=Kind.ARTIST,
        default_level=Level.REGIONAL,
    )
    source.default_sectors.set([arts])
    source.default_regions.set([wallonia])
    run = run_import(
        "feed",
        paths=[fixture("feed_rss_fr.xml")],
        source=source,
        defaults=importing.source_defaults(source),
    )
    assert (run.created, run.failed) == (2, 0) and run.source == source
    call = the_call(source_ref="culture-hainaut-appel-2026-001")
    assert call.kind == Kind.ARTIST and call.level == Level.REGIONAL and call.source == source
    assert call.title_fr.startswith("Appel à projets") and call.original_language == "fr"
    assert sector_slugs(call) == {"visual-arts"} and region_codes(call) == {"03000"}
    assert call.status == Status.OPEN and call.url == "https://culture-hainaut.example/appels/residences-2026"
    assert hainaut not in call.provinces.all()
    # A relative link with no address to resolve it against is left out.
    assert the_call(source_ref="/appels/festivals-quartier").url == ""


def test_a_dutch_atom_feed_with_command_defaults():
    run = run_files("feed", "feed_atom_nl.xml", defaults={"kind": Kind.GRANT, "level": Level.NATIONAL})
    assert run.created == 2
    call = the_call(source_ref="tag:voorbeeldegem.example,2026:oproep-18")
    assert call.title_nl == "Projectsubsidie jeugdwerk 2026" and call.kind == Kind.GRANT
    assert call.level == Level.NATIONAL and call.source_kind == "feed"


@pytest.mark.parametrize(
    "codes, expected",
    [
        (["79961000"], {"photography"}),
        (["79961000-8"], {"photography"}),  # with its check digit
        (["79530000", "79540000"], {"translation-and-interpreting"}),
        (["79822500"], {"graphic-design", "illustration"}),
        (["72413000"], {"web-development", "ux-and-digital-design"}),
        # Broader than a sector's prefix: entertainment services cover the stage arts.
        (
            ["92300000"],
            {
                "performing-arts",
                "cultural-management-and-production",
                "sound-and-music",
                "visual-arts",
                "illustration",
                "writing-and-editing",
                "crafts-and-applied-arts",
                "education-and-workshops",
            },
        ),  # dance instruction, 92342
        # Same division, other work: legal, security, medical supplies.
        (["79100000", "79710000", "33100000"], set()),
        ([], set()),
        (["7"], set()),
    ],
)
def test_cpv_codes_give_the_sectors_whose_prefixes_they_fall_under(codes, expected):
    from calls.mapping import sectors_of
    from portal.taxonomy.models import Sector

    slugs = set(Sector.objects.filter(pk__in=sectors_of(codes)).values_list("slug", flat=True))
    assert slugs == expected


def test_sectors_chosen_by_an_editor_survive_a_new_import():
    run_files("ted-api", "ted_api_page1.json")
    call = the_call(publication_number="00012345-2026")
    call.sectors.set([Sector.objects.get(slug="event-organisation")])
    Call.objects.filter(pk=call.pk).update(sectors_edited=True, title_fr="Ancien titre")
    run_files("ted-api", "ted_api_page1.json")
    call.refresh_from_db()
    assert call.title_fr.startswith("Belgique")  # the notice still updates the rest
    assert sector_slugs(call) == {"event-organisation"}


# Search index and statuses ----------------------------------------------------------------


def test_a_run_reindexes_its_calls_at_most_once_each(monkeypatch, django_capture_on_commit_callbacks):
    updates = []
    real_update = search.update

    def spy(document, ids, **options):
        updates.append((document.name, sorted(ids)))
        return real_update(document, ids, **options)

    monkeypatch.setattr(search, "update", spy)
    with django_capture_on_commit_callbacks(execute=True):
        run = run_files("ted-api", "ted_api_page1.json", "ted_api_page2.json")
    ids = sorted(Call.objects.values_list("pk", flat=True))
    assert run.created == 4 and len(ids) == 4
    calls_updates = [batch for name, batch in updates if name == "calls"]
    # The run's own update covers every call; no call is reindexed once per relation.
    assert ids in calls_updates
    assert len(calls_updates) <= run.created + run.updated + 1


def test_refresh_statuses_closes_calls_past_their_deadline(django_capture_on_commit_callbacks):
    now = timezone.now()
    past = Call.objects.create(
        title_fr="Passé", status=Status.OPEN, deadline=now - datetime.timedelta(hours=1)
    )
    soon = Call.objects.create(
        title_fr="Bientôt", status=Status.FORTHCOMING, deadline=now - datetime.timedelta(days=1)
    )
    future = Call.objects.create(
        title_fr="Futur", status=Status.OPEN, deadline=now + datetime.timedelta(days=3)
    )
    rolling = Call.objects.create(title_fr="Permanent", status=Status.OPEN)
    with django_capture_on_commit_callbacks(execute=True):
        assert refresh_statuses(now) == 2
    statuses = dict(Call.objects.values_list("pk", "status"))
    assert statuses[past.pk] == statuses[soon.pk] == Status.CLOSED
    assert statuses[future.pk] == statuses[rolling.pk] == Status.OPEN
    assert refresh_statuses(now) == 0
