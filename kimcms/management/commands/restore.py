from django.core.management.base import BaseCommand, CommandError

from kimcms.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup folder (from `manage.py backup`) into the configured database and media storage."

    def add_arguments(self, parser):
        parser.add_argument("backup_dir")
        parser.add_argument("--no-input", action="store_true", help="do not ask for confirmation")

    def handle(self, *, backup_dir, no_input, **options):
        if not no_input:
            answer = input("The database is replaced by the backup's. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            result = restore(backup_dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {result['created_at']}: {result['restored_files']} files copied, {result['skipped_files']} already there"
        )
