"""Forms of the import steps."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.imports.mapping import IGNORE, targets_for
from heard.imports.models import ImportKind, MatchMode


class UploadForm(forms.Form):
    """Step 1: what the file holds, and the file."""

    kind = forms.ChoiceField(
        label=_("The file holds"),
        choices=ImportKind.choices,
        initial=ImportKind.STAKEHOLDERS,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (comma, semicolon, tab or pipe separated; UTF-8, UTF-16 or Windows-1252) "
            "or Excel workbook (.xlsx). The first row names the columns."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,.xlsx"}),
    )


class MappingForm(forms.Form):
    """Step 2: a target for each column, and optionally a name to save the mapping under."""

    save_as = forms.CharField(
        label=_("Save this mapping as"),
        max_length=100,
        required=False,
        help_text=_("Optional: a name to reuse it for the next file from the same source."),
    )

    def __init__(self, *args, job, initial_mapping: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job
        choices = [(IGNORE, _("— do not import —"))] + [
            (t.key, f"{t.label} *" if t.required else t.label) for t in targets_for(job.kind)
        ]
        self.columns = []
        for index, header in enumerate(job.headers):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header,
                choices=choices,
                required=False,
                initial=initial_mapping.get(header, IGNORE),
            )
            self.columns.append((header, name))
        self.order_fields([name for _, name in self.columns] + ["save_as"])

    def mapping(self) -> dict[str, str]:
        """{header: target} from the cleaned data."""
        return {header: self.cleaned_data.get(name) or IGNORE for header, name in self.columns}

    def column_fields(self):
        """(header, bound field, example value) for the template's table."""
        example = self.job.summary.get("example", [])
        return [
            (header, self[name], example[index] if index < len(example) else "")
            for index, (header, name) in enumerate(self.columns)
        ]


class ApplyForm(forms.Form):
    """Step 3: what to do with rows that match existing records."""

    match_mode = forms.ChoiceField(
        label=_("Rows that match an existing record"),
        choices=MatchMode.choices,
        initial=MatchMode.SKIP,
        widget=forms.RadioSelect,
    )
