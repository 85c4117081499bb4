"""Optimistic concurrency: the second writer of a record gets a conflict, never a silent overwrite.

An edit page hands out the record's *version* (from `updated_at`) in a hidden field; the save
re-reads the row, locked, inside the writing transaction and refuses when the version moved on.
Services take `version: str | None = None` and call `check_version` first thing in their
atomic block, so pages, the API and the CLI share one rule (`None`: internal callers, no check).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

VERSION_FIELD = "edit_version"  # not "version": some forms have a field of that name
# The version an editor saw of a record that did not exist yet (a summary written on first save).
NEW_VERSION = "new"
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def version_of(obj: models.Model | None, fields: Iterable[str] | None = None) -> str:
    """The version token of `obj`: its `updated_at` in microseconds, or, for models without
    one (the workspace itself), a short hash of the values of `fields` (default: all);
    NEW_VERSION for no record yet."""
    if obj is None or obj.pk is None:
        return NEW_VERSION
    updated_at = getattr(obj, "updated_at", None)
    if updated_at is not None:
        return str((updated_at - EPOCH) // datetime.timedelta(microseconds=1))
    names = list(fields) if fields is not None else [f.name for f in obj._meta.concrete_fields]
    values = "\x1f".join(f"{name}={getattr(obj, _attname(obj, name), '')!r}" for name in names)
    return hashlib.sha256(values.encode()).hexdigest()[:16]


def _attname(obj: models.Model, name: str) -> str:
    try:
        return obj._meta.get_field(name).attname
    except FieldDoesNotExist:  # a form-only name: read it as an attribute
        return name


class EditConflict(Exception):
    """Someone saved the record after the editor loaded it: carries the row as saved now."""

    def __init__(self, current: models.Model, version: str):
        super().__init__(_("This record was changed by someone else while you were editing."))
        self.current = current
        self.version = version


def check_version(
    model_or_qs: type[models.Model] | models.QuerySet,
    obj_pk,
    submitted_version: str | None,
    *,
    fields: Iterable[str] | None = None,
) -> models.Model | None:
    """Lock and re-read row `obj_pk`; raise EditConflict when its version is not the submitted
    one. Call inside the writing `transaction.atomic()`. `None` skips the check (returns None).
    """
    if submitted_version is None:
        return None
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("check_version must run inside the writing transaction")
    queryset = model_or_qs if isinstance(model_or_qs, models.QuerySet) else model_or_qs.objects
    current = (
        queryset.select_related(None).prefetch_related(None).select_for_update().get(pk=obj_pk)
    )
    version = version_of(current, fields)
    if str(submitted_version).strip() != version:
        raise EditConflict(current, version)
    return current


# --- forms and views


def submitted_version(data) -> str | None:
    """The version a form posted, or None when it posted none (an internal caller)."""
    value = (data.get(VERSION_FIELD) or "").strip()
    return value or None


@dataclass(frozen=True)
class FieldDifference:
    """One field on which the saved record and the editor's submission disagree."""

    label: str
    theirs: str
    yours: str


def _display(field: forms.Field, value) -> str:
    """A field value as a reader sees it: choice labels, names of related rows, yes/no."""
    if value in (None, "", [], ()):
        return "—"
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value not in (False, "false", "False", "0", "off") else _("No")
    values = value if isinstance(value, list | tuple) else [value]
    values = [v.pk if isinstance(v, models.Model) else v for v in values]
    if isinstance(field, forms.ModelChoiceField):
        key = field.to_field_name or "pk"
        rows = field.queryset.filter(**{f"{key}__in": [str(v) for v in values]})
        return ", ".join(field.label_from_instance(row) for row in rows) or "—"
    if getattr(field, "choices", None) is not None:
        labels = {}
        for key, label in field.choices:
            if isinstance(label, list | tuple):  # optgroup
                labels.update({str(k): v for k, v in label})
            else:
                labels[str(key)] = label
        return ", ".join(str(labels.get(str(v), v)) for v in values)
    if hasattr(value, "name") and hasattr(value, "code"):  # a django-countries Country
        return str(value.name)
    return ", ".join(str(v) for v in values)


def differences(form: forms.Form, theirs: dict) -> list[FieldDifference]:
    """Field by field, where the saved values (`theirs`, as form initial data) differ from
    what `form` (bound to the editor's submission) holds."""
    found = []
    for name, field in form.fields.items():
        if name == VERSION_FIELD or name not in theirs or field.disabled:
            continue
        if isinstance(field.widget, forms.HiddenInput):
            continue
        saved = theirs[name]
        posted = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        try:
            changed = field.has_changed(saved, posted)
        except Exception:  # a value the field cannot compare: show it rather than hide it
            changed = str(saved) != str(posted)
        if changed:
            found.append(
                FieldDifference(
                    label=str(field.label or name.replace("_", " ").capitalize()),
                    theirs=_display(field, saved),
                    yours=_display(field, posted),
                )
            )
    return found


def last_editor(obj: models.Model) -> str:
    """Who last wrote `obj`, from the audit log ('' when unknown)."""
    from heard.core.models import AuditEntry

    entry = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        .order_by("-sequence")
        .only("actor_label")
        .first()
    )
    return entry.actor_label if entry else ""


class ConflictMixin:
    """An edit page with optimistic concurrency.

    Put it first among the bases. The template includes "core/_conflict.html" inside its
    <form> (the hidden version field and, after a conflict, both versions). The page's save
    passes `version=self.submitted_version()` to the service; an EditConflict escaping the
    page's handler becomes a 409 that keeps the editor's input (`conflict_form()`) beside the
    saved values and carries the new version, so a second submit overwrites knowingly.
    """

    # Fields hashed into the version of models without `updated_at` (None: all).
    version_fields: tuple[str, ...] | None = None

    def versioned_object(self) -> models.Model:
        """The record this page edits."""
        return self._object

    def conflict_initial(self, current: models.Model, form: forms.Form) -> dict:
        """The saved record as form initial data: by default the page's own unbound form
        (`self.form()`) built for `current`; override when the page builds it otherwise."""
        if not hasattr(self, "form"):
            return model_to_dict(current)
        editing = getattr(self, "_object", None)
        self._object = current
        try:
            unbound = self.form()
        finally:
            self._object = editing
        return {name: unbound[name].initial for name in unbound.fields}

    def submitted_version(self) -> str | None:
        """The version the editor's form carried (None if it carried none)."""
        return submitted_version(self.request.POST)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "edit_version" not in context:
            context["edit_version"] = version_of(self.versioned_object(), self.version_fields)
        return context

    def conflict_form(self) -> forms.Form:
        """The editor's submission as a bound form (views without a `form(data)` method
        override this)."""
        return self.form(self.request.POST)

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except EditConflict as conflict:
            return self.conflict_response(self.conflict_form(), conflict)

    def conflict_context(self, form: forms.Form, conflict: EditConflict) -> dict:
        """What "core/_conflict.html" shows: both versions, who saved, the new version."""
        return {
            "edit_version": conflict.version,
            "conflict": conflict,
            "conflict_differences": differences(
                form, self.conflict_initial(conflict.current, form)
            ),
            "conflict_editor": last_editor(conflict.current),
            "conflict_at": getattr(conflict.current, "updated_at", None),
        }

    def conflict_response(self, form: forms.Form, conflict: EditConflict, **context):
        """Re-render the page (409): the editor's input kept, both versions side by side."""
        context.update(form=form, **self.conflict_context(form, conflict))
        return self.render_to_response(self.get_context_data(**context), status=409)
