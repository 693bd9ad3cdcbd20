"""Import calls for tenders and projects: `python manage.py import_calls KIND --file/--url`."""

from argparse import RawDescriptionHelpFormatter

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django_tasks import task

from calls.importing import DEFAULT_TED_QUERY, import_source, run_import, summary
from calls.models import Kind, Level, Source, SourceKind

KINDS = [SourceKind.EFORMS.value, SourceKind.TED_API.value, SourceKind.FEED.value]

HELP = f"""Import calls from TED eForms XML notices, TED Search API answers, or RSS/Atom feeds.

    import_calls eforms --file notice.xml [--file other.xml]   (or --file a-directory/)
    import_calls ted-api --file page.json                       (a saved Search API answer)
    import_calls ted-api --url https://api.ted.europa.eu/v3/notices/search [--query "..."]
    import_calls feed --url https://example.org/calls.rss --language fr --kind projects
    import_calls --all-sources                                  (every active source, admin's list)

A notice seen again updates its call (a TED XML notice and the Search API hit of the same
procedure are one call); change notices correct the call they refer to; award notices close it.
Every run is recorded with what it created, updated, skipped or could not read, and why
(admin: Calls > Import runs). A hostile or unreadable document is refused, changes nothing, and
the command exits with status 1. The TED query defaults to "{DEFAULT_TED_QUERY}".
Downloads are http(s) only, with size and time limits.

Run the scheduled sources every hour from cron:

    15 * * * *  cd /srv/portal && .venv/bin/python manage.py import_calls --all-sources --verbosity 0
    20 * * * *  cd /srv/portal && .venv/bin/python manage.py refresh_call_statuses --verbosity 0

(or a systemd timer). From the task worker (`manage.py db_worker`): enqueue the task
`calls.management.commands.import_calls.import_all_sources` (e.g. `import_all_sources.enqueue()`
from a scheduler), and the worker runs it."""


def import_sources(progress=None, stdout=None):
    """Import every active source, one run each; returns the runs."""
    runs = []
    for source in Source.objects.filter(active=True).order_by("name", "pk"):
        run = import_source(source, progress=progress)
        if stdout is not None:
            stdout(f"{source.name}: {summary(run)}")
        runs.append(run)
    return runs


@task()
def import_all_sources():
    """The command's --all-sources, for the task worker: the runs' counts."""
    return [
        {"source": run.source_id, "created": run.created, "updated": run.updated, "error": run.error}
        for run in import_sources()
    ]


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("kind", nargs="?", choices=KINDS, help="What the documents are.")
        parser.add_argument(
            "--file",
            action="append",
            default=[],
            dest="files",
            metavar="PATH",
            help="A file to import (may be given several times), or a directory of them.",
        )
        parser.add_argument("--url", default="", help="An http(s) address to download from.")
        parser.add_argument(
            "--query",
            default="",
            help=f'TED expert query for ted-api --url (default: "{DEFAULT_TED_QUERY}").',
        )
        parser.add_argument(
            "--language", default="", help="Language of a feed that does not say its own (fr, nl…)."
        )
        parser.add_argument(
            "--kind", dest="call_kind", choices=Kind.values, help="Kind of the imported calls."
        )
        parser.add_argument(
            "--level", choices=Level.values, help="Level of a feed's calls (default regional)."
        )
        parser.add_argument("--all-sources", action="store_true", help="Import every active source.")

    def handle(self, *args, **options):
        # The operator's terminal reads English, whatever the site's default language.
        with translation.override("en"):
            return self._handle(*args, **options)

    def _handle(self, *args, **options):
        verbosity = options["verbosity"]

        def say(line):
            if verbosity:
                self.stdout.write(line)

        def progress(done, run):
            if verbosity:
                self.stderr.write(
                    f"{done} notices: {run.created} created, {run.updated} updated, "
                    f"{run.skipped} skipped, {run.failed} failed"
                )

        if options["all_sources"]:
            if options["kind"] or options["files"] or options["url"]:
                raise CommandError("--all-sources imports the saved sources: give no kind, --file or --url.")
            runs = import_sources(progress=progress, stdout=say)
            refused = [run for run in runs if run.error]
            if not runs:
                say("No active source.")
            if refused:
                raise CommandError(
                    "; ".join(
                        f"{run.source.name if run.source else run.origin}: {run.error}" for run in refused
                    )
                )
            return

        kind = options["kind"]
        if not kind:
            raise CommandError(f"Say what to import: one of {', '.join(KINDS)} (or --all-sources).")
        if bool(options["files"]) == bool(options["url"]):
            raise CommandError("Give either --file (once or more) or --url.")
        if options["query"] and kind != SourceKind.TED_API:
            raise CommandError("--query is for ted-api only.")
        defaults = {
            key: value
            for key, value in (("kind", options["call_kind"]), ("level", options["level"]))
            if value
        }
        run = run_import(
            kind,
            paths=options["files"],
            url=options["url"],
            query=options["query"],
            language=options["language"],
            defaults=defaults,
            progress=progress,
        )
        if run.error:
            raise CommandError(run.error)
        say(
            f"Import run {run.pk}: {run.created} created, {run.updated} updated, "
            f"{run.skipped} skipped, {run.failed} failed."
        )
