"""Labels of other apps' choices that the report prints, marked for translation here so that
this app's catalogue translates them: a report in French, Spanish or Arabic must not list its
categories, groups and formats in English. Those apps have no catalogue of their own for these
labels yet; Django merges every app's catalogue, and one that translates a label itself takes
precedence (INSTALLED_APPS order). tests/insights/disclosure/test_languages.py checks that every
label of those choices is translated, so a new choice without translation fails there.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

LABELS = (
    # heard.engagements EngagementFormat
    gettext_noop("1:1 interview"),
    gettext_noop("Roundtable"),
    gettext_noop("Workshop"),
    gettext_noop("Advisory council meeting"),
    gettext_noop("Policy forum"),
    gettext_noop("Survey"),
    gettext_noop("UX research session"),
    gettext_noop("Multi-company consultation"),
    gettext_noop("Public comment"),
    # heard.engagements Representation
    gettext_noop("Directly (affected person)"),
    gettext_noop("Legitimate representative"),
    gettext_noop("Credible proxy"),
    gettext_noop("Expert"),
    # heard.impacts LifecycleStage
    gettext_noop("Research & design"),
    gettext_noop("Development"),
    gettext_noop("Testing"),
    gettext_noop("Launch"),
    gettext_noop("In use"),
    gettext_noop("Retirement"),
    # heard.impacts ImpactStatus
    gettext_noop("Identified"),
    gettext_noop("Assessed"),
    gettext_noop("Action planned"),
    gettext_noop("Mitigating"),
    gettext_noop("Remediated"),
    # heard.stakeholders Category
    gettext_noop("Employee"),
    gettext_noop("Contractor"),
    gettext_noop("Subcontractor worker"),
    gettext_noop("User / customer"),
    gettext_noop("Community member"),
    gettext_noop("Civil society representative"),
    gettext_noop("Expert / academic"),
    gettext_noop("Regulator / government"),
    gettext_noop("Investor"),
    gettext_noop("Person with lived experience"),
    gettext_noop("Human rights defender / journalist"),
    # heard.stakeholders Relation
    gettext_noop("Potentially affected"),
    gettext_noop("Legitimate representative of affected people"),
    gettext_noop("Other relevant stakeholder / expert"),
    # heard.stakeholders RiskGroup
    gettext_noop("Women and girls"),
    gettext_noop("Children and young people"),
    gettext_noop("Indigenous peoples"),
    gettext_noop("LGBTQI+ people"),
    gettext_noop("Persons with disabilities"),
    gettext_noop("Migrants, refugees and displaced people"),
    gettext_noop("Ethnic, religious or linguistic minorities"),
    gettext_noop("Older persons"),
    gettext_noop("People living in poverty"),
    gettext_noop("Human rights defenders"),
    gettext_noop("Journalists"),
    gettext_noop("Gig and platform workers"),
    # heard.stakeholders SafetyLevel
    gettext_noop("Elevated"),
    gettext_noop("High-risk"),
)
