"""The search page on a phone: its own labelled box, result cards, no sideways scroll, axe clean."""

import pytest

from tests.e2e.conftest import run_axe

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize(("host", "query"), [("kim-nibung-maju", "warga"), (None, "kegiatan")], ids=["kim", "portal"])
def test_search_results_fit_a_phone_and_pass_axe(server, new_context, shots, host, query):
    page = new_context(**PHONE).new_page()
    base = server.site(host) if host else server.base
    page.goto(f"{base}/search/?query={query}")

    assert page.get_by_label("Kata kunci").get_attribute("id") == "search-page-query"
    page.get_by_label("Kata kunci").fill(query)
    page.get_by_label("Kata kunci").press("Enter")
    page.wait_for_load_state()

    cards = page.locator(".search-result")
    assert cards.count() > 0
    assert cards.first.locator(".search-result-type").inner_text().strip()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.evaluate("[...document.querySelectorAll('[id]')].length") == page.evaluate(
        "new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size"
    )
    shots(page, "results")
    assert run_axe(page) == []
