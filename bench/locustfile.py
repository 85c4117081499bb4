"""Locust users for bench/load.py: record inputs, decide on them, browse — through the API.

Every input text carries the run's marker and a serial number, and each acknowledged recording
(a 201) is written to LOAD_ACK_FILE, so bench/load.py can compare what the server acknowledged
with what the database holds (0 lost writes)."""

from __future__ import annotations

import itertools
import os
import random
import threading

from locust import HttpUser, between, events, task

TOKEN = os.environ["LOAD_TOKEN"]
MARKER = os.environ["LOAD_MARKER"]
ENGAGEMENTS = [int(x) for x in os.environ["LOAD_ENGAGEMENTS"].split(",")]
ACK_FILE = os.environ["LOAD_ACK_FILE"]
_serial = itertools.count(1)
_lock = threading.Lock()
_acks: list[str] = []

OUTCOMES = [
    {"outcome": "adopted"},
    {
        "outcome": "not_adopted",
        "rationale": "Conflicts with a legal obligation in the market.",
        "risk_management": "The risk is covered by the appeal process.",
    },
    {
        "outcome": "deferred",
        "rationale": "Needs the next design review.",
        "risk_management": "Tracked on the impact register.",
    },
]


@events.quitting.add_listener
def _write_acks(environment, **kwargs):
    with open(ACK_FILE, "w") as handle:
        handle.write("\n".join(_acks))


class Member(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self):
        self.client.headers["Authorization"] = f"Bearer {TOKEN}"
        self.mine: list[int] = []

    @task(4)
    def record_input(self):
        text = f"{MARKER} #{next(_serial)}: interpretation was missing in the session."
        payload = {
            "text": text,
            "kind": random.choice(["concern", "recommendation", "question"]),
            "engagement": random.choice(ENGAGEMENTS),
            "is_anonymous": True,
            "source": "session",
            "language": "en",
        }
        with self.client.post(
            "/api/v1/inputs", json=payload, name="POST /api/v1/inputs", catch_response=True
        ) as response:
            if response.status_code == 201:
                with _lock:
                    _acks.append(text)
                self.mine.append(response.json()["id"])
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(2)
    def decide(self):
        if not self.mine:
            return
        pk = self.mine.pop(0)
        self.client.post(
            f"/api/v1/inputs/{pk}/decide",
            json=random.choice(OUTCOMES),
            name="POST /api/v1/inputs/{id}/decide",
        )

    @task(4)
    def browse_inputs(self):
        self.client.get("/api/v1/inputs?limit=50", name="GET /api/v1/inputs")

    @task(2)
    def browse_open_loops(self):
        self.client.get("/api/v1/inputs?loop=open&limit=25", name="GET /api/v1/inputs?loop=open")

    @task(2)
    def browse_stakeholders(self):
        self.client.get("/api/v1/stakeholders?limit=50", name="GET /api/v1/stakeholders")

    @task(1)
    def read_engagement(self):
        self.client.get(
            f"/api/v1/engagements/{random.choice(ENGAGEMENTS)}", name="GET /api/v1/engagements/{id}"
        )
