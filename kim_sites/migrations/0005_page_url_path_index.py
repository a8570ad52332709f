"""An index on wagtailcore_page.url_path: public routing finds a page and its ancestors by URL path in
one query (kim_sites/scale/site_index.py), which must not scan every page of every KIM.

A hash index on PostgreSQL (equality only, and no row-size limit for very long paths)."""

from django.db import migrations

INDEX = "kim_page_url_path_idx"


def create(apps, schema_editor):
    using = "USING hash " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page {using}(url_path)")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("kim_sites", "0004_aspirasi_field_clean_names"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
