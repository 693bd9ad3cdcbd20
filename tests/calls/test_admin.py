"""The calls admin as editors use it: a regional call added by hand (deadline in Brussels time,
titles per language), the list with its filters in a fixed number of queries, sectors chosen by
hand that a later import keeps, "Import now" on a source, and the import runs' pages with the
reason for each notice left out."""

import datetime
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from calls import importing
from calls.admin_forms import TITLE_REQUIRED_ERROR
from calls.admin_views import IMPORT_ALREADY_QUEUED, IMPORT_QUEUED
from calls.groups import CALLS_EDITORS, ensure_groups
from calls.importing import run_import
from calls.models import Call, ImportRun, Kind, Level, Source, SourceKind, Status
from calls.tasks import STALE_AFTER
from portal.accounts.groups import EDITORS, MODERATORS
from portal.places.models import Province, Region
from portal.taxonomy.models import Sector
from tests.admin_helpers import errors_of, make_user, said, text_of

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
TZ = ZoneInfo("Europe/Brussels")
CALLS = "/admin/calls/calls/"
SOURCES = "/admin/calls/sources/"
RUNS = "/admin/calls/import-runs/"


def listing_rows(html):
    found = re.search(r'<table class="[^"]*listing.*?<tbody[^>]*>(.*?)</tbody>', html, re.S)
    return [text_of(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", found.group(1), re.S)] if found else []


@pytest.fixture(autouse=True)
def _groups():
    ensure_groups()


@pytest.fixture
def editor(db):
    user = get_user_model().objects.get(email="editor@coop.example")
    assert user.groups.filter(name=EDITORS).exists()
    return user


def call_form_data(**overrides):
    data = {
        "title_fr": "Résidence d'artistes au Grand Hornu",
        "title_nl": "Kunstenaarsresidentie in de Grand Hornu",
        "title_de": "",
        "title_en": "",
        "summary_fr": "Trois mois de résidence pour un projet d'arts plastiques.",
        "summary_nl": "",
        "summary_de": "",
        "summary_en": "",
        "kind": Kind.ARTIST,
        "level": Level.REGIONAL,
        "status": Status.OPEN,
        "published": "on",
        "buyer_name": "Province de Hainaut",
        "buyer_country": "BEL",
        "nuts_codes": "BE323",
        "regions": [str(Region.objects.get(refnis="03000").pk)],
        "provinces": [str(Province.objects.get(refnis="50000").pk)],
        "sectors": [str(Sector.objects.get(slug="visual-arts").pk)],
        "cpv_codes": "",
        "estimated_value": "12000",
        "currency": "EUR",
        "procedure_type": "",
        "publication_date": "2030-01-10",
        "deadline": "2030-03-15 17:00",
        "url": "https://www.hainaut.be/residences",
        "documents_url": "",
    }
    data.update(overrides)
    return data


def test_an_editor_adds_a_call_by_hand(client, editor):
    client.force_login(editor)
    html = client.get(f"{CALLS}new/").content.decode()
    for language in ("fr", "nl", "de", "en"):
        assert re.search(rf'<input[^>]*lang="{language}"[^>]*name="title_{language}"', html) or re.search(
            rf'<input[^>]*name="title_{language}"[^>]*lang="{language}"', html
        )
    response = client.post(f"{CALLS}new/", call_form_data())
    assert response.status_code == 302, errors_of(response.content.decode())
    call = Call.objects.get(title_fr__startswith="Résidence d'artistes")
    assert call.source_kind == SourceKind.MANUAL and call.kind == Kind.ARTIST and call.level == Level.REGIONAL
    # Typed in Brussels time (winter: UTC+1).
    assert call.deadline == datetime.datetime(2030, 3, 15, 17, tzinfo=TZ)
    assert call.deadline_timezone == "+01:00"
    assert set(call.regions.values_list("refnis", flat=True)) == {"03000"}
    assert set(call.provinces.values_list("refnis", flat=True)) == {"50000"}
    assert set(call.sectors.values_list("slug", flat=True)) == {"visual-arts"}
    assert call.sectors_edited

    # Shown in the list in Brussels time, with its kind and level.
    rows = listing_rows(client.get(CALLS, {"kind": "artist"}).content.decode())
    assert len(rows) == 1 and "Résidence d'artistes" in rows[0]
    assert "17:00" in rows[0] and said(Kind.ARTIST.label) in rows[0]


def test_a_call_needs_a_title_in_one_language(client, editor):
    client.force_login(editor)
    data = call_form_data(title_fr="", title_nl="")
    response = client.post(f"{CALLS}new/", data)
    assert response.status_code == 200
    assert said(TITLE_REQUIRED_ERROR) in errors_of(response.content.decode())
    # What was typed is still there.
    assert "Province de Hainaut" in response.content.decode()
    assert not Call.objects.filter(buyer_name="Province de Hainaut").exists()


def test_sectors_chosen_by_hand_survive_the_next_import(client, editor):
    run_import("ted-api", paths=[FIXTURES / "ted_api_page1.json"])
    call = Call.objects.get(publication_number="00012345-2026")
    assert not call.sectors_edited
    client.force_login(editor)
    events = Sector.objects.get(slug="event-organisation")
    data = call_form_data(
        title_fr=call.title_fr,
        title_nl=call.title_nl,
        title_de=call.title_de,
        title_en=call.title_en,
        kind=call.kind,
        level=call.level,
        status=call.status,
        nuts_codes=call.nuts_codes,
        regions=[str(pk) for pk in call.regions.values_list("pk", flat=True)],
        provinces=[],
        sectors=[str(events.pk)],
        cpv_codes=call.cpv_codes,
        deadline="2026-02-16 10:00",
    )
    response = client.post(f"{CALLS}edit/{call.pk}/", data)
    assert response.status_code == 302, errors_of(response.content.decode())
    call.refresh_from_db()
    assert call.sectors_edited
    run_import("ted-api", paths=[FIXTURES / "ted_api_page1.json"])
    assert set(call.sectors.values_list("slug", flat=True)) == {"event-organisation"}


def test_the_list_filters_and_takes_a_fixed_number_of_queries(client, editor):
    client.force_login(editor)
    source = Source.objects.create(
        name="TED", kind=SourceKind.TED_API, url="https://api.ted.europa.eu/v3/notices/search"
    )

    def add(count, start):
        for n in range(start, start + count):
            Call.objects.create(
                title_fr=f"Appel {n:03d}",
                kind=Kind.TENDER if n % 2 else Kind.GRANT,
                status=Status.OPEN if n % 3 else Status.CLOSED,
                source=source if n % 2 else None,
                deadline=datetime.datetime(2030, 1, 1, tzinfo=TZ) + datetime.timedelta(days=n),
            )

    add(4, 0)
    with CaptureQueriesContext(connection) as few:
        assert client.get(CALLS).status_code == 200
    add(30, 4)
    with CaptureQueriesContext(connection) as many:
        html = client.get(CALLS).content.decode()
    assert len(many) == len(few)
    assert len(listing_rows(html)) == 34

    rows = listing_rows(client.get(CALLS, {"status": "closed", "source": source.pk}).content.decode())
    expected = [n for n in range(34) if n % 2 and not n % 3]
    assert len(rows) == len(expected) and all("TED" in row for row in rows)
    # Garbage in the query string is no error.
    assert client.get(CALLS, {"status": "nope", "source": "x", "ordering": "zzz", "p": "-1"}).status_code in (
        200,
        404,
    )


# Sources and "Import now" ----------------------------------------------------------------


class _Feed(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        body = (FIXTURES / "feed_rss_fr.xml").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def feed_url(settings):
    settings.CALLS_IMPORT_PRIVATE_HOSTS = True  # the test server is on 127.0.0.1
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/appels.rss"
    httpd.shutdown()
    httpd.server_close()


def import_now(client, source, **data):
    """Click "Import now": the messages on the page the editor is sent back to (the sources)."""
    response = client.post(f"{SOURCES}import/{source.pk}/", data, follow=True)
    assert response.redirect_chain == [(SOURCES, 302)]
    shown = [text_of(str(m)).strip() for m in get_messages(response.wsgi_request)]
    page = text_of(response.content.decode())
    assert all(text in page for text in shown)
    return shown


def queued(name):
    # With its button to the import runs.
    return [f"{said(IMPORT_QUEUED, source=name)} {said('Import runs')}"]


def already_queued(name):
    return [f"{said(IMPORT_ALREADY_QUEUED, source=name)} {said('Import runs')}"]


def queued_imports(source):
    return DBTaskResult.objects.filter(
        task_path="calls.tasks.import_source_now", args_kwargs__args=[source.pk]
    )


def test_import_now_queues_the_import_for_the_worker(client, editor, feed_url, task_worker):
    source = Source.objects.create(
        name="Culture Hainaut", kind=SourceKind.FEED, url=feed_url, default_kind=Kind.ARTIST
    )
    client.force_login(editor)
    html = client.get(SOURCES).content.decode()
    action = f"{SOURCES}import/{source.pk}/"
    assert f'action="{action}"' in html and 'method="post"' in html

    assert client.get(action).status_code == 405  # never on a GET
    # As a browser sends it: the form's own CSRF token (the test client skips the check).
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    page = browser.get(SOURCES).content.decode()
    form = page[page.index(f'action="{action}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    # Back to the sources at once, told where the run will be: nothing imported in the request.
    assert import_now(browser, source, csrfmiddlewaretoken=token) == queued("Culture Hainaut")
    assert not ImportRun.objects.exists() and not Call.objects.exists()
    (task,) = queued_imports(source)
    assert task.status == TaskResultStatus.READY

    # A second click before the worker got to it queues nothing more, and says so.
    assert import_now(client, source) == already_queued("Culture Hainaut")
    assert queued_imports(source).count() == 1

    task_worker()
    run = ImportRun.objects.get(source=source)
    assert run.created == 2 and Call.objects.filter(source=source, kind=Kind.ARTIST).count() == 2
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL and task.return_value["run"] == run.pk
    source.refresh_from_db()
    assert source.last_run_at is not None
    runs = client.get(RUNS).content.decode()
    rows = listing_rows(runs)
    assert len(rows) == 1 and "Culture Hainaut" in rows[0] and f"{RUNS}inspect/{run.pk}/" in runs

    # Once done, it may be queued again: nothing new, and the run's page says why for each notice.
    assert import_now(client, source) == queued("Culture Hainaut")
    task_worker()
    again = ImportRun.objects.filter(source=source).latest("pk")
    assert again != run
    html = client.get(f"{RUNS}inspect/{again.pk}/").content.decode()
    assert text_of(html).count(said(importing.SKIP_UNCHANGED)) == 2


def test_an_import_under_way_is_not_queued_twice_unless_its_worker_died(client, editor, task_worker):
    source = Source.objects.create(name="TED", kind=SourceKind.TED_API, url="https://api.ted.europa.eu/x")
    client.force_login(editor)
    assert import_now(client, source) == queued("TED")
    # The worker has taken it (a TED import may run for minutes).
    queued_imports(source).update(status=TaskResultStatus.RUNNING, started_at=timezone.now())
    assert import_now(client, source) == already_queued("TED")
    assert queued_imports(source).count() == 1
    # Still "running" hours later: its worker died; the editor may queue it again.
    queued_imports(source).update(started_at=timezone.now() - STALE_AFTER - datetime.timedelta(minutes=1))
    assert import_now(client, source) == queued("TED")
    assert queued_imports(source).count() == 2


def test_a_source_off_the_schedule_can_be_tried_by_hand_and_a_deleted_one_is_not_imported(
    client, editor, feed_url, task_worker
):
    client.force_login(editor)
    # Not yet on the schedule: an editor tries it before ticking "Imported on schedule".
    trial = Source.objects.create(name="En essai", kind=SourceKind.FEED, url=feed_url, active=False)
    assert import_now(client, trial) == queued("En essai")
    # Deleted while its import waited: the worker imports nothing.
    gone = Source.objects.create(name="Agence", kind=SourceKind.FEED, url=feed_url)
    assert import_now(client, gone) == queued("Agence")
    gone_pk = gone.pk
    gone.delete()
    task_worker()
    assert list(ImportRun.objects.values_list("source__name", flat=True)) == ["En essai"]
    assert Call.objects.exists()
    results = {r.args_kwargs["args"][0]: r for r in DBTaskResult.objects.all()}
    assert results[gone_pk].status == TaskResultStatus.SUCCESSFUL and results[gone_pk].return_value is None
    assert results[trial.pk].return_value["created"] > 0


def test_import_now_needs_the_right_to_change_sources(client, feed_url, task_worker):
    source = Source.objects.create(name="Culture Hainaut", kind=SourceKind.FEED, url=feed_url)
    moderator = make_user("moderatrice@coop.example", group=MODERATORS)
    client.force_login(moderator)
    # Wagtail answers a refusal by sending back to the dashboard, with its own message.
    refused = client.post(f"{SOURCES}import/{source.pk}/", follow=True)
    assert refused.redirect_chain == [("/admin/", 302)]
    assert said("Sorry, you do not have permission to access this area.") in text_of(refused.content.decode())
    assert not DBTaskResult.objects.exists() and not ImportRun.objects.exists()
    calls_editor = make_user("veille@coop.example", group=CALLS_EDITORS)
    other = Client()
    other.force_login(calls_editor)
    assert import_now(other, source) == queued("Culture Hainaut")
    task_worker()
    assert ImportRun.objects.filter(source=source).count() == 1


# Import runs -----------------------------------------------------------------------------


def test_the_run_page_lists_each_notice_left_out_and_why(client, editor, tmp_path):
    run = run_import(
        "eforms",
        paths=[
            FIXTURES / "eforms_change_synthetic.xml",
            FIXTURES / "eforms_cn_24_open.xml",
            FIXTURES / "README.md",
        ],
    )
    assert (run.created, run.skipped, run.failed) == (1, 1, 1)
    client.force_login(editor)
    rows = listing_rows(client.get(RUNS).content.decode())
    assert len(rows) == 1 and "eforms_change_synthetic.xml" in rows[0]
    html = client.get(f"{RUNS}inspect/{run.pk}/").content.decode()
    text = text_of(html)
    assert said(importing.SKIP_UNKNOWN_CHANGE, refs="c4c415ee-ac08-4465-8fa6-57568cf69462-01") in text
    assert "README.md" in text and said(importing.FAILED_UNREADABLE, error="").strip() in text
    assert "c4c415ee-ac08-4465-8fa6-57568cf69462-01" in text and said(importing.CREATED) in text

    hostile = tmp_path / "hostile.xml"
    hostile.write_bytes(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><x>&a;</x>')
    refused = run_import("eforms", paths=[hostile])
    html = client.get(f"{RUNS}inspect/{refused.pk}/").content.decode()
    assert "DOCTYPE" in text_of(html)


def call_links(html):
    return re.findall(rf'<a href="{CALLS}edit/(\d+)/"[^>]*>\s*([^<]*?)\s*</a>', html)


def test_the_run_page_links_to_its_calls_and_its_source(client, editor):
    source = Source.objects.create(
        name="TED Belgique", kind=SourceKind.TED_API, url="https://api.ted.europa.eu/v3/notices/search"
    )
    first = run_import("ted-api", paths=[FIXTURES / "ted_api_page1.json"], source=source)
    assert first.created >= 2
    client.force_login(editor)
    html = client.get(f"{RUNS}inspect/{first.pk}/").content.decode()
    # Each call created, by its title in the editor's language, to its edit page.
    with translation.override("fr"):
        expected = {(str(call.pk), str(call)) for call in Call.objects.filter(source=source)}
    assert len(expected) == first.created and set(call_links(html)) == expected
    assert f'href="{SOURCES}edit/{source.pk}/"' in html
    assert client.get(f"{CALLS}edit/{call_links(html)[0][0]}/").status_code == 200

    # Seen again after an editor's change: updated, and linked too.
    call = Call.objects.get(publication_number="00012345-2026")
    Call.objects.filter(pk=call.pk).update(title_fr="Ancien titre")
    second = run_import("ted-api", paths=[FIXTURES / "ted_api_page1.json"], source=source)
    assert second.updated == 1
    html = client.get(f"{RUNS}inspect/{second.pk}/").content.decode()
    call.refresh_from_db()
    with translation.override("fr"):
        assert call_links(html) == [(str(call.pk), str(call))]

    # A log written before runs recorded their calls, or a call deleted since: no link, no error.
    Call.objects.filter(pk=call.pk).delete()
    old = ImportRun.objects.create(
        kind=SourceKind.EFORMS,
        origin="notice.xml",
        created=1,
        log=[{"notice": "12345-2020", "action": "created", "reason": "New call."}],
    )
    for run in (second, old):
        response = client.get(f"{RUNS}inspect/{run.pk}/")
        assert response.status_code == 200 and call_links(response.content.decode()) == []
    assert "12345-2020" in text_of(client.get(f"{RUNS}inspect/{old.pk}/").content.decode())


def test_import_runs_are_read_only(client, editor):
    run = run_import("eforms", paths=[FIXTURES / "eforms_cn_24_open.xml"])
    client.force_login(editor)
    html = client.get(RUNS).content.decode()
    assert f"{RUNS}inspect/{run.pk}/" in html and f'href="{RUNS}new/"' not in html
    assert client.get(f"{RUNS}new/").status_code == 404
    assert client.get(f"{RUNS}edit/{run.pk}/").status_code == 404
    admin = get_user_model().objects.filter(is_superuser=True).first()
    if admin:
        client.force_login(admin)
        assert client.get(RUNS).status_code == 200
        assert client.get(f"{RUNS}inspect/{run.pk}/").status_code == 200


def test_an_editor_adds_a_source(client, editor):
    client.force_login(editor)
    data = {
        "name": "Agence culturelle",
        "kind": SourceKind.FEED,
        "active": "on",
        "url": "ftp://example.org/appels.rss",
        "query": "",
        "language": "fr",
        "default_kind": Kind.PROJECTS,
        "default_level": Level.REGIONAL,
        "default_regions": [str(Region.objects.get(refnis="04000").pk)],
    }
    response = client.post(f"{SOURCES}new/", data)
    assert response.status_code == 200 and not Source.objects.exists()
    assert 'value="Agence culturelle"' in response.content.decode()
    response = client.post(f"{SOURCES}new/", {**data, "url": "https://agence.example/appels.rss"})
    assert response.status_code == 302, errors_of(response.content.decode())
    source = Source.objects.get()
    assert list(source.default_regions.values_list("refnis", flat=True)) == ["04000"]


def test_calls_editors_see_what_members_alerts_ask_for_without_their_addresses(client, editor):
    from calls.models import SavedSearch
    from portal.places.models import Region
    from portal.taxonomy.models import Sector

    member = make_user("lotte.janssens@example.org", first_name="Lotte", last_name="Janssens")
    alert = SavedSearch.objects.create(
        user=member, name="Photo en Wallonie", keywords="festival", kinds="tender", frequency="weekly"
    )
    alert.sectors.set(Sector.objects.filter(slug="photography"))
    alert.regions.set(Region.objects.filter(refnis="03000"))
    SavedSearch.objects.create(user=member, name="Tout", frequency="daily", active=False)
    url = reverse("calls_alerts:index")

    client.force_login(make_user("veille@coop.example", group=CALLS_EDITORS))
    page = client.get(url)
    assert page.status_code == 200
    text = text_of(page.content.decode())
    assert "Photo en Wallonie" in text and "Lotte Janssens" in text
    with translation.override("fr"):
        photography = Sector.objects.get(slug="photography").name
    assert photography in text and "“festival”" in text
    assert "lotte.janssens@example.org" not in page.content.decode()
    # Filtered to the paused ones.
    paused = text_of(client.get(url, {"active": "false"}).content.decode())
    assert "Tout" in paused and "Photo en Wallonie" not in paused
    # Read only: no add, edit or delete pages.
    assert client.get(f"/admin/calls/alerts/edit/{alert.pk}/").status_code == 404

    # The site's editors (not the calls watch's) do not see members' alerts.
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)


def test_an_import_runs_title_gives_its_time_in_brussels():
    run = ImportRun(
        kind="feed", origin="Agence", started_at=datetime.datetime(2026, 11, 27, 4, 50, tzinfo=datetime.UTC)
    )
    assert str(run).endswith("Agence (2026-11-27 05:50)")
