"""The fast select widgets render exactly what Django's own do."""

import re

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _lazy

from heard.core.widgets import FastSelect, FastSelectMultiple, speed_up_selects


class Sample(forms.Form):
    single = forms.ChoiceField(
        choices=[("", "Any"), ("a", "Ä & <b>"), ("Group", [("g1", "One"), ("g2", "Two")])]
    )
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", 'Y "quoted"')])
    other = forms.CharField()


@pytest.mark.parametrize(
    "data", [{}, {"single": "a", "many": ["y"]}, {"single": "g2", "many": ["x", "y"]}]
)
def test_fast_selects_render_the_same_markup_as_django(data):
    plain = Sample(data)
    fast = Sample(data)
    fast.fields["single"].widget.attrs["aria-describedby"] = "hint"
    plain.fields["single"].widget.attrs["aria-describedby"] = "hint"
    speed_up_selects(fast)

    assert type(fast.fields["single"].widget) is FastSelect
    assert type(fast.fields["many"].widget) is FastSelectMultiple
    assert type(fast.fields["other"].widget) is forms.TextInput
    for name in ("single", "many"):
        assert str(fast[name]) == re.sub(r">\s+<", "><", str(plain[name]))


def test_choices_set_after_the_swap_reach_the_fast_widget():
    form = Sample()
    speed_up_selects(form)
    form.fields["single"].choices = [("z", "Zed")]
    assert '<option value="z">Zed</option>' in str(form["single"])


class Awkward(forms.Form):
    """Lazy labels, integer and empty values, an already-safe label, a repeated value."""

    pick = forms.TypedChoiceField(
        coerce=int,
        choices=[
            (None, _lazy("Nobody")),
            (1, _lazy("Owner & co")),
            (2, mark_safe("<em>safe</em>")),
            (2, "Twice"),
        ],
    )


@pytest.mark.parametrize("data", [{}, {"pick": "1"}, {"pick": "2"}])
def test_awkward_choices_render_like_django(data):
    plain, fast = Awkward(data), Awkward(data)
    speed_up_selects(fast)
    assert str(fast["pick"]) == re.sub(r">\s+<", "><", str(plain["pick"]))
