"""Inputs, decisions with reasons, responses, commitments and loop closure."""

from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "heard.feedback"
    label = "feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        from heard.core.models import Workspace
        from heard.engagements.models import Engagement
        from heard.feedback import signals, timeline  # noqa: F401 - registers timeline sources

        post_save.connect(
            signals.engagement_saved, sender=Engagement, dispatch_uid="feedback_engagement_due"
        )
        post_save.connect(
            signals.workspace_saved, sender=Workspace, dispatch_uid="feedback_workspace_due"
        )
