"""What a Wagtail or wagtail-localize upgrade must not change behind the platform's back.

Each part fails with a pointer to the upgrade checklist in docs/upgrading.md:

- the installed versions are the ones every reach into Wagtail was last checked against;
- every admin path that kim_sites/access/admin_urls.py shadows is still the path Wagtail's own URL
  name reverses to (a path Wagtail moves would otherwise reopen its unscoped view at the new path,
  while the permission matrix, which requests hard-coded paths, stayed green);
- every template of the platform that overrides one of Wagtail's (or another installed app's)
  was written against the original stored in tests/upgrade_guard/<name>.orig; when the installed
  original changes, the test names the file and shows the diff to carry over.
"""

import difflib
import importlib.metadata
from pathlib import Path

import pytest

from django.conf import settings
from django.template.utils import get_app_template_dirs
from django.urls import resolve, reverse

from kim_sites.access import admin_urls as isolation_urls

CHECKLIST = "docs/upgrading.md, section 'Upgrade checklist'"

# Last checked against these (docs/upgrading.md, "Last checked").
PINNED_VERSIONS = {
    "wagtail": "8.0.1",
    "wagtail-localize": "1.14.5",
}

ORIGINALS = Path(__file__).parent / "upgrade_guard"


@pytest.mark.parametrize("distribution", sorted(PINNED_VERSIONS))
def test_installed_version_is_the_one_last_checked(distribution):
    installed = importlib.metadata.version(distribution)
    assert installed == PINNED_VERSIONS[distribution], (
        f"{distribution} {installed} is installed; the platform was last checked against "
        f"{PINNED_VERSIONS[distribution]}. Work through {CHECKLIST}, then update PINNED_VERSIONS "
        "in tests/test_upgrade_guard.py and 'last checked' in docs/upgrading.md."
    )


# Each route of kim_sites/access/admin_urls.py (below /admin/) -> Wagtail's own URL name for that
# path, and the arguments to reverse it with (the same values fill the route's parameters).
SHADOWED = {
    "pages/<int:parent_page_id>/": ("wagtailadmin_explore", {"parent_page_id": 7}),
    "pages/<int:parent_page_id>/results/": ("wagtailadmin_explore_results", {"parent_page_id": 7}),
    "localize/page/<int:page_id>/convert_to_alias/": ("wagtail_localize:convert_to_alias", {"page_id": 7}),
    "localize/update/<int:translation_source_id>/": (
        "wagtail_localize:update_translations",
        {"translation_source_id": 7},
    ),
    "localize/reports/translations/": ("wagtail_localize:translations_report", {}),
    "localize/reports/translations/results/": ("wagtail_localize:translations_report_results", {}),
    "reports/site-history/": ("wagtailadmin_reports:site_history", {}),
    "reports/site-history/results/": ("wagtailadmin_reports:site_history_results", {}),
    "reports/locked/": ("wagtailadmin_reports:locked_pages", {}),
    "reports/locked/results/": ("wagtailadmin_reports:locked_pages_results", {}),
    "reports/workflow/": ("wagtailadmin_reports:workflow", {}),
    "reports/workflow/results/": ("wagtailadmin_reports:workflow_results", {}),
    "reports/page-types-usage/": ("wagtailadmin_reports:page_types_usage", {}),
    "reports/page-types-usage/results/": ("wagtailadmin_reports:page_types_usage_results", {}),
    "forms/": ("wagtailforms:index", {}),
    "forms/results/": ("wagtailforms:index_results", {}),
    "images/": ("wagtailimages:index", {}),
    "images/results/": ("wagtailimages:index_results", {}),
    "documents/": ("wagtaildocs:index", {}),
    "documents/results/": ("wagtaildocs:index_results", {}),
    "images/chooser/": ("wagtailimages_chooser:choose", {}),
    "choose-page/": ("wagtailadmin_choose_page", {}),
    "choose-page/<int:parent_page_id>/": ("wagtailadmin_choose_page_child", {"parent_page_id": 7}),
    "choose-page/chosen-multiple/": ("wagtailadmin_choose_page_chosen_multiple", {}),
    "tag-autocomplete/": ("wagtailadmin_tag_autocomplete", {}),
    "tag-autocomplete/<slug:app_name>/<slug:model_name>/": (
        "wagtailadmin_tag_model_autocomplete",
        {"app_name": "taggit", "model_name": "tag"},
    ),
}


