"""The one consent gate: whether Heard may email a stakeholder now.

Every email to a stakeholder asks here (invitations, responses, commitment progress, portal
links, answers to their requests and concerns). The rule:

- messages the company starts (invitations and their changes, responses, commitment
  progress, portal links) need a valid consent to be contacted: given, not expired, not
  withdrawn;
- replies to something the person started themselves (their concern, their request for
  information or about their data) go unless they withdrew consent to be contacted: asking
  is the basis for the answer, and the law obliges the answer (GDPR art. 12(3), CSDDD
  art. 13(2)); a withdrawal still wins, and the portal shows the answer instead.

An erased person has no address and withdrawn consents, so nothing reaches them either way.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from heard.stakeholders.models import Consent, ConsentPurpose, Stakeholder


def valid_contact_consents() -> QuerySet[Consent]:
    """Consents to be contacted that hold now: filter them by stakeholder (or OuterRef)."""
    return Consent.objects.valid().filter(purpose=ConsentPurpose.CONTACT)


def has_contact_consent(stakeholder: Stakeholder) -> bool:
    """Whether `stakeholder` holds a valid consent to be contacted, now."""
    return valid_contact_consents().filter(stakeholder=stakeholder).exists()


def has_withdrawn_contact(stakeholder: Stakeholder) -> bool:
    """Whether the person withdrew consent to be contacted and holds no valid one since."""
    withdrawn = Consent.objects.filter(
        stakeholder=stakeholder, purpose=ConsentPurpose.CONTACT, withdrawn_at__isnull=False
    )
    return withdrawn.exists() and not has_contact_consent(stakeholder)


def contact_refusal(stakeholder: Stakeholder | None, *, replying: bool = False) -> str | None:
    """Why `stakeholder` may not be emailed now, or None when they may. `replying`: the
    message answers something the person started (see the module's rule)."""
    if stakeholder is None or not stakeholder.email:
        return _("No email address on record.")
    if has_contact_consent(stakeholder):
        return None
    if has_withdrawn_contact(stakeholder):
        return _("Consent to be contacted was withdrawn.")
    if replying:
        return None
    return _("No valid consent to be contacted (none recorded, or expired).")


def may_email(stakeholder: Stakeholder | None, *, replying: bool = False) -> bool:
    """Whether an email to `stakeholder` may go now."""
    return contact_refusal(stakeholder, replying=replying) is None
