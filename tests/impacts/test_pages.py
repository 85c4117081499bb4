"""Initiative and impact pages through HTTP: lists, filters, forms, bad input, exports, roles."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from heard.core.models import AuditAction, AuditEntry, Role
from heard.impacts import services
from heard.impacts.models import EngagementPlan, Impact, ImpactAction, Initiative
from tests.conftest import member_client
from tests.factories import StakeholderFactory

pytestmark = pytest.mark.django_db


def url(workspace, name, *args, **params):
    base = reverse(f"impacts:{name}", args=[workspace.slug, *args])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def impact_post(**overrides):
    data = {
        "title": "Wrongful account bans",
        "description": "Automated moderation removes activists' accounts.",
        "kind": "potential",
        "involvement": "cause",
        "rights": ["iccpr-19", "iccpr-22"],
        "affected_groups": "Activists in election periods",
        "risk_groups": ["hrd"],
        "scale": "4",
        "scope": "3",
        "irremediability": "3",
        "likelihood": "4",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- initiatives


def test_initiative_list_filters_sorts_and_searches(workspace, owner_client, make_initiative):
    make_initiative("Smart reply", kind="ai_system", stage="testing", owning_team="Messaging")
    make_initiative("Kenya launch", kind="market_entry", stage="launch", owning_team="Growth")
    page = owner_client.get(url(workspace, "initiative_list"))
    assert page.status_code == 200
    assert "Smart reply" in page.text and "Kenya launch" in page.text
    for params, shown, hidden in [
        ({"kind": "market_entry"}, "Kenya launch", "Smart reply"),
        ({"stage": "testing"}, "Smart reply", "Kenya launch"),
        ({"team": "Growth"}, "Kenya launch", "Smart reply"),
        ({"q": "kenya"}, "Kenya launch", "Smart reply"),
    ]:
        text = owner_client.get(url(workspace, "initiative_list", **params)).text
        assert shown in text and hidden not in text, params
    text = owner_client.get(url(workspace, "initiative_list", sort="-name")).text
    assert text.index("Smart reply") < text.index("Kenya launch")
    bad = owner_client.get(url(workspace, "initiative_list", stage="orbit"))
    assert bad.status_code == 200 and "Ignored the filter" in bad.text


def test_create_initiative_through_the_form(workspace, owner_client):
    response = owner_client.post(
        url(workspace, "initiative_create"),
        {
            "name": "Teen safety mode",
            "kind": "feature",
            "owning_team": "Youth",
            "stage": "development",
        },
    )
    initiative = Initiative.objects.get(name="Teen safety mode")
    assert response.status_code == 302 and response["Location"] == initiative.get_absolute_url()
    assert initiative.stage_changes.get().to_stage == "development"
    page = owner_client.get(initiative.get_absolute_url())
    assert "Teen safety mode" in page.text and "Stage history" in page.text


def test_stage_change_and_plan_through_the_pages(workspace, owner_client, make_initiative):
    initiative = make_initiative()
    response = owner_client.post(
        url(workspace, "initiative_stage", initiative.pk), {"stage": "launch", "note": "Go"}
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.stage == "launch"
    person = StakeholderFactory(workspace=workspace, pseudonym="K7Q2")
    plan_url = url(workspace, "initiative_plan", initiative.pk, stage="in_use")
    assert owner_client.get(plan_url).status_code == 200
    response = owner_client.post(
        plan_url,
        {
            "stage": "in_use",
            "categories": ["lived_experience"],
            "risk_groups": ["children"],
            "stakeholders": "k7q2",
            "timing": "before_launch",
            "cleared_to_share": "The age-assurance flow",
        },
    )
    assert response.status_code == 302, response.text
    plan = EngagementPlan.objects.get(initiative=initiative, stage="in_use")
    assert list(plan.stakeholders.all()) == [person]
    page = owner_client.get(initiative.get_absolute_url()).text
    assert "The age-assurance flow" in page and "Go" in page


def test_plan_form_rejects_unknown_codes_and_missing_dates(
    workspace, owner_client, make_initiative
):
    initiative = make_initiative()
    plan_url = url(workspace, "initiative_plan", initiative.pk, stage="testing")
    response = owner_client.post(
        plan_url, {"stage": "testing", "stakeholders": "ZZZZ", "timing": "on_date"}
    )
    assert response.status_code == 400
    assert "ZZZZ" in response.text and "Give the target date" in response.text
    assert not EngagementPlan.objects.exists()
    assert (
        owner_client.get(url(workspace, "initiative_plan", initiative.pk, stage="x")).status_code
        == 404
    )


# --- impacts


def test_impact_list_ranks_by_salience_and_filters(
    workspace, owner_client, make_impact, make_initiative
):
    initiative = make_initiative()
    make_impact("Low", scale=1, scope=1, irremediability=1, likelihood=1, rights=["udhr-24"])
    make_impact(
        "High",
        kind="actual",
        involvement="cause",
        scale=5,
        scope=4,
        irremediability=5,
        rights=["iccpr-17"],
        risk_groups=["hrd"],
        initiatives=[initiative],
    )
    text = owner_client.get(url(workspace, "impact_list")).text
    assert text.index(">High<") < text.index(">Low<")
    for params, shown, hidden in [
        ({"kind": "actual"}, ">High<", ">Low<"),
        ({"involvement": "contribute"}, ">Low<", ">High<"),
        ({"status": "identified"}, ">High<", ">nothing<"),
        ({"right": "iccpr-17"}, ">High<", ">Low<"),
        ({"risk_group": "hrd"}, ">High<", ">Low<"),
        ({"initiative": initiative.pk}, ">High<", ">Low<"),
        ({"min_severity": 50}, ">High<", ">Low<"),
        ({"scale": 1}, ">Low<", ">High<"),
        ({"likelihood": 1}, ">Low<", ">High<"),
        ({"actions": "none"}, ">Low<", ">nothing<"),
        ({"q": "privacy"}, ">High<", ">Low<"),  # matches the right's name
    ]:
        text = owner_client.get(url(workspace, "impact_list", **params)).text
        assert shown in text and hidden not in text, params
    text = owner_client.get(url(workspace, "impact_list", sort="salience")).text
    assert text.index(">Low<") < text.index(">High<")


def test_impact_list_paginates(workspace, owner_client, make_impact):
    for i in range(27):
        make_impact(f"Impact {i:02}")
    first = owner_client.get(url(workspace, "impact_list", sort="title")).text
    second = owner_client.get(url(workspace, "impact_list", sort="title", page=2)).text
    assert "Impact 00" in first and "Impact 26" not in first
    assert "Impact 26" in second and "Page 2 of 2" in second


def test_register_impact_through_the_form(workspace, owner_client, make_initiative):
    initiative = make_initiative()
    form = owner_client.get(url(workspace, "impact_create", initiative=initiative.pk))
    assert "Irreversible" in form.text  # the guidance for each level is in the form
    response = owner_client.post(
        url(workspace, "impact_create"), impact_post(initiatives=[initiative.pk])
    )
    impact = Impact.objects.get()
    assert response.status_code == 302 and response["Location"] == impact.get_absolute_url()
    assert (impact.severity, impact.salience) == (36, 144)
    page = owner_client.get(impact.get_absolute_url()).text
    assert "4 × 3 × 3 = 36" in page and "36 × 4 = 144" in page
    assert "How it was computed" in page and "Freedom of association" in page


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"scale": "7"}, "Choose a score from 1 to 5"),
        ({"kind": "actual"}, "Likelihood applies only to potential impacts"),
        ({"rights": ["iccpr-19", "udhr-99"]}, "udhr-99"),
        ({"rights": None}, "This field is required"),
    ],
)
def test_bad_impact_form_input_is_named_and_writes_nothing(
    workspace, owner_client, overrides, field_error
):
    response = owner_client.post(url(workspace, "impact_create"), impact_post(**overrides))
    assert response.status_code == 400
    assert field_error in response.text
    assert not Impact.objects.exists()
    assert not AuditEntry.objects.filter(workspace=workspace).exists()


def test_edit_impact_recomputes(workspace, owner_client, make_impact):
    impact = make_impact()
    edit = owner_client.get(url(workspace, "impact_edit", impact.pk))
    assert edit.status_code == 200 and 'value="iccpr-19" selected' in edit.text
    response = owner_client.post(
        url(workspace, "impact_edit", impact.pk),
        impact_post(kind="actual", likelihood=None, scale="5", scope="5", irremediability="5"),
    )
    assert response.status_code == 302
    impact.refresh_from_db()
    assert (impact.severity, impact.salience, impact.likelihood) == (125, 625, None)


def test_status_and_actions_through_the_pages(workspace, owner_client, make_impact):
    impact = make_impact()
    owner_client.post(url(workspace, "impact_status", impact.pk), {"status": "assessed"})
    impact.refresh_from_db()
    assert impact.status == "assessed"
    skipped = owner_client.post(
        url(workspace, "impact_status", impact.pk), {"status": "remediated"}, follow=True
    )
    assert "Select a valid choice" in skipped.text
    impact.refresh_from_db()
    assert impact.status == "assessed"
    response = owner_client.post(
        url(workspace, "action_create", impact.pk),
        {
            "description": "Human review of bans",
            "owner": owner_client.user.pk,
            "due_on": "2020-01-01",
        },
    )
    assert response.status_code == 302
    action = ImpactAction.objects.get()
    assert action.owner == owner_client.user
    page = owner_client.get(impact.get_absolute_url()).text
    assert "Human review of bans" in page and "Overdue" in page
    response = owner_client.post(
        url(workspace, "action_edit", action.pk),
        {"description": "Human review of bans", "owner": "", "is_done": "on"},
    )
    action.refresh_from_db()
    assert action.is_done and action.owner is None
    empty = owner_client.post(url(workspace, "action_create", impact.pk), {"description": ""})
    assert empty.status_code == 400 and ImpactAction.objects.count() == 1


def test_history_pages_show_the_audit(workspace, owner_client, make_impact, make_initiative):
    impact = make_impact()
    initiative = make_initiative()
    for name, pk in (("impact_history", impact.pk), ("initiative_history", initiative.pk)):
        page = owner_client.get(url(workspace, name, pk))
        assert page.status_code == 200 and "History of" in page.text


def test_archive_hides_from_the_list_and_restore_brings_back(workspace, owner_client, make_impact):
    impact = make_impact("Gone soon")
    owner_client.post(url(workspace, "impact_archive", impact.pk))
    assert "Gone soon" not in owner_client.get(url(workspace, "impact_list")).text
    assert "Gone soon" in owner_client.get(url(workspace, "impact_list", archived="archived")).text
    owner_client.post(url(workspace, "impact_restore", impact.pk))
    assert "Gone soon" in owner_client.get(url(workspace, "impact_list")).text


# --- exports


def test_impact_exports_are_neutralised_and_audited(workspace, owner_client, make_impact):
    make_impact('=HYPERLINK("http://evil")', rights=["udhr-19"])
    make_impact("Other", kind="actual", rights=["udhr-23"])
    response = owner_client.get(url(workspace, "impact_export", format="csv", right="udhr-19"))
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][1] == '\'=HYPERLINK("http://evil")'
    assert rows[0][rows[0].index("Right codes")] == "Right codes"
    assert rows[1][rows[0].index("Right codes")] == "udhr-19"
    response = owner_client.get(url(workspace, "impact_export", format="xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
    assert len(list(sheet.iter_rows(values_only=True))) == 3
    exports = AuditEntry.objects.filter(workspace=workspace, action=AuditAction.EXPORT)
    assert exports.count() == 2


def test_initiative_export(workspace, owner_client, make_initiative):
    make_initiative("+SUM(1)")
    response = owner_client.get(url(workspace, "initiative_export", format="csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][1] == "'+SUM(1)"


# --- roles


@pytest.mark.parametrize(
    ("role", "can_read", "can_write", "can_export"),
    [
        (Role.VIEWER, True, False, False),
        (Role.CONTRIBUTOR, True, False, False),
        (Role.AUDITOR, True, False, True),
        (Role.EDITOR, True, True, True),
    ],
)
def test_roles(workspace, make_impact, role, can_read, can_write, can_export):
    impact = make_impact()
    client = member_client(workspace, role)
    assert (client.get(url(workspace, "impact_list")).status_code == 200) == can_read
    assert (client.get(impact.get_absolute_url()).status_code == 200) == can_read
    created = client.post(url(workspace, "impact_create"), impact_post())
    assert (created.status_code == 302) == can_write
    assert (created.status_code == 403) == (not can_write)
    exported = client.get(url(workspace, "impact_export", format="csv"))
    assert (exported.status_code == 200) == can_export
    services.archive(workspace=workspace, actor=None, obj=impact)


def test_htmx_requests_get_only_the_results(workspace, owner_client, make_impact):
    make_impact("Swapped in")
    response = owner_client.get(
        url(workspace, "impact_list", kind="potential"),
        headers={"HX-Request": "true", "HX-Target": "results"},
    )
    assert "Swapped in" in response.text and "<html" not in response.text
    assert 'hx-swap-oob="true"' in response.text


def test_plan_archive_hides_it_and_saving_brings_it_back(workspace, owner_client, make_initiative):
    initiative = make_initiative()
    plan = services.save_plan(
        workspace=workspace,
        actor=None,
        initiative=initiative,
        stage="launch",
        cleared_to_share="Pricing",
    )
    owner_client.post(url(workspace, "plan_archive", plan.pk))
    assert "Pricing" not in owner_client.get(initiative.get_absolute_url()).text
    owner_client.post(
        url(workspace, "initiative_plan", initiative.pk, stage="launch"),
        {"stage": "launch", "timing": "during_stage", "cleared_to_share": "Pricing v2"},
    )
    plan.refresh_from_db()
    assert plan.archived_at is None and plan.cleared_to_share == "Pricing v2"
    assert "Pricing v2" in owner_client.get(initiative.get_absolute_url()).text


def test_action_list_filters_and_exports(workspace, owner_client, make_impact):
    impact = make_impact("Doxxing")
    owner = owner_client.user
    late = services.create_action(
        workspace=workspace,
        actor=None,
        impact=impact,
        description="Late review",
        owner=owner,
        due_on="2020-01-01",
    )
    services.create_action(
        workspace=workspace, actor=None, impact=impact, description="Unowned plan"
    )
    done = services.create_action(
        workspace=workspace, actor=None, impact=impact, description="Finished audit"
    )
    services.update_action(workspace=workspace, actor=None, action=done, is_done=True)
    page = owner_client.get(url(workspace, "action_list"))
    assert page.status_code == 200
    assert page.text.index("Late review") < page.text.index("Finished audit")  # open first
    for params, shown, hidden in [
        ({"state": "overdue"}, "Late review", "Unowned plan"),
        ({"state": "done"}, "Finished audit", "Late review"),
        ({"state": "open"}, "Unowned plan", "Finished audit"),
        ({"owner": owner.pk}, "Late review", "Unowned plan"),
        ({"owner": "none"}, "Unowned plan", "Late review"),
        ({"q": "audit"}, "Finished audit", "Late review"),
        ({"impact_status": "mitigating"}, ">nothing<", "Late review"),
    ]:
        text = owner_client.get(url(workspace, "action_list", **params)).text
        assert shown in text or shown == ">nothing<"
        assert hidden not in text, params
    response = owner_client.get(url(workspace, "action_export", format="csv", state="overdue"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [r[1] for r in rows[1:]] == [late.description]