def _shadow_path(route, kwargs):
    """The path the platform's shadow answers, with the route's parameters filled in."""
    path = route
    for name, value in kwargs.items():
        path = path.replace(f"<int:{name}>", str(value)).replace(f"<slug:{name}>", str(value))
    assert "<" not in path, f"fill every parameter of {route!r} in SHADOWED"
    return "/admin/" + path


def test_every_shadowed_path_is_guarded():
    routes = {str(pattern.pattern) for pattern in isolation_urls.urlpatterns}
    assert routes == set(SHADOWED), (
        "kim_sites/access/admin_urls.py and SHADOWED in tests/test_upgrade_guard.py list different paths: "
        f"unguarded {sorted(routes - set(SHADOWED))}, stale {sorted(set(SHADOWED) - routes)}"
    )


@pytest.mark.parametrize("route", sorted(SHADOWED))
def test_wagtail_url_name_reverses_to_the_shadowed_path(route):
    url_name, kwargs = SHADOWED[route]
    shadow = _shadow_path(route, kwargs)
    wagtail_path = reverse(url_name, kwargs=kwargs)
    assert wagtail_path == shadow, (
        f"Wagtail's {url_name!r} is now at {wagtail_path}, but kim_sites/access/admin_urls.py shadows {shadow}: "
        f"the unscoped view is open again. Move the shadow to the new path ({CHECKLIST})."
    )
    # And the platform's view, not Wagtail's, answers there.
    ours = next(pattern for pattern in isolation_urls.urlpatterns if str(pattern.pattern) == route)
    assert resolve(wagtail_path).func is ours.callback, f"{wagtail_path} is no longer answered by the shadow"


def _project_dir(path):
    return Path(path).resolve().is_relative_to(Path(settings.BASE_DIR).resolve()) and ".venv" not in Path(path).parts


def _project_templates():
    """Every template file of the project: templates/ and the project's own apps' template folders."""
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    folders += [Path(folder) for folder in get_app_template_dirs("templates") if _project_dir(folder)]
    for folder in folders:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                yield file.relative_to(folder).as_posix()


def _installed_original(name):
    """The template of that name shipped by an installed (not the project's) app, if any."""
    for folder in get_app_template_dirs("templates"):
        if not _project_dir(folder) and (Path(folder) / name).is_file():
            return Path(folder) / name
    return None


def _overrides():
    return sorted({name for name in _project_templates() if _installed_original(name) is not None})


def _stored():
    return sorted(file.relative_to(ORIGINALS).as_posix().removesuffix(".orig") for file in ORIGINALS.rglob("*.orig"))


def test_every_overriding_template_has_its_original_stored():
    overrides = _overrides()
    assert overrides, "no template of the project overrides an installed one: is the discovery broken?"
    assert overrides == _stored(), (
        "the templates that override an installed app's template and the originals stored in "
        f"tests/upgrade_guard/ differ. Overriding: {overrides}; stored: {_stored()}. Store the original "
        "of each new override as tests/upgrade_guard/<name>.orig and list it in docs/upgrading.md."
    )


@pytest.mark.parametrize("name", _stored())
def test_installed_original_is_the_one_the_override_was_written_against(name):
    original = _installed_original(name)
    assert original is not None, f"{name}: the installed apps no longer ship it; the override is dead ({CHECKLIST})"
    stored = (ORIGINALS / f"{name}.orig").read_text()
    installed = original.read_text()
    diff = "".join(
        difflib.unified_diff(
            stored.splitlines(keepends=True),
            installed.splitlines(keepends=True),
            fromfile=f"tests/upgrade_guard/{name}.orig",
            tofile=str(original),
        )
    )
    assert not diff, (
        f"templates/{name} overrides a Wagtail template that changed upstream. Carry the change into the "
        f"override, then copy the new original to tests/upgrade_guard/{name}.orig ({CHECKLIST}).\n{diff}"
    )
