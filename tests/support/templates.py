"""The project's public templates, as the tests that render pages load them."""

import copy


def templates_with_fallback(templates):
    """The project's public templates: templates/ first, then the apps' own."""
    template = copy.deepcopy(templates[0])
    template["APP_DIRS"] = False
    template["OPTIONS"]["loaders"] = [
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    return [template]
