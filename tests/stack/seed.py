"""Content of the stack test, written in the stack's own database (`manage.py shell -c`).

Run inside the stack's environment, not the test process: the people (a regency moderator and a
KIM's admin with known passwords) and the ids the test needs, printed as one JSON line.
"""

import json

from wagtail.models import Site

from kim_sites.models import PostIndexPage
from kim_sites.registry.provisioning import KimSpec, add_moderator, provision_kim
from tests.factories.pages import make_post
from tests.stack.topology import PASSWORD


def main():
    moderator = add_moderator(regency="bangka", email="moderator@stack.test", send_email=False).user
    moderator.set_password(PASSWORD)
    moderator.save()
    spec = KimSpec(
        name="KIM Stack Satu",
        regency="bangka",
        village="Desa Stack",
        district="Kecamatan Stack",
        admin_email="editor@stack.test",
        slug="stack-satu",
    )
    result = provision_kim(spec, send_email=False)
    editor = result.admin_user
    editor.set_password(PASSWORD)
    editor.is_active = True
    editor.save()
    kim = result.kim
    berita = PostIndexPage.objects.child_of(kim.home_page).get(slug="berita")
    # A post already live, for the backup and the benchmark.
    published = make_post(kim, "Kabar Stack Pertama")
    print(
        json.dumps(
            {
                "hostname": kim.site.hostname,
                "site_id": kim.site.pk,
                "berita_id": berita.pk,
                "post_path": published.relative_url(kim.site),
                "portal_site_id": Site.objects.get(is_default_site=True).pk,
                "moderator": moderator.email,
                "editor": editor.email,
            }
        )
    )
