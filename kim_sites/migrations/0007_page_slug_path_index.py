"""An index on wagtailcore_page (slug, path).

Wagtail checks, on every page save, that the slug is free among the page's siblings with
`slug = ? AND path BETWEEN ? AND ?`. With only the slug index, the database reads every page
with that slug — every KIM has a "berita", "profil", ... — so the check, and creating a KIM,
slowed down with each KIM added. This index answers it with one seek, however many KIMs exist.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("kim_sites", "0006_moderators_without_kim_model_permission"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS kim_page_slug_path_idx ON wagtailcore_page (slug, path)",
            "DROP INDEX IF EXISTS kim_page_slug_path_idx",
        )
    ]
