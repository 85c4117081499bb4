"""Export and erasure through the services: complete, anonymous but kept, chain intact."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from heard.core.audit import verify_chain
from heard.core.errors import DomainError
from heard.core.models import AuditAction, AuditEntry
from heard.feedback.models import Decision, Input, Response
from heard.privacy import services
from heard.privacy.models import Erasure
from heard.stakeholders.models import Stakeholder
from tests.privacy.conftest import EMAIL, NAME, PHONE

pytestmark = pytest.mark.django_db


# --- export


def test_every_relation_to_stakeholders_is_exported_or_excluded_with_a_reason():
    """A new model pointing at Stakeholder fails here until the export says what to do."""
    for relation in Stakeholder._meta.related_objects:
        accessor = relation.get_accessor_name()
        reason = services.EXCLUDED_RELATIONS.get(accessor, "")
        assert accessor in services.EXPORTED_RELATIONS or reason.strip(), (
            f"{relation.related_model._meta.label}.{relation.field.name} points at Stakeholder "
            "but heard/privacy/services/export.py neither exports it nor says why not"
        )


def _at(data: dict, path: str):
    for key in path.split("."):
        data = data[key]
    return data


def test_export_holds_every_kind_of_record(workspace, person):
    data = services.stakeholder_export(workspace, person.stakeholder)
    json.dumps(data)  # JSON-ready as it is
    for relation in Stakeholder._meta.related_objects:
        key = services.EXPORTED_RELATIONS.get(relation.get_accessor_name())
        if key is None or key in ("merged_records", "erasure"):
            continue  # nothing merged into this person; not erased
        assert _at(data, key), f"the export's {key} is empty"
    who = data["stakeholder"]
    assert (who["name"], who["email"], who["phone"]) == (NAME, EMAIL, PHONE)  # decrypted
    assert "email_index" not in who
    assert who["organisation"]["name"] == "Digital Rights Watch"
    assert who["topics"] == ["Content moderation"] and who["tags"] == ["Advisory pool"]
    first = next(i for i in data["inputs"] if i["id"] == person.inputs[0].pk)
    assert [d["outcome"] for d in first["decisions"]] == ["deferred", "adopted"]
    assert first["response_ids"] == [person.response.pk]
    assert [c["id"] for c in data["commitments"]] == [person.commitment.pk]
    assert data["concerns"][0]["events"][0]["message"].startswith("Hello")
    assert "key" not in data["portal_access"]
    assert any(e["action"] == "create" for e in data["audit"])


def test_export_refuses_another_workspaces_stakeholder(other_workspace, person):
    with pytest.raises(ValueError):
        services.stakeholder_export(other_workspace, person.stakeholder)


# --- erasure


def _erase(workspace, person, actor=None, **kwargs):
    return services.erase_stakeholder(
        workspace=workspace,
        actor=actor,
        stakeholder=person.stakeholder,
        reason=kwargs.pop("reason", "request"),
        **kwargs,
    )


def test_erasure_keeps_what_was_said_as_anonymous_input_with_its_decisions(workspace, person):
    erasure = _erase(workspace, person)
    assert isinstance(erasure, Erasure) and erasure.inputs_count == 2
    inputs = Input.objects.filter(pk__in=[i.pk for i in person.inputs])
    assert inputs.count() == 2
    assert all(i.stakeholder_id is None and i.is_anonymous for i in inputs)
    first = inputs.get(pk=person.inputs[0].pk)
    label = services.erased_label(person.stakeholder)
    assert first.text == f"I am {label}: appeals need a human reviewer."
    assert Decision.objects.filter(input=first).count() == 2
    assert Decision.objects.get(input=first, version=1).rationale == (
        f"Budget review first. {label} agreed."
    )
    response = Response.objects.get(pk=person.response.pk)
    assert response.stakeholder_id is None and set(response.inputs.all()) == set(inputs)
    assert response.body.startswith(f"Dear {label},")
    assert first.commitments.get() == person.commitment


def test_erasure_removes_the_identity_and_keeps_the_pseudonymous_row(workspace, person):
    _erase(workspace, person)
    who = Stakeholder.objects.get(pk=person.stakeholder.pk)
    assert who.name == services.erased_label(who) == f"Erased person {who.pseudonym}"
    assert (who.email, who.phone, who.messaging_handle, who.notes) == ("", "", "", "")
    assert who.organisation_id is None and who.role_at_organisation == ""
    assert who.archived_at is not None and not who.tags.exists()
    assert who.participations.count() == 1  # attendance still counts
    assert not who.consents.valid().exists()
    assert who.portal_access.links_revoked_at is not None
    assert who.concerns.count() == 0 and who.data_requests.count() == 1


def test_erasure_is_audited_without_the_name_and_the_chain_still_verifies(workspace, person):
    assert verify_chain() == []
    _erase(workspace, person)
    assert verify_chain() == []
    call_command("audit", "verify")  # the command passes too (raises on a broken chain)
    entry = AuditEntry.objects.filter(workspace=workspace, action=AuditAction.ERASE).get()
    assert entry.changes["inputs_kept_anonymous"] == 2
    assert entry.changes["redacted_sequences"]
    for old in AuditEntry.objects.filter(workspace=workspace):
        text = json.dumps([old.object_repr, old.actor_label, old.changes], ensure_ascii=False)
        assert NAME not in text and EMAIL not in text and "Quillfeather" not in text


def test_a_redacted_entry_edited_again_is_still_caught(workspace, person):
    _erase(workspace, person)
    entry = AuditEntry.objects.filter(workspace=workspace, redacted_at__isnull=False).first()
    AuditEntry.objects.filter(pk=entry.pk).update(object_repr="forged")
    # Still listed by the erasure, so a changed label is allowed there: but not elsewhere.
    other = AuditEntry.objects.filter(workspace=workspace, redacted_at__isnull=True).first()
    AuditEntry.objects.filter(pk=other.pk).update(object_repr="forged")
    problems = verify_chain()
    assert [p.sequence for p in problems] == [other.sequence]


def test_redaction_claimed_without_an_erasure_entry_is_caught(workspace, person):
    entry = AuditEntry.objects.filter(workspace=workspace).first()
    AuditEntry.objects.filter(pk=entry.pk).update(
        object_repr="nothing to see", redacted_at=entry.at
    )
    assert [p.reason for p in verify_chain()] == ["content edited"]


def test_erasure_leaves_other_people_alone(workspace, person, bystander):
    _erase(workspace, person)
    bystander.refresh_from_db()
    assert bystander.name == "Bartholomew Inkwright" and bystander.archived_at is None


def test_erasure_takes_merged_duplicates_with_it(workspace, person):
    from tests.factories import StakeholderFactory

    duplicate = StakeholderFactory(
        workspace=workspace, name="Z. Quillfeather", merged_into=person.stakeholder
    )
    with pytest.raises(DomainError):
        services.erase_stakeholder(
            workspace=workspace, actor=None, stakeholder=duplicate, reason="request"
        )
    _erase(workspace, person)
    duplicate.refresh_from_db()
    assert duplicate.name == services.erased_label(duplicate)


def test_erasing_twice_or_across_workspaces_is_refused(workspace, other_workspace, person):
    with pytest.raises(DomainError):
        services.erase_stakeholder(
            workspace=other_workspace, actor=None, stakeholder=person.stakeholder, reason="request"
        )
    with pytest.raises(DomainError) as error:
        _erase(workspace, person, reason="because")
    assert error.value.field == "reason"
    _erase(workspace, person)
    with pytest.raises(DomainError):
        _erase(workspace, person)
    assert Erasure.objects.count() == 1


def test_erasure_marks_the_data_request_done_and_keeps_it(
    workspace, person, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        erasure = _erase(workspace, person, data_request=person.data_request)
    person.data_request.refresh_from_db()
    assert person.data_request.status == "done" and erasure.data_request == person.data_request
    assert person.data_request.stakeholder_id == person.stakeholder.pk
    assert EMAIL not in person.data_request.details
    assert [m.to for m in mailoutbox] == [[EMAIL]]  # told once, before the address went


def test_export_after_erasure_holds_no_identity(workspace, person):
    _erase(workspace, person)
    person.stakeholder.refresh_from_db()
    data = json.dumps(services.stakeholder_export(workspace, person.stakeholder))
    assert NAME not in data and EMAIL not in data
    assert json.loads(data)["erasure"]["reason"] == "request"


def test_only_the_persons_words_go_not_the_staffs_or_the_domain(workspace):
    from tests.factories import UserFactory
    from tests.privacy.conftest import make_person

    staff = UserFactory(email="sam.reviewer@example.org")
    person = make_person(workspace, staff)
    _erase(workspace, person)
    labels = set(
        AuditEntry.objects.filter(workspace=workspace).values_list("actor_label", flat=True)
    )
    assert staff.email in labels and not any("Erased person" in label for label in labels)
    organisation = person.stakeholder.organisation  # kept on its own: not the person
    organisation.refresh_from_db()
    assert organisation.name == "Digital Rights Watch"
