"""The tree's root page is titled in Indonesian.

Wagtail's own migration titles it "Root", and the admin shows that title as the top of the page
chooser's and the explorer's breadcrumbs. It is data, not a message, so no catalog translates it.
"""

from django.db import migrations

WAGTAIL_TITLE = "Root"
TITLE = "Semua situs"


def rename(apps, old, new):
    Page = apps.get_model("wagtailcore.Page")
    Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)


def forwards(apps, schema_editor):
    rename(apps, WAGTAIL_TITLE, TITLE)


def backwards(apps, schema_editor):
    rename(apps, TITLE, WAGTAIL_TITLE)


class Migration(migrations.Migration):
    dependencies = [("home", "0003_portal_home_and_remove_wagtail_defaults")]

    operations = [migrations.RunPython(forwards, backwards)]
