"""Scoped versions of the admin views and filters that Wagtail shows across sites.

Wagtail builds the choices of its listing filters (owners, editors, sites, who locked, who
requested), its tag suggestions and its page-type counts from the whole platform. Here each is
built from what the user may see: the pages they may explore, the files of collections they may
choose from or change. A provincial admin sees everything, as in stock Wagtail.

`kim_sites/access/admin_urls.py` and `kim_sites/access/wagtail_hooks.py` put these in place;
docs/permissions.md lists each with its test.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404

from taggit.models import Tag, TagBase
from wagtail import hooks
from wagtail.admin.forms.pages import PageViewRestrictionForm
from wagtail.admin.views import chooser
from wagtail.admin.views.page_privacy import SetPrivacyView
from wagtail.admin.views.pages.listing import GenericPageFilterSet
from wagtail.admin.views.pages.workflow import (
    CollectWorkflowActionDataView,
    PreviewRevisionForTaskView,
    WorkflowActionView,
)
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet, LockedPagesView
from wagtail.admin.views.reports.page_types_usage import (
    PageTypesUsageReportFilterSet,
    PageTypesUsageReportView,
)
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet, WorkflowView
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.contrib.forms.views import FormPageFilterSet, FormPagesListView
from wagtail.documents import get_document_model
from wagtail.documents.views.documents import DocumentsFilterSet
from wagtail.documents.views.documents import IndexView as DocumentIndexView
from wagtail.images import get_image_model
from wagtail.images.views.chooser import ImageChooseView
from wagtail.images.views.images import ImagesFilterSet
from wagtail.images.views.images import IndexView as ImageIndexView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import (
    ModelLogEntry,
    Page,
    PageLogEntry,
    Site,
    WorkflowState,
    get_default_page_content_type,
)
from wagtail.permissions import policy_registry

from kim_sites.access.roles import PROVINCIAL_ADMIN_GROUP, is_provincial_admin, kims_visible_to
from kim_sites.models import Kim, Regency
from kim_sites.moderation.review import AnnounceDecisionMixin, ReviewEditView
from kim_sites.tree import page_ids_as_text

# The page permissions that open the explorer (Wagtail's own set, see PagePermissionPolicy).
EXPLORE_ACTIONS = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}
POPULAR_TAGS = 10


# --- What a user may see ---------------------------------------------------------------------------


def visible_pages(user):
    """Pages the user may explore, with their ancestors: what the explorer shows them."""
    if is_provincial_admin(user):
        return Page.objects.all()
    policy = policy_registry.get_by_type(Page)
    if not policy.user_has_any_permission(user, EXPLORE_ACTIONS):
        # explorable_instances needs at least one page permission to find a common ancestor.
        return Page.objects.none()
    return policy.explorable_instances(user)


def visible_media(user, model):
    """Images or documents of the collections the user may choose from or change."""
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, ["choose", "change"])


def visible_sites(user):
    if is_provincial_admin(user):
        return Site.objects.all()
    return Site.objects.filter(root_page__in=visible_pages(user).values("pk"))


def visible_tags(user):
    """Tags used on at least one page, image or document the user may see.

    Every tagged-item model is checked; a model this function does not know keeps its tags
    hidden, so a new tagged model cannot leak before it is scoped here."""
    if is_provincial_admin(user):
        return Tag.objects.all()
    pages = visible_pages(user).values("pk")
    visible_objects = {
        ContentType.objects.get_for_model(model).pk: visible_media(user, model).values("pk")
        for model in (get_image_model(), get_document_model())
    }
    condition = Q(pk__in=[])
    for relation in Tag._meta.related_objects:
        through = relation.related_model
        if relation.remote_field.name != "tag":
            continue
        if hasattr(through, "content_object") and not hasattr(through, "content_type"):
            target = through._meta.get_field("content_object").related_model
            if issubclass(target, Page):
                tagged = through.objects.filter(content_object__in=pages)
                condition |= Q(pk__in=tagged.values("tag_id"))
        elif hasattr(through, "content_type"):
            for content_type_id, objects in visible_objects.items():
                tagged = through.objects.filter(
                    content_type_id=content_type_id,
                    object_id__in=objects,
                )
                condition |= Q(pk__in=tagged.values("tag_id"))
    return Tag.objects.filter(condition)


def visible_groups(user):
    """Groups a user may restrict a page to: its KIMs' two team roles, their regencies' moderators
    and the provincial admins."""
    if is_provincial_admin(user):
        return Group.objects.all()
    kims = kims_visible_to(user, Kim.objects.all())
    regencies = Regency.objects.filter(pk__in=kims.values("regency_id"))
    return Group.objects.filter(
        Q(pk__in=kims.values("editor_group_id"))
        | Q(pk__in=kims.values("admin_group_id"))
        | Q(pk__in=regencies.values("moderator_group_id"))
        | Q(name=PROVINCIAL_ADMIN_GROUP)
    )


def _users(ids):
    User = get_user_model()
    return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


# --- Page listings: explorer, flat listings, forms, page-type usage --------------------------------


class ScopedPageFiltersMixin:
    """Owner, editor and site choices from the pages the user may explore, not from the platform."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        if is_provincial_admin(user):
            return
        pages = visible_pages(user)
        if "owner" in self.filters:
            self.filters["owner"].queryset = _users(pages.values("owner_id"))
        if "edited_by" in self.filters:
            edits = PageLogEntry.objects.filter(action="wagtail.edit", page__in=pages.values("pk"))
            self.filters["edited_by"].queryset = _users(edits.values("user_id"))
        if "site" in self.filters:
            self.filters["site"].queryset = visible_sites(user)


