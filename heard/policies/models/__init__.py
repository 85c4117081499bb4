"""Policy models: policies and their versions, the policy forum and its minutes."""

from heard.policies.models.choices import (
    OPEN_STATUSES,
    STAGE_STEP,
    ForumStage,
    MinutesStatus,
    PolicyArea,
    VersionStatus,
)
from heard.policies.models.forums import ForumMeeting, ForumMinutes, PolicyForum
from heard.policies.models.policies import Policy, PolicyVersion

__all__ = [
    "OPEN_STATUSES",
    "STAGE_STEP",
    "ForumMeeting",
    "ForumMinutes",
    "ForumStage",
    "MinutesStatus",
    "Policy",
    "PolicyArea",
    "PolicyForum",
    "PolicyVersion",
    "VersionStatus",
]
