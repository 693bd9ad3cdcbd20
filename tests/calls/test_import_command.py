"""`manage.py import_calls` and `refresh_call_statuses`: files, directories, addresses (a real
HTTP server on 127.0.0.1), every active source, progress lines, the final counts and the exit
status of a refused import."""

import contextlib
import datetime
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from calls.management.commands import import_calls, refresh_call_statuses
from calls.models import Call, ImportRun, Kind, Level, Source, SourceKind, Status

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss>&lol2;</rss>"""


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_calls", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, body, content_type):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/feed.rss":
            self._send((FIXTURES / "feed_rss_fr.xml").read_bytes(), "application/rss+xml")
        elif self.path == "/hostile.rss":
            self._send(BILLION_LAUGHS, "application/rss+xml")
        else:
            self.send_error(404)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.queries.append(body["query"])
        page = (
            "ted_api_page2.json" if body.get("iterationNextToken") == "token-page-2" else "ted_api_page1.json"
        )
        self._send((FIXTURES / page).read_bytes(), "application/json")


@pytest.fixture
def server(settings):
    settings.CALLS_IMPORT_PRIVATE_HOSTS = True  # the test server is on 127.0.0.1
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.queries = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_importing_files_prints_the_counts():
    out, err = run("eforms", file=[str(FIXTURES / "eforms_cn_24_open.xml")])
    run_id = ImportRun.objects.latest("pk").pk
    assert out.strip() == f"Import run {run_id}: 1 created, 0 updated, 0 skipped, 0 failed."
    out, _err = run("eforms", "--file", str(FIXTURES / "eforms_cn_24_open.xml"))
    assert out.strip().endswith(": 0 created, 0 updated, 1 skipped, 0 failed.")
    assert Call.objects.count() == 1


def test_several_files_and_a_directory(tmp_path):
    out, _err = run(
        "ted-api",
        "--file",
        str(FIXTURES / "ted_api_page1.json"),
        "--file",
        str(FIXTURES / "ted_api_page2.json"),
    )
    assert out.strip().endswith(": 4 created, 1 updated, 0 skipped, 0 failed.")
    folder = tmp_path / "notices"
    folder.mkdir()
    for name in ("eforms_cn_24_open.xml", "eforms_change_synthetic.xml", "eforms_can_24_minimal.xml"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    (folder / "readme.txt").write_text("not a notice")
    out, _err = run("eforms", "--file", str(folder))
    # Files in name order: the award notice, the change (for a notice not yet there), the notice.
    assert out.strip().endswith(": 2 created, 0 updated, 1 skipped, 0 failed.")


def test_a_hostile_or_unreadable_file_exits_with_an_error(tmp_path):
    hostile = tmp_path / "hostile.xml"
    hostile.write_bytes(BILLION_LAUGHS)
    with pytest.raises(CommandError, match="Refused, nothing was imported: .*DOCTYPE"):
        run("feed", "--file", str(hostile), "--language", "fr")
    with pytest.raises(CommandError, match="Cannot read"):
        run("eforms", "--file", str(tmp_path / "missing.xml"))
    assert not Call.objects.exists()
    assert ImportRun.objects.filter(error__startswith="Refused").count() == 1


def test_wrong_arguments_are_explained():
    with pytest.raises(CommandError, match="Say what to import"):
        run()
    with pytest.raises(CommandError, match="either --file"):
        run("feed")
    with pytest.raises(CommandError, match="either --file"):
        run("feed", "--file", "x.xml", "--url", "https://example.org/feed")
    with pytest.raises(CommandError, match="--query is for ted-api"):
        run("feed", "--url", "https://example.org/feed", "--query", "x")
    with pytest.raises(CommandError, match="not http or https"):
        run("feed", "--url", "file:///etc/passwd")


def test_progress_every_hundred_notices_and_silence_at_verbosity_0(tmp_path):
    template = json.loads((FIXTURES / "ted_api_page1.json").read_text())["notices"][2]
    notices = [{**template, "publication-number": f"{20000 + n:08d}-2026"} for n in range(230)]
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"notices": notices, "totalNoticeCount": 230}))
    out, err = run("ted-api", "--file", str(page))
    assert err.splitlines() == [
        "100 notices: 100 created, 0 updated, 0 skipped, 0 failed",
        "200 notices: 200 created, 0 updated, 0 skipped, 0 failed",
    ]
    assert out.strip().endswith(": 230 created, 0 updated, 0 skipped, 0 failed.")
    out, err = run("ted-api", "--file", str(page), verbosity=0)
    assert (out, err) == ("", "")


def test_a_feed_and_the_ted_search_api_from_their_addresses(server):
    httpd, base = server
    out, _err = run("feed", "--url", f"{base}/feed.rss", "--kind", "artist", "--level", "regional")
    assert out.strip().endswith(": 2 created, 0 updated, 0 skipped, 0 failed.")
    # A relative link is resolved against the feed's address.
    call = Call.objects.get(source_ref__endswith="festivals-quartier")
    assert call.url == f"{base}/appels/festivals-quartier" and call.kind == Kind.ARTIST

    out, _err = run("ted-api", "--url", f"{base}/v3/notices/search")
    assert out.strip().endswith(": 4 created, 1 updated, 0 skipped, 0 failed.")
    assert httpd.queries == [import_calls.DEFAULT_TED_QUERY] * 2
    run("ted-api", "--url", f"{base}/v3/notices/search", "--query", "buyer-country=BEL")
    assert httpd.queries[-1] == "buyer-country=BEL"


def test_a_source_on_the_portals_own_network_is_refused(server, settings):
    _httpd, base = server
    settings.CALLS_IMPORT_PRIVATE_HOSTS = False  # the default
    with pytest.raises(
        CommandError, match=r"Unreadable, nothing was imported: 127.0.0.1 is a private or local address"
    ):
        run("feed", "--url", f"{base}/feed.rss")
    assert not Call.objects.exists()
    assert "private or local address" in ImportRun.objects.get().error


def test_all_sources(server):
    _httpd, base = server
    feed = Source.objects.create(
        name="Agence culturelle", kind=SourceKind.FEED, url=f"{base}/feed.rss", default_kind=Kind.GRANT
    )
    ted = Source.objects.create(
        name="TED Belgique",
        kind=SourceKind.TED_API,
        url=f"{base}/v3/notices/search",
        query="buyer-country=BEL",
    )
    Source.objects.create(name="Ancienne", kind=SourceKind.FEED, url=f"{base}/gone.rss", active=False)
    out, _err = run("--all-sources")
    assert out.splitlines() == [
        "Agence culturelle: 2 created, 0 updated, 0 skipped, 0 failed.",
        "TED Belgique: 4 created, 1 updated, 0 skipped, 0 failed.",
    ]
    feed.refresh_from_db()
    ted.refresh_from_db()
    assert feed.last_run_at and ted.last_run_at
    assert set(Call.objects.filter(source=feed).values_list("kind", flat=True)) == {Kind.GRANT}
    assert Call.objects.filter(source=ted).count() == 4
    assert Call.objects.get(source=feed, source_ref__startswith="culture").level == Level.REGIONAL

    Source.objects.create(name="Piégée", kind=SourceKind.FEED, url=f"{base}/hostile.rss", language="fr")
    with pytest.raises(CommandError, match="Piégée: Refused"):
        run("--all-sources", verbosity=0)
    with pytest.raises(CommandError, match="give no kind"):
        run("feed", "--all-sources")


def test_the_task_worker_runs_the_same_work(server):
    _httpd, base = server
    Source.objects.create(name="Agence", kind=SourceKind.FEED, url=f"{base}/feed.rss")
    result = import_calls.import_all_sources.enqueue()
    assert result.return_value[0]["created"] == 2
    Call.objects.update(status=Status.OPEN, deadline=timezone.now() - datetime.timedelta(days=1))
    assert refresh_call_statuses.refresh_call_statuses.enqueue().return_value == 2


def test_refresh_call_statuses_command():
    Call.objects.create(
        title_fr="Passé", status=Status.OPEN, deadline=timezone.now() - datetime.timedelta(hours=2)
    )
    out = io.StringIO()
    call_command("refresh_call_statuses", stdout=out)
    assert out.getvalue().strip() == "Calls closed: 1"
    assert Call.objects.get().status == Status.CLOSED


def test_the_help_says_how_to_schedule_it():
    for name in ("import_calls", "refresh_call_statuses"):
        out = io.StringIO()
        with contextlib.suppress(SystemExit), contextlib.redirect_stdout(out):
            call_command(name, "--help")
        assert "cron" in out.getvalue() and "db_worker" in out.getvalue()
