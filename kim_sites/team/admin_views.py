"""The "Tim KIM" screens: who is in a KIM's team, and inviting, re-inviting, changing and removing.

A provincial admin reaches every team, a regency moderator the teams of its regencies' KIMs,
an Admin KIM its own team; everything else is a 404, as if the KIM did not exist (an editor of
the KIM too). The team changes themselves are kim_sites/team/members.py's: these views only
check the scope, parse the form and say in Indonesian what happened.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kim_sites.access.roles import teams_visible_to
from kim_sites.models import Kim
from kim_sites.team.members import (
    Role,
    TeamError,
    cancel_invitation,
    change_role,
    invite_member,
    member_of,
    members_of,
    remove_member,
    resend_invitation,
    with_member_counts,
)

FORM_ERROR = "Belum tersimpan: periksa isian yang ditandai."


def visible_teams(user):
    """The KIMs whose team `user` may manage."""
    return teams_visible_to(user, Kim.objects.all())


def _role_choices():
    return [(Role.ADMIN.value, "Admin KIM"), (Role.EDITOR.value, "Editor")]


class InviteForm(forms.Form):
    name = forms.CharField(label="Nama", max_length=150, required=False)
    email = forms.CharField(
        label="E-mail",
        max_length=254,
        error_messages={"required": "E-mail wajib diisi."},
        help_text="Tautan aktivasi dikirim ke alamat ini; akun belum punya kata sandi sampai diaktifkan.",
    )
    role = forms.ChoiceField(
        label="Peran",
        choices=_role_choices,
        initial=Role.EDITOR.value,
        widget=forms.RadioSelect,
        error_messages={"required": "Pilih peran.", "invalid_choice": "Pilih Admin KIM atau Editor."},
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Peran",
        choices=_role_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Pilih peran.", "invalid_choice": "Pilih Admin KIM atau Editor."},
    )


def add_team_errors(form, error):
    """A TeamError's messages next to the fields they concern, the rest on top of the form."""
    for field, message in error.field_errors:
        form.add_error(field if field in form.fields else None, message or "; ".join(error.errors))


class TeamMixin(WagtailAdminTemplateMixin):
    """Reads the KIM (and the member) of the URL from the user's visible teams, or answers 404."""

    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        self.kim = get_object_or_404(visible_teams(request.user), pk=kwargs["kim_id"])
        self.member = None
        if "user_id" in kwargs:
            self.member = member_of(self.kim, kwargs["user_id"])
            if self.member is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def team_url(self):
        return reverse("kim_team", args=[self.kim.pk])

    def after_change_url(self):
        """The team, or the dashboard when the change took the user out of it (an Admin KIM leaving)."""
        # Read afresh: the request's user still carries the roles it came in with.
        user = get_user_model().objects.get(pk=self.request.user.pk)
        if user.is_active and visible_teams(user).filter(pk=self.kim.pk).exists():
            return self.team_url()
        return reverse("wagtailadmin_home")

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("kim_team_index"), "label": "Tim KIM"}]
        items.append({"url": self.team_url(), "label": f"Tim {self.kim.name}"})
        if self.get_page_title() != f"Tim {self.kim.name}":
            items.append({"url": "", "label": self.get_page_title()})
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(kim=self.kim, member=self.member, team_url=self.team_url())
        return context


class TeamIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The visible teams, one card each; with only one, straight to it."""

    template_name = "kim_sites/team/index.html"
    page_title = "Tim KIM"
    header_icon = "group"

    def get(self, request, *args, **kwargs):
        kims = list(with_member_counts(visible_teams(request.user)).select_related("regency").order_by("name"))
        if not kims:
            raise Http404
        if len(kims) == 1:
            return HttpResponseRedirect(reverse("kim_team", args=[kims[0].pk]))
        return self.render_to_response(self.get_context_data(kims=kims))

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class TeamView(TeamMixin, TemplateView):
    template_name = "kim_sites/team/team.html"

    def get_page_title(self):
        return f"Tim {self.kim.name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = members_of(self.kim)
        context["invite_url"] = reverse("kim_team_invite", args=[self.kim.pk])
        return context


class InviteView(TeamMixin, TemplateView):
    template_name = "kim_sites/team/invite.html"
    page_title = "Undang anggota"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=InviteForm()))

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = invite_member(
                    self.kim, email=data["email"], name=data["name"], role=data["role"], actor=request.user
                )
            except TeamError as error:
                add_team_errors(form, error)
            else:
                email = result.user.email
                if result.activation_url:
                    messages.success(
                        request, f"Undangan dikirim ke {email}: tautan aktivasi menunggu di kotak suratnya."
                    )
                else:
                    messages.success(request, f"{email} sudah punya akun; kini ia anggota tim {self.kim.name}.")
                return HttpResponseRedirect(self.team_url())
        messages.error(request, FORM_ERROR)
        return self.render_to_response(self.get_context_data(form=form))


class RoleView(TeamMixin, TemplateView):
    template_name = "kim_sites/team/role.html"
    page_title = "Ubah peran"

    def get(self, request, *args, **kwargs):
        form = RoleForm(initial={"role": self.member.role.value})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = RoleForm(request.POST)
        if form.is_valid():
            role = Role(form.cleaned_data["role"])
            try:
                changed = change_role(self.kim, self.member.user, role, actor=request.user)
            except TeamError as error:
                add_team_errors(form, error)
            else:
                email = self.member.user.email
                if changed:
                    messages.success(request, f"Peran {email} kini {role.label}.")
                else:
                    messages.warning(request, f"{email} sudah berperan {role.label}; tidak ada yang diubah.")
                return HttpResponseRedirect(self.after_change_url())
        messages.error(request, FORM_ERROR)
        return self.render_to_response(self.get_context_data(form=form))


class ConfirmView(TeamMixin, TemplateView):
    """A confirmation page (GET) and the change itself (POST) on one member."""

    template_name = "kim_sites/team/confirm.html"
    confirm_label = ""

    def get_message(self):
        raise NotImplementedError

    def perform(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(message=self.get_message(), confirm_label=self.confirm_label)
        return context

    def post(self, request, *args, **kwargs):
        try:
            self.perform()
        except TeamError as error:
            for message in error.errors:
                messages.error(request, message)
            return HttpResponseRedirect(self.team_url())
        return HttpResponseRedirect(self.after_change_url())


class RemoveView(ConfirmView):
    page_title = "Keluarkan anggota"
    confirm_label = "Ya, keluarkan"

    def get_message(self):
        return (
            f"{self.member.user.email} ({self.member.role.label}) tidak lagi dapat menulis untuk {self.kim.name}, "
            "mulai saat ini. Berita, revisi dan berkas yang pernah dibuatnya tetap tersimpan."
        )

    def perform(self):
        result = remove_member(self.kim, self.member.user, actor=self.request.user)
        text = f"{self.member.user.email} dikeluarkan dari tim {self.kim.name}."
        if result.deactivated:
            text += " Akunnya dinonaktifkan karena tidak punya peran lain."
        messages.success(self.request, text)


class CancelView(ConfirmView):
    page_title = "Batalkan undangan"
    confirm_label = "Ya, batalkan"

    def get_message(self):
        return f"Undangan untuk {self.member.user.email} dibatalkan: tautan aktivasi yang sudah dikirim tidak berlaku lagi."

    def perform(self):
        cancel_invitation(self.kim, self.member.user, actor=self.request.user)
        messages.success(self.request, f"Undangan untuk {self.member.user.email} dibatalkan.")


class ResendView(TeamMixin, TemplateView):
    """POST only: a fresh activation link for a member who has not activated yet."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            resend_invitation(self.kim, self.member.user, actor=request.user)
        except TeamError as error:
            for message in error.errors:
                messages.error(request, message)
        else:
            messages.success(
                request, f"Undangan dikirim ulang ke {self.member.user.email}; tautan sebelumnya tidak berlaku lagi."
            )
        return HttpResponseRedirect(self.team_url())
