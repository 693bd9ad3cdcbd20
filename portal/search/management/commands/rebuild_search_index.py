import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal import search
from portal.search.database import install


class Command(BaseCommand):
    help = (
        "Rebuild the search indexes of every declared document (database tables and, with "
        "SEARCH_URL, a new OpenSearch index behind its alias), then Wagtail's page indexes."
    )

    def add_arguments(self, parser):
        parser.add_argument("documents", nargs="*", help="Only these documents (e.g. members).")
        parser.add_argument("--no-pages", action="store_true", help="Leave Wagtail's page indexes alone.")

    def handle(self, *args, documents=(), no_pages=False, **options):
        declared = {d.name: d for d in search.documents()}
        unknown = set(documents) - set(declared)
        if unknown:
            raise CommandError(
                f"Unknown documents: {', '.join(sorted(unknown))}. Known: {', '.join(declared)}."
            )
        for name in documents or declared:
            document = declared[name]
            install(document, verbosity=0)
            total = document.count()
            started = time.perf_counter()

            def progress(backend, done, total=total, name=name):
                width = 30
                filled = min(width, int(width * done / total)) if total else width
                self.stdout.write(
                    f"\r{name} {backend:>10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
                    ending="",
                )
                self.stdout.flush()

            done = search.rebuild(document, progress=progress)
            self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS(f"Indexed {done} {name} in {time.perf_counter() - started:.1f} s.")
            )
        if not no_pages and not documents and settings.SEARCH_URL:
            call_command("update_index", verbosity=options.get("verbosity", 1))
