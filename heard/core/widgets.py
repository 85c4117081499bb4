"""Widgets that render in Python instead of one template per option.

Django's `Select` renders every `<option>` through the template engine: a country filter
(250 options) costs several milliseconds per page. These produce the same HTML directly.
"""

from __future__ import annotations

from html import escape

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _text(value) -> str:
    """`conditional_escape` without its lazy-string wrapper: this runs for every option."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def _attrs(attrs: dict) -> str:
    """Attributes in order, as django/forms/widgets/attrs.html writes them."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


def _option_html(option: dict) -> str:
    attrs = _attrs(option["attrs"]) if option["attrs"] else ""
    return f'<option value="{_text(option["value"])}"{attrs}>{_text(option["label"])}</option>'


def _options_html(optgroups) -> str:
    parts: list[str] = []
    for group_name, options, _index in optgroups:
        rendered = "".join(_option_html(option) for option in options)
        if group_name:
            parts.append(
                f'<optgroup label="{conditional_escape(group_name)}">{rendered}</optgroup>'
            )
        else:
            parts.append(rendered)
    return "".join(parts)


class FastSelect(forms.Select):
    """`forms.Select` with the same markup, rendered without the template engine."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        attrs_html = f' name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}'
        return mark_safe(f"<select{attrs_html}>{_options_html(widget['optgroups'])}</select>")


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    """`forms.SelectMultiple`, rendered like FastSelect."""


def speed_up_selects(form: forms.BaseForm) -> None:
    """Swap the form's plain Select widgets for their fast twins (same attributes)."""
    for field in form.fields.values():
        widget = field.widget
        if type(widget) is forms.Select:
            fast = FastSelect(attrs=widget.attrs, choices=widget.choices)
        elif type(widget) is forms.SelectMultiple:
            fast = FastSelectMultiple(attrs=widget.attrs, choices=widget.choices)
        else:
            continue
        fast.is_required = widget.is_required
        field.widget = fast
