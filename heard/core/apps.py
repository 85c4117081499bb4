"""Workspaces, memberships and roles, the workspace-scoped base model, the audit log."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "heard.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from heard.core.two_factor import on_login

        user_logged_in.connect(on_login, dispatch_uid="heard.core.two_factor.on_login")
