"""The benchmark's building blocks measure what they claim (the full run is `manage.py bench`)."""

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import TaskState

from kim_sites.models import KimSiteSettings
from tests.factories.accounts import make_moderator
from tests.factories.pages import make_post
from tests.factories.registry import make_kim
from tests.support.templates import templates_with_fallback
from tools.bench import runner as bench

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def public_templates(settings):
    settings.TEMPLATES = templates_with_fallback(settings.TEMPLATES)


def test_page_measurements_report_time_and_constant_queries():
    kim = make_kim(name="KIM Bench 0")
    for n in range(3):
        make_post(kim, f"Kabar {n}", tags=["umkm"])
    KimSiteSettings.for_site(kim.site)
    editor = kim.admin_group.user_set.first()
    editor.set_password("x")
    editor.save()
    figures = bench.measure_pages(kim.slug, quick=True)["pages"]
    assert set(figures) >= {"kim_home", "post", "portal", "pageurl_us", "root_paths_bytes"}
    post = figures["post"]
    assert post["anon_cached_queries"] == 0
    assert 0 < post["anon_uncached_queries"] <= 6
    assert post["anon_uncached_ms"] > post["anon_cached_ms"] > 0
    assert figures["pageurl_us"] > 0


def test_pending_items_are_reviewable_by_the_regency_moderator():
    kim = make_kim()
    moderator = make_moderator(kim.regency)
    bench.create_pending_items(kim, 25)
    assert TaskState.objects.reviewable_by(moderator).count() == 25
    outsider = make_moderator("belitung")
    assert TaskState.objects.reviewable_by(outsider).count() == 0


def test_bench_command_rejects_bad_site_lists():
    with pytest.raises(CommandError, match="daftar angka"):
        call_command("bench", sites="sepuluh")
    with pytest.raises(CommandError, match="minimal 1"):
        call_command("bench", sites="0")


def test_dashboard_is_measured_past_the_second_factor(settings):
    settings.KIM_2FA_ENFORCED = True
    settings.ALLOWED_HOSTS = ["*"]
    kim = make_kim()
    moderator = make_moderator(kim.regency, email="moderator@bench.kim.id")
    moderator.set_password("bench12345")
    moderator.save()
    figures = bench.measure_dashboard(kim.slug, pending=1)
    assert figures["dashboard_none"]["status"] == 200