class ScopedGenericPageFilterSet(ScopedPageFiltersMixin, GenericPageFilterSet):
    pass


class ScopedFormPageFilterSet(ScopedPageFiltersMixin, FormPageFilterSet):
    pass


# --- Page privacy and workflow views ------------------------------------------------------------


class ScopedPageViewRestrictionForm(PageViewRestrictionForm):
    """Only groups of the user's own KIMs and regencies (and those already on the restriction)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        groups = visible_groups(user)
        if self.instance.pk:
            groups = groups | Group.objects.filter(pk__in=self.instance.groups.values("pk"))
        self.fields["groups"].queryset = groups.distinct().order_by("name")


class ScopedSetPrivacyView(SetPrivacyView):
    form_class = ScopedPageViewRestrictionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class TitleOnlyToThoseWhoSeeThePage:
    """Wagtail's workflow views answer an id that is not in moderation with a message naming the
    page, before any permission check: refuse instead when the user may not see the page."""

    def _refuse_unless_visible(self):
        if not visible_pages(self.request.user).filter(pk=self.object.pk).exists():
            raise PermissionDenied

    def add_not_in_moderation_error(self):
        self._refuse_unless_visible()
        super().add_not_in_moderation_error()

    def add_error_message(self):
        self._refuse_unless_visible()
        super().add_error_message()


class ScopedWorkflowActionView(TitleOnlyToThoseWhoSeeThePage, AnnounceDecisionMixin, WorkflowActionView):
    pass


class ScopedCollectWorkflowActionDataView(TitleOnlyToThoseWhoSeeThePage, CollectWorkflowActionDataView):
    pass


class ScopedPreviewRevisionForTaskView(TitleOnlyToThoseWhoSeeThePage, PreviewRevisionForTaskView):
    pass


class ScopedPageViewSet(PageViewSet):
    """The viewset of every page type (registered for Page): the explorer, flat listings and
    "page type usage" listings get scoped filters, the workflow views a permission check."""

    filterset_class = ScopedGenericPageFilterSet
    workflow_action_view_class = ScopedWorkflowActionView
    collect_workflow_action_data_view_class = ScopedCollectWorkflowActionDataView
    workflow_preview_view_class = ScopedPreviewRevisionForTaskView
    set_privacy_view_class = ScopedSetPrivacyView
    # The decision taken in the editor ends with what came of it (kim_sites/moderation/review.py).
    edit_view_class = ReviewEditView


class ScopedFormPagesListView(FormPagesListView):
    filterset_class = ScopedFormPageFilterSet


class ScopedPageTypesFilterSet(PageTypesUsageReportFilterSet):
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if "site" in self.filters and not is_provincial_admin(request.user):
            sites = visible_sites(request.user).select_related("root_page")
            self.filters["site"].extra["choices"] = [(site.root_page.path, str(site)) for site in sites]


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and "last edited" only over the pages the user may explore."""

    filterset_class = ScopedPageTypesFilterSet

    def get_queryset(self):
        if is_provincial_admin(self.request.user):
            return super().get_queryset()
        # As Wagtail's, with both annotations taken over the visible pages only.
        self.queryset = ContentType.objects.filter(model__in=self.page_models)
        queryset = self.filter_queryset(self.queryset)
        language_code = self.filters.form.cleaned_data.get("page_locale", None)
        site_root_path = self.filters.form.cleaned_data.get("site", None)
        pages = visible_pages(self.request.user).filter(depth__gt=1)
        if language_code:
            pages = pages.filter(locale__language_code=language_code)
        if site_root_path:
            pages = pages.filter(path__startswith=site_root_path)
        last_edited = pages.filter(content_type=OuterRef("pk")).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        queryset = queryset.annotate(
            count=Count("pages", filter=Q(pages__in=pages.values("pk"))),
            last_edited_page_id=Subquery(last_edited.values("pk")[:1]),
        )
        return queryset.order_by("-count", "app_label", "model")


