"""The public pages: opt-in, what they show, tenancy, cache validators, size and queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import WorkspaceFactory
from tests.transparency.conftest import held_engagement, public_paths, publish, stakeholders_in

pytestmark = pytest.mark.django_db

MAX_PAGE_BYTES = 50 * 1024


def test_every_public_page_answers_and_is_small(workspace):
    data = publish(workspace)
    client = Client()
    for path in public_paths(data["centre"], data["objects"]):
        response = client.get(path)
        assert response.status_code == 200, path
        assert len(response.content) < MAX_PAGE_BYTES, path
        assert b"<script" not in response.content, path


def test_unpublished_centre_is_404_everywhere(workspace):
    data = publish(workspace)
    centre = data["centre"]
    centre.is_published = False
    centre.save()
    client = Client()
    for path in public_paths(centre, data["objects"]):
        assert client.get(path).status_code == 404, path


def test_workspace_without_centre_and_unknown_slug_are_404(workspace):
    client = Client()
    assert client.get(reverse("transparency:home", args=[workspace.slug])).status_code == 404
    assert client.get(reverse("transparency:home", args=["no-such-centre"])).status_code == 404


def test_one_workspace_never_shows_another(workspace):
    a = publish(workspace, tag="Alpha")
    b = publish(WorkspaceFactory(), tag="Bravo")
    client = Client()
    for path in public_paths(a["centre"], a["objects"]):
        body = client.get(path).content.decode()
        assert "Bravo" not in body, path
    # B's policy and minutes under A's address are not found.
    slug = a["centre"].public_slug
    for name, obj in (("policy_detail", b["policy"]), ("minutes_detail", b["minutes"])):
        assert client.get(reverse(f"transparency:{name}", args=[slug, obj.pk])).status_code == 404


def test_home_shows_figures_with_small_cells_suppressed(workspace):
    data = publish(workspace, people=0)
    engagement = data["engagement"]
    stakeholders_in(workspace, "KE", 7, engagement)  # Africa: shown
    stakeholders_in(workspace, "DE", 3, engagement)  # Europe: below five, pooled
    body = Client().get(reverse("transparency:home", args=[data["centre"].public_slug]))
    text = body.content.decode()
    assert "Africa" in text and ">7<" in text
    assert "Europe" not in text
    assert "fewer than 5" in text
    assert "more than 7" in text  # an exact 10 would give the hidden 3 away
    assert ">10<" not in text


def test_home_loop_share(workspace):
    from tests.factories import InputFactory

    data = publish(workspace)
    from django.utils import timezone

    for i in range(7):
        InputFactory(workspace=workspace, loop_closed_at=timezone.now() if i < 4 else None)
    # 3 inputs from the change log (open) + 7 = 10, of which 4 closed.
    text = Client().get(reverse("transparency:home", args=[data["centre"].public_slug]))
    assert "40% — 4 of 10 inputs" in text.content.decode()


def test_policy_page_shows_change_log_and_diff(workspace):
    data = publish(workspace)
    url = reverse(
        "transparency:policy_detail", args=[data["centre"].public_slug, data["policy"].pk]
    )
    text = Client().get(url).content.decode()
    assert "a person reviews every appeal" in text  # current text
    assert "we added a second" in text  # what we did
    assert "3 inputs from stakeholders considered" in text
    assert "2 adopted fully or in part, 1 not adopted" in text
    assert "<ins>" in text and "words added" in text
    older = Client().get(url + "?version=1").content.decode()
    assert "You may appeal once." in older


def test_unpublished_things_stay_out(workspace):
    from heard.policies.models import MinutesStatus
    from tests.factories import ForumMinutesFactory, PolicyFactory, PolicyForumFactory

    data = publish(workspace)
    draft = PolicyFactory(workspace=workspace, title="Secret draft policy")
    approved = ForumMinutesFactory(
        forum=PolicyForumFactory(policy=data["policy"], title="Approved not published"),
        status=MinutesStatus.APPROVED,
        redacted_text="Not yet public text",
    )
    slug = data["centre"].public_slug
    client = Client()
    bodies = "".join(
        client.get(p).content.decode() for p in public_paths(data["centre"], data["objects"])
    )
    assert "Secret draft policy" not in bodies
    assert "Internal only" not in bodies  # commitment not marked public
    assert "Approved not published" not in bodies
    assert (
        client.get(reverse("transparency:policy_detail", args=[slug, draft.pk])).status_code == 404
    )
    assert (
        client.get(reverse("transparency:minutes_detail", args=[slug, approved.pk])).status_code
        == 404
    )


def test_small_engagement_summaries_and_switched_off_summaries_are_hidden(workspace):
    data = publish(workspace, people=4)
    slug = data["centre"].public_slug
    text = Client().get(reverse("transparency:summary_list", args=[slug])).content.decode()
    assert "Participants asked for a second appeal" not in text
    data["centre"].are_summaries_public = False
    data["centre"].save()
    assert Client().get(reverse("transparency:summary_list", args=[slug])).status_code == 404


def test_etag_gives_304_until_something_changes(workspace):
    data = publish(workspace)
    url = reverse("transparency:policy_list", args=[data["centre"].public_slug])
    client = Client()
    first = client.get(url)
    etag = first["ETag"]
    assert "max-age=300" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    data["policy"].title = "Appeals policy, renamed"
    data["policy"].save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "renamed" in changed.content.decode()


def test_etag_differs_by_language(workspace):
    data = publish(workspace)
    url = reverse("transparency:home", args=[data["centre"].public_slug])
    english = Client().get(url)
    french = Client(HTTP_ACCEPT_LANGUAGE="fr").get(url)
    assert english["ETag"] != french["ETag"]


def test_public_pages_are_translated(workspace):
    data = publish(workspace)
    url = reverse("transparency:home", args=[data["centre"].public_slug])
    for language, phrase in (
        ("fr", "Concertations tenues"),
        ("es", "Compromisos"),
        ("ar", "الالتزامات"),
    ):
        text = Client(HTTP_ACCEPT_LANGUAGE=language).get(url).content.decode()
        assert phrase in text, language
    arabic = Client(HTTP_ACCEPT_LANGUAGE="ar").get(url).content.decode()
    assert 'dir="rtl"' in arabic
    # Figures are cached after the first (English) request; region names still follow the
    # visitor's language.
    assert "أمريكتان" in arabic and "Americas" not in arabic


# --- query counts: constant whatever the data size


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(ctx.captured_queries)


def grow(workspace, data, n: int) -> None:
    from tests.factories import CommitmentFactory, EngagementSummaryFactory, ParticipationFactory

    for i in range(n):
        publish_more = publish(WorkspaceFactory(), tag=f"other {i}")  # noise elsewhere
        assert publish_more["centre"].workspace_id != workspace.pk
        CommitmentFactory(workspace=workspace, is_public=True)
        engagement = held_engagement(workspace)
        for _ in range(5):
            ParticipationFactory(engagement=engagement, attended=True)
        EngagementSummaryFactory(engagement=engagement, published_at=data["summary"].published_at)


def test_public_page_queries_do_not_grow(workspace, django_assert_max_num_queries):
    from django.core.cache import cache

    data = publish(workspace)
    paths = public_paths(data["centre"], data["objects"])
    client = Client()
    small = {p: count_queries(client, p) for p in paths}
    grow(workspace, data, 6)
    cache.clear()
    for path in paths:
        with django_assert_max_num_queries(small[path]):
            assert client.get(path).status_code == 200
    # Every page stays small in absolute terms too.
    assert max(small.values()) <= 10, small
