"""The third process of the two-server test: changes the data as an admin or the CLI would.

Reads one JSON command per line on stdin and answers one JSON line on stdout, so that Django
starts once. Run as `python -m tests.kim_sites.scale.two_process.control` with the servers' settings.
"""

import json
import sys
import traceback

import django


def migrate():
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return {}


def setup(slug):
    from wagtail.models import Site

    from kim_sites.models import AspirasiFormPage, KimSiteSettings
    from tests.factories.pages import make_post
    from tests.factories.registry import make_kim

    kim = make_kim(
        "bangka",
        name=f"KIM Dua Proses {slug}",
        village=f"Desa {slug}",
        district="Kecamatan Uji",
        admin_email=f"{slug}@kim-uji.id",
        slug=slug,
    )
    # Site settings are created on first use (which purges): create them before the pages are warmed.
    KimSiteSettings.for_site(kim.site)
    KimSiteSettings.for_site(Site.objects.get(is_default_site=True))
    private = make_post(kim, f"Kabar Rahasia {slug}")
    withdrawn = make_post(kim, f"Kabar Ditarik {slug}")
    form = AspirasiFormPage.objects.descendant_of(kim.home_page).get()
    return {
        "host": kim.site.hostname,
        "private": {"id": private.pk, "path": private.get_url_parts()[2], "title": private.title},
        "withdrawn": {"id": withdrawn.pk, "path": withdrawn.get_url_parts()[2], "title": withdrawn.title},
        "form": form.get_url_parts()[2],
    }


def restrict(page_id):
    """What the admin's privacy dialog saves for "private, accessible to logged-in users"."""
    from wagtail.models import Page, PageViewRestriction

    PageViewRestriction.objects.create(page=Page.objects.get(pk=page_id), restriction_type=PageViewRestriction.LOGIN)
    return {}


def unpublish(page_id):
    from wagtail.models import Page

    Page.objects.get(pk=page_id).specific.unpublish()
    return {}


def suspend(slug):
    from kim_sites.models import Kim
    from kim_sites.registry.provisioning import set_kim_status

    set_kim_status(Kim.objects.get(slug=slug), Kim.Status.SUSPENDED)
    return {}


ACTIONS = {"migrate": migrate, "setup": setup, "restrict": restrict, "unpublish": unpublish, "suspend": suspend}


def main():
    django.setup()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        try:
            result = ACTIONS[command["action"]](**command.get("args", {}))
            print(json.dumps({"ok": True, "result": result}), flush=True)
        except Exception:
            print(json.dumps({"ok": False, "error": traceback.format_exc()}), flush=True)


if __name__ == "__main__":
    main()
