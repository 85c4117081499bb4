"""Where a policy forum stands: the seed's three steps as a checklist, derived from the
forum's meetings (held or not, observers or not), its minutes and its glossary.

Nothing here is stored: the list page builds it from annotations, the forum page from the
meetings themselves, through the same `build_checklist`, so both always agree."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from heard.policies.models import ForumStage, MinutesStatus

MINUTES_ORDER = [s.value for s in MinutesStatus]

# key, step, label, the forum stage whose meeting it is about (if any)
ITEMS = (
    (
        "pre_consultation",
        1,
        _("Pre-consultation meetings held with external stakeholders"),
        ForumStage.PRE_CONSULTATION,
    ),
    ("briefing", 2, _("Observers briefed before the internal meeting"), ForumStage.BRIEFING),
    (
        "internal_meeting",
        2,
        _("Internal policy meeting held with external observers"),
        ForumStage.INTERNAL_MEETING,
    ),
    ("debrief", 2, _("Observers debriefed after the internal meeting"), ForumStage.DEBRIEF),
    ("minutes_recorded", 2, _("Minutes recorded"), None),
    ("minutes_redacted", 2, _("Minutes redacted of attribution"), None),
    ("minutes_approved", 2, _("Minutes approved by a second person"), None),
    ("minutes_published", 2, _("Minutes published to the transparency centre"), None),
    ("glossary", 3, _("Glossary of legal and technical terms prepared"), None),
    (
        "post_engagement",
        3,
        _("Post-engagement meeting held to review concepts and debrief"),
        ForumStage.POST_ENGAGEMENT,
    ),
)
STEP_NAMES = {
    1: _("Step 1 · Pre-consultation"),
    2: _("Step 2 · Internal meeting and minutes"),
    3: _("Step 3 · Post-engagement review"),
}


@dataclass
class ChecklistItem:
    """One thing a forum needs done."""

    key: str
    step: int
    label: str
    stage: str | None
    is_done: bool
    owner: object = None
    detail: str = ""
    done_at: object = None


@dataclass
class Checklist:
    """Every item, how many are done and what comes next."""

    items: list[ChecklistItem] = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.is_done)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def is_complete(self) -> bool:
        return self.done_count == self.total

    @property
    def next_item(self) -> ChecklistItem | None:
        return next((item for item in self.items if not item.is_done), None)

    @property
    def current_step(self) -> int | None:
        item = self.next_item
        return item.step if item else None

    @property
    def step_name(self) -> str:
        step = self.current_step
        return str(STEP_NAMES[step]) if step else str(_("Complete"))

    def steps(self) -> list[tuple[int, str, list[ChecklistItem]]]:
        """The items grouped by step, for the forum page."""
        return [
            (n, STEP_NAMES[n], [item for item in self.items if item.step == n]) for n in (1, 2, 3)
        ]


def _minutes_at_least(status: str | None, wanted: str) -> bool:
    return bool(status) and MINUTES_ORDER.index(status) >= MINUTES_ORDER.index(wanted)


def flags_from_row(forum) -> dict[str, bool]:
    """Done flags from the annotations of `queries.forums()`."""
    status = forum.minutes_status
    return {
        "pre_consultation": forum.pre_held,
        "briefing": forum.briefing_held,
        "internal_meeting": forum.internal_held,
        "debrief": forum.debrief_held,
        "minutes_recorded": status is not None,
        "minutes_redacted": _minutes_at_least(status, MinutesStatus.REDACTED),
        "minutes_approved": _minutes_at_least(status, MinutesStatus.APPROVED),
        "minutes_published": status == MinutesStatus.PUBLISHED,
        "glossary": bool(forum.glossary) or forum.post_glossary,
        "post_engagement": forum.post_held,
    }


def build_checklist(forum, flags: dict[str, bool], extra: dict | None = None) -> Checklist:
    """The checklist from done flags; `extra` adds owner, detail and dates per key."""
    extra = extra or {}
    items = []
    for key, step, label, stage in ITEMS:
        more = extra.get(key, {})
        items.append(
            ChecklistItem(
                key=key,
                step=step,
                label=str(label),
                stage=stage,
                is_done=bool(flags.get(key)),
                owner=more.get("owner") or forum.owner,
                detail=more.get("detail", ""),
                done_at=more.get("done_at"),
            )
        )
    return Checklist(items)


def _meeting_facts(meetings, stage: str, held: tuple) -> dict:
    mine = [m for m in meetings if m.stage == stage]
    done = [m for m in mine if m.engagement.status in held]
    if stage == ForumStage.INTERNAL_MEETING:
        done = [m for m in done if m.observer_count]
    facts: dict = {"is_done": bool(done)}
    if mine:
        lead = next((m.engagement.owner for m in mine if m.engagement.owner_id), None)
        facts["owner"] = lead
        facts["detail"] = str(
            _("%(held)d of %(total)d meeting(s) held · %(people)d people on the lists")
            % {
                "held": sum(1 for m in mine if m.engagement.status in held),
                "total": len(mine),
                "people": sum(m.participant_count for m in mine),
            }
        )
        if stage == ForumStage.INTERNAL_MEETING and not any(m.observer_count for m in mine):
            facts["detail"] += " · " + str(_("no external observer on the list yet"))
        facts["done_at"] = max(
            (m.engagement.held_at for m in done if m.engagement.held_at), default=None
        )
    else:
        facts["detail"] = str(_("No meeting planned yet."))
    return facts


def checklist_for(forum, meetings, minutes, held: tuple) -> Checklist:
    """The full checklist of one forum, with owners, details and dates."""
    flags: dict[str, bool] = {}
    extra: dict[str, dict] = {}
    for key, _step, _label, stage in ITEMS:
        if stage is not None:
            facts = _meeting_facts(meetings, stage, held)
            flags[key] = facts.pop("is_done")
            extra[key] = facts
    status = minutes.status if minutes else None
    flags["minutes_recorded"] = minutes is not None
    flags["minutes_redacted"] = _minutes_at_least(status, MinutesStatus.REDACTED)
    flags["minutes_approved"] = _minutes_at_least(status, MinutesStatus.APPROVED)
    flags["minutes_published"] = status == MinutesStatus.PUBLISHED
    if minutes is not None:
        extra["minutes_recorded"] = {"owner": minutes.recorded_by, "done_at": minutes.recorded_at}
        extra["minutes_redacted"] = {"owner": minutes.redacted_by, "done_at": minutes.redacted_at}
        extra["minutes_approved"] = {
            "owner": minutes.approved_by,
            "done_at": minutes.approved_at,
            "detail": ""
            if minutes.approved_by_id
            else str(_("Someone other than who recorded or redacted them, or a manager.")),
        }
        extra["minutes_published"] = {
            "owner": minutes.published_by,
            "done_at": minutes.published_at,
        }
    post = [m for m in meetings if m.stage == ForumStage.POST_ENGAGEMENT]
    terms = len(forum.glossary or []) + sum(len(m.engagement.glossary or []) for m in post)
    flags["glossary"] = terms > 0
    extra["glossary"] = {
        "detail": str(_("%(n)d term(s) explained") % {"n": terms}) if terms else ""
    }
    return build_checklist(forum, flags, extra)
