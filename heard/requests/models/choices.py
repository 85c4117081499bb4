"""The vocabularies of stakeholders' requests."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    """Where an information request stands."""

    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AnswerFormat(models.TextChoices):
    """How the stakeholder wants the information, and how it was given (CSDDD: "in an
    appropriate and comprehensible format")."""

    WRITTEN = "written", _("Written summary")
    DOCUMENT = "document", _("Document")
    MEETING = "meeting", _("Meeting or call")
    OTHER = "other", _("Other")


class RefusalGround(models.TextChoices):
    """Why information was withheld; CSDDD art. 13(2) allows confidential business information
    to be kept back, with the reasons given in writing."""

    CONFIDENTIAL = "confidential", _("Confidential business information")
    PERSONAL_DATA = "personal_data", _("Personal data of others")
    DISPROPORTIONATE = "disproportionate", _("Disproportionate effort")
    OTHER = "other", _("Other")


class DataRequestKind(models.TextChoices):
    """What a stakeholder asks to be done with their own data."""

    EXPORT = "export", _("Export of my data")
    ERASURE = "erasure", _("Erasure of my data")
    CORRECTION = "correction", _("Correction of my data")


class DataRequestStatus(models.TextChoices):
    """Where a data request stands."""

    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")