# --- Reports: the choices of their user filters ----------------------------------------------------


class ScopedLockedPagesFilterSet(LockedPagesReportFilterSet):
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if not is_provincial_admin(request.user):
            locked = visible_pages(request.user).filter(locked=True)
            self.filters["locked_by"].queryset = _users(locked.values("locked_by_id"))


class ScopedLockedPagesView(LockedPagesView):
    filterset_class = ScopedLockedPagesFilterSet


class ScopedWorkflowReportFilterSet(WorkflowReportFilterSet):
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if not is_provincial_admin(request.user):
            states = WorkflowState.objects.filter(
                base_content_type_id=get_default_page_content_type().id,
                object_id__in=page_ids_as_text(visible_pages(request.user)),
            )
            self.filters["requested_by"].queryset = _users(states.values("requested_by_id"))


class ScopedWorkflowView(WorkflowView):
    filterset_class = ScopedWorkflowReportFilterSet


def exclude_hidden_kim_entries(queryset, user):
    """Log entries without those of KIMs the user may not see (moderators hold `view_kim`, so
    Wagtail would show them every KIM's activation and its new moderators)."""
    if queryset.model is not ModelLogEntry or is_provincial_admin(user):
        return queryset
    visible = Kim.objects.for_user(user).values_list("pk", flat=True)
    return queryset.exclude(
        Q(content_type=ContentType.objects.get_for_model(Kim)) & ~Q(object_id__in=[str(pk) for pk in visible])
    )


def _visible_log_entries(user):
    for log_model in log_action_registry.get_log_entry_models():
        yield exclude_hidden_kim_entries(log_model.objects.viewable_by_user(user), user)


class ScopedSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    """User, type and action choices from the entries the report lists, not from every entry of
    every model the user holds a permission on."""

    def get_action_choices(self):
        actions = set()
        for entries in _visible_log_entries(self.request.user):
            actions.update(entries.get_actions())
        return [action for action in log_action_registry.get_choices() if action[0] in actions]

    def get_user_choices(self):
        return self.get_users_queryset()

    def get_users_queryset(self):
        user_ids = set()
        for entries in _visible_log_entries(self.request.user):
            user_ids.update(entries.get_user_ids())
        return _users(user_ids)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if "object_type" in self.filters:
            content_type_ids = set()
            for entries in _visible_log_entries(request.user):
                content_type_ids.update(entries.get_content_type_ids())
            self.filters["object_type"].queryset = ContentType.objects.filter(pk__in=content_type_ids).order_by("model")


class ScopedLogEntriesView(LogEntriesView):
    """Site history without the registry entries of KIMs the user may not see."""

    filterset_class = ScopedSiteHistoryFilterSet

    def filter_queryset(self, queryset):
        return exclude_hidden_kim_entries(super().filter_queryset(queryset), self.request.user)


