"""Tulis berita: the post form made for a phone, at /admin/tulis/.

Only for users whom Wagtail's page permission API lets add a PostPage under the post index;
any other index answers 404, as if it did not exist. What the form makes is exactly what
Wagtail's create view makes (kim_sites/writing/posts.py), so editors still never publish:
"Kirim ke Moderasi KIM" starts the page's workflow, as Wagtail's "submit" does.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kim_sites.conf import kim_settings
from kim_sites.models import PostPage
from kim_sites.writing.forms import MAX_PHOTOS, PhonePostForm
from kim_sites.writing.posts import create_post, may_upload_to, target_for, writable_targets_for_request

SUBMIT = "action-submit"
FORM_ERROR = "Berita belum tersimpan. Perbaiki isian yang ditandai di bawah."
NO_UPLOAD = "Anda tidak berhak mengunggah foto ke koleksi KIM ini."


class WriteView(WagtailAdminTemplateMixin, TemplateView):
    """The form for one KIM's post index (`parent_page_id`), or, without one, for the user's only KIM;
    a user who writes for several KIMs picks one first."""

    template_name = "kim_sites/writing/compose.html"
    choose_template_name = "kim_sites/writing/choose.html"
    page_title = "Tulis berita"
    header_icon = "edit"

    def dispatch(self, request, parent_page_id=None):
        self.target = None
        self.targets = []
        if parent_page_id is None:
            self.targets = writable_targets_for_request(request)
            if not self.targets:
                raise PermissionDenied
            if len(self.targets) == 1:
                self.target = self.targets[0]
        else:
            self.target = target_for(request.user, parent_page_id)
            if self.target is None:
                raise Http404
        return super().dispatch(request)

    def get_template_names(self):
        return [self.template_name if self.target else self.choose_template_name]

    def get_page_subtitle(self):
        return self.target.kim.name if self.target else ""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=PhonePostForm()))

    def post(self, request):
        if self.target is None:
            raise PermissionDenied
        form = PhonePostForm(request.POST, request.FILES)
        if form.is_valid():
            draft = form.draft()
            if draft.photos and not may_upload_to(request.user, self.target.kim):
                form.add_error("photos", NO_UPLOAD)
            else:
                try:
                    page, submitted = create_post(request.user, self.target, draft, submit=SUBMIT in request.POST)
                except ValidationError as error:
                    for name, errors in error.message_dict.items():
                        form.add_error(name if name in form.fields else None, errors)
                else:
                    return redirect(reverse("kim_write_done", args=(page.pk,)) + ("?terkirim=1" if submitted else ""))
        messages.error(request, FORM_ERROR)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            target=self.target,
            targets=self.targets,
            max_edge=kim_settings.KIM_IMAGE_MAX_EDGE,
            jpeg_quality=kim_settings.KIM_IMAGE_JPEG_QUALITY / 100,
            max_photos=MAX_PHOTOS,
        )
        if self.target:
            context["action_url"] = reverse("kim_write_for", args=(self.target.index.pk,))
        return context


class WrittenView(WagtailAdminTemplateMixin, TemplateView):
    """What happened to the post just written, with the way on: edit the draft, write another."""

    template_name = "kim_sites/writing/done.html"
    page_title = "Berita tersimpan"
    header_icon = "success"

    def dispatch(self, request, page_id):
        page = PostPage.objects.filter(pk=page_id).first()
        if page is None or not page.permissions_for_user(request.user).can_edit():
            raise Http404
        self.post_page = page
        return super().dispatch(request)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.post_page
        context.update(
            post=page,
            submitted=page.workflow_in_progress,
            edit_url=reverse("wagtailadmin_pages:edit", args=(page.pk,)),
            view_draft_url=reverse("wagtailadmin_pages:view_draft", args=(page.pk,)),
            write_url=reverse("kim_write_for", args=(page.get_parent().pk,)),
            submissions_url=reverse("kim_my_submissions"),
        )
        return context
