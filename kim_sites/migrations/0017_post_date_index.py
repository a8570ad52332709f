"""An index on posts by date, newest first: the portal lists the latest posts of every KIM
(kim_sites/public/listings.py), which without it means sorting every post of the province."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_root_page_title"),
        ("kim_sites", "0016_pending_task_state_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="postpage",
            index=models.Index(models.OrderBy(models.F("date"), descending=True), name="kim_post_date_desc_idx"),
        ),
    ]
