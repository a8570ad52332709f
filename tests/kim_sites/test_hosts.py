"""One spelling of each host: every comparison of hosts (Site lookup, suspension, page cache)
goes through kim_sites.hosts, so no spelling reaches what another is refused."""

import pytest

from django.test import RequestFactory

from wagtail.models import Site

from kim_sites.hosts import normalize_hostname, request_host
from kim_sites.registry.provisioning import ProvisioningError
from tests.factories.registry import make_kim


@pytest.mark.parametrize(
    "spelling, normal",
    [
        ("kim-x.kim.test", "kim-x.kim.test"),
        ("KIM-X.Kim.Test", "kim-x.kim.test"),
        ("kim-x.kim.test.", "kim-x.kim.test"),
        ("kim-x.kim.test..", "kim-x.kim.test"),
        (" kim-x.kim.test ", "kim-x.kim.test"),
        ("kim-dítutup.kim.test", "xn--kim-dtutup-o8a.kim.test"),
        ("KIM-DÍTUTUP.kim.test", "xn--kim-dtutup-o8a.kim.test"),
        ("XN--KIM-DTUTUP-O8A.kim.test", "xn--kim-dtutup-o8a.kim.test"),
        ("", ""),
    ],
)
def test_every_spelling_has_one_normal_form(spelling, normal):
    assert normalize_hostname(spelling) == normal


@pytest.mark.parametrize(
    "host, expected",
    [
        ("KIM-X.kim.test", ("kim-x.kim.test", 80)),
        ("kim-x.kim.test.:8000", ("kim-x.kim.test", 80)),
        ("[::1]:8000", ("[::1]", 80)),
        ("bad host", ("", 80)),
    ],
)
def test_request_host_reads_the_host_header(host, expected):
    # The port is the one the request came in on, as Wagtail's Site lookup uses it.
    assert request_host(RequestFactory().get("/", HTTP_HOST=host)) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("stored", ["unicode", "punycode"])
@pytest.mark.parametrize(
    "asked",
    [
        lambda name: name,
        lambda name: name.upper(),
        lambda name: name + ".",
        lambda name: name.upper() + ".:80",
    ],
    ids=["same", "upper", "dot", "upper-dot-port"],
)
def test_every_spelling_finds_the_kims_site_not_the_portal(stored, asked):
    kim = make_kim()
    site = kim.site
    site.hostname = "kim-dítutup.kim.test" if stored == "unicode" else "xn--kim-dtutup-o8a.kim.test"
    site.save()
    request = RequestFactory().get("/", HTTP_HOST=asked("xn--kim-dtutup-o8a.kim.test"))
    assert Site.find_for_request(request) == site


@pytest.mark.django_db
def test_a_site_is_stored_under_its_normal_hostname():
    site = make_kim().site
    site.hostname = "KIM-Dítutup.Kim.Test."
    site.save()
    site.refresh_from_db()
    assert site.hostname == "xn--kim-dtutup-o8a.kim.test"


@pytest.mark.django_db
def test_a_custom_domain_given_in_any_spelling_is_one_hostname():
    kim = make_kim(hostname="Désa-Maju.ID.")
    assert kim.site.hostname == "xn--dsa-maju-b1a.id"
    with pytest.raises(ProvisioningError):
        make_kim(hostname="XN--DSA-MAJU-B1A.id")
