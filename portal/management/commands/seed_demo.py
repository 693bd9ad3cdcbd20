from django.conf import settings
from django.core.management.base import BaseCommand

from portal import registry
from portal.demo.seed import DEMO_PASSWORD, DEMO_USERS, Seeder


class Command(BaseCommand):
    help = "Create (or complete) the demo site in four languages. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--members",
            type=int,
            default=None,
            help="Passed to each app's demo seeder: how many synthetic records to add "
            "(the directory: profiles; default: top up to 300).",
        )

    def handle(self, *args, **options):
        seeder = Seeder(stdout=self.stdout)
        seeder.run()
        # Each app seeds its own demo data after the pages and accounts exist.
        for seed in registry.demo_seeders():
            seed(stdout=self.stdout, members=options["members"])
        for language, msgid in seeder.missing:
            self.stderr.write(f"No {language} translation for demo string: {msgid[:60]}")
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        if settings.DEBUG:
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
            for email, *_rest in DEMO_USERS:
                self.stdout.write(f"  {email}")
