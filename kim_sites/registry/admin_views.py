"""The "KIM" menu of the admin: the registry, scoped by role.

Provincial admins (group "Admin Provinsi" or superusers) see every KIM; a regency moderator
sees, registers and acts on the KIMs of its own regency only. Every view reads its object
through the same scoped queryset, so a URL naming another regency's KIM answers 404. No view
deletes a KIM: suspension is the safe action, and it keeps every page, file and user.
"""

import django_filters

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.views.generic import TemplateView

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, ButtonWithDropdown
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from kim_sites.access.roles import PROVINCIAL_ADMIN_GROUP, roles_of
from kim_sites.models import Kim, Regency
from kim_sites.registry.provisioning import (
    KimSpec,
    ProvisioningError,
    pending_admins,
    provision_kim,
    resend_activation,
    set_kim_status,
)

# --- Who may do what ---------------------------------------------------------------------------

ACTIONS = {"add", "change", "view", "suspend", "resend_activation"}


class KimPermissionPolicy(BasePermissionPolicy):
    """Role-based and regency-scoped; never allows delete."""

    def scope(self, user):
        """None for every regency, else the set of regency ids `user` may act on."""
        roles = roles_of(user)
        return None if roles.provincial_admin else roles.moderated_regency_ids

    def user_has_permission(self, user, action):
        if action not in ACTIONS:
            return False
        scope = self.scope(user)
        return scope is None or bool(scope)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        scope = self.scope(user)
        return scope is None or instance.regency_id in scope

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return Kim.objects.none()
        scope = self.scope(user)
        return Kim.objects.all() if scope is None else Kim.objects.filter(regency_id__in=scope)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.instances_user_has_permission_for(user, next(iter(actions & ACTIONS), "none"))

    def users_with_any_permission(self, actions):
        if not set(actions) & ACTIONS:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True)
                | Q(groups__name=PROVINCIAL_ADMIN_GROUP)
                | Q(groups__moderated_regency__isnull=False),
                is_active=True,
            )
            .distinct()
        )


kim_permission_policy = KimPermissionPolicy(Kim)
register_permission_policy(Kim, kim_permission_policy)


def scoped_kims(user, action="view"):
    return kim_permission_policy.instances_user_has_permission_for(user, action).select_related("regency", "site")


class ScopedObjectMixin:
    """Objects come from the user's scope only: another regency's KIM is a 404."""

    def get_base_object_queryset(self):
        return scoped_kims(self.request.user)


# --- Listing -----------------------------------------------------------------------------------


