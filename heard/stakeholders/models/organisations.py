"""Organisations stakeholders belong to or speak for."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from heard.core.models import WorkspaceScopedModel
from heard.stakeholders.models.choices import OrganisationType


class Organisation(WorkspaceScopedModel):
    """A CSO, academic institution, community group, union, regulator, investor, …"""

    name = models.CharField(
        verbose_name=_("name"),
        max_length=200,
    )
    type = models.CharField(
        verbose_name=_("type"),
        max_length=30,
        choices=OrganisationType.choices,
        default=OrganisationType.CIVIL_SOCIETY,
    )
    country = CountryField(
        verbose_name=_("country"),
        blank=True,
    )
    # Derived from the country (heard.core.countries) so lists can filter on an index.
    region = models.CharField(
        verbose_name=_("region"),
        max_length=40,
        blank=True,
        editable=False,
    )
    is_global_majority = models.BooleanField(
        verbose_name=_("Global Majority"),
        null=True,
        editable=False,
    )
    website = models.URLField(
        verbose_name=_("website"),
        blank=True,
    )
    description = models.TextField(
        verbose_name=_("description"),
        blank=True,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    last_engaged_on = models.DateField(
        verbose_name=_("last engaged on"),
        null=True,
        blank=True,
        editable=False,
    )
    search_text = models.TextField(
        verbose_name=_("search text"),
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("name",)
        indexes = [
            models.Index(fields=("workspace", "archived_at", "name"), name="org_ws_name_idx"),
            # Lists sort by name case-insensitively: an index on the same expression lets the
            # database read the first page in order instead of sorting the whole workspace.
            models.Index("workspace", "archived_at", Lower("name"), "id", name="org_ws_lname_idx"),
            models.Index(fields=("workspace", "type"), name="org_ws_type_idx"),
            models.Index(fields=("workspace", "country"), name="org_ws_country_idx"),
            models.Index(fields=("workspace", "region"), name="org_ws_region_idx"),
            models.Index(fields=("workspace", "is_global_majority"), name="org_ws_gm_idx"),
            models.Index(fields=("workspace", "last_engaged_on"), name="org_ws_engaged_idx"),
        ]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("stakeholders:organisation_detail", args=[self.workspace.slug, self.pk])

    def __str__(self) -> str:
        return self.name