# --- Tags ----------------------------------------------------------------------------------------------


def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete (wagtail.admin.views.tags.autocomplete), over visible tags."""
    tag_model = Tag
    if app_name and model_name:
        try:
            content_type = ContentType.objects.get_by_natural_key(app_name, model_name)
        except ContentType.DoesNotExist as error:
            raise Http404 from error
        tag_model = content_type.model_class()
        if tag_model is None or not issubclass(tag_model, TagBase):
            raise Http404
    term = request.GET.get("term", None)
    if not term:
        return JsonResponse([], safe=False)
    tags = tag_model.objects.filter(name__istartswith=term)
    if not is_provincial_admin(request.user):
        # Only taggit's Tag is scoped; another tag model is hidden until it is scoped here.
        tags = tags.filter(pk__in=visible_tags(request.user).values("pk")) if tag_model is Tag else tags.none()
    names = tags.order_by("name").values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    return JsonResponse(list(names), safe=False)


def popular_visible_tags(user, model):
    """Wagtail's popular_tags_for_model, counted over the objects of `model` the user may see."""
    content_type = ContentType.objects.get_for_model(model)
    items = Q(taggit_taggeditem_items__content_type=content_type)
    if not is_provincial_admin(user):
        items &= Q(taggit_taggeditem_items__object_id__in=visible_media(user, model).values("pk"))
    return (
        Tag.objects.filter(items)
        .annotate(item_count=Count("taggit_taggeditem_items", filter=items))
        .order_by("-item_count")[:POPULAR_TAGS]
    )


class ScopedTagsFilterMixin:
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if "tag" in self.filters:
            tags = popular_visible_tags(request.user, self._meta.model)
            if tags:
                self.filters["tag"].extra["choices"] = [(tag.name, tag.name) for tag in tags]
            else:
                del self.filters["tag"]


class ScopedImagesFilterSet(ScopedTagsFilterMixin, ImagesFilterSet):
    pass


class ScopedDocumentsFilterSet(ScopedTagsFilterMixin, DocumentsFilterSet):
    pass


class ScopedImageIndexView(ImageIndexView):
    filterset_class = ScopedImagesFilterSet


class ScopedDocumentIndexView(DocumentIndexView):
    filterset_class = ScopedDocumentsFilterSet


class ScopedImageChooseView(ImageChooseView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["popular_tags"] = popular_visible_tags(self.request.user, self.model)
        return context


# --- Page chooser --------------------------------------------------------------------------------------


def choosable_pages(request, pages=None):
    """`pages` (default: all) as every construct_page_chooser_queryset hook leaves them."""
    pages = Page.objects.all() if pages is None else pages
    for hook in hooks.get_hooks("construct_page_chooser_queryset"):
        pages = hook(pages, request)
    return pages


class ScopedBrowseView(chooser.BrowseView):
    """The chooser shows its parent page's title and status, which Wagtail takes from any id
    (and, for a restricted page type, from the common ancestor of every page of that type)."""

    def get(self, request, parent_page_id=None):
        if parent_page_id:
            get_object_or_404(choosable_pages(request), pk=parent_page_id)
        elif request.GET.get("page_type"):
            try:
                desired_classes = chooser.page_models_from_string(request.GET["page_type"])
            except (ValueError, LookupError) as error:
                raise Http404 from error
            if desired_classes != (Page,):
                ancestor = choosable_pages(request).type(*desired_classes).first_common_ancestor()
                if not choosable_pages(request).filter(pk=ancestor.pk).exists():
                    ancestor = Page.get_first_root_node()
                return super().get(request, parent_page_id=ancestor.pk)
        return super().get(request, parent_page_id=parent_page_id)


class ScopedChosenMultipleView(chooser.ChosenMultipleView):
    """Wagtail returns the title and URL of every id asked for."""

    def get(self, request):
        request.GET = request.GET.copy()
        asked = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        allowed = choosable_pages(request, Page.objects.filter(pk__in=asked)).values_list("pk", flat=True)
        request.GET.setlist("id", [str(pk) for pk in allowed])
        return super().get(request)
