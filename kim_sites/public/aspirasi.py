"""The aspirasi form's defences and notification.

* A honeypot field that people never see (hidden from sight and from screen readers) but form-filling
  bots do: when it is filled in, the form fails with a generic error and nothing is stored or sent.
* A rate limit per client address and per form (every POST counts, valid or not), counted
  atomically in the database (`rate_limit`), so every app process sees the same count: over the
  limit the visitor gets HTTP 429 with an Indonesian message, and nothing is stored.
* The e-mail to the KIM is in Indonesian and says where to read every submission in the admin.

This module holds no models: `models.AspirasiFormPage` mixes `AspirasiFormMixin` in.
"""

import logging

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from kim_sites.access import rate_limit as counters
from kim_sites.access.client_ip import client_address
from kim_sites.conf import kim_settings
from kim_sites.dates import format_date, format_time

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website_hp"
MULTILINE_MAX_LENGTH = 5000
GENERIC_ERROR = _("Formulir tidak dapat dikirim. Muat ulang halaman ini lalu coba lagi.")
RATE_LIMITED_MESSAGE = _(
    "Terlalu banyak kiriman dari jaringan Anda dalam waktu singkat. Silakan coba lagi dalam %(minutes)d menit."
)


def rate_limit():
    """(number of POSTs allowed, window in seconds) per client address and form."""
    return (
        int(kim_settings.KIM_ASPIRASI_RATE_LIMIT),
        int(kim_settings.KIM_ASPIRASI_RATE_WINDOW),
    )


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


def _rate_limit_key(page, request):
    return f"kim:aspirasi-rate:{page.translation_key}:{client_address(request)}"


def register_attempt(page, request):
    """Count one POST; True when the client is over the limit for this form."""
    limit, window = rate_limit()
    return counters.hit(_rate_limit_key(page, request), window) > limit


class AspirasiFormMixin:
    """Spam protection and an Indonesian notification for a Wagtail e-mail form page."""

    form_builder = AspirasiFormBuilder

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and register_attempt(self, request):
            return self.render_rate_limited(request)
        return super().serve(request, *args, **kwargs)

    def render_rate_limited(self, request):
        form = self.get_form(page=self, user=request.user, initial=self._posted_values(request))
        context = self.get_context(request)
        _limit, window = rate_limit()
        minutes = max(1, window // 60)
        context.update(form=form, rate_limited_message=RATE_LIMITED_MESSAGE % {"minutes": minutes})
        response = TemplateResponse(request, self.get_template(request), context, status=429)
        response["Retry-After"] = str(window)
        return response

    def _posted_values(self, request):
        """What the visitor typed, so that being rate limited does not lose their message."""
        values = {}
        for field in self.get_form_fields():
            name = field.clean_name or field.get_field_clean_name()
            if field.field_type in ("checkboxes", "multiselect"):
                values[name] = request.POST.getlist(name)
            elif name in request.POST:
                values[name] = request.POST.get(name)
        return values

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
                "",
                super().render_email(form),
                "",
                "Semua aspirasi dapat dibaca dan diunduh di:",
                settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailforms:list_submissions", args=[self.pk]),
                "",
                "Pesan ini memuat data pribadi warga. Jangan diteruskan kepada pihak lain.",
            ]
        return "\n".join(lines)
