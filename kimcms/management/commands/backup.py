from django.core.management.base import BaseCommand, CommandError

from kimcms.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump, custom format) and every media file into one folder."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help="folder in which the backup folder is made")

    def handle(self, *, output, **options):
        try:
            target = backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(target))
