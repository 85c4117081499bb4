"""Writes of the transparency centre: its settings and whether it is published, audited."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import User, Workspace
from heard.transparency.models import TransparencyCentre


def _plain(text: str | None) -> str:
    """NFC, Unix line ends, no control characters but newlines, trimmed."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")
    return text.strip()


def _check_contact(contact: str) -> None:
    if not contact:
        return
    try:
        if "@" in contact and not contact.startswith(("http://", "https://")):
            EmailValidator()(contact)
        else:
            URLValidator(schemes=("https", "http"))(contact)
    except ValidationError as error:
        raise DomainError(
            _("Give a team email address or a web address (https://…) for questions."),
            field="contact",
        ) from error


def _check_slug(workspace: Workspace, centre: TransparencyCentre) -> None:
    taken = TransparencyCentre.objects.filter(public_slug=centre.public_slug).exclude(
        workspace=workspace
    )
    # Another company's workspace name must not be claimable: /t/<their slug>/ is theirs.
    squatted = Workspace.objects.filter(slug=centre.public_slug).exclude(pk=workspace.pk)
    if taken.exists() or squatted.exists():
        raise DomainError(
            _("The public address “%(slug)s” is taken. Choose another.")
            % {"slug": centre.public_slug},
            field="public_slug",
        )


def centre_for(workspace: Workspace) -> TransparencyCentre:
    """The workspace's centre, or an unsaved, unpublished one with defaults."""
    centre = TransparencyCentre.objects.for_workspace(workspace).first()
    if centre is None:
        centre = TransparencyCentre(
            workspace=workspace,
            public_slug=workspace.slug,
            title=_("%(name)s transparency centre") % {"name": workspace.name},
        )
    return centre


@transaction.atomic
def save_centre(
    *,
    workspace: Workspace,
    actor: User | None,
    title: str,
    public_slug: str,
    introduction: str = "",
    contact: str = "",
    is_published: bool = False,
    are_summaries_public: bool = True,
    version: str | None = None,
) -> TransparencyCentre:
    """Create or change the centre's settings; publishing or unpublishing is recorded with
    who did it. Refused, with nothing written, if a field is invalid."""
    centre = centre_for(workspace)
    if centre.pk:
        check_version(TransparencyCentre, centre.pk, version)
        centre = TransparencyCentre.objects.select_for_update().get(pk=centre.pk)
    is_new = centre.pk is None
    before = {} if is_new else audit.snapshot(centre)
    centre.title = _plain(title)
    centre.public_slug = (public_slug or "").strip().lower()
    centre.introduction = _plain(introduction)
    centre.contact = _plain(contact)
    centre.are_summaries_public = bool(are_summaries_public)
    if not centre.title:
        raise DomainError(_("Give the centre a public title."), field="title")
    _check_contact(centre.contact)
    try:
        centre.full_clean(exclude=["workspace"], validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(str(messages[0]), field=None if field == "__all__" else field) from error
    _check_slug(workspace, centre)
    if is_published and not centre.is_published:
        centre.published_at = timezone.now()
        centre.published_by = actor if getattr(actor, "pk", None) else None
    centre.is_published = bool(is_published)
    centre.save()
    if is_new:
        audit.record_create(workspace=workspace, actor=actor, obj=centre)
    else:
        audit.record_update(workspace=workspace, actor=actor, obj=centre, before=before)
    return centre
