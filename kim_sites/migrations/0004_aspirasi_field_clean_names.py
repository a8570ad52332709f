"""Name the keys of aspirasi form fields that provisioning created without one.

Provisioning used bulk_create, which skips AbstractFormField.save(), so `clean_name` stayed empty:
submissions were stored under the right keys, but the admin's submission list and CSV export,
which read `clean_name`, showed empty columns.
"""

from django.db import migrations


def name_fields(apps, schema_editor):
    from wagtail.contrib.forms.utils import get_field_clean_name

    AspirasiFormField = apps.get_model("kim_sites", "AspirasiFormField")
    for field in AspirasiFormField.objects.filter(clean_name=""):
        field.clean_name = get_field_clean_name(field.label)
        field.save(update_fields=["clean_name"])


class Migration(migrations.Migration):
    dependencies = [("kim_sites", "0003_site_settings_permissions")]

    operations = [migrations.RunPython(name_fields, migrations.RunPython.noop)]
