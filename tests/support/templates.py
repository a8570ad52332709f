"""Helpers for the scale tests: public templates (the fallback ones when the project has none yet),
posts published through Wagtail's own publish path, and many KIMs provisioned in bulk."""

import copy
import datetime

from django.conf import settings as django_settings

from kim_sites.models import PostIndexPage, PostPage
from kim_sites.registry.provisioning import KimSpec, provision_kims

FALLBACK_TEMPLATES = django_settings.BASE_DIR / "kim_sites" / "fallback_templates"


def templates_with_fallback(templates):
    """The project's templates first, the fallback templates only for what does not exist."""
    template = copy.deepcopy(templates[0])
    template["APP_DIRS"] = False
    template["OPTIONS"]["loaders"] = [
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
        ("django.template.loaders.filesystem.Loader", [str(FALLBACK_TEMPLATES)]),
    ]
    return [template]


def publish_post(kim, title, *, body=None, tags=(), user=None):
    index = PostIndexPage.objects.descendant_of(kim.home_page).get()
    post = PostPage(
        title=title,
        summary=f"Ringkasan {title}",
        date=datetime.date(2026, 11, 1),
        body=body or [("paragraph", f"<p>Isi berita {title}.</p>")],
        live=False,
    )
    index.add_child(instance=post)
    for tag in tags:
        post.tags.add(tag)
    post.save_revision(user=user).publish(user=user)
    post.refresh_from_db()
    return post


def make_kims(count, prefix="massal", regencies=("bangka", "belitung", "pangkalpinang", "bangka-barat")):
    specs = [
        KimSpec(
            name=f"KIM {prefix.title()} {n}",
            regency=regencies[n % len(regencies)],
            village=f"Desa {prefix} {n}",
            district="Kecamatan Uji",
            admin_email=f"{prefix}{n}@kim-uji.id",
        )
        for n in range(count)
    ]
    return [result.kim for result in provision_kims(specs, send_email=False)]
