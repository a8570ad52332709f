"""Public templates for the tests that render pages: the project's own, and the fallback ones
only for what the project does not have."""

import copy

from django.conf import settings as django_settings

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
