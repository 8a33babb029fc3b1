"""The fixed vocabularies of the data, defined once: the build validates against them, the queries and the
renderers list them. Standard library only (imported by every command)."""

from __future__ import annotations

from .i18n import N_

SCHEMA_VERSION = "4"
"""Written into the database's metadata by the build; the query path refuses any other version."""

PROGRAMMES = ("pboc-regulatory-pilot", "csrc-capital-market-pilot", "pboc-application-pilot")
"""The three programme ids, in the order results list them: the PBOC sandbox first. Also the source folders."""

PROGRAMME_SHORT = {"pboc": "pboc-regulatory-pilot", "csrc": "csrc-capital-market-pilot",
                   "application": "pboc-application-pilot"}
"""The short names users type for `--programme` (completion offers them, errors suggest them), in PROGRAMMES order."""

CATEGORIES = ("financial-service", "technology-product")
"""金融服务 and 科技产品: the two kinds of innovation application a notice lists."""

STATUSES = ("in-testing", "in-service", "completed-testing", "exited")
"""Where an application is in its lifecycle, as the latest source says."""

EVENT_KINDS = ("call-for-applications", "service-launched", "completed-testing", "exited", "planned-start",
               "milestone")
"""Dated milestones of a batch or a project."""

LIFECYCLE_WORDS: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str], ...] = (
    (("testing", "in-testing", "测试中", "入盒"), ("in-testing",), (), N_("being tested in the sandbox")),
    (("launched", "live", "in-service", "service", "in-operation", "service-launched", "上线", "投入运营", "运营"),
     ("in-service",), ("service-launched",), N_("launched: in service")),
    (("completed", "completed-testing", "complete", "completed-test", "完成测试", "测试完成"),
     ("completed-testing",), ("completed-testing",), N_("completed testing")),
    (("exited", "exit", "exits", "graduated", "left", "出盒", "退出", "退出测试"),
     ("completed-testing", "exited"), ("completed-testing", "exited"),
     N_("left the sandbox: completed testing, or withdrew")),
    (("withdrawn", "terminated", "终止"), ("exited",), ("exited",), N_("withdrew or was terminated")),
)
"""The words people use for where an application is, in both languages, each group with the stored statuses and
event kinds it means (SETS: "exited" means leaving the sandbox, which the data records as completed-testing, or as
exited for a withdrawal) and what it means, for help and the README. Words are compared case- and width-folded,
spaces as hyphens; `search --status` and `events` read them alike. Stored ids are among the words."""

ENTITY_KINDS = ("bank", "technology-company", "payment-institution", "insurer", "public-body", "other")
"""An editorial classification of applicant institutions."""

NAME_EN_ORIGINS = ("official", "press", "translation")
"""Where a project's English name comes from: the applicant's or regulator's own English (official), an English
report's rendering (press, including machine translations published by a site), or this database (translation)."""

TALLY_MEASURES = ("applications", "service-launched", "completed-testing", "exited")
"""What a stated count counts: applications announced (checked against the batches), or projects that reached a
lifecycle step by the tally's date (set against the recorded events by `sandbox coverage`)."""

LIFECYCLE_KINDS = ("service-launched", "completed-testing", "exited")
"""The event kinds that are lifecycle facts of a project (a status is one too)."""

GROUP_RELATIONS = ("subsidiary", "affiliate")
"""How an institution belongs to its parent, in the cited page's terms: `subsidiary` when the page calls it the
parent's subsidiary, arm or unit (旗下, 子公司); `affiliate` when the page says only that the parent founded, backs or
holds a stake in it."""


def programme_rank(programme: str) -> int:
    """Sort key putting programmes in PROGRAMMES order (unknown ones last)."""
    return PROGRAMMES.index(programme) if programme in PROGRAMMES else len(PROGRAMMES)
