"""The seven regencies (kabupaten/kota) of Kepulauan Bangka Belitung.

Their pages, collections and moderator groups are built after migrate by
`kim_sites.registry.structure.ensure_regency_structure`, which uses the real models.
"""

from django.db import migrations

REGENCIES = [
    ("bangka", "Kabupaten Bangka", "kabupaten", "Sungailiat"),
    ("bangka-barat", "Kabupaten Bangka Barat", "kabupaten", "Muntok"),
    ("bangka-tengah", "Kabupaten Bangka Tengah", "kabupaten", "Koba"),
    ("bangka-selatan", "Kabupaten Bangka Selatan", "kabupaten", "Toboali"),
    ("belitung", "Kabupaten Belitung", "kabupaten", "Tanjung Pandan"),
    ("belitung-timur", "Kabupaten Belitung Timur", "kabupaten", "Manggar"),
    ("pangkalpinang", "Kota Pangkalpinang", "kota", "Pangkalpinang"),
]


def forwards(apps, schema_editor):
    Regency = apps.get_model("kim_sites.Regency")
    for slug, name, kind, seat in REGENCIES:
        Regency.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "seat": seat,
                "province": "Kepulauan Bangka Belitung",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("kim_sites", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
