"""The guide's admin pages: an index and one page per topic, open to everyone who may use the admin."""

from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kim_sites.admin_ui.topics import TOPICS, TOPICS_BY_SLUG


class GuideIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "kim_sites/guide/index.html"
    page_title = "Bantuan"
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["editor_topics"] = [topic for topic in TOPICS if topic.audience == "editor"]
        context["moderator_topics"] = [topic for topic in TOPICS if topic.audience == "moderator"]
        return context


class GuideTopicView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        self.topic = TOPICS_BY_SLUG.get(kwargs["slug"])
        if self.topic is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        return [f"kim_sites/guide/{self.topic.slug}.html"]

    def get_page_title(self):
        return self.topic.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("kim_guide"), "label": "Bantuan"},
            {"url": "", "label": self.topic.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["topic"] = self.topic
        context["topics"] = TOPICS
        return context
