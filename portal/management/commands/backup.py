from django.core.management.base import BaseCommand

from portal.backup import backup


class Command(BaseCommand):
    help = "Back up the database and the media files into DIR/<timestamp>/ (default: backups/)."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default="backups")

    def handle(self, directory, **options):
        target = backup(directory)
        self.stdout.write(str(target))
