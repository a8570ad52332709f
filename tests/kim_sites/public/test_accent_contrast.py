"""Any accent colour a KIM picks stays readable (WCAG 2.1 AA, 4.5:1 for text)."""

import pytest

from kim_sites.public.chrome import DEFAULT_ACCENT, accent_palette, contrast_ratio


@pytest.mark.parametrize(
    "colour", ["#0b6e4f", "#ffffff", "#000000", "#f5c400", "#00ff00", "#ff0000", "#1d4e89", "#87ceeb", "#777777"]
)
def test_text_on_and_beside_the_accent_meets_aa(colour):
    palette = accent_palette(colour)
    assert contrast_ratio(palette.on_accent, palette.accent) >= 4.5
    assert contrast_ratio(palette.accent_text, "#ffffff") >= 4.5


def test_light_accents_get_dark_text_and_dark_accents_light_text():
    assert accent_palette("#f5c400").on_accent == "#000000"
    assert accent_palette("#1d4e89").on_accent == "#ffffff"


@pytest.mark.parametrize("bad", [None, "", "red", "#12345", "#1234567", "#gggggg", "};body{display:none"])
def test_invalid_colours_fall_back_to_the_default(bad):
    assert accent_palette(bad).accent == DEFAULT_ACCENT


@pytest.mark.parametrize("accent", ["#e07000", "#f28c28", "#b35900", "#ffcc00", "#2a9d8f", "#0b6e4f"])
def test_accent_text_reads_on_the_page_wash_too(accent):
    """Accent-coloured links also sit on the pale page background, not only on white."""
    from kim_sites.public.chrome import PAGE_WASH, accent_palette, contrast_ratio

    assert contrast_ratio(accent_palette(accent).accent_text, PAGE_WASH) >= 4.5
