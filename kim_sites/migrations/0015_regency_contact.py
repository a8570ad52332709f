# Contact fields of a regency Diskominfo, shown on a suspended KIM's notice.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("kim_sites", "0014_page_views"),
    ]

    operations = [
        migrations.AddField(
            model_name="regency",
            name="contact_address",
            field=models.TextField(blank=True, max_length=300, verbose_name="alamat Diskominfo"),
        ),
        migrations.AddField(
            model_name="regency",
            name="contact_email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="e-mail Diskominfo"),
        ),
        migrations.AddField(
            model_name="regency",
            name="contact_phone",
            field=models.CharField(blank=True, max_length=32, verbose_name="telepon Diskominfo"),
        ),
    ]
