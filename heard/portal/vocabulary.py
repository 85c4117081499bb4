"""Labels of other apps that portal pages show, marked here so the portal's own catalogue
translates them into every portal language (the project catalogue has no Arabic yet)."""

from django.utils.translation import gettext_noop

PORTAL_LABELS = (
    # engagement status
    gettext_noop("Planned"),
    gettext_noop("Invitations sent"),
    gettext_noop("Held"),
    gettext_noop("Debriefed"),
    gettext_noop("Loop closed"),
    # attribution rule
    gettext_noop("Chatham House rule"),
    gettext_noop("Attributed with consent"),
    gettext_noop("Anonymous"),
    # decision outcome
    gettext_noop("Adopted"),
    gettext_noop("Partly adopted"),
    gettext_noop("Not adopted"),
    gettext_noop("Deferred"),
    gettext_noop("Referred to a team"),
    gettext_noop("Out of scope"),
    # input kind
    gettext_noop("Concern"),
    gettext_noop("Recommendation"),
    gettext_noop("Question"),
    gettext_noop("Evidence"),
    gettext_noop("Lived experience"),
    gettext_noop("Grievance"),
    # consent purpose
    gettext_noop("Being contacted"),
    gettext_noop("Taking part in engagements"),
    gettext_noop("Processing of personal data"),
    gettext_noop("Being named as the source of input"),
    gettext_noop("Recording of sessions"),
    # response channel
    gettext_noop("Email"),
    gettext_noop("Portal"),
    gettext_noop("Call"),
    gettext_noop("Meeting"),
    # commitment status
    gettext_noop("In progress"),
    gettext_noop("Done"),
    gettext_noop("Dropped"),
    # language names in the switcher come from Django (name_local)
    gettext_noop("English"),
    gettext_noop("French"),
    gettext_noop("Spanish"),
    gettext_noop("Arabic"),
)
