"""Wagtail's own tests, run with the site index's replacements installed (`make test-wagtail`)."""
