"""Every write on stakeholders' requests: validated, atomic, audited."""

from heard.requests.services.common import PORTAL_ACTOR
from heard.requests.services.data import (
    ask_about_data,
    complete_data_request,
    decline_data_request,
)
from heard.requests.services.information import (
    answer_request,
    ask_for_information,
    refuse_request,
    withdraw_request,
)
from heard.requests.services.settings import update_request_settings

__all__ = [
    "PORTAL_ACTOR",
    "answer_request",
    "ask_about_data",
    "ask_for_information",
    "complete_data_request",
    "decline_data_request",
    "refuse_request",
    "update_request_settings",
    "withdraw_request",
]
