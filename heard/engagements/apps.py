"""Engagements, sessions, participation, invitations, calendars and the engagement checks."""

from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "heard.engagements"
    label = "engagements"
    verbose_name = _("Engagements")

    def ready(self) -> None:
        from heard.core.models import Workspace
        from heard.engagements.signals import seed_new_workspace

        # Every new workspace starts with the default HRDD step list, which it may then adjust.
        post_save.connect(seed_new_workspace, sender=Workspace, dispatch_uid="eng_seed_hrdd")
