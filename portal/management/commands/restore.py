from django.core.management.base import BaseCommand, CommandError

from portal.backup import restore


class Command(BaseCommand):
    help = "Replace the database and the media files with those of a backup directory."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, directory, yes=False, **options):
        if not yes and input(f"Replace the database and media files with {directory}? [y/N] ").lower() != "y":
            raise CommandError("Nothing restored.")
        manifest = restore(directory)
        self.stdout.write(f"Restored the backup of {manifest['created']} ({manifest['engine']}).")
