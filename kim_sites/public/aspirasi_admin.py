"""The admin's list and export of aspirasi submissions, with each submission's reference number.

Kept apart from `aspirasi`, which the models import: Wagtail's admin views need the models loaded.
"""

from wagtail.contrib.forms.views import SubmissionsListView

from kim_sites.public.aspirasi import REFERENCE_FIELD, submission_reference


class AspirasiSubmissionsListView(SubmissionsListView):
    """Wagtail's list and export of submissions, with each submission's reference number."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "data_rows" in context:
            column = [name for name, _label in self.form_page.get_data_fields()].index(REFERENCE_FIELD)
            by_id = {submission.pk: submission for submission in context["submissions"]}
            for row in context["data_rows"]:
                row["fields"][column] = submission_reference(by_id[row["model_id"]])
        return context

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if REFERENCE_FIELD in row:
            row[REFERENCE_FIELD] = submission_reference(item)
        return row