class KimFilterSet(WagtailFilterSet):
    regency = django_filters.ModelChoiceFilter(label="Kabupaten/kota", queryset=Regency.objects.none())
    district = django_filters.ChoiceFilter(label="Kecamatan", choices=[])
    status = django_filters.ChoiceFilter(label="Status", choices=Kim.Status.choices)

    class Meta:
        model = Kim
        fields = ["regency", "district", "status"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        visible = scoped_kims(request.user) if request else Kim.objects.none()
        scope = kim_permission_policy.scope(request.user) if request else frozenset()
        regencies = Regency.objects.all() if scope is None else Regency.objects.filter(id__in=scope)
        self.filters["regency"].queryset = regencies
        districts = visible.order_by("district").values_list("district", flat=True).distinct()
        self.filters["district"].extra["choices"] = [(d, d) for d in districts]


class KimIndexView(generic.IndexView):
    page_title = "KIM"
    add_item_label = "Daftarkan KIM"
    search_fields = ["name", "village", "district", "slug"]
    search_backend_name = None
    filterset_class = KimFilterSet
    default_ordering = "name"

    def get_base_queryset(self):
        return scoped_kims(self.request.user)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label="Nama KIM",
                get_url=lambda kim: self.get_inspect_url(kim),
                sort_key="name",
                get_title_id=lambda kim: f"kim_{kim.pk}_title",
            ),
            Column("regency", label="Kabupaten/kota", sort_key="regency__name"),
            Column("district", label="Kecamatan", sort_key="district"),
            Column("village", label="Desa/kelurahan", sort_key="village"),
            StatusTagColumn("get_status_display", label="Status", primary=lambda kim: kim.is_active, sort_key="status"),
            Column("hostname", label="Situs", accessor=lambda kim: kim.hostname),
            TitleColumn(
                "team", label="Tim", accessor=lambda kim: "Tim", get_url=lambda kim: reverse("kim_team", args=[kim.pk])
            ),
        ]

    def get_list_buttons(self, kim):
        buttons = [
            Button("Lihat", url=self.get_inspect_url(kim), icon_name="info-circle", priority=5),
            Button("Ubah data", url=self.get_edit_url(kim), icon_name="edit", priority=10),
            Button("Tim", url=reverse("kim_team", args=[kim.pk]), icon_name="group", priority=15),
            Button("Kirim ulang aktivasi", url=reverse("kim:resend", args=[kim.pk]), icon_name="mail", priority=20),
        ]
        if kim.is_active:
            buttons.append(Button("Tangguhkan", url=reverse("kim:suspend", args=[kim.pk]), icon_name="warning"))
        else:
            buttons.append(Button("Aktifkan kembali", url=reverse("kim:reactivate", args=[kim.pk]), icon_name="tick"))
        return [
            ButtonWithDropdown(
                buttons=buttons, icon_name="dots-horizontal", attrs={"aria-label": f"Pilihan untuk '{kim.name}'"}
            )
        ]


# --- Registration ------------------------------------------------------------------------------


