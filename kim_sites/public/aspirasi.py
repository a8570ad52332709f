"""The aspirasi form's defences, its reference numbers and its notification.

* A honeypot field that people never see (hidden from sight and from screen readers) but form-filling
  bots do: when it is filled in, the form fails with a generic error and nothing is stored or sent.
* A rate limit that counts valid submissions only: a visitor correcting a mistake never uses up
  their allowance. Two counters per form, both in the shared store (`rate_limit`), so every app
  process sees the same count:
  - per browser: the client address with a hash of its User-Agent and Accept-Language, so that a
    village meeting behind one NAT address can all send (`KIM_ASPIRASI_RATE_LIMIT`);
  - per client address, looser, so that changing the User-Agent does not lift the limit
    altogether (`KIM_ASPIRASI_ADDRESS_RATE_LIMIT`).
  Over either, the visitor gets HTTP 429 with `Retry-After`, a page in the site's layout that says
  when to try again and keeps what they typed, and nothing is stored.
* Every submission has a reference number (`ASP-<date>-<id>`), derived from the stored submission,
  so the one the visitor reads on the thank-you page is the one the KIM's editors see in the admin's
  list and export, old submissions included.
* The e-mail to the KIM is in Indonesian, quotes the reference and says where to read every
  submission in the admin.

This module holds no models: `models.AspirasiFormPage` mixes `AspirasiFormMixin` in.
"""

import datetime
import hashlib
import logging

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from kim_sites.access import rate_limit as counters
from kim_sites.access.client_ip import client_address
from kim_sites.conf import kim_settings
from kim_sites.dates import format_date, format_time

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website_hp"
MULTILINE_MAX_LENGTH = 5000
REFERENCE_FIELD = "reference"
GENERIC_ERROR = _("Formulir tidak dapat dikirim. Muat ulang halaman ini lalu coba lagi.")


def rate_limit():
    """(valid submissions allowed per browser, per client address, window in seconds), per form."""
    return (
        int(kim_settings.KIM_ASPIRASI_RATE_LIMIT),
        int(kim_settings.KIM_ASPIRASI_ADDRESS_RATE_LIMIT),
        int(kim_settings.KIM_ASPIRASI_RATE_WINDOW),
    )


def submission_reference(submission):
    """'ASP-20261202-000123': the submission's date (WIB) and its id, unique and quotable by phone."""
    return f"ASP-{timezone.localtime(submission.submit_time):%Y%m%d}-{submission.pk:06d}"


class AspirasiBaseForm(BaseForm):
    # Named like a field bots love to fill. Rendered off-screen with aria-hidden by the template.
    website_hp = forms.CharField(
        label=_("Jangan isi kolom ini"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean(self):
        cleaned_data = super().clean()
        trap = cleaned_data.pop(HONEYPOT_FIELD, "")
        if trap:
            raise ValidationError(GENERIC_ERROR, code="honeypot")
        return cleaned_data

    def visible_form_fields(self):
        """The fields people fill in, without the honeypot."""
        return [field for field in self.visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]


class AspirasiFormBuilder(FormBuilder):
    def create_multiline_field(self, field, options):
        # A bound on free text keeps one submission from filling the database or the KIM's mailbox.
        options["max_length"] = MULTILINE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def get_form_class(self):
        return type("AspirasiForm", (AspirasiBaseForm,), self.formfields)


def _browser_signature(request):
    """A short hash of what tells browsers behind one address apart; nothing personal is stored."""
    signals = "\n".join(request.META.get(name, "") for name in ("HTTP_USER_AGENT", "HTTP_ACCEPT_LANGUAGE"))
    return hashlib.sha256(signals.encode()).hexdigest()[:16]


def _rate_limit_keys(page, request):
    # translation_key: the Indonesian and English versions of a form share their counts.
    address = client_address(request)
    return (
        f"kim:aspirasi-rate:{page.translation_key}:{address}:{_browser_signature(request)}",
        f"kim:aspirasi-rate-address:{page.translation_key}:{address}",
    )


def register_submission(page, request):
    """Count one valid submission; the seconds to wait when over a limit, else 0."""
    browser_limit, address_limit, window = rate_limit()
    wait = 0
    for key, limit in zip(_rate_limit_keys(page, request), (browser_limit, address_limit), strict=True):
        if counters.hit(key, window) > limit:
            wait = max(wait, counters.seconds_left(key) or window)
    return wait


class AspirasiFormMixin:
    """Spam protection, reference numbers and an Indonesian notification for a Wagtail e-mail form page."""

    form_builder = AspirasiFormBuilder
    # Wagtail's admin views need the models loaded, so the class is named here and imported when used.
    submissions_list_view_path = "kim_sites.public.aspirasi_admin.AspirasiSubmissionsListView"

    def get_submissions_list_view_class(self):
        return import_string(self.submissions_list_view_path)

    def get_data_fields(self):
        submit_time, *fields = super().get_data_fields()
        return [submit_time, (REFERENCE_FIELD, _("Nomor referensi")), *fields]

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if not form.is_valid():
            # Not counted: a visitor who corrects a mistake keeps their allowance.
            context = self.get_context(request)
            context["form"] = form
            return TemplateResponse(request, self.get_template(request), context)
        wait = register_submission(self, request)
        if wait:
            return self.render_rate_limited(request, form, wait)
        submission = self.process_form_submission(form)
        return self.render_landing_page(request, submission, *args, **kwargs)

    def process_form_submission(self, form):
        # AbstractEmailForm's steps, with the reference number known before the mail is written.
        submission = self.get_submission_class().objects.create(form_data=form.cleaned_data, page=self)
        form.reference = submission_reference(submission)
        if self.to_address:
            self.send_mail(form)
        return submission

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        if form_submission is not None:
            response.context_data["reference"] = submission_reference(form_submission)
        # The answer to one visitor's POST: no cache in front may keep it.
        response["Cache-Control"] = "private, no-store"
        return response

    def render_rate_limited(self, request, form, wait):
        """The form again, as they typed it, with what happened and when to send it."""
        context = self.get_context(request)
        retry_at = timezone.localtime() + datetime.timedelta(seconds=wait)
        context.update(
            form=form,
            rate_limited=True,
            retry_minutes=max(1, -(-wait // 60)),
            retry_time=format_time(retry_at, translation.get_language()),
        )
        response = TemplateResponse(request, self.get_template(request), context, status=429)
        response["Retry-After"] = str(wait)
        response["Cache-Control"] = "private, no-store"
        return response

    def send_mail(self, form):
        try:
            super().send_mail(form)
        except Exception:
            # The submission is already stored and listed in the admin: a mail outage loses nothing.
            logger.exception("Aspirasi notification for page %s could not be sent", self.pk)

    def render_email(self, form):
        with translation.override(settings.LANGUAGE_CODE):
            received = timezone.localtime()
            lines = [
                f"Aspirasi baru masuk melalui formulir “{self.title}” pada "
                f"{format_date(received, 'id')} pukul {format_time(received, 'id')}.",
                *([f"Nomor referensi: {form.reference}"] if getattr(form, "reference", "") else []),
                "",
                super().render_email(form),
                "",
                "Semua aspirasi dapat dibaca dan diunduh di:",
                settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailforms:list_submissions", args=[self.pk]),
                "",
                "Pesan ini memuat data pribadi warga. Jangan diteruskan kepada pihak lain.",
            ]
        return "\n".join(lines)
