"""The "Kinerja KIM" report in the Wagtail admin: listing, spreadsheet export and KIM detail.

The figures come from `kim_sites.kinerja.report`; this module only scopes, filters, sorts, paginates
and renders them. Each user sees the KIMs `kims_visible_to` gives it: provincial admins every
regency, a moderator its own regency, an editor its own KIM.
"""

import django_filters

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.views.generic import TemplateView

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import Button

from kim_sites.kinerja import periods
from kim_sites.kinerja import report as kinerja
from kim_sites.kinerja.periods import PRESETS, PeriodError, month_label, resolve_period
from kim_sites.kinerja.report import CATEGORIES, CSV_COLUMNS, STATUSES, build_report
from kim_sites.models import Kim, Regency
from kim_sites.spreadsheets import IndonesianExcelCsv

PERIOD_PARAMS = ("periode", "dari", "sampai")


def format_hours(value):
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", ",")


def format_day(value):
    return periods.day_label(value) if value else "–"


def status_classname(status):
    return {
        kinerja.STATUS_ACTIVE: "kinerja-status--aktif",
        kinerja.STATUS_LESS_ACTIVE: "kinerja-status--kurang",
        kinerja.STATUS_INACTIVE: "kinerja-status--tidak",
    }[status]


# --- Chart --------------------------------------------------------------------------------------

CHART_WIDTH = 480
CHART_HEIGHT = 170
CHART_LEFT = 28
CHART_TOP = 12
CHART_BOTTOM = 34


def _coordinate(value):
    # SVG needs a dot as decimal separator whatever the admin language: never let templates localise it.
    return f"{value:.1f}".rstrip("0").rstrip(".")


def monthly_chart(chart_id, title, months, values):
    """Geometry of a server-rendered SVG bar chart of posts per month, with its text alternative."""
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    baseline = CHART_TOP + plot_height
    slot = (CHART_WIDTH - CHART_LEFT) / len(months)
    scale_top = max(1, max(values, default=0))
    bars = []
    for i, (month, value) in enumerate(zip(months, values, strict=True)):
        height = plot_height * value / scale_top
        x = CHART_LEFT + i * slot + slot * 0.15
        center = x + slot * 0.35
        bars.append(
            {
                "x": _coordinate(x),
                "y": _coordinate(baseline - height),
                "width": _coordinate(slot * 0.7),
                "height": _coordinate(height),
                "value": value,
                "value_y": _coordinate(baseline - height - 3),
                "center": _coordinate(center),
                "label": month_label(month),
                "short_label": month_label(month).split(" ")[0],
                "year": str(month.year) if (i == 0 or month.month == 1) else "",
            }
        )
    total = sum(values)
    if total:
        busiest = max(range(len(values)), key=lambda i: (values[i], i))
        description = (
            f"Berita terbit per bulan, {month_label(months[0])} sampai {month_label(months[-1])}: "
            f"total {total}, terbanyak {values[busiest]} pada {month_label(months[busiest])}."
        )
    else:
        description = f"Tidak ada berita terbit dari {month_label(months[0])} sampai {month_label(months[-1])}."
    return {
        "id": chart_id,
        "title": title,
        "description": description,
        "total": total,
        "bars": bars,
        "width": str(CHART_WIDTH),
        "height": str(CHART_HEIGHT),
        "left": str(CHART_LEFT),
        "scale_x": str(CHART_LEFT - 4),
        "baseline": str(baseline),
        "scale_top": str(scale_top),
        "scale_top_y": str(CHART_TOP + 4),
        "label_y": str(baseline + 14),
        "year_y": str(baseline + 27),
    }


# --- Filters ------------------------------------------------------------------------------------


class KinerjaFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            # Kept off cleaned_data, which django-filter reads as a list of filters.
            self.period = resolve_period(cleaned.get("periode"), cleaned.get("dari"), cleaned.get("sampai"))
        except PeriodError as error:
            raise ValidationError(str(error), code="period")
        return cleaned


def _regencies(request):
    return Regency.objects.filter(pk__in=kinerja.visible_kims(request.user).values("regency")).order_by("name")


class KinerjaFilterSet(WagtailFilterSet):
    periode = django_filters.ChoiceFilter(
        label="Periode", choices=list(PRESETS.items()), method="keep", empty_label="Bulan ini (bawaan)"
    )
    dari = django_filters.DateFilter(label="Dari tanggal", method="keep", widget=AdminDateInput)
    sampai = django_filters.DateFilter(label="Sampai tanggal", method="keep", widget=AdminDateInput)
    regency = django_filters.ModelChoiceFilter(
        label="Kabupaten/kota", queryset=_regencies, field_name="regency", empty_label="Semua"
    )
    kecamatan = django_filters.ChoiceFilter(label="Kecamatan", method="filter_district", empty_label="Semua")
    status = django_filters.ChoiceFilter(
        label="Status", choices=[(status, status) for status in STATUSES], method="keep", empty_label="Semua"
    )

    class Meta:
        model = Kim
        fields = []
        form = KinerjaFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        districts = (
            kinerja.visible_kims(self.request.user).order_by("district").values_list("district", flat=True).distinct()
        )
        self.filters["kecamatan"].extra["choices"] = [(district, district) for district in districts]

    def keep(self, queryset, name, value):
        # Period and status are not filters of the KIM list: the report applies them.
        return queryset

    def filter_district(self, queryset, name, value):
        return queryset.filter(district=value) if value else queryset