class KimRegistrationForm(forms.Form):
    """What an officer fills in to activate a KIM. The service does the real validation."""

    name = forms.CharField(label="Nama KIM", max_length=150, help_text='Misalnya "KIM Maju Bersama".')
    regency = forms.ModelChoiceField(label="Kabupaten/kota", queryset=Regency.objects.none(), empty_label=None)
    district = forms.CharField(label="Kecamatan", max_length=100)
    village = forms.CharField(label="Desa/kelurahan", max_length=100)
    admin_email = forms.CharField(
        label="E-mail admin KIM",
        max_length=254,
        help_text="Akun admin dibuat tanpa kata sandi; tautan aktivasi dikirim ke alamat ini.",
    )
    slug = forms.CharField(
        label="Nama singkat di alamat situs",
        max_length=63,
        required=False,
        help_text="Huruf kecil, angka dan tanda hubung, misalnya nibung-maju. Kosongkan untuk membuatnya dari nama KIM.",
    )
    hostname = forms.CharField(
        label="Nama host khusus",
        max_length=253,
        required=False,
        help_text="Kosongkan untuk memakai <nama singkat>.<domain KIM>.",
    )
    sk_number = forms.CharField(label="Nomor SK", max_length=100, required=False)
    phone = forms.CharField(label="Telepon/WhatsApp", max_length=32, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = kim_permission_policy.scope(user)
        self.fields["regency"].queryset = (
            Regency.objects.all() if scope is None else Regency.objects.filter(id__in=scope)
        )
        self.fields["regency"].error_messages["invalid_choice"] = "Pilih kabupaten/kota yang menjadi wewenang Anda."

    def to_spec(self):
        data = self.cleaned_data
        return KimSpec(
            name=data["name"],
            regency=data["regency"].slug,
            village=data["village"],
            district=data["district"],
            admin_email=data["admin_email"],
            slug=data["slug"],
            hostname=data["hostname"],
            sk_number=data["sk_number"],
            phone=data["phone"],
        )


class KimRegisterView(generic.CreateView):
    page_title = "Daftarkan KIM"
    submit_button_label = "Daftarkan dan kirim tautan aktivasi"
    submit_button_active_label = "Mendaftarkan…"
    error_message = "KIM belum didaftarkan: periksa isian yang ditandai."

    def get_form_class(self):
        return KimRegistrationForm

    def get_page_subtitle(self):
        return "KIM"

    def get_form_kwargs(self):
        kwargs = {"initial": self.get_initial(), "prefix": self.get_prefix(), "user": self.request.user}
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        return kwargs

    def form_valid(self, form):
        try:
            result = provision_kim(form.to_spec(), actor=self.request.user, send_email=True)
        except ProvisioningError as exc:
            for field, message in exc.field_errors:
                form.add_error(field if field in form.fields else None, message)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        kim = result.kim
        if result.created:
            messages.success(
                self.request,
                format_html(
                    "KIM '{}' didaftarkan. Situs: {}. Tautan aktivasi dikirim ke {}.",
                    kim.name,
                    result.site_url,
                    form.cleaned_data["admin_email"],
                ),
            )
        else:
            messages.warning(self.request, f"KIM '{kim.name}' sudah terdaftar; tidak ada yang diubah.")
        return HttpResponseRedirect(reverse("kim:inspect", args=[kim.pk]))


# --- Editing, inspecting, history --------------------------------------------------------------


class KimEditView(generic.EditView):
    success_message = "Data KIM '%(object)s' disimpan."
    error_message = "Data KIM belum disimpan: periksa isian yang ditandai."

    def get_queryset(self):
        return scoped_kims(self.request.user, "change")

    def get_success_url(self):
        return reverse("kim:inspect", args=[self.object.pk])


class KimInspectView(generic.InspectView):
    template_name = "kim_sites/admin/kim_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(scoped_kims(self.request.user), pk=self.pk)

    def get_field_label(self, field_name, field):
        if field_name == "hostname":
            return "Situs"
        return super().get_field_label(field_name, field)

    def get_hostname_display_value(self):
        return self.object.site.root_url + "/" if self.object.site_id else "-"

    @cached_property
    def header_more_buttons(self):
        kim = self.object
        buttons = [
            Button("Tim", url=reverse("kim_team", args=[kim.pk]), icon_name="group", priority=15),
            Button("Kirim ulang aktivasi", url=reverse("kim:resend", args=[kim.pk]), icon_name="mail", priority=20),
            Button("Riwayat", url=reverse("kim:history", args=[kim.pk]), icon_name="history", priority=40),
        ]
        if kim.is_active:
            buttons.append(Button("Tangguhkan", url=reverse("kim:suspend", args=[kim.pk]), icon_name="warning"))
        else:
            buttons.append(Button("Aktifkan kembali", url=reverse("kim:reactivate", args=[kim.pk]), icon_name="tick"))
        return buttons + super().header_more_buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kim = self.object
        group_ids = [g for g in (kim.editor_group_id, kim.admin_group_id) if g]
        members = get_user_model().objects.filter(groups__in=group_ids).distinct().order_by("email")
        context["accounts"] = [
            {"user": u, "activated": u.has_usable_password(), "active": u.is_active} for u in members
        ]
        return context


class KimHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


# --- Actions -----------------------------------------------------------------------------------


class KimActionView(PermissionCheckedMixin, generic.WagtailAdminTemplateMixin, TemplateView):
    """A confirmation page (GET) and the action itself (POST) on one KIM of the user's scope."""

    model = Kim
    template_name = "kim_sites/admin/confirm.html"
    header_icon = "site"
    permission_required = None
    action = None
    page_title = ""
    confirm_label = ""
    button_class = "button"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = None

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(scoped_kims(request.user, self.action), pk=kwargs["pk"])
        if not kim_permission_policy.user_has_permission_for_instance(request.user, self.action, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.object.name

    def get_success_url(self):
        return get_valid_next_url_from_request(self.request) or reverse("kim:inspect", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            message=self.get_message(),
            confirm_label=self.confirm_label,
            button_class=self.button_class,
            cancel_url=self.get_success_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.perform()
        return HttpResponseRedirect(self.get_success_url())


class KimStatusView(KimActionView):
    """Suspend or reactivate: set `status`, or say that the KIM already has it."""

    action = "suspend"
    status = None
    done_message = ""
    already_message = ""

    def perform(self):
        if set_kim_status(self.object, self.status, actor=self.request.user):
            messages.success(self.request, self.done_message.format(name=self.object.name))
        else:
            messages.warning(self.request, self.already_message.format(name=self.object.name))


class KimSuspendView(KimStatusView):
    status = Kim.Status.SUSPENDED
    page_title = "Tangguhkan KIM"
    confirm_label = "Ya, tangguhkan"
    button_class = "button serious"
    done_message = "KIM '{name}' ditangguhkan."
    already_message = "KIM '{name}' sudah ditangguhkan."

    def get_message(self):
        return (
            f"Situs {self.object.name} ({self.object.hostname}) akan ditutup untuk publik dan menampilkan "
            "pemberitahuan. Semua halaman, berkas dan akun tetap tersimpan; editor KIM masih dapat masuk ke admin."
        )


class KimReactivateView(KimStatusView):
    status = Kim.Status.ACTIVE
    page_title = "Aktifkan kembali KIM"
    confirm_label = "Ya, aktifkan kembali"
    done_message = "KIM '{name}' diaktifkan kembali."
    already_message = "KIM '{name}' sudah aktif."

    def get_message(self):
        return f"Situs {self.object.name} ({self.object.hostname}) akan terbuka lagi untuk publik."


class KimResendActivationView(KimActionView):
    action = "resend_activation"
    page_title = "Kirim ulang tautan aktivasi"
    confirm_label = "Kirim tautan baru"

    def get_message(self):
        pending = pending_admins(self.object)
        if not pending:
            return "Semua akun KIM ini sudah aktif; tidak ada tautan aktivasi yang perlu dikirim."
        emails = ", ".join(u.email for u in pending)
        return (
            f"Tautan aktivasi baru akan dikirim ke {emails}. Tautan yang pernah dikirim sebelumnya tidak berlaku lagi."
        )

    def perform(self):
        try:
            sent = resend_activation(self.object, actor=self.request.user)
        except ProvisioningError as exc:
            messages.error(self.request, " ".join(exc.errors))
            return
        emails = ", ".join(user.email for user, _ in sent)
        messages.success(self.request, f"Tautan aktivasi baru dikirim ke {emails}.")


# --- The viewset -------------------------------------------------------------------------------


class KimViewSet(ModelViewSet):
    model = Kim
    icon = "site"
    menu_label = "KIM"
    menu_order = 150
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = KimIndexView
    add_view_class = KimRegisterView
    edit_view_class = KimEditView
    inspect_view_class = KimInspectView
    history_view_class = KimHistoryView
    # Name, slug, regency and hostname shape the site, its group and collection: not edited here.
    form_fields = [
        "district",
        "village",
        "kemendagri_code",
        "sk_number",
        "sk_date",
        "founded_date",
        "address",
        "phone",
        "email",
        "facebook_url",
        "instagram_url",
        "youtube_url",
        "tiktok_url",
    ]
    inspect_view_fields = ["name", "slug", "regency", *form_fields, "status", "suspended_at", "created_at", "hostname"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, **kwargs)

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # No delete, no usage: those URLs do not exist for KIMs.
        view_kwargs["delete_url_name"] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def get_add_view_kwargs(self, **kwargs):
        view_kwargs = super().get_add_view_kwargs(**kwargs)
        view_kwargs["panel"] = None
        view_kwargs.pop("form_class", None)
        return view_kwargs

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name not in {"delete", "usage"}]
        return [
            *patterns,
            path("suspend/<int:pk>/", KimSuspendView.as_view(), name="suspend"),
            path("reactivate/<int:pk>/", KimReactivateView.as_view(), name="reactivate"),
            path("resend/<int:pk>/", KimResendActivationView.as_view(), name="resend"),
        ]


kim_viewset = KimViewSet("kim")
