"""Models of stakeholders' requests."""

from heard.requests.models.choices import (
    AnswerFormat,
    DataRequestKind,
    DataRequestStatus,
    RefusalGround,
    RequestStatus,
)
from heard.requests.models.data import MAX_DETAILS, MAX_NOTE, DataRequest
from heard.requests.models.deadlines import RequestSettings, settings_for
from heard.requests.models.information import (
    MAX_ANSWER,
    MAX_QUESTION,
    MAX_REASONS,
    InformationRequest,
)

__all__ = [
    "MAX_ANSWER",
    "MAX_DETAILS",
    "MAX_NOTE",
    "MAX_QUESTION",
    "MAX_REASONS",
    "AnswerFormat",
    "DataRequest",
    "DataRequestKind",
    "DataRequestStatus",
    "InformationRequest",
    "RefusalGround",
    "RequestSettings",
    "RequestStatus",
    "settings_for",
]
