from django.core.management.base import BaseCommand

from home.admin_catalog import DOMAINS, compile_po, extract_templates, update_catalog


class Command(BaseCommand):
    help = (
        "After upgrading Wagtail or another admin app: extract their current messages (needs GNU gettext), "
        "merge them into locale/id/LC_MESSAGES and list the ones still untranslated."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list-missing", action="store_true", help="Print every untranslated msgid.")

    def handle(self, *args, **options):
        templates = extract_templates()
        for domain in DOMAINS:
            result = update_catalog(domain, templates[domain])
            compile_po(result.path)
            self.stdout.write(
                f"{domain}: {result.total} messages, {result.ours} already ours, {result.upstream} taken from "
                f"the apps' Indonesian catalogs, {len(result.missing)} untranslated, {result.dropped} no longer used"
            )
            if options["list_missing"]:
                for entry in result.missing:
                    self.stdout.write(f"  {entry.msgid!r}")
