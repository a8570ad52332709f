"""Spreadsheets that no cell can turn into a formula.

Visitors write aspirasi, editors name form fields and KIMs, and all of it ends up in a CSV or XLSX
that a pembina opens in Excel or LibreOffice. A cell whose text starts with `=`, `+`, `-`, `@`, a
tab or a carriage return is read there as a formula (`=HYPERLINK(...)`, DDE), so every text cell
of every export goes through `neutralise_formula`, which puts a single quote in front (OWASP's
advice): the text stays readable and is never run. Numbers, dates and booleans are typed values,
not text, and are left alone.

Wagtail writes every admin export (form submissions, the page and workflow reports, site history,
search terms, redirects, listings of models and snippets, and our kinerja report) through
`SpreadsheetExportMixin`; `install()` makes its cell and heading hooks go through the same function,
so a view added later is covered too. Plain `csv` writers (the import command's results) use
`formula_safe_row`.

`IndonesianExcelCsv` writes a CSV that Excel opens in columns under an Indonesian locale, which
reads `;` as the list separator and `,` as the decimal mark, and needs a byte-order mark to read
UTF-8: the kinerja report's admin export uses it; the CLI keeps its plain CSV unless asked.

The same `install()` names the XLSX sheet in Indonesian: Wagtail 8.0.1's `write_xlsx` hard-codes
"Sheet1", so it is replaced by the same code with `sheet_title()` (docs/upgrading.md).
"""

import csv
import re
from decimal import Decimal

from openpyxl import Workbook

from django.http import StreamingHttpResponse

from wagtail.admin.views.mixins import Echo, ExcelDateFormatter, SpreadsheetExportMixin

# Spreadsheet applications start a formula or a DDE call with these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Full-width forms that some locales of Excel accept in place of the ASCII ones.
FULLWIDTH_FORMULA_STARTS = ("\uff1d", "\uff0b", "\uff0d", "\uff20")
# Leading characters a spreadsheet may skip before it looks for a formula.
SKIPPED_LEADING = " \n\x0b\x0c\u00a0\u3000"


def neutralise_formula(value):
    """The value as a spreadsheet cell that is never evaluated: text that could start a formula
    gets a leading single quote; anything that is not text is returned as it is."""
    if not isinstance(value, str):
        return value
    stripped = value.lstrip(SKIPPED_LEADING)
    if value.startswith(FORMULA_STARTS) or stripped.startswith(FORMULA_STARTS + FULLWIDTH_FORMULA_STARTS):
        return "'" + value
    return value


# Excel's rules for a sheet name: at most 31 characters, none of these.
SHEET_TITLE_LENGTH = 31
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
DEFAULT_SHEET_TITLE = "Data"


def sheet_title(export):
    """The XLSX sheet's name: the export's `xlsx_sheet_title`, else the admin view's page title
    (e.g. "Kinerja KIM"), else "Data"; cut to what Excel accepts."""
    title = getattr(export, "xlsx_sheet_title", "")
    if not title and hasattr(export, "get_page_title"):
        title = export.get_page_title()
    title = SHEET_TITLE_FORBIDDEN.sub(" ", str(title or "")).strip()
    return title[:SHEET_TITLE_LENGTH].strip() or DEFAULT_SHEET_TITLE


def write_xlsx(self, queryset, output):
    """Wagtail 8.0.1's `SpreadsheetExportMixin.write_xlsx`, with the sheet named by `sheet_title`."""
    workbook = Workbook(write_only=True, iso_dates=True)
    worksheet = workbook.create_sheet(title=sheet_title(self))
    worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
    date_format = ExcelDateFormatter().get()
    for item in queryset:
        worksheet.append(self.generate_xlsx_row(worksheet, self.to_row_dict(item), date_format=date_format))
    workbook.save(output)


UTF8_BOM = "\ufeff"
EXCEL_ID_DELIMITER = ";"


def excel_id_number(value):
    """A decimal number as Indonesian Excel reads it (`12,5`); anything else unchanged."""
    if isinstance(value, (float, Decimal)) and not isinstance(value, bool):
        return str(value).replace(".", ",")
    return value


class IndonesianExcelCsv:
    """For a `SpreadsheetExportMixin`: its CSV with `;`, decimal commas and a UTF-8 byte-order mark.

    Cells still go through `neutralise_formula` (the mixin's hooks, see `install`)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return excel_id_number(value) if export_format == self.FORMAT_CSV else value

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=EXCEL_ID_DELIMITER)
        yield UTF8_BOM.encode("utf-8") + writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(self.stream_csv(queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response


def formula_safe_row(values):
    """A row for `csv.writer` with every cell neutralised."""
    return [neutralise_formula(value) for value in values]


def install():
    """Route every `SpreadsheetExportMixin` cell and heading through `neutralise_formula`, and name
    its XLSX sheet (`write_xlsx`). Idempotent; Wagtail's own `write_xlsx` stays reachable as `stock_write_xlsx`."""
    if getattr(SpreadsheetExportMixin, "formula_safe", False):
        return
    stock_preprocess = SpreadsheetExportMixin.preprocess_field_value
    stock_heading = SpreadsheetExportMixin.get_heading

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(stock_preprocess(self, field, value, export_format))

    def get_heading(self, queryset, field):
        # Headings of form submissions are the field labels an editor typed.
        return neutralise_formula(stock_heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin.stock_write_xlsx = SpreadsheetExportMixin.write_xlsx
    SpreadsheetExportMixin.write_xlsx = write_xlsx
    SpreadsheetExportMixin.formula_safe = True
