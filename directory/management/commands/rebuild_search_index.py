import time

from django.core.management.base import BaseCommand

from directory import indexing
from directory.models import MemberProfile


class Command(BaseCommand):
    help = (
        "Rebuild every search index: members (database rows and, with SEARCH_URL, a new OpenSearch "
        "index behind its alias) and Wagtail's page indexes."
    )

    def handle(self, *args, **options):
        total = MemberProfile.objects.count()
        started = time.perf_counter()

        def progress(index, done):
            width = 30
            filled = min(width, int(width * done / total)) if total else width
            self.stdout.write(
                f"\r{index:>10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=""
            )
            self.stdout.flush()

        done = indexing.reindex(progress=progress)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {done} profiles in {time.perf_counter() - started:.1f} s.")
        )
