from django.core.management.base import BaseCommand, CommandError

from portal.backup import restore


class Command(BaseCommand):
    help = "Replace the database and the media files with those of a backup directory."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        parser.add_argument("--force", action="store_true", help="restore even if the migrations differ")

    def handle(self, directory, yes=False, force=False, **options):
        if not yes and input(f"Replace the database and media files with {directory}? [y/N] ").lower() != "y":
            raise CommandError("Nothing restored.")
        try:
            manifest = restore(directory, force=force)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup of {manifest['created']} ({manifest['engine']}).")
