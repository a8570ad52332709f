"""Replace Wagtail's welcome page with the portal home, and remove the fresh-install defaults.

Wagtail creates "Editors" and "Moderators" groups with permissions on the root page and the
root collection, and a "Moderators approval" workflow on the root. On a multi-site platform
they would let every KIM see every other KIM, so they go before anyone can be added to them.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    Task = apps.get_model("wagtailcore.Task")
    PortalHomePage = apps.get_model("home.PortalHomePage")

    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()
    for workflow in Workflow.objects.filter(name="Moderators approval"):
        workflow.workflow_pages.all().delete()
        workflow.workflow_tasks.all().delete()
        workflow.delete()
    Task.objects.filter(name="Moderators approval").delete()

    # The welcome page that Wagtail's own migration created (depth 2, slug "home").
    Page.objects.filter(
        depth=2,
        slug="home",
        content_type__app_label="wagtailcore",
        content_type__model="page",
    ).delete()
    content_type, _ = ContentType.objects.get_or_create(
        model="portalhomepage", app_label="home"
    )
    locale = Locale.objects.get_or_create(language_code="id")[0]
    root = Page.objects.get(depth=1)
    if PortalHomePage.objects.exists():
        return
    # Number the new page after any remaining children of the root (treebeard's path scheme).
    last = Page.objects.filter(depth=2).order_by("-path").first()
    index = int(last.path[4:8], 36) + 1 if last else 1
    path = root.path + _base36(index).rjust(4, "0")
    home = PortalHomePage.objects.create(
        title="KIM Kepulauan Bangka Belitung",
        draft_title="KIM Kepulauan Bangka Belitung",
        slug="portal",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/portal/",
        locale=locale,
        live=True,
        intro="<p>Kabar terbaru dari Kelompok Informasi Masyarakat se-Kepulauan Bangka Belitung.</p>",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="Portal KIM Babel",
    )


def _base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rem = divmod(number, 36)
        out = digits[rem] + out
    return out or "0"


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_images_and_portal"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