# --- Table --------------------------------------------------------------------------------------


def period_query(request):
    """The period part of the query string, carried from the report to a KIM's page and back."""
    return urlencode({key: request.GET[key] for key in PERIOD_PARAMS if request.GET.get(key)})


def category_breakdown(by_category):
    return [(label, by_category[code]) for code, label in CATEGORIES if by_category[code]]


class LabelledColumn(Column):
    """A cell that names its column (data-label): a phone shows each row as a card of labelled
    lines (admin-phone.css)."""

    cell_template_name = "kim_sites/kinerja/cells/value.html"


class KimColumn(LabelledColumn):
    cell_template_name = "kim_sites/kinerja/cells/kim.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        query = period_query(parent_context["request"])
        context["url"] = reverse("kinerja_kim", args=[instance.pk]) + (f"?{query}" if query else "")
        return context


class PublishedColumn(LabelledColumn):
    cell_template_name = "kim_sites/kinerja/cells/published.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["breakdown"] = category_breakdown(instance.by_category)
        return context


class StatusColumn(LabelledColumn):
    cell_template_name = "kim_sites/kinerja/cells/status.html"


class KinerjaReportView(IndonesianExcelCsv, ReportView):
    page_title = "Kinerja KIM"
    header_icon = "clipboard-list"
    template_name = "kim_sites/kinerja/report.html"
    results_template_name = "kim_sites/kinerja/report_results.html"
    index_url_name = "kinerja_report"
    index_results_url_name = "kinerja_report_results"
    filterset_class = KinerjaFilterSet
    default_ordering = "regency"
    paginate_by = 50
    table_classname = "listing kinerja-table"
    columns = [
        KimColumn("name", label="KIM", sort_key="name", width="18%"),
        LabelledColumn("regency_name", label="Kabupaten/kota", sort_key="regency"),
        PublishedColumn("posts_published", label="Terbit", sort_key="posts_published", width="17%"),
        LabelledColumn("posts_pending", label="Menunggu", sort_key="posts_pending"),
        LabelledColumn("posts_sent_back", label="Dikembalikan", sort_key="posts_sent_back"),
        LabelledColumn(
            "median",
            label="Median (jam)",
            accessor=lambda row: format_hours(row.median_decision_hours),
            sort_key="median_decision_hours",
        ),
        LabelledColumn(
            "p95",
            label="Persentil 95 (jam)",
            accessor=lambda row: format_hours(row.p95_decision_hours),
            sort_key="p95_decision_hours",
        ),
        LabelledColumn(
            "last_published",
            label="Terbit terakhir",
            accessor=lambda row: format_day(row.last_published),
            sort_key="last_published",
        ),
        LabelledColumn("active_editors", label="Editor aktif", sort_key="active_editors"),
        LabelledColumn("active_members", label="Anggota aktif", sort_key="active_members"),
        LabelledColumn("views", label="Dibaca", sort_key="views"),
        StatusColumn("status", label="Status", sort_key="status"),
    ]
    list_export = [
        "name",
        "regency_name",
        "district",
        "village",
        *[f"posts_{code.replace('-', '_')}" for code, _ in CATEGORIES],
        # Then the figures of the CLI's CSV, in its order (its first four columns name the KIM),
        # with the team's size next to the editors who wrote.
        *CSV_COLUMNS[CSV_COLUMNS.index("posts_published") : CSV_COLUMNS.index("active_editors") + 1],
        "active_members",
        *CSV_COLUMNS[CSV_COLUMNS.index("active_editors") + 1 :],
    ]
    export_headings = {
        "name": "KIM",
        "regency_name": "Kabupaten/kota",
        "district": "Kecamatan",
        "village": "Desa/kelurahan",
        **{f"posts_{code.replace('-', '_')}": f"Terbit: {label}" for code, label in CATEGORIES},
        "posts_published": "Terbit (jumlah)",
        "posts_pending": "Menunggu moderasi",
        "posts_sent_back": "Dikembalikan",
        "median_decision_hours": "Median keputusan (jam)",
        "p95_decision_hours": "Persentil 95 keputusan (jam)",
        "last_published": "Terbit terakhir",
        "active_editors": "Editor aktif",
        "active_members": "Anggota aktif",
        "status": "Status",
        "views": "Dibaca",
    }

    def dispatch(self, request, *args, **kwargs):
        if not kinerja.user_can_view_kinerja(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_table(self, object_list):
        columns = self.columns
        if self.report is not None and len({row.kim.regency_id for row in self.report.rows}) <= 1:
            # A moderator's or editor's report has one regency: its column would only repeat it.
            columns = [column for column in columns if column.name != "regency_name"]
        return self.table_class(columns, object_list, **self.get_table_kwargs())

    @cached_property
    def header_more_buttons(self):
        # Wagtail's Indonesian catalogue lacks "Download XLSX": label both buttons here.
        buttons = super(SpreadsheetExportMixin, self).header_more_buttons.copy()
        buttons.append(Button("Unduh XLSX", url=self.xlsx_export_url, icon_name="download", priority=90))
        buttons.append(Button("Unduh CSV", url=self.csv_export_url, icon_name="download", priority=100))
        return buttons

    @cached_property
    def filter_error(self):
        if self.filters is None or self.filters.is_valid():
            return ""
        return " ".join(error for errors in self.filters.form.errors.values() for error in errors)

    @cached_property
    def period(self):
        if self.filters is not None and self.filters.is_valid():
            return self.filters.form.period
        return periods.Period.from_preset()

    def get_filename(self):
        return f"kinerja-kim-{self.period.first_day:%Y%m%d}-{self.period.last_day:%Y%m%d}"

    def get_filtered_queryset(self):
        if self.filter_error:
            self.report = None
            return []
        kims = self.filter_queryset(kinerja.visible_kims(self.request.user))
        self.report = build_report(period=self.period, kims=kims)
        rows = self.report.rows
        status = self.filters.form.cleaned_data.get("status")
        if status:
            rows = [row for row in rows if row.status == status]
        self.filtered_rows = rows
        return kinerja.sort_rows(rows, self.ordering)

    @cached_property
    def no_results_message(self):
        if self.filter_error:
            return self.filter_error
        return "Tidak ada KIM yang cocok dengan filter ini."

    def preset_links(self):
        params = self.request.GET.copy()
        for key in (*PERIOD_PARAMS, self.page_kwarg, "export"):
            params.pop(key, None)
        links = []
        for preset, label in PRESETS.items():
            query = params.copy()
            query["periode"] = preset
            links.append(
                {
                    "label": label,
                    "url": f"{self.index_url}?{query.urlencode()}",
                    "current": self.period.preset == preset,
                }
            )
        return links

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["period"] = self.period
        context["filter_error"] = self.filter_error
        report = getattr(self, "report", None)
        context["report"] = report
        if report is not None:
            totals = kinerja.totals_for(self.filtered_rows)
            context["totals"] = [
                {
                    "name": item.name,
                    "kims": item.kims,
                    "posts_published": item.posts_published,
                    "breakdown": category_breakdown(item.by_category),
                    "posts_pending": item.posts_pending,
                    "posts_sent_back": item.posts_sent_back,
                    "median_display": format_hours(item.median_decision_hours),
                    "p95_display": format_hours(item.p95_decision_hours),
                    "last_published_display": format_day(item.last_published),
                    "active_editors": item.active_editors,
                    "active_members": item.active_members,
                    "views": item.views,
                    "status_counts": item.status_counts,
                }
                for item in totals
            ]
            context["charts"] = [
                monthly_chart(f"kinerja-chart-{item.regency.slug}", item.name, report.months, item.monthly)
                for item in totals
            ]
        context["preset_links"] = self.preset_links()
        return context


class KinerjaKimView(WagtailAdminTemplateMixin, TemplateView):
    """One KIM's figures for the period, with its posts per month over the last twelve months."""

    template_name = "kim_sites/kinerja/kim.html"
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        if not kinerja.user_can_view_kinerja(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def filters(self):
        return KinerjaFilterSet(data=self.request.GET, queryset=Kim.objects.none(), request=self.request)

    @cached_property
    def row(self):
        period = self.period
        report = build_report(period=period, kims=kinerja.visible_kims(self.request.user).filter(pk=self.kwargs["pk"]))
        if not report.rows:
            raise Http404
        self.report = report
        return report.rows[0]

    @cached_property
    def period(self):
        if self.filters.is_valid():
            return self.filters.form.period
        return periods.Period.from_preset()

    def get_page_title(self):
        return f"Kinerja {self.row.name}"

    def get_breadcrumbs_items(self):
        query = period_query(self.request)
        report_url = reverse("kinerja_report") + (f"?{query}" if query else "")
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Dasbor"},
            {"url": report_url, "label": "Kinerja KIM"},
            {"url": "", "label": self.row.name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        row = self.row
        context.update(
            row=row,
            period=self.period,
            filter_error=(
                " ".join(e for errors in self.filters.form.errors.values() for e in errors)
                if not self.filters.is_valid()
                else ""
            ),
            report=self.report,
            categories=[(label, row.by_category[code]) for code, label in CATEGORIES],
            median=format_hours(row.median_decision_hours),
            p95=format_hours(row.p95_decision_hours),
            last_published=format_day(row.last_published),
            chart=monthly_chart(f"kinerja-chart-kim-{row.pk}", row.name, self.report.months, row.monthly),
        )
        return context
